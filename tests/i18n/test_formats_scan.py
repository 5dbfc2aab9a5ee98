"""Every built page in every language, read as a copy editor would: punctuation and percentages per language.

What a reader of UN documents notices first, and what slipped before (issue 13, "Formats"):

- a doubled full stop, typically a Russian date's "г." followed by the sentence's own full stop;
- in French, the high punctuation ``: ; ! ?`` must follow a no-break space (word space U+00A0 or thin
  U+202F), never nothing and never a breakable space (Lexique des règles typographiques en usage à
  l'Imprimerie nationale, as summarised by https://dictionnaire.lerobert.com/en/guide/ponctuation-et-espace);
- in Chinese, full-width punctuation (``（）``, ``：``, ``。``) instead of ASCII ``( ) : .``;
- a percentage written in another form than Babel's CLDR pattern for the page's locale (``40,1%`` in
  French where CLDR writes ``40,1 %``).

Only the visible (and spoken) text of each language is read: text in an element whose ``lang`` is another
language (an English source title in a ``<bdi lang="en">``) belongs to that language, code and scripts are
skipped, and addresses (``https://…``) are not prose.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from profilesite.i18n import formatting
from profilesite.i18n.locales import LOCALE_CODES

#: Elements whose text is not prose (or not shown).
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp", "template"}
#: Elements that do not break the flow of text: their text joins their neighbours' ("<b>Noms</b> :").
INLINE = {
    "a", "abbr", "b", "bdi", "bdo", "cite", "data", "dfn", "em", "i", "mark", "q", "s", "small", "span",
    "strong", "sub", "sup", "time", "u", "var", "wbr", "label", "tspan",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
#: Elements whose text Material prints through ``striptags``, which turns every no-break space into a
#: space: the window title and the one-line header and table-of-contents entries (class md-ellipsis). A
#: plain space before French high punctuation is accepted there (a missing one is not): the line cannot
#: break, and the page's own heading keeps the no-break space.
THEME_COLLAPSED = "md-ellipsis"
#: Attributes read aloud or shown as text.
TEXT_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")

FOREIGN = "\x00"  # stands for a stretch of text in another language, code, or an address
BREAK = "\n"

ADDRESS = re.compile(r"\b(?:https?|ftp|mailto):\S+|\bwww\.\S+|[\w.+-]+@[\w-]+\.[\w.-]+")
DOUBLED_STOP = re.compile(r"(?<![.…])\.\s*\.(?![.…])")
FRENCH_HIGH = re.compile(r"(?<![\u00a0\u202f])[:;!?]")
FRENCH_QUOTES = re.compile(r"«(?![\u00a0\u202f])|(?<![\u00a0\u202f])»")
TIME_OR_RATIO = re.compile(r"\d:\d")
CJK = "\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef"
#: Subparagraph markers of UN documents, in Latin letters or digits, keep ASCII parentheses in Chinese
#: too: "第60(d)段" (paragraph 60 (d) of the background paper, as content/zh/*.md quotes it).
SUBPARAGRAPH = re.compile(r"\((?:[a-z]{1,4}|\d{1,3})\)")
CHINESE_ASCII = re.compile(
    rf"[():]|(?<=[{CJK}])[.,;?!]|[.,;?!](?=[{CJK}])",
)
PERCENT = re.compile(r"(?<![\w.,])(\d+)(?:([.,])(\d+))?([ \u00a0\u202f]?)[%٪]")


class _Text(HTMLParser):
    """The text of a page as runs of (text, language), with block boundaries as BREAK runs."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str, bool]] = [("#document", "", False)]
        self.collapsed: list[bool] = [False]
        self.runs: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        _, lang, skipped = self.stack[-1]
        lang = values.get("lang", lang).split("-")[0].lower()
        skipped = skipped or tag in SKIPPED
        if tag not in INLINE:
            self.runs.append((BREAK, ""))
        if not skipped:
            for name in TEXT_ATTRIBUTES:
                if values.get(name):
                    self.runs += [(BREAK, ""), (values[name], lang), (BREAK, "")]
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))
            self.collapsed.append(
                self.collapsed[-1] or tag == "title" or THEME_COLLAPSED in values.get("class", "").split()
            )

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                del self.collapsed[depth:]
                break
        if tag not in INLINE:
            self.runs.append((BREAK, ""))

    def handle_data(self, data: str) -> None:
        _, lang, skipped = self.stack[-1]
        if self.collapsed[-1]:
            data = re.sub(r" (?=[:;!?»])|(?<=«) ", "\u00a0", data)
        self.runs.append((FOREIGN, "") if skipped else (data, lang))


def language_texts(html: str) -> dict[str, str]:
    """For each language on the page, its text with every other language's text as one FOREIGN mark."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    languages = {lang for text, lang in parser.runs if lang and text not in (BREAK, FOREIGN)}
    texts = {}
    for language in languages:
        parts: list[str] = []
        for text, lang in parser.runs:
            if text == BREAK:
                parts.append(BREAK)
            elif lang == language and text != FOREIGN:
                parts.append(ADDRESS.sub(FOREIGN, text))
            elif not parts or parts[-1] != FOREIGN:
                parts.append(FOREIGN)
        texts[language] = "".join(parts)
    return texts


def _excerpt(text: str, start: int, end: int) -> str:
    excerpt = text[max(0, start - 40) : end + 30].replace(FOREIGN, "⟨…⟩")
    return re.sub(r"\s*\n\s*", " ⏎ ", excerpt)


def slips(html: str) -> Iterator[str]:
    """Every formatting slip on a page, each as a short description with its context."""
    for language, text in language_texts(html).items():
        for match in DOUBLED_STOP.finditer(text):
            yield f"doubled full stop [{language}]: {_excerpt(text, match.start(), match.end())!r}"
        if language == "fr":
            for match in FRENCH_HIGH.finditer(text):
                if not TIME_OR_RATIO.match(text, match.start() - 1):
                    yield f"French {match.group()} without no-break space: {_excerpt(text, *match.span())!r}"
            for match in FRENCH_QUOTES.finditer(text):
                yield f"French {match.group()} without no-break space: {_excerpt(text, *match.span())!r}"
        if language == "zh":
            text = SUBPARAGRAPH.sub(FOREIGN, text)
            for match in CHINESE_ASCII.finditer(text):
                if not TIME_OR_RATIO.match(text, match.start() - 1):
                    yield f"ASCII {match.group()!r} in Chinese: {_excerpt(text, *match.span())!r}"
        if language in LOCALE_CODES:
            yield from _percent_slips(text, language)


def _percent_slips(text: str, language: str) -> Iterator[str]:
    decimal = formatting.cldr(language).number_symbols["latn"]["decimal"]
    for match in PERCENT.finditer(text):
        whole, separator, fraction, _space = match.groups()
        if separator and separator != decimal:
            expected = None  # the wrong decimal sign: never Babel's form
        else:
            value = float(f"{whole}.{fraction or 0}")
            expected = formatting.percent(value / 100, language, places=len(fraction or ""))
        if match.group() != expected:
            yield f"percentage {match.group()!r} [{language}], CLDR writes {expected!r}"


def site_slips(site: Path) -> dict[str, list[str]]:
    """The slips of every HTML page of a built site, by page."""
    found = {}
    for page in sorted(site.rglob("*.html")):
        page_slips = list(slips(page.read_text("utf-8")))
        if page_slips:
            found[page.relative_to(site).as_posix()] = page_slips
    return found


@pytest.mark.parametrize(
    ("html", "slip"),
    [
        ('<html lang="ru"><p>Данные на 29 февраля 2024 г..</p></html>', "doubled full stop"),
        ('<html lang="ru"><p>Данные на <a href="#">29 февраля 2024 г.</a>.</p></html>', "doubled full stop"),
        ('<html lang="fr"><p><b>Noms</b>: Kenya</p></html>', "French :"),
        ('<html lang="fr"><p>Noms : Kenya</p></html>', "French :"),
        ('<html lang="fr"><p>Vraiment?</p></html>', "French ?"),
        ('<html lang="fr"><title>Canada: Incrimination</title></html>', "French :"),
        ('<html lang="zh"><p>文件(第60段)</p></html>', "ASCII '('"),
        ('<html lang="fr"><p>le groupe « Incrimination »</p></html>', "French «"),
        ('<html lang="zh"><p>缔约方(按名称): 肯尼亚. 其他</p></html>', "ASCII '('"),
        ('<html lang="zh"><p>缔约方。肯尼亚. </p></html>', "ASCII '.'"),
        ('<html lang="fr"><dd>40,1%</dd></html>', "percentage '40,1%' [fr]"),
        ('<html lang="en"><dd>40,1%</dd></html>', "percentage '40,1%' [en]"),
        ('<html lang="ar"><dd>40.1 %</dd></html>', "percentage '40.1 %' [ar]"),
    ],
)
def test_the_scan_sees_each_kind_of_slip(html: str, slip: str):
    assert any(found.startswith(slip) for found in slips(html)), list(slips(html))


@pytest.mark.parametrize(
    "html",
    [
        '<html lang="ru"><p>Данные на 29 февраля 2024 года. Ещё… и так далее...</p></html>',
        '<html lang="fr"><p>Noms\u00a0: Kenya\u202f; le 1er novembre\u202f? <bdi lang="en">Names: x</bdi></p></html>',
        '<html lang="fr"><p>le groupe «\u00a0Incrimination\u00a0»\u202f!</p></html>',
        '<html lang="fr"><p>Voir https://treaties.un.org/doc?id=1 à 10:30, <code>a:b</code></p></html>',
        '<html lang="zh"><p>缔约方（按名称）：肯尼亚。<span lang="en">Kenya (KEN): Nairobi.</span> 10:30</p></html>',
        '<html lang="zh"><p>其他文件（第60(d)段）。</p></html>',
        '<html lang="fr"><title>Canada : Incrimination</title><span class="md-ellipsis">A : b</span></html>',
        '<html lang="fr"><dd>40,1\u00a0%</dd><p>100\u00a0%</p></html>',
        '<html lang="en"><dd>40.1%</dd><div style="width:40%"></div></html>',
    ],
)
def test_the_scan_accepts_each_language_s_own_forms(html: str):
    assert list(slips(html)) == []


def test_no_page_in_any_language_has_a_formatting_slip(shipped_site: Path):
    found = site_slips(shipped_site)
    pages = list(shipped_site.rglob("*.html"))
    assert len(pages) > 1000  # every profile in seven languages was read
    assert found == {}, (
        f"{sum(map(len, found.values()))} slips on {len(found)} pages: {dict(list(found.items())[:20])}"
    )
