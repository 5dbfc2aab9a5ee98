"""``profilesite.site_url``: CI publishes only to a public https address, never to a local or missing one."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from profilesite.site_url import check_public_url, main

from ..conftest import REPO

PUBLIC = [
    "https://example.org/",
    "https://example.org",
    "https://example.org/profiles/",
    "https://EXAMPLE.org/Profiles/",
    "HTTPS://example.org/",
    "https://example.org./",  # fully qualified, with the root's dot
    "https://www.unodc.example/untoc/profiles/",
    "https://org-name.github.io/untoc-profiles/",
    "https://example.org:8443/",
    "https://8.8.8.8/",
    "https://[2001:4860:4860::8888]/",
    "https://xn--80ak6aa92e.com/",  # IDNA
    "https://localhost.example.org/",  # "localhost" only as a label of a public name
    "https://local.example.org/",
]

# (value, a word the message must contain)
REFUSED = [
    (None, "not set"),
    ("", "not set"),
    ("   ", "not set"),
    # not https
    ("http://example.org/", "http://"),
    ("http://localhost:8000/", "http://"),  # the build's default
    ("ftp://example.org/", "ftp://"),
    ("example.org/profiles/", "no scheme"),
    ("//example.org/", "no scheme"),
    ("https:example.org", "no host"),
    ("https:///profiles/", "no host"),
    # local names
    ("https://localhost/", "local address"),
    ("https://LOCALHOST:8000/", "local address"),
    ("https://localhost./", "local address"),
    ("https://site.localhost/", "local address"),
    ("https://printer.local/", "local address"),
    ("https://my-mac.LOCAL/profiles/", "local address"),
    ("https://box.localdomain/", "local address"),
    ("https://localhost.localdomain/", "local address"),
    ("https://build.internal/", "local address"),
    ("https://nas.home.arpa/", "local address"),
    ("https://intranet/", "single-label"),
    # loopback, unspecified, private, link-local, shared, documentation, multicast, reserved
    ("https://127.0.0.1/", "127.0.0.1"),
    ("https://127.0.0.1:8000/", "127.0.0.1"),
    ("https://127.45.6.7/", "127.45.6.7"),
    ("https://127.1/", "127.0.0.1"),  # what a browser makes of it
    ("https://2130706433/", "127.0.0.1"),
    ("https://0x7f.0.0.1/", "127.0.0.1"),
    ("https://0177.0.0.1/", "127.0.0.1"),
    ("https://0.0.0.0/", "0.0.0.0"),
    ("https://0/", "0.0.0.0"),
    ("https://[::1]/", "::1"),
    ("https://[::1]:8000/profiles/", "::1"),
    ("https://[::]/", "::"),
    ("https://[::ffff:127.0.0.1]/", "127.0.0.1"),
    ("https://[::ffff:10.1.2.3]/", "10.1.2.3"),
    ("https://10.0.0.1/", "10.0.0.1"),
    ("https://172.16.0.1/", "172.16.0.1"),
    ("https://172.31.255.254/", "172.31.255.254"),
    ("https://192.168.1.20/", "192.168.1.20"),
    ("https://169.254.169.254/", "169.254.169.254"),
    ("https://100.64.0.1/", "100.64.0.1"),
    ("https://192.0.2.10/", "192.0.2.10"),
    ("https://[fd12:3456:789a::1]/", "fd12:3456:789a::1"),
    ("https://[fe80::1%25eth0]/", "fe80::1"),
    ("https://224.0.0.1/", "224.0.0.1"),
    ("https://240.0.0.1/", "240.0.0.1"),
    # not an address at all, or more than one
    ("https://1.2.3.4.5/", "not a valid IPv4"),
    ("https://example.123/", "not a valid IPv4"),
    ("https://example.org:99999/", "not a valid URL"),
    ("https://example.org:port/", "not a valid URL"),
    ("https://[::1/", "not a valid URL"),
    ("https://example.org/ https://other.example/", "white space"),
    (" https://example.org/", "white space"),
    ("https://example.org/\n", "white space"),
    ("https://exa\x00mple.org/", "control character"),
    ("https://example.org/\x1b[31m", "control character"),
    ("https://example.org/?preview=1", "query or fragment"),
    ("https://example.org/#top", "query or fragment"),
    ("https://example.org/?", "query or fragment"),
]


@pytest.mark.parametrize("value", PUBLIC)
def test_public_https_addresses_pass(value: str):
    assert check_public_url(value) is None


@pytest.mark.parametrize(("value", "reason"), REFUSED, ids=[repr(value) for value, _ in REFUSED])
def test_missing_local_and_malformed_addresses_are_refused_with_the_reason(value: str | None, reason: str):
    message = check_public_url(value)
    assert message is not None, f"{value!r} was accepted"
    assert message.startswith("SITE_URL")
    assert reason in message


def test_the_message_says_what_to_write():
    assert "https://example.org/profiles/" in check_public_url(None)
    assert "https://example.org/profiles/" in check_public_url("http://localhost:8000/")


def test_the_value_is_shown_escaped_and_a_password_not_at_all():
    assert "\\x1b" in check_public_url("https://example.org/\x1b[31m")
    assert "\x1b" not in check_public_url("https://example.org/\x1b[31m")
    message = check_public_url("https://editor:s3cret@example.org/")
    assert "user name or password" in message and "s3cret" not in message


def test_main_exits_1_with_the_reason_on_stderr(capsys: pytest.CaptureFixture[str]):
    assert main(["http://localhost:8000/"]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.startswith("error: SITE_URL 'http://localhost:8000/'")
    assert main([]) == 1
    assert "not set" in capsys.readouterr().err
    assert main(["https://example.org/profiles/"]) == 0
    assert "https://example.org/profiles/" in capsys.readouterr().out
    assert main(["a", "b"]) == 2


@pytest.mark.parametrize(
    ("value", "status"), [("", 1), ("https://127.0.0.1/", 1), ("https://example.org/", 0)]
)
def test_python_m_runs_with_the_standard_library_alone(value: str, status: int):
    """As CI runs it, before anything is installed: ``PYTHONPATH=scripts``, isolated from site-packages."""
    env = {"PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(REPO / "scripts")}
    result = subprocess.run(
        [sys.executable, "-S", "-m", "profilesite.site_url", value],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == status, result.stderr
    assert bool(result.stderr) == bool(status)
