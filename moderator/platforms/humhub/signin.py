"""HumHub's sign-in methods for ``moderator.signin``: a Bearer token, or a username and password
exchanged once for a JWT (``POST /api/v1/auth/login``; the password is never kept).

From the REST module's source (``controllers/auth/AuthController.php``, module 0.11.5): a wrong
password is ``400 {"code": 400, "message": "Wrong username or password"}``; a user the REST API is not
enabled for is ``401 {"message": "Invalid user!"}``; JWT login switched off is a 404; a success is
``{"code": 200, "message": "Success", "auth_token": "...", "expired_at": <epoch seconds, 0 = never>}``
(the OpenAPI file shows an ISO date there: the source wins, both are read).
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING

from moderator.model import AuthKind, Platform, parse_time
from moderator.platforms.base import (
    AuthenticationError,
    MalformedResponse,
    NotFound,
    PermissionDenied,
    RequestRejected,
)
from moderator.platforms.http import SECRETS, HttpClient
from moderator.signin import (
    QT_TRANSLATE_NOOP,
    TR_CONTEXT,
    Credentials,
    Field,
    MethodKind,
    PlatformSignIn,
    SignInMethod,
)

if TYPE_CHECKING:
    import requests

API = "/api/v1"

TOKEN = SignInMethod(
    id="humhub.token",
    platform=Platform.HUMHUB,
    kind=MethodKind.FORM,
    label=QT_TRANSLATE_NOOP(TR_CONTEXT, "Use an access token (recommended)"),
    note=QT_TRANSLATE_NOOP(
        TR_CONTEXT,
        "A Bearer token an administrator creates for you in Administration → Modules → REST API.",
    ),
    auth_kind=AuthKind.TOKEN,
    fields=(
        Field("token", QT_TRANSLATE_NOOP(TR_CONTEXT, "Access &token:"), secret=True,
              placeholder=QT_TRANSLATE_NOOP(TR_CONTEXT, "paste the token")),
    ),
    cli_option="--token-stdin",
)
PASSWORD = SignInMethod(
    id="humhub.password",
    platform=Platform.HUMHUB,
    kind=MethodKind.FORM,
    label=QT_TRANSLATE_NOOP(TR_CONTEXT, "Sign in with my username and password"),
    note=QT_TRANSLATE_NOOP(
        TR_CONTEXT,
        "Exchanged once for a token (JWT authentication must be on); the password is not kept.",
    ),
    auth_kind=AuthKind.TOKEN,
    fields=(
        Field("username", QT_TRANSLATE_NOOP(TR_CONTEXT, "&Username or email:"),
              placeholder=QT_TRANSLATE_NOOP(TR_CONTEXT, "as on the site's login page")),
        Field("password", QT_TRANSLATE_NOOP(TR_CONTEXT, "&Password:"), secret=True),
    ),
    cli_option="--password-stdin",
)

PLATFORM = PlatformSignIn(
    platform=Platform.HUMHUB,
    display_name="HumHub",
    methods=(TOKEN, PASSWORD),
    site_placeholder="https://community.example.org",
)


def _expiry(value: object) -> dt.datetime | None:
    if isinstance(value, bool) or value in (None, "", 0, "0"):
        return None
    if isinstance(value, int | float) or (isinstance(value, str) and value.strip().isdigit()):
        seconds = float(value)  # type: ignore[arg-type]
        return dt.datetime.fromtimestamp(seconds, dt.UTC) if seconds > 0 else None
    return parse_time(value)


def login(
    site: str,
    username: str,
    password: str,
    *,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> tuple[str, dt.datetime | None]:
    """The JWT for this username and password, and when it expires (None: never)."""
    http = HttpClient(site, session=session)
    try:
        body = http.post_json(f"{API}/auth/login", {"username": username, "password": password}, cancel=cancel)
    except RequestRejected:
        raise AuthenticationError(
            "The site did not accept this username and password. Check them (the username or the email "
            "address you sign in with) and try again."
        ) from None
    except AuthenticationError:
        raise AuthenticationError(
            "The site knows this account but does not let it use the REST API. Ask an administrator to "
            "enable the API for you (Administration → Modules → REST API)."
        ) from None
    except (NotFound, PermissionDenied):
        raise NotFound(
            "This site does not offer sign-in with a password for apps (JWT authentication is off, or the "
            "REST API module is not installed). Ask an administrator for an access token instead."
        ) from None
    finally:
        http.close()
    token = body.get("auth_token")
    if not isinstance(token, str) or not token.strip():
        raise MalformedResponse("The site accepted the password but sent no token. Try again.")
    SECRETS.register(token)
    return token.strip(), _expiry(body.get("expired_at"))


def sign_in_with_fields(
    method_id: str,
    site: str,
    values: Mapping[str, str],
    *,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> Credentials:
    if method_id == TOKEN.id:
        token = values["token"].strip()
        if token.lower().startswith("bearer "):
            token = token[7:].strip()
        SECRETS.register(token)
        return Credentials(token, AuthKind.TOKEN)
    if method_id == PASSWORD.id:
        username = values["username"].strip()
        token, expires = login(site, username, values["password"], session=session, cancel=cancel)
        return Credentials(token, AuthKind.TOKEN, expires_at=expires)
    raise KeyError(method_id)
