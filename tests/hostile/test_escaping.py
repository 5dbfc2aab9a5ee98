"""Text from records is always inert in the built HTML: markup is escaped, dangerous links are refused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from profilesite.build import BuildFailed, build_site
from profilesite.checks import validate

from ..conftest import FIXTURE_RECORDS, make_project

HOSTILE_NAME = '<script>alert("name")</script><img src=x onerror=alert(1)>'
HOSTILE_TITLE = '"><svg onload=alert(2)>[x](javascript:alert(3)) **bold**'


def _hostile_project(tmp_path: Path) -> Path:
    root = make_project(tmp_path / "project", FIXTURE_RECORDS)
    record = root / "profiles" / "ken.yaml"
    text = record.read_text("utf-8")
    text = text.replace(
        "territory: KE",
        f"territory: KE\nnames:\n  en: '{HOSTILE_NAME}'\n  ar: '{HOSTILE_NAME}'\n  source:\n    title: '{HOSTILE_NAME}'\n"
        f"    reference: '{HOSTILE_NAME}'\n    note: '{HOSTILE_NAME}'\n    note_language: ar",
        1,
    )
    text = text.replace(
        "documents:\n",
        f"documents:\n  - kind: other\n    title: '{HOSTILE_TITLE}'\n    date: 2023-01-01\n    languages: [en]\n    url: https://example.org/doc?a=1&b=<2>\n",
        1,
    )
    record.write_text(text, "utf-8")
    return root


def test_record_text_is_escaped_everywhere_it_appears(tmp_path: Path):
    root = _hostile_project(tmp_path)
    records, problems = validate([root / "profiles"], root)
    assert problems == [], problems
    build_site(root, root / "site", locales=["en", "ar"])
    pages = [
        root / "site" / "profiles" / "ken" / "index.html",
        root / "site" / "ar" / "profiles" / "ken" / "index.html",
        root / "site" / "profiles" / "index.html",
        root / "site" / "profiles" / "uga" / "index.html",
    ]
    for page in pages:
        html = page.read_text("utf-8")
        assert "<script>alert(" not in html
        assert "onerror=alert" not in html.replace("onerror=alert(1)&gt;", "")
        assert "<svg onload" not in html
        assert 'href="javascript:' not in html
        assert "&lt;script&gt;" in html or "&lt;script&gt;" in html.replace("\\u003c", "&lt;")
    profile = pages[0].read_text("utf-8")
    assert "<strong>bold</strong>" not in profile  # record text is not Markdown
    assert 'href="https://example.org/doc?a=1&amp;b=%3C2%3E"' in profile or "b=&lt;2&gt;" not in profile
    feed = (root / "site" / "feed.xml").read_text("utf-8")
    assert "<script>" not in feed
    assert not re.search(r"<title>[^<]*<svg", feed)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "../../../etc/passwd",
        "/etc/passwd",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "vbscript:msgbox(1)",
    ],
)
def test_dangerous_links_are_refused_at_validation(tmp_path: Path, url: str):
    root = make_project(tmp_path / "p", FIXTURE_RECORDS)
    record = root / "profiles" / "ken.yaml"
    text = record.read_text("utf-8")
    text = text.replace(
        "documents:\n",
        f"documents:\n  - kind: saq_response\n    date: 2023-01-01\n    languages: [en]\n    url: '{url}'\n",
        1,
    )
    record.write_text(text, "utf-8")
    _, problems = validate([root / "profiles"], root)
    assert any("documents[0].url" in problem.field for problem in problems), problems
    with pytest.raises(BuildFailed):
        build_site(root, root / "site", locales=["en"])
    assert not (root / "site").exists()


def test_file_names_cannot_climb_out_of_the_site(tmp_path: Path):
    root = make_project(tmp_path / "p", FIXTURE_RECORDS)
    (root / "profiles" / "ken.yaml").write_text(
        (root / "profiles" / "ken.yaml").read_text("utf-8").replace("code: ken", "code: ../../x", 1), "utf-8"
    )
    _, problems = validate([root / "profiles"], root)
    assert any(problem.field == "code" for problem in problems)
