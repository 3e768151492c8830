"""Sentences for the user that the core writes and the front ends translate.

The core never imports Qt, yet what it says to the user (a server that cannot be reached, a missing
keyring) must reach a French user in French. So an error keeps its English *template* and its
*parameters* apart: ``message`` is the English text (the CLI, the log), and the GUI translates the
template (context ``errors``, marked with ``QT_TRANSLATE_NOOP`` so the .ts tools find it) before
filling in the parameters (``ui/error_words.py``).

A *tail* is a second sentence that only holds in some places: "Your local copy is intact" is true
after a sync failed, not while adding a community that has no copy yet.
"""

from __future__ import annotations

from typing import Any

CONTEXT = "errors"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name the .ts tools look for
    return text


LOCAL_COPY_INTACT = QT_TRANSLATE_NOOP(
    "errors", "Your local copy is intact; sync again when the connection is back."
)


class Translatable:
    """Mixed into an exception: ``template``/``params``/``tail`` for translation, ``message`` in English."""

    template: str | None = None
    params: dict[str, Any]
    tail: str | None = None
    message: str

    def _compose(self, template: str, params: dict[str, Any], tail: str | None) -> str:
        self.template, self.params, self.tail = template, dict(params), tail
        return fill(template, params) + (f" {fill(tail, params)}" if tail else "")


def fill(template: str, params: dict[str, Any]) -> str:
    """``template`` with its ``{name}`` fields filled (a text without parameters is taken as it is)."""
    return template.format(**params) if params else template
