"""The Content-Security-Policy <meta> comes first in every page's head, and keeps forms on this site.

A policy declared in a <meta> governs only what follows it, so it comes right after <meta charset> (which
must stay within the first 1024 bytes): before any script or stylesheet, and before any <meta> or <title>
that carries a record's text (description, og:title, og:description). ``form-action`` does not fall back
to ``default-src``, so it is given: the site's forms (search, the party-list and answer filters) submit to
the page they are on, if anywhere. tests/quality/test_csp.py checks the whole policy on the shipped site.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

HEAD_TAG = re.compile(r"<(meta|title|link|script|style|base)\b([^>]*)>", re.I)
POLICY = re.compile(r'^\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"\s*$')
FORM = re.compile(r"<form\b([^>]*)>", re.I)
ACTION = re.compile(r'\s(?:form)?action="([^"]*)"', re.I)


def head(text: str) -> str:
    return text[: text.index("</head>")]


def policy_of(text: str) -> dict[str, list[str]]:
    """The page's policy, directive by directive; asserts the tag order the policy needs."""
    tags = HEAD_TAG.findall(head(text))
    assert tags[0] == ("meta", ' charset="utf-8"'), f"the head opens with {tags[0]}"
    assert text.index('<meta charset="utf-8">') < 1024
    name, attributes = tags[1]
    policy = POLICY.match(attributes)
    assert name == "meta" and policy, f"the tag after <meta charset> is <{name}{attributes}>"
    assert sum(1 for _, attributes in tags if "Content-Security-Policy" in attributes) == 1
    directives: dict[str, list[str]] = {}
    for directive in html.unescape(policy.group(1)).split(";"):
        key, *values = directive.split()
        assert key not in directives, f"{key} given twice"
        directives[key] = values
    return directives


def test_the_policy_is_the_first_meta_after_charset_on_every_page(fixture_site: Path):
    pages = sorted(fixture_site.rglob("*.html"))
    assert len(pages) > 20 and any(path.name == "404.html" for path in pages)
    for path in pages:
        text = path.read_text("utf-8")
        where = path.relative_to(fixture_site)
        directives = policy_of(text)
        assert directives["form-action"] == ["'self'"], where
        assert directives["default-src"] == ["'self'"] and directives["script-src"] == ["'self'"], where
        assert directives["base-uri"] == ["'self'"] and directives["object-src"] == ["'none'"], where


def test_the_record_text_in_the_head_comes_after_the_policy(fixture_site: Path):
    """A profile's head carries its party's name (title, og:title) and description: all after the policy."""
    profile = (fixture_site / "profiles" / "ken" / "index.html").read_text("utf-8")
    start = profile.index("Content-Security-Policy")
    for carrier in ("<title>", 'property="og:title"', 'property="og:description"', 'name="description"'):
        assert start < profile.index(carrier), carrier
    assert "Kenya" in head(profile)[start:] and "Kenya" not in profile[:start]


def test_no_form_submits_to_another_site(fixture_site: Path):
    """What ``form-action 'self'`` allows is all the site needs: forms without an action, or a local one."""
    forms = 0
    for path in sorted(fixture_site.rglob("*.html")):
        text = path.read_text("utf-8")
        for attributes in FORM.findall(text):
            forms += 1
            for action in ACTION.findall(attributes):
                assert "//" not in action and ":" not in action, f"{path}: <form{attributes}>"
        for action in re.findall(r'\sformaction="([^"]*)"', text, re.I):
            assert "//" not in action and ":" not in action, f"{path}: formaction={action}"
    assert forms > 0  # the search form at least
