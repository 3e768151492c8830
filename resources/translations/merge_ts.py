#!/usr/bin/env python3
"""A git merge driver for Qt Linguist ``.ts`` files: the union of both sides' messages.

Two branches that each add translated messages conflict line by line in the XML although they never
disagree. This driver keeps every message of both sides; where both sides translate the same source,
the finished translation wins, and ours wins between two finished ones. Registered by
``.gitattributes`` (``*.ts merge=qt-ts``) and, once per clone::

    git config merge.qt-ts.driver "python3 resources/translations/merge_ts.py %O %A %B"

Run ``resources/translations/build.sh`` after a merge to refresh the compiled ``.qm`` files.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def _key(message: ET.Element) -> tuple[str, str, str]:
    return (
        message.findtext("source") or "",
        message.findtext("comment") or "",
        message.get("numerus", ""),
    )


def _finished(message: ET.Element) -> bool:
    translation = message.find("translation")
    if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
        return False
    return bool((translation.text or "").strip()) or len(translation) > 0


def merge(ours: ET.ElementTree, theirs: ET.ElementTree) -> ET.ElementTree:
    root = ours.getroot()
    contexts = {ctx.findtext("name"): ctx for ctx in root.findall("context")}
    for their_ctx in theirs.getroot().findall("context"):
        name = their_ctx.findtext("name")
        our_ctx = contexts.get(name)
        if our_ctx is None:
            root.append(their_ctx)
            contexts[name] = their_ctx
            continue
        ours_by_key = {_key(m): m for m in our_ctx.findall("message")}
        for message in their_ctx.findall("message"):
            mine = ours_by_key.get(_key(message))
            if mine is None:
                our_ctx.append(message)
            elif not _finished(mine) and _finished(message):
                index = list(our_ctx).index(mine)
                our_ctx.remove(mine)
                our_ctx.insert(index, message)
    return ours


def main(argv: list[str]) -> int:
    _base, ours_path, theirs_path = argv[1:4]
    merged = merge(ET.parse(ours_path), ET.parse(theirs_path))
    ET.indent(merged, space="    ")
    # lupdate's layout: contexts at the margin, one level of four spaces below each.
    lines = ET.tostring(merged.getroot(), encoding="unicode").splitlines()
    body = "\n".join(line[4:] if line.startswith("    ") else line for line in lines)
    with open(ours_path, "w", encoding="utf-8") as out:
        out.write('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + body + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
