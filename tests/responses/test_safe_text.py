"""The safe Markdown subset of party texts: everything escaped first, four things read, tags balanced."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup

from profilesite.render.safe_text import text_direction, to_html

ALLOWED_TAGS = {"p", "ul", "li", "em", "strong"}


class _Tags(HTMLParser):
    """Every tag and attribute of an HTML fragment, and whether the tags nest properly."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []
        self.stack: list[str] = []
        self.balanced = True
        self.text = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.attributes.extend(attrs)
        self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack.pop() != tag:
            self.balanced = False

    def handle_data(self, data):
        self.text += data

    def handle_comment(self, data):
        self.tags.append("!--")

    def handle_decl(self, decl):
        self.tags.append("!")

    def handle_pi(self, data):
        self.tags.append("?")


def parse(html: str) -> _Tags:
    parser = _Tags()
    parser.feed(html)
    parser.close()
    return parser


def test_returns_markup():
    assert isinstance(to_html("x"), Markup)


def test_paragraphs_lists_emphasis_strong():
    text = "First line\nsame paragraph.\n\n- one *item*\n- two **items**\n  continued\n\nLast."
    assert str(to_html(text)) == (
        "<p>First line\nsame paragraph.</p>\n"
        "<ul>\n<li>one <em>item</em></li>\n<li>two <strong>items</strong>\ncontinued</li>\n</ul>\n"
        "<p>Last.</p>"
    )


def test_windows_line_breaks_and_blank_lines_with_spaces():
    assert str(to_html("a\r\n \r\nb")) == "<p>a</p>\n<p>b</p>"


def test_paragraph_then_list_in_one_block():
    assert str(to_html("Intro:\n- a\n- b\nAfter")) == (
        "<p>Intro:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"),
        ('"><img src=x onerror=alert(1)>', "<p>&#34;&gt;&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("*<b>x</b>*", "<p><em>&lt;b&gt;x&lt;/b&gt;</em></p>"),
        ('**" onclick="x**', "<p><strong>&#34; onclick=&#34;x</strong></p>"),
        ("[link](javascript:alert(1))", "<p>[link](javascript:alert(1))</p>"),
        ("<https://example.org>", "<p>&lt;https://example.org&gt;</p>"),
        ("# not a heading", "<p># not a heading</p>"),
        ("&amp; &lt;", "<p>&amp;amp; &amp;lt;</p>"),
        ("- <li>x", "<ul>\n<li>&lt;li&gt;x</li>\n</ul>"),
    ],
)
def test_hostile_input_is_escaped(text, expected):
    assert str(to_html(text)) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("**a *b** c*", "<p><strong>a *b</strong> c*</p>"),  # crossing markers: no crossing tags
        ("*a **b** c*", "<p>*a <strong>b</strong> c*</p>"),
        ("**unclosed", "<p>**unclosed</p>"),
        ("*unclosed", "<p>*unclosed</p>"),
        ("a * b * c", "<p>a * b * c</p>"),  # spaced stars are arithmetic, not emphasis
        ("***x***", "<p>*<strong>x</strong>*</p>"),
        ("**a** and **b**", "<p><strong>a</strong> and <strong>b</strong></p>"),
        ("** **", "<p>** **</p>"),
        ("**", "<p>**</p>"),
    ],
)
def test_nested_and_unclosed_markers(text, expected):
    assert str(to_html(text)) == expected


def test_empty_text():
    assert str(to_html("")) == ""
    assert str(to_html("\n\n")) == ""


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from([*"*-<>&\"' \n\tab/=\r", "**", "- ", "\n\n", "<script>", "&amp;"]), max_size=40
    ).map("".join)
)
def test_any_text_gives_only_allowed_balanced_tags(text):
    html = str(to_html(text))
    parsed = parse(html)
    assert set(parsed.tags) <= ALLOWED_TAGS, html
    assert parsed.attributes == [], html
    assert parsed.balanced and not parsed.stack, html
    # nothing of the text is lost but the markers and layout: the words survive, unescaped once
    assert re.sub(r"[\s*-]", "", parsed.text) == re.sub(r"[\s*-]", "", text)


@pytest.mark.parametrize(
    ("language", "direction"),
    [
        ("ar", "rtl"),
        ("fa", "rtl"),
        ("he", "rtl"),
        ("ur", "rtl"),
        ("en", "ltr"),
        ("zh", "ltr"),
        ("zh-Hant", "ltr"),
        ("pt-BR", "ltr"),
        ("ru", "ltr"),
        ("xx", "ltr"),
        ("", "ltr"),
    ],
)
def test_text_direction(language, direction):
    assert text_direction(language) == direction
