"""Complete a .ts file with the messages pyside6-lupdate's Python parser misses; run by build.sh after lupdate.

Checked with PySide6 6.11.3, lupdate does not see (or mis-files) these, all of them used in ui/ and moderator/:

* ``self.tr(...)`` inside an f-string (``f"<p>{self.tr('Quote')}</p>"``);
* module helpers such as ``def _tr(text, n=-1): return QCoreApplication.translate("outbox", text, None, n)``
  and their calls ``_tr("Sent")``, ``_tr("%n min", n)``;
* contexts held in a constant: ``QT_TRANSLATE_NOOP(TR_CONTEXT, ...)``, ``translate(rem.TR_CONTEXT, ...)``;
* plurals through ``translate(context, source, None, n)``: extracted without ``numerus``, or dropped
  altogether when ``n`` is an attribute (``post.like_count``);
* ``self.window.tr(...)``: filed under a context named "self.window", while at runtime PySide uses the class
  of the window (see RECEIVER_CONTEXTS).

This script reads the sources with ``ast``, adds what is missing (or turns it into a plural message), and
takes the translations back from the copy of the .ts made before lupdate ran (lupdate's ``-no-obsolete``
drops the messages it did not find, translations included). It writes the file the way lupdate does.

    python ts_extras.py --previous OLD.ts [--plural-only] TS SOURCE...
"""

from __future__ import annotations

import argparse
import ast
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

# ``<receiver>.tr(...)`` with a receiver other than ``self``: the class PySide will take the context from.
RECEIVER_CONTEXTS = {"self.window": "MainWindow"}
TRANSLATE_NAMES = {"translate", "QT_TRANSLATE_NOOP", "QT_TRANSLATE_NOOP3", "QT_TRANSLATE_N_NOOP"}


@dataclass(frozen=True)
class Found:
    context: str
    source: str
    numerus: bool
    where: str


def _literal(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _dotted(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        base = _dotted(node.value)
        return f"{base}.{node.attr}" if base else None
    return None


def _constants(trees: dict[str, ast.Module]) -> dict[str, str]:
    """Module-level ``NAME = "text"`` of every file, by name (``rem.TR_CONTEXT`` resolves through its last part)."""
    found: dict[str, set[str]] = {}
    for tree in trees.values():
        for node in tree.body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                value = _literal(node.value)
                if value is not None:
                    found.setdefault(node.targets[0].id, set()).add(value)
    return {name: values.pop() for name, values in found.items() if len(values) == 1}


def scan(paths: list[Path]) -> tuple[list[Found], list[str]]:
    trees = {str(p): ast.parse(p.read_text(encoding="utf-8"), str(p)) for p in paths}
    constants = _constants(trees)
    found: list[Found] = []
    warnings: list[str] = []

    def context_of(node: ast.AST, where: str) -> str | None:
        text = _literal(node)
        if text is not None:
            return text
        name = _dotted(node)
        if name and name.split(".")[-1] in constants:
            return constants[name.split(".")[-1]]
        return None

    for path, tree in trees.items():
        # Helpers that hand one of their parameters to translate() as the source, directly or through
        # another helper: name -> (context, positions of those parameters, position of the n parameter).
        helpers: dict[str, tuple[str, frozenset[int], int | None]] = {}
        functions = [fn for fn in ast.walk(tree) if isinstance(fn, ast.FunctionDef) and fn.args.args]
        changed = True
        while changed:
            changed = False
            for fn in functions:
                params = [a.arg for a in fn.args.args]
                context, positions, n_position = None, set(), None
                for call in ast.walk(fn):
                    if not isinstance(call, ast.Call):
                        continue
                    name = _dotted(call.func) or ""
                    if name.split(".")[-1] == "translate" and len(call.args) >= 2:
                        pairs = [(call.args[1], call.args[3] if len(call.args) >= 4 else None)]
                        target = context_of(call.args[0], path)
                    elif name in helpers and name != fn.name:
                        target, sources, n_at = helpers[name]
                        pairs = [
                            (call.args[i], call.args[n_at] if n_at is not None and len(call.args) > n_at else None)
                            for i in sources
                            if i < len(call.args)
                        ]
                    else:
                        continue
                    for source, n in pairs:
                        if target is not None and isinstance(source, ast.Name) and source.id in params:
                            context = target
                            positions.add(params.index(source.id))
                            if isinstance(n, ast.Name) and n.id in params:
                                n_position = params.index(n.id)
                if context is not None:
                    entry = (context, frozenset(positions), n_position)
                    if helpers.get(fn.name) != entry:
                        helpers[fn.name] = entry
                        changed = True

        def visit(node: ast.AST, cls: str | None) -> None:
            for child in ast.iter_child_nodes(node):
                inner = child.name if isinstance(child, ast.ClassDef) else cls
                if isinstance(child, ast.Call):
                    check(child, cls)
                visit(child, inner)

        def check(call: ast.Call, cls: str | None) -> None:
            name = _dotted(call.func) or ""
            last = name.split(".")[-1]
            args = call.args
            keywords = {k.arg for k in call.keywords}
            where = f"{path}:{call.lineno}"
            if last == "tr" and "." in name and args and _literal(args[0]) is not None:
                receiver = name.rsplit(".", 1)[0]
                context = cls if receiver == "self" else RECEIVER_CONTEXTS.get(receiver)
                if context is None:
                    warnings.append(f"{where}: {receiver}.tr(): unknown context, add it to RECEIVER_CONTEXTS")
                    return
                found.append(Found(context, _literal(args[0]), len(args) >= 3 or "n" in keywords, where))
            elif last in TRANSLATE_NAMES and len(args) >= 2 and _literal(args[1]) is not None:
                context = context_of(args[0], where)
                if context is None:
                    warnings.append(f"{where}: context {ast.unparse(args[0])} not resolved")
                    return
                numerus = last == "QT_TRANSLATE_N_NOOP" or (last == "translate" and (len(args) >= 4 or "n" in keywords))
                found.append(Found(context, _literal(args[1]), numerus, where))
            elif name in helpers:
                context, positions, n_position = helpers[name]
                numerus = n_position is not None and (len(args) > n_position or "n" in keywords)
                for i in sorted(positions):
                    if i < len(args) and _literal(args[i]) is not None:
                        found.append(Found(context, _literal(args[i]), numerus, where))

        visit(tree, None)
    return found, warnings


# --- the .ts file -------------------------------------------------------------------------------------------


def _esc(text: str | None) -> str:
    return (
        (text or "")
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _attrs(element: ET.Element) -> str:
    return "".join(f' {k}="{_esc(v)}"' for k, v in element.attrib.items())


def write_ts(root: ET.Element, path: Path) -> None:
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", f"<TS{_attrs(root)}>"]
    for context in root.findall("context"):
        out.append("<context>")
        out.append(f"    <name>{_esc(context.findtext('name'))}</name>")
        for message in context.findall("message"):
            out.append(f"    <message{_attrs(message)}>")
            for child in message:
                if child.tag == "translation" and message.get("numerus") == "yes":
                    out.append(f"        <translation{_attrs(child)}>")
                    out.extend(f"            <numerusform>{_esc(f.text)}</numerusform>" for f in child)
                    out.append("        </translation>")
                else:
                    out.append(f"        <{child.tag}{_attrs(child)}>{_esc(child.text)}</{child.tag}>")
            out.append("    </message>")
        out.append("</context>")
    out.append("</TS>")
    path.write_text("\n".join(out) + "\n", encoding="utf-8")


def _messages(root: ET.Element) -> dict[tuple[str, str], ET.Element]:
    return {
        (context.findtext("name") or "", message.findtext("source") or ""): message
        for context in root.findall("context")
        for message in context.findall("message")
    }


def _translation(numerus: bool, forms: int, previous: ET.Element | None) -> ET.Element:
    """A translation element, from the previous message when there is one (a single text fills every form)."""
    element = ET.Element("translation")
    old = previous.find("translation") if previous is not None else None
    if old is not None and old.get("type") in ("vanished", "obsolete"):
        old.set("type", "unfinished")
    if numerus:
        if old is not None and len(old):
            texts = [f.text or "" for f in old][:forms]
            texts += [texts[-1]] * (forms - len(texts))
        else:
            texts = [(old.text or "").strip() if old is not None else ""] * forms
        for text in texts:
            ET.SubElement(element, "numerusform").text = text
        same_kind = previous is not None and previous.get("numerus") == "yes"
        done = same_kind and old is not None and old.get("type") is None and all(texts)
    else:
        if old is not None and len(old):
            element.text = old[-1].text or ""
        else:
            element.text = old.text if old is not None else ""
        done = previous is not None and previous.get("numerus") != "yes" and old is not None and old.get("type") is None
    if not done:
        element.set("type", "unfinished")
    return element


def complete(ts: Path, previous: Path | None, sources: list[Path], plural_only: bool) -> int:
    root = ET.parse(ts).getroot()
    before = _messages(ET.parse(previous).getroot()) if previous and previous.exists() else {}
    forms = max((len(m.find("translation")) for m in _messages(root).values() if m.get("numerus") == "yes"), default=2)
    forms = max(forms, 2)
    found, warnings = scan(sources)
    for warning in warnings:
        print(f"ts_extras: {warning}", file=sys.stderr)

    # Contexts named after a receiver ("self.window"): their messages live under the receiver's class.
    renamed: dict[tuple[str, str], ET.Element] = {}
    for context in list(root.findall("context")):
        name = context.findtext("name") or ""
        if not name.isidentifier():
            for message in context.findall("message"):
                renamed[(RECEIVER_CONTEXTS.get(name, name), message.findtext("source") or "")] = message
            root.remove(context)

    contexts = {c.findtext("name"): c for c in root.findall("context")}
    current = _messages(root)
    added = plural = 0
    done: set[tuple[str, str]] = set()
    for item in found:
        key = (item.context, item.source)
        if key in done or (plural_only and not item.numerus):
            continue
        done.add(key)
        message = current.get(key)
        if message is not None and (message.get("numerus") == "yes") == item.numerus:
            continue
        old = before.get(key) or renamed.get(key)
        if old is not None and (old.get("numerus") == "yes") != item.numerus and message is not None:
            old = message  # the previous file has it in the other kind too: convert what lupdate kept
        new = ET.Element("message", {"numerus": "yes"} if item.numerus else {})
        ET.SubElement(new, "source").text = item.source
        if old is not None:
            for child in old:
                if child.tag not in ("source", "translation", "location", "numerusform"):
                    new.append(child)
        new.append(_translation(item.numerus, forms, old))
        if message is not None:
            parent = contexts[item.context]
            parent.insert(list(parent).index(message), new)
            parent.remove(message)
            plural += 1
        else:
            if item.context not in contexts:
                context = ET.SubElement(root, "context")
                ET.SubElement(context, "name").text = item.context
                contexts[item.context] = context
            contexts[item.context].append(new)
            added += 1
    ordered = sorted(root.findall("context"), key=lambda c: c.findtext("name") or "")
    for context in ordered:
        root.remove(context)
        root.append(context)
    write_ts(root, ts)
    print(f"ts_extras: {ts.name}: {added} message(s) added, {plural} made plural (what lupdate missed)")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--previous", type=Path, help="the .ts as it was before lupdate ran")
    parser.add_argument("--plural-only", action="store_true", help="only plural messages (like lupdate -pluralonly)")
    parser.add_argument("ts", type=Path)
    parser.add_argument("sources", type=Path, nargs="+")
    args = parser.parse_args(argv)
    return complete(args.ts, args.previous, args.sources, args.plural_only)


if __name__ == "__main__":
    sys.exit(main())
