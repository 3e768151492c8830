"""The client side of user-API-key sign-in: URLs, payload decryption, device-flow answers, revocation."""

from __future__ import annotations

import base64
import json
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding

from moderator.platforms.base import InsecureConnection
from moderator.platforms.discourse import auth


@pytest.fixture(scope="module")
def key_pair() -> auth.KeyPair:
    return auth.KeyPair.generate()


def _encrypt(key_pair: auth.KeyPair, data: dict[str, Any], scheme: str, *, ruby_lines: bool = True) -> str:
    """What the server sends (written here, not borrowed from the server module)."""
    plain = json.dumps(data).encode()
    pad = (
        padding.OAEP(mgf=padding.MGF1(hashes.SHA1()), algorithm=hashes.SHA1(), label=None)
        if scheme == "oaep"
        else padding.PKCS1v15()
    )
    text = base64.b64encode(key_pair.private_key.public_key().encrypt(plain, pad)).decode()
    return "\n".join(text[i : i + 60] for i in range(0, len(text), 60)) + "\n" if ruby_lines else text


def test_key_pair_is_rsa_2048_and_its_repr_hides_the_private_key(key_pair: auth.KeyPair) -> None:
    assert key_pair.private_key.key_size == 2048
    assert key_pair.public_pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert "PRIVATE" not in repr(key_pair)


def test_nonces_and_client_ids_are_fresh() -> None:
    assert auth.new_nonce() != auth.new_nonce()
    assert len(auth.new_nonce()) >= 32
    assert auth.new_client_id() != auth.new_client_id()


def test_authorization_url_carries_every_parameter(key_pair: auth.KeyPair) -> None:
    url = auth.build_authorization_url("https://forum.example.org/", "cid-1", key_pair.public_pem, "n0nce")
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "forum.example.org", "/user-api-key/new")
    params = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert params["client_id"] == "cid-1"
    assert params["nonce"] == "n0nce"
    assert params["scopes"] == "read,write,session_info,notifications"  # comma-separated (NOTES §5.10)
    assert params["public_key"] == key_pair.public_pem
    assert params["application_name"] == "Community Moderator"
    assert params["padding"] == "oaep"
    assert "auth_redirect" not in params  # the copy-paste flow: the site shows the payload


def test_authorization_url_accepts_a_key_object(key_pair: auth.KeyPair) -> None:
    url = auth.build_authorization_url(
        "https://forum.example.org", "c", key_pair.private_key.public_key(), "n", scopes="read"
    )
    assert parse_qs(urlsplit(url).query)["public_key"] == [key_pair.public_pem]


@pytest.mark.parametrize("site", ["http://forum.example.org", "ftp://forum.example.org", "forum"])
def test_authorization_url_refuses_plain_http_off_loopback(site: str, key_pair: auth.KeyPair) -> None:
    with pytest.raises(InsecureConnection):
        auth.build_authorization_url(site, "c", key_pair.public_pem, "n")


def test_plain_http_is_fine_on_this_computer(key_pair: auth.KeyPair) -> None:
    assert auth.build_authorization_url("http://127.0.0.1:8080", "c", key_pair.public_pem, "n").startswith(
        "http://127.0.0.1:8080/user-api-key/new?"
    )


@pytest.mark.parametrize("scheme", ["pkcs1", "oaep"])
@pytest.mark.parametrize("ruby_lines", [True, False])
def test_decrypts_both_paddings(key_pair: auth.KeyPair, scheme: str, ruby_lines: bool) -> None:
    payload = _encrypt(
        key_pair, {"key": "k-123", "nonce": "abc", "push": False, "api": 4}, scheme, ruby_lines=ruby_lines
    )
    assert auth.decrypt_payload(key_pair, payload, "abc") == "k-123"
    assert auth.decrypt_payload(key_pair.private_key, payload, "abc") == "k-123"


def test_pasted_payload_may_carry_quotes_spaces_or_url_encoding(key_pair: auth.KeyPair) -> None:
    payload = _encrypt(key_pair, {"key": "k", "nonce": "abc"}, "oaep", ruby_lines=False)
    assert auth.decrypt_payload(key_pair, f'  "{payload}"\n', "abc") == "k"
    encoded = requests.utils.quote(payload, safe="")
    assert auth.decrypt_payload(key_pair, f"discourse://auth_redirect?payload={encoded}", "abc") == "k"


def test_wrong_nonce_is_refused(key_pair: auth.KeyPair) -> None:
    payload = _encrypt(key_pair, {"key": "k", "nonce": "someone-elses"}, "pkcs1")
    with pytest.raises(auth.NonceMismatch, match="another sign-in request"):
        auth.decrypt_payload(key_pair, payload, "abc")


def test_missing_nonce_is_refused(key_pair: auth.KeyPair) -> None:
    with pytest.raises(auth.NonceMismatch):
        auth.decrypt_payload(key_pair, _encrypt(key_pair, {"key": "k"}, "oaep"), "abc")


@pytest.mark.parametrize("scheme", ["pkcs1", "oaep"])
def test_tampered_payload_is_refused_with_a_clear_message(key_pair: auth.KeyPair, scheme: str) -> None:
    raw = bytearray(base64.b64decode(_encrypt(key_pair, {"key": "k", "nonce": "abc"}, scheme)))
    raw[10] ^= 0x40
    with pytest.raises(auth.InvalidPayload, match="paste it again"):
        auth.decrypt_payload(key_pair, base64.b64encode(bytes(raw)).decode(), "abc")


def test_payload_for_another_key_is_refused(key_pair: auth.KeyPair) -> None:
    other = auth.KeyPair.generate()
    with pytest.raises(auth.InvalidPayload):
        auth.decrypt_payload(key_pair, _encrypt(other, {"key": "k", "nonce": "abc"}, "pkcs1"), "abc")


@pytest.mark.parametrize("text", ["", "hello world", "!!!!", base64.b64encode(b"short").decode()])
def test_garbage_is_refused(key_pair: auth.KeyPair, text: str) -> None:
    with pytest.raises(auth.InvalidPayload):
        auth.decrypt_payload(key_pair, text, "abc")


def test_payload_without_a_key_is_refused(key_pair: auth.KeyPair) -> None:
    with pytest.raises(auth.InvalidPayload):
        auth.decrypt_payload(key_pair, _encrypt(key_pair, {"nonce": "abc"}, "oaep"), "abc")


# -- device-flow answers, through an injected session ----------------------------------------------


class FakeSession(requests.Session):
    """Answers from a script: (method, path) -> (status, json)."""

    def __init__(
        self, answers: dict[tuple[str, str], list[tuple[int, Any]]], headers: dict[str, str] | None = None
    ) -> None:
        super().__init__()
        self.answers = answers
        self.head_headers = headers or {}
        self.sent: list[tuple[str, str, Any]] = []
        self.headers_sent: list[dict[str, str]] = []
        self.verify_sent: list[Any] = []

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:  # type: ignore[override]
        path = urlsplit(url).path
        self.sent.append((method, path, kwargs.get("json")))
        self.headers_sent.append(dict(kwargs.get("headers") or {}))
        self.verify_sent.append(kwargs.get("verify"))
        response = requests.Response()
        response.url = url
        if method == "HEAD":
            response.status_code = 200
            response.headers.update(self.head_headers)
            response._content = b""
            return response
        status, body = self.answers[(method, path)].pop(0)
        response.status_code = status
        response.headers["Content-Type"] = "application/json"
        response._content = json.dumps(body).encode()
        return response


SITE = "https://forum.example.org"
START = {
    "device_code": "d" * 64,
    "user_code": "ABCD-EFGH",
    "verification_uri": f"{SITE}/user-api-key/activate",
    "verification_uri_with_request": f"{SITE}/user-api-key/activate?request=abcdefgh",
    "expires_in": 600,
    "interval": 5,
}


def test_detects_the_device_flow_from_head_headers() -> None:
    assert auth.detect_device_flow(
        FakeSession({}, {"Auth-Api-Version": "4", "Auth-Api-Device-Code": "true"}), SITE
    )
    assert not auth.detect_device_flow(FakeSession({}, {"Auth-Api-Version": "4"}), SITE)
    info = auth.detect_auth_api(FakeSession({}, {"Auth-Api-Version": "4"}), SITE)
    assert info.version == 4 and not info.device_flow


def test_device_flow_start_sends_json_and_keeps_the_answer() -> None:
    session = FakeSession({("POST", "/user-api-key/device.json"): [(200, START)]})
    flow = auth.DeviceFlow(SITE, http=session, poll_interval=0)
    authorization = flow.start()
    assert authorization.user_code == "ABCD-EFGH"
    assert authorization.open_url.endswith("?request=abcdefgh")
    assert "d" * 64 not in repr(authorization)
    (_, _, body) = session.sent[0]
    assert body["scopes"] == "read,write,session_info,notifications"
    assert body["padding"] == "oaep" and body["nonce"] == flow.nonce
    assert body["public_key"] == flow.key_pair.public_pem


def test_tls_verification_cannot_be_switched_off_through_the_session() -> None:
    session = FakeSession(
        {("POST", "/user-api-key/device.json"): [(200, START)]}, {"Auth-Api-Device-Code": "true"}
    )
    session.verify = False  # a careless caller, or a copied snippet
    assert auth.detect_device_flow(session, SITE)
    auth.DeviceFlow(SITE, http=session).start()
    assert session.verify_sent == [True, True]


def test_device_flow_refuses_a_verification_page_on_another_site() -> None:
    answer = dict(START, verification_uri="https://evil.example.com/user-api-key/activate")
    flow = auth.DeviceFlow(SITE, http=FakeSession({("POST", "/user-api-key/device.json"): [(200, answer)]}))
    with pytest.raises(auth.SignInError, match="another web site"):
        flow.start()


def test_device_flow_missing_on_old_sites_says_use_copy_paste() -> None:
    flow = auth.DeviceFlow(
        SITE, http=FakeSession({("POST", "/user-api-key/device.json"): [(404, {"errors": ["nope"]})]})
    )
    with pytest.raises(auth.DeviceFlowUnsupported, match="copy and paste"):
        flow.start()


def test_device_flow_unknown_status_is_an_error() -> None:
    session = FakeSession(
        {
            ("POST", "/user-api-key/device.json"): [(200, START)],
            ("POST", "/user-api-key/device/poll.json"): [(200, {"status": "slow_down"})],
        }
    )
    flow = auth.DeviceFlow(SITE, http=session, poll_interval=0)
    flow.start()
    with pytest.raises(auth.SignInError, match="unknown status"):
        flow.wait()


def test_device_flow_expires_by_the_clock_too() -> None:
    now = [0.0]
    session = FakeSession({("POST", "/user-api-key/device.json"): [(200, dict(START, expires_in=10))]})
    flow = auth.DeviceFlow(SITE, http=session, poll_interval=0, clock=lambda: now[0])
    flow.start()
    now[0] = 11.0
    with pytest.raises(auth.ExpiredToken, match="Start again"):
        flow.poll()
    assert flow.polls == 0  # no request once the code is known to be dead


def test_interval_follows_the_server_within_bounds() -> None:
    session = FakeSession({("POST", "/user-api-key/device.json"): [(200, dict(START, interval=500))]})
    flow = auth.DeviceFlow(SITE, http=session)
    flow.start()
    assert flow.interval == auth.MAX_INTERVAL
    assert auth.DeviceFlow(SITE, http=session, poll_interval=0).interval == 0


def test_revoke_sends_the_key_as_header_and_accepts_an_unknown_key() -> None:
    session = FakeSession(
        {("POST", "/user-api-key/revoke"): [(200, {"success": "OK"}), (404, {"errors": ["x"]})]}
    )
    auth.revoke(session, SITE, "the-key", client_id="cid")
    auth.revoke(session, SITE, "the-key")
    assert [s[1] for s in session.sent] == ["/user-api-key/revoke", "/user-api-key/revoke"]
    assert session.headers_sent[0]["User-Api-Key"] == "the-key"
    assert session.headers_sent[0]["User-Api-Client-Id"] == "cid"
