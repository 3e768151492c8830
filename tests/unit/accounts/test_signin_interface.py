"""The platform-neutral sign-in interface: the catalogue the front ends read, and its guarantees."""

from __future__ import annotations

import pytest

from moderator import signin
from moderator.model import AuthKind, Community, Platform


def test_each_supported_platform_lists_its_methods_and_fields() -> None:
    catalogue = {p.platform: p for p in signin.platforms()}
    assert set(catalogue) >= {Platform.DISCOURSE, Platform.HUMHUB}
    discourse = catalogue[Platform.DISCOURSE]
    assert [m.id for m in discourse.choices] == ["discourse.browser", "discourse.admin_key"]
    browser = discourse.method("discourse.browser")
    assert browser.kind is signin.MethodKind.DEVICE_CODE and browser.fallback == "discourse.paste"
    assert signin.method(browser.fallback).kind is signin.MethodKind.PASTE
    humhub = catalogue[Platform.HUMHUB]
    assert {m.id: [f.name for f in m.fields] for m in humhub.choices} == {
        "humhub.token": ["token"],
        "humhub.password": ["username", "password"],
    }
    assert all(m.auth_kind is AuthKind.TOKEN for m in humhub.methods)
    for platform in catalogue.values():
        for method in platform.methods:
            assert method.platform is platform.platform and method.id.startswith(platform.platform.value + ".")
            assert sum(f.secret for f in method.fields) == (1 if method.kind is signin.MethodKind.FORM else 0)


def test_unsupported_platforms_say_so() -> None:
    assert not signin.supported(Platform.NODEBB)
    assert signin.display_name(Platform.VIVAENGAGE) == "Viva Engage"
    with pytest.raises(signin.UnsupportedPlatform, match="not supported yet"):
        signin.platform_sign_in(Platform.NODEBB)


def test_missing_fields_are_named_before_anything_is_sent() -> None:
    with pytest.raises(signin.SignInFieldsMissing) as caught:
        signin.sign_in_with_fields(
            signin.method("humhub.password"), "https://hh.example.org", {"username": "ann", "password": " "}
        )
    assert caught.value.labels == ("Password",)


def test_a_token_needs_no_network_and_its_repr_hides_it() -> None:
    credentials = signin.sign_in_with_fields(
        signin.method("humhub.token"), "https://hh.example.org", {"token": "Bearer  tok-123 "}
    )
    assert credentials.secret == "tok-123" and credentials.auth_kind is AuthKind.TOKEN
    assert "tok-123" not in repr(credentials)


def test_admin_key_keeps_the_typed_username() -> None:
    credentials = signin.sign_in_with_fields(
        signin.method("discourse.admin_key"), "https://f.example.org", {"username": "@ann", "key": "k"}
    )
    assert (credentials.username, credentials.auth_kind) == ("ann", AuthKind.ADMIN_KEY)


def test_the_method_of_an_existing_account() -> None:
    def account(platform: Platform, kind: AuthKind) -> Community:
        return Community(name="x", platform=platform, base_url="https://x.example.org", auth_kind=kind)

    assert signin.method_for_account(account(Platform.DISCOURSE, AuthKind.USER_KEY)).id == "discourse.browser"
    assert signin.method_for_account(account(Platform.DISCOURSE, AuthKind.ADMIN_KEY)).id == "discourse.admin_key"
    assert signin.method_for_account(account(Platform.HUMHUB, AuthKind.TOKEN)).id == "humhub.token"
    assert signin.method_for_account(account(Platform.NODEBB, AuthKind.TOKEN)) is None
