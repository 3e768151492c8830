"""A ``requests.Session`` that answers from a script: unit tests of the HTTP layer need no socket."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import requests
from requests.structures import CaseInsensitiveDict

Step = requests.Response | BaseException | Callable[[requests.PreparedRequest], requests.Response]


def response(
    status: int = 200,
    body: Any = None,
    *,
    text: str | None = None,
    headers: dict[str, str] | None = None,
    url: str = "https://forum.example.org/x.json",
) -> requests.Response:
    resp = requests.Response()
    resp.status_code = status
    if text is not None:
        resp._content = text.encode()
        content_type = "text/html; charset=utf-8"
    else:
        resp._content = json.dumps(body).encode() if body is not None else b""
        content_type = "application/json; charset=utf-8"
    resp.headers = CaseInsensitiveDict({"Content-Type": content_type, **(headers or {})})
    resp.url = url
    resp.encoding = "utf-8"
    return resp


def recorded(recording: dict[str, Any]) -> requests.Response:
    """A response rebuilt from a recording of ``shared/platforms/discourse/recordings``."""
    answer = recording["response"]
    headers = {k: v for k, v in answer["headers"].items() if isinstance(v, str)}
    if "bodyJson" in answer:
        resp = response(
            answer["status"], answer["bodyJson"], headers=headers, url=recording["request"]["url"]
        )
    else:
        resp = response(answer["status"], text=answer.get("bodyText") or "", headers=headers)
        resp.url = recording["request"]["url"]
    return resp


class ScriptedSession(requests.Session):
    def __init__(self, *steps: Step) -> None:
        super().__init__()
        self.steps = list(steps)
        self.calls: list[dict[str, Any]] = []

    def request(self, method: str | bytes, url: str | bytes, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        self.calls.append({"method": method, "url": url, **kwargs})
        if not self.steps:
            raise AssertionError(f"unexpected request {method!r} {url!r}")
        step = self.steps.pop(0)
        if isinstance(step, BaseException):
            raise step
        if isinstance(step, requests.Response):
            return step
        return step(requests.Request(str(method), str(url)).prepare())
