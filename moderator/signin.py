"""Signing in, platform-neutral: what each platform offers and one way to run every flow.

The UI (``ui/accounts_dialog.py``) and the CLI (``moderator/cli_accounts.py``) never import a platform's
package: they read the catalogue here (``platforms()``, ``methods(platform)``) and run a flow through the
neutral functions below, which dispatch to the platform's own ``signin`` module.

Three kinds of flow cover every platform we know:

- ``DEVICE_CODE``: the app shows a short code and a verification address; the user confirms it in a
  browser; the app polls until the site hands over the credentials. ``start_device_code`` returns a
  ``DeviceCodeFlow`` (``user_code``, ``verification_url``, ``expires_in``, ``wait(cancel)``). Discourse's
  user API key device flow and Microsoft's device code (Viva Engage) are both this.
- ``PASTE``: the user opens an approval page and pastes back what it shows (Discourse's copy-paste
  user API key). ``start_paste`` returns a ``PasteFlow`` (``url``, ``finish(text)``).
- ``FORM``: the user types fields (an admin key and its username; a bearer token; a username and a
  password exchanged once for a token). ``sign_in_with_fields`` returns the ``Credentials`` (it may call
  the site, as HumHub's password login does; the password itself is never kept).

Every flow ends with ``Credentials``: the secret (for the OS keyring only), its ``AuthKind``, the
username when the flow learned it, and the non-secret settings the account row keeps (a client id).

A platform's ``signin`` module (``moderator.platforms.<name>.signin``) provides ``PLATFORM`` (a
``PlatformSignIn``) and whichever of ``start_device_code``, ``start_paste``, ``sign_in_with_fields`` and
``revoke`` its methods need, with the signatures of the functions below minus the ``platform``
argument. Adding a platform is one line in ``_PROVIDERS``.

Labels and notes are English source strings marked for Qt's translation tools (context ``signin``): the
GUI shows them through ``QCoreApplication.translate("signin", text)``, the CLI prints them as they are.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import importlib
import threading
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from moderator.model import AuthKind, Community, Platform
from moderator.platforms.base import PlatformError, UnsupportedPlatform

if TYPE_CHECKING:
    import requests

SIGN_IN_CONTEXT = "signin"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name lupdate looks for
    return text


class MethodKind(enum.StrEnum):
    DEVICE_CODE = "device_code"
    PASTE = "paste"
    FORM = "form"


@dataclasses.dataclass(frozen=True, slots=True)
class Field:
    """One thing the user types for a ``FORM`` method."""

    name: str  # the key in ``values``: "username", "key", "token", "password"
    label: str  # translatable (context "signin")
    secret: bool = False  # typed hidden, never shown back, never stored outside the keyring
    placeholder: str = ""
    required: bool = True
    setting: str = ""  # the account setting that remembers it (prefilled when signing in again)
    cli_option: str = ""  # how the CLI names it ("--client-id")


@dataclasses.dataclass(frozen=True, slots=True)
class SignInMethod:
    id: str  # "discourse.browser", "humhub.token"... unique across platforms
    platform: Platform
    kind: MethodKind
    label: str  # translatable: the choice in a list of methods
    note: str  # translatable: one line under it (what it needs, who it is for)
    auth_kind: AuthKind  # what the stored secret is
    fields: tuple[Field, ...] = ()  # FORM: what the user types; DEVICE_CODE: asked before the code
    fallback: str = ""  # a DEVICE_CODE method whose site lacks it falls back to this method id
    cli_option: str = ""  # how the CLI names it ("--token-stdin"...), for help texts


@dataclasses.dataclass(frozen=True, slots=True)
class PlatformSignIn:
    platform: Platform
    display_name: str
    methods: tuple[SignInMethod, ...]
    site_placeholder: str = "https://community.example.org"
    default_site: str = ""  # one service for everybody (Viva Engage): the address may be left empty

    def method(self, method_id: str) -> SignInMethod:
        for method in self.methods:
            if method.id == method_id:
                return method
        raise KeyError(method_id)

    @property
    def choices(self) -> tuple[SignInMethod, ...]:
        """The methods a user picks from (a fallback-only method is reached from its device flow)."""
        fallbacks = {m.fallback for m in self.methods if m.fallback}
        return tuple(m for m in self.methods if m.id not in fallbacks)


@dataclasses.dataclass(frozen=True, slots=True, repr=False)
class Credentials:
    """What a finished sign-in gives. ``secret`` goes to the OS keyring and nowhere else."""

    secret: str
    auth_kind: AuthKind
    username: str = ""  # known when the user typed it or the flow learned it
    settings: Mapping[str, Any] = dataclasses.field(default_factory=dict)  # kept on the account row
    expires_at: dt.datetime | None = None  # a token that will need a new sign-in (HumHub JWT)

    def __repr__(self) -> str:
        return f"Credentials({self.auth_kind}, username={self.username!r}, secret=<hidden>)"


class DeviceCodeUnavailable(PlatformError):
    default_message = "This site does not offer sign-in with a code. Use the approval page instead."


class DeviceCodeFlow(Protocol):
    """A started device-code sign-in: show ``user_code`` and ``verification_url``, then ``wait``."""

    user_code: str
    verification_url: str  # the page to open (with the code pre-filled when the site allows it)
    expires_in: float  # seconds from start

    @property
    def seconds_left(self) -> float: ...

    def wait(
        self, cancel: threading.Event | None = None, *, on_poll: Callable[[float], None] | None = None
    ) -> Credentials:
        """Poll until confirmed; raises ``Cancelled`` on cancel, a ``PlatformError`` on denial or expiry."""
        ...

    def close(self) -> None: ...


class PasteFlow(Protocol):
    """A started copy-paste sign-in: open ``url``, then ``finish`` with what the page showed."""

    url: str

    def finish(self, pasted: str) -> Credentials: ...


# -- the catalogue ---------------------------------------------------------------------------------------

_PROVIDERS: dict[Platform, str] = {
    Platform.DISCOURSE: "moderator.platforms.discourse.signin",
    Platform.HUMHUB: "moderator.platforms.humhub.signin",
    Platform.VIVAENGAGE: "moderator.platforms.vivaengage.signin",
}


def _provider(platform: Platform) -> ModuleType:
    module = _PROVIDERS.get(platform)
    if module is None:
        raise UnsupportedPlatform(
            f"Signing in to {platform.value.title()} is not supported yet by this version of the app."
        )
    return importlib.import_module(module)


def supported(platform: Platform) -> bool:
    return platform in _PROVIDERS


def platforms() -> tuple[PlatformSignIn, ...]:
    """Every platform the app can sign in to, in the order a user should see them."""
    return tuple(_provider(p).PLATFORM for p in _PROVIDERS)


def platform_sign_in(platform: Platform) -> PlatformSignIn:
    result: PlatformSignIn = _provider(platform).PLATFORM
    return result


def methods(platform: Platform) -> tuple[SignInMethod, ...]:
    return platform_sign_in(platform).methods


def method(method_id: str) -> SignInMethod:
    platform = Platform(method_id.split(".", 1)[0])
    return platform_sign_in(platform).method(method_id)


def method_for_account(community: Community) -> SignInMethod | None:
    """The method that made an account's kind of key (to offer it again for "Sign in again")."""
    if not supported(community.platform):
        return None
    for candidate in platform_sign_in(community.platform).choices:
        if candidate.auth_kind is community.auth_kind:
            return candidate
    return None


def display_name(platform: Platform) -> str:
    if supported(platform):
        return platform_sign_in(platform).display_name
    return {Platform.VIVAENGAGE: "Viva Engage", Platform.NODEBB: "NodeBB"}.get(
        platform, platform.value.title()
    )


# -- running a flow ----------------------------------------------------------------------------------------


def _call(sign_in_method: SignInMethod, name: str, *args: Any, **kwargs: Any) -> Any:
    function = getattr(_provider(sign_in_method.platform), name, None)
    if function is None:
        raise UnsupportedPlatform(f"{sign_in_method.label} is not available in this version of the app.")
    return function(sign_in_method.id, *args, **kwargs)


def start_device_code(
    sign_in_method: SignInMethod,
    site: str,
    *,
    client_id: str | None = None,
    poll_interval: float | None = None,
    values: Mapping[str, str] | None = None,
) -> DeviceCodeFlow:
    """Ask the site for a code (network). Raises ``DeviceCodeUnavailable`` when the site has none:
    then offer ``method(sign_in_method.fallback)``. ``values`` are the method's ``fields`` (Viva
    Engage's application id and tenant), passed only to methods that declare fields."""
    assert sign_in_method.kind is MethodKind.DEVICE_CODE, sign_in_method
    extra: dict[str, Any] = {}
    if sign_in_method.fields:
        given = dict(values or {})
        missing = [f.label for f in sign_in_method.fields if f.required and not str(given.get(f.name, "")).strip()]
        if missing:
            raise SignInFieldsMissing(missing)
        extra["values"] = given
    flow: DeviceCodeFlow = _call(
        sign_in_method, "start_device_code", site, client_id=client_id, poll_interval=poll_interval, **extra
    )
    return flow


def start_paste(sign_in_method: SignInMethod, site: str, *, client_id: str | None = None) -> PasteFlow:
    """The approval page to open (no network: the request is built locally)."""
    assert sign_in_method.kind is MethodKind.PASTE, sign_in_method
    flow: PasteFlow = _call(sign_in_method, "start_paste", site, client_id=client_id)
    return flow


def sign_in_with_fields(
    sign_in_method: SignInMethod,
    site: str,
    values: Mapping[str, str],
    *,
    session: requests.Session | None = None,
    cancel: threading.Event | None = None,
) -> Credentials:
    """Credentials from what the user typed; may call the site (a password exchanged for a token)."""
    assert sign_in_method.kind is MethodKind.FORM, sign_in_method
    missing = [f.label for f in sign_in_method.fields if not str(values.get(f.name, "")).strip()]
    if missing:
        raise SignInFieldsMissing(missing)
    credentials: Credentials = _call(sign_in_method, "sign_in_with_fields", site, dict(values), session=session, cancel=cancel)
    return credentials


class SignInFieldsMissing(PlatformError):
    def __init__(self, labels: list[str]) -> None:
        self.labels = tuple(label.replace("&", "").rstrip(":") for label in labels)
        super().__init__("Fill in: " + ", ".join(self.labels) + ".")


def revoke(community: Community, secret: str, *, session: requests.Session | None = None) -> bool:
    """Revoke the secret on the site when the platform can; False when it has nothing to revoke."""
    if not supported(community.platform):
        return False
    function = getattr(_provider(community.platform), "revoke", None)
    if function is None:
        return False
    return bool(function(community, secret, session=session))
