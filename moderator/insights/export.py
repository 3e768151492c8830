"""The views' rows as CSV, JSON or a plain-text table, for the command line and for export.

All three take rows as the views return them (``Row`` subclasses) and use ``to_json_dict()``, so the
values are the same everywhere: timestamps as ISO-8601 UTC, enums as their value. In CSV and in the
table, a list becomes its items joined with spaces and a nested row (a topic reference) its
``community_name:topic_id``.
"""

from __future__ import annotations

import csv
import dataclasses
import json
from collections.abc import Sequence
from typing import Any, TextIO

import orjson

from moderator.insights.base import Row

Column = str | tuple[str, str]  # a field name, or (field name, header)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        if "topic_id" in value:
            return f"{value.get('community_name', '')}:{value['topic_id']}"
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return " ".join(_cell(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def to_json(rows: Sequence[Row], *, indent: int | None = 2) -> str:
    """A JSON array of the rows' ``to_json_dict()``.

    Indented by two (the command line's output) it is written by orjson, in C: the same text as the
    standard library's ``indent=2, ensure_ascii=False``, a tenth of the time over tens of thousands
    of rows."""
    if indent == 2:
        return to_json_bytes(rows).decode()
    return json.dumps([r.to_json_dict() for r in rows], ensure_ascii=False, indent=indent)


def to_json_bytes(rows: Sequence[Row]) -> bytes:
    """``to_json(rows)`` as UTF-8 bytes, as a file or a pipe takes them (no text copy of tens of
    megabytes in between)."""
    listed = list(rows)  # rows made as they are read (silent members) are made once
    if listed and all(_native(type(r)) for r in listed):
        # orjson writes these rows itself, as to_json_dict() would: fields in order, enums as their
        # value, UTC times as "…Z" (the views' times are all UTC), nested rows and tuples alike.
        return orjson.dumps(listed, option=_NATIVE)
    return orjson.dumps([r.to_json_dict() for r in listed], option=orjson.OPT_INDENT_2)


_NATIVE = orjson.OPT_INDENT_2 | orjson.OPT_UTC_Z | orjson.OPT_NAIVE_UTC


_NATIVE_CLASSES: dict[type, bool] = {}


def _native(cls: type) -> bool:
    """Whether orjson alone writes rows of ``cls`` as ``to_json_dict()`` does: no float field
    (to_json_dict rounds floats), nothing untyped or free-form."""
    native = _NATIVE_CLASSES.get(cls)
    if native is None:
        kinds = [str(field.type) for field in dataclasses.fields(cls)]  # type: ignore[arg-type]
        native = _NATIVE_CLASSES[cls] = not any(w in k for k in kinds for w in ("float", "Any", "dict"))
    return native


def to_csv(rows: Sequence[Row], file: TextIO, columns: Sequence[Column] | None = None) -> None:
    """Write the rows as CSV with a header line: every field, or the given ``columns``."""
    dicts = [r.to_json_dict() for r in rows]
    fields = _fields(rows, columns)
    writer = csv.writer(file, lineterminator="\n")
    writer.writerow([header for _, header in fields])
    for d in dicts:
        writer.writerow([_cell(d.get(name)) for name, _ in fields])


def to_table(rows: Sequence[Row], columns: Sequence[Column] | None = None, *, max_width: int = 60) -> str:
    """An aligned plain-text table: a header, a rule, one line a row; long cells cut with "…"."""
    fields = _fields(rows, columns)
    cells = [[header for _, header in fields]]
    for r in rows:
        d = r.to_json_dict()
        cells.append([_clip(_cell(d.get(name)), max_width) for name, _ in fields])
    widths = [max(len(line[i]) for line in cells) for i in range(len(fields))]
    lines = []
    for n, line in enumerate(cells):
        lines.append("  ".join(v.ljust(w) for v, w in zip(line, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines) + "\n"


def _clip(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _fields(rows: Sequence[Row], columns: Sequence[Column] | None) -> list[tuple[str, str]]:
    if columns is None:
        columns = list(rows[0].to_json_dict()) if rows else []
    return [(c, c) if isinstance(c, str) else c for c in columns]
