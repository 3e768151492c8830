"""The core's messages for the user, in the user's language (see ``moderator.messages``).

An error built from a template is translated (context ``errors``) and then filled in; one given as
plain text (a connector's own words, a server's reasons) is shown as it is. ``local_copy=False`` leaves
out what only holds when a local copy exists ("Your local copy is intact…"), e.g. while adding a community.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from moderator.messages import CONTEXT, fill


def user_message(exc: BaseException, *, local_copy: bool = True) -> str:
    template = getattr(exc, "template", None)
    if not isinstance(template, str):
        return str(getattr(exc, "message", None) or exc)
    params = dict(getattr(exc, "params", {}) or {})
    text = fill(QCoreApplication.translate(CONTEXT, template), params)
    tail = getattr(exc, "tail", None)
    if tail and local_copy:
        text += " " + fill(QCoreApplication.translate(CONTEXT, tail), params)
    return text
