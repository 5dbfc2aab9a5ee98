"""The statistics page as built: every number, chart, link and CSV checked against the records.

The expected numbers are recomputed here from the raw YAML by :mod:`tests.stats._records`, never with
``profilesite.stats``; the party-list filter is emulated from the rows' data-attributes exactly as
``profilesite.js`` applies it (``URLSearchParams`` semantics, i.e. ``parse_qsl``: ``+`` reads as a space).
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from profilesite.i18n.locales import LOCALE_CODES

from ._html import Node, number, parse_file, resolve
from ._records import (
    FIGURES,
    classify,
    consents,
    expected_cells,
    expected_columns,
    expected_rows,
    focal_point,
    latest_review,
    load,
    review_start,
)

FIXTURE = [("fixture_site", "en"), ("fixture_site", "ar")]
SHIPPED_ALL = [("shipped_site", code) for code in LOCALE_CODES]
SHIPPED = [("shipped_site", "en"), ("shipped_site", "ar")]
FIGURE_KEYS = list(FIGURES)
CHART_KEYS = FIGURE_KEYS + ["treaty-timeline"]

SCRIPTS = {
    "en": r"[A-Za-z]",
    "fr": r"[A-Za-zÀ-ÿ]",
    "es": r"[A-Za-zÀ-ÿ]",
    "pt": r"[A-Za-zÀ-ÿ]",
    "ru": r"[\u0400-\u04FF]",
    "zh": r"[\u4E00-\u9FFF]",
    "ar": r"[\u0600-\u06FF]",
}
ARABIC = re.compile(r"[\u0600-\u06FF]")
LATIN = re.compile(r"[A-Za-z]")


def _prefix(locale: str) -> str:
    return "" if locale == "en" else f"{locale}/"


def _stats_page(site: Path, locale: str) -> Path:
    return site / _prefix(locale) / "statistics" / "index.html"


def _article(site: Path, locale: str) -> Node:
    tree = parse_file(_stats_page(site, locale))
    html = tree.find("html")
    assert html is not None and html.get("lang") == locale
    return tree


def _section(tree: Node, key: str) -> list[Node]:
    """Elements from the heading ``h2#key`` to the next h2, in document order."""
    nodes = list(tree.iter())
    start = next(i for i, node in enumerate(nodes) if node.tag == "h2" and node.get("id") == key)
    end = next((i for i in range(start + 1, len(nodes)) if nodes[i].tag == "h2"), len(nodes))
    return nodes[start:end]


def _first(nodes: list[Node], tag: str, class_: str | None = None) -> Node:
    for node in nodes:
        if node.tag == tag and (class_ is None or class_ in (node.get("class") or "").split()):
            return node
    raise AssertionError(f"no <{tag} class={class_}> in the section")


def _raw_query(href: str) -> dict[str, str]:
    """The link's query as the product means it (percent-decoding only, '+' kept)."""
    query = urlsplit(href).query
    return {name: unquote(value) for name, value in (part.split("=", 1) for part in query.split("&"))}


def _table(table: Node) -> tuple[list[str], list[tuple[str, list[tuple[str, int]], int]]]:
    """Header labels (after the empty corner cell) and rows: label, linked cells (href, number), total."""
    head = table.find("thead")
    assert head is not None
    header = [cell.text().strip() for cell in head.find_all("th")]
    body = table.find("tbody")
    assert body is not None
    rows = []
    for tr in body.find_all("tr"):
        label = tr.find("th")
        assert label is not None
        cells = []
        tds = tr.find_all("td")
        for td in tds[:-1]:
            link = td.find("a")
            assert link is not None, "every count links to its parties"
            cells.append((link.get("href") or "", number(link.text())))
        assert tds[-1].find("a") is None
        rows.append((label.text().strip(), cells, number(tds[-1].text())))
    return header, rows


def _figure_table(tree: Node, key: str):
    return _table(_first(_section(tree, key), "table", "ps-figure-table"))


# ----------------------------------------------------------------------------- numbers


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED_ALL)
def test_figure_tables_show_the_counts_of_the_records(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    profiles = site.parent / "profiles"
    tree = _article(site, locale)
    cells = expected_cells(profiles)
    for key, (name, _) in FIGURES.items():
        header, rows = _figure_table(tree, key)
        columns = expected_columns(profiles, key)
        assert len(header) == len(columns) + 1, key  # categories and Total
        assert len(rows) == len(expected_rows(profiles, key)), key
        shown_rows = []
        for _, linked, total in rows:
            queries = [_raw_query(href) for href, _ in linked]
            row = queries[0].get("group", "all")
            shown_rows.append(row)
            assert [query[name] for query in queries] == columns, key
            for query, (href, count) in zip(queries, linked, strict=True):
                assert urlsplit(href).path == "../profiles/", href
                assert set(query) == ({name} if row == "all" else {"group", name}), href
                assert query.get("group", "all") == row
                assert count == len(cells[key].get((row, query[name]), [])), (key, row, query[name])
            assert total == sum(len(cells[key].get((row, column), [])) for column in columns), (key, row)
        assert shown_rows == expected_rows(profiles, key), key


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED)
def test_chart_segments_link_like_the_nonzero_table_cells(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    tree = _article(site, locale)
    for key in FIGURE_KEYS:
        section = _section(tree, key)
        _, rows = _figure_table(tree, key)
        in_table = [(href, count) for _, linked, _ in rows for href, count in linked if count]
        svg = _first(section, "svg")
        segments = []
        for link in svg.find_all("a"):
            rect = link.find("rect")
            title = rect.find("title") if rect else None
            assert rect is not None and title is not None
            segments.append((link.get("href"), number(title.text().rsplit(":", 1)[1])))
        assert segments == in_table, key


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED)
def test_headlines_show_the_counts_of_the_records(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    records, _ = load(site.parent / "profiles")
    in_review = [record for record in records.values() if latest_review(record)]
    experts = [(record.get("nominations") or {}).get("governmental_experts") or {} for record in in_review]
    total, women = (
        sum(item.get("total", 0) for item in experts),
        sum(item.get("women", 0) for item in experts),
    )
    headline = _article(site, locale).find("dl", class_="ps-headlines")
    assert headline is not None
    shown = [dd.text().strip() for dd in headline.find_all("dd")]
    assert len(shown) == 7
    assert [number(shown[i]) for i in (0, 1, 2, 3, 4, 6)] == [
        len(records),
        len(in_review),
        sum(1 for record in in_review if focal_point(record)),
        sum(1 for record in in_review if not focal_point(record)),
        total,
        sum(1 for record in in_review if (record.get("nominations") or {}).get("observers")),
    ]
    share = re.search(r"\d+(?:[.,٫]\d+)?", shown[5].translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
    assert share is not None
    assert float(share.group().replace(",", ".").replace("٫", ".")) == pytest.approx(
        100 * women / total, abs=0.051
    )


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED)
def test_instrument_table_counts_the_consents(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    profiles = site.parent / "profiles"
    start = review_start(profiles)
    table = _article(site, locale).find("table", class_="ps-instruments")
    assert table is not None
    body = table.find("tbody")
    assert body is not None
    shown = [[number(td.text()) for td in tr.find_all("td")] for tr in body.find_all("tr")]
    expected = [
        [len(dates), sum(1 for date in dates if date and date >= start)]
        for dates in consents(profiles).values()
    ]
    assert shown == expected


# ----------------------------------------------------------------------------- charts


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED_ALL)
def test_charts_are_labelled_images_in_the_page_language(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    tree = _article(site, locale)
    script = re.compile(SCRIPTS[locale])
    for key in CHART_KEYS:
        svg = _first(_section(tree, key), "svg")
        # an image hides its content from assistive technology, so a chart with links to the party list is a
        # labelled group (its bars stay reachable); a chart without links is an image
        expected_role = "group" if svg.find_all("a") else "img"
        assert svg.get("role") == expected_role, key
        assert svg.get("direction") == ("rtl" if locale == "ar" else "ltr"), key
        title = next(child for child in svg.children if isinstance(child, Node) and child.tag == "title")
        desc = next(child for child in svg.children if isinstance(child, Node) and child.tag == "desc")
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}", key
        for node in (title, desc):
            assert node.text().strip(), key
            assert script.search(node.text()), (key, node.text())
        texts = [text.text().strip() for text in svg.find_all("text")]
        assert texts and all(texts), key
        worded = [text for text in texts if any(char.isalpha() for char in text)]
        assert worded, key
        for text in worded:
            assert script.search(text), (key, locale, text)
            if locale != "ar":
                assert not ARABIC.search(text), (key, text)
            if locale in ("ar", "ru", "zh"):
                assert not LATIN.search(text), (key, locale, text)


def _segments(svg: Node) -> list[tuple[float, float, float]]:
    rects = [link.find("rect") for link in svg.find_all("a")]
    return [(float(r.get("x")), float(r.get("y")), float(r.get("width"))) for r in rects if r is not None]


@pytest.mark.parametrize("site_name", ["fixture_site", "shipped_site"])
def test_arabic_charts_are_mirrored(request, site_name):
    site = request.getfixturevalue(site_name)
    english, arabic = _article(site, "en"), _article(site, "ar")
    for key in FIGURE_KEYS:
        left = _first(_section(english, key), "svg")
        right = _first(_section(arabic, key), "svg")
        width = float(left.get("viewbox").split()[2])
        ltr, rtl = _segments(left), _segments(right)
        assert ltr and len(ltr) == len(rtl), key
        starts_seen = set()
        for (x_en, y_en, w_en), (x_ar, y_ar, w_ar) in zip(ltr, rtl, strict=True):
            assert (y_ar, w_ar) == (y_en, w_en), key
            assert x_ar == pytest.approx(width - x_en - w_en, abs=0.11), key
            if y_en not in starts_seen:  # first segment of a bar: rtl bars start at the right
                starts_seen.add(y_en)
                assert x_ar + w_ar > x_en, key
        labels_en = [float(t.get("x")) for t in left.find_all("text") if t.get("font-weight") == "700"]
        labels_ar = [float(t.get("x")) for t in right.find_all("text") if t.get("font-weight") == "700"]
        assert labels_ar == [pytest.approx(width - x, abs=0.11) for x in labels_en], key
        assert all(x_ar > x_en for x_ar, x_en in zip(labels_ar, labels_en, strict=True)), key
    line_en = _first(_section(english, "treaty-timeline"), "svg").find("polyline")
    line_ar = _first(_section(arabic, "treaty-timeline"), "svg").find("polyline")
    assert line_en is not None and line_ar is not None
    xs_en = [float(point.split(",")[0]) for point in line_en.get("points").split()]
    xs_ar = [float(point.split(",")[0]) for point in line_ar.get("points").split()]
    assert xs_ar == [pytest.approx(width - x, abs=0.11) for x in xs_en]


# ----------------------------------------------------------------------------- links to the party list


def _party_rows(site: Path, locale: str) -> list[dict[str, str]]:
    tree = parse_file(site / _prefix(locale) / "profiles" / "index.html")
    table = tree.find("table", id="ps-parties")
    assert table is not None
    body = table.find("tbody")
    assert body is not None
    rows = []
    for tr in body.find_all("tr"):
        link = tr.find("th").find("a")
        rows.append({**tr.attrs, "code": (link.get("href") or "").strip("/")})
    return rows


def _page_filters(site: Path, locale: str) -> dict[str, dict[str, str]]:
    """The party list's filters by key, as profilesite.js reads them: the page's JSON data block."""
    tree = parse_file(site / _prefix(locale) / "profiles" / "index.html")
    block = tree.find("script", id="ps-filter-keys")
    assert block is not None and block.get("type") == "application/json"
    return {item["key"]: item for item in json.loads(block.text())}


def _select(site: Path, locale: str, page: Path, href: str) -> list[str]:
    """Codes of the rows profilesite.js shows for ``href`` (followed from ``page``)."""
    assert resolve(page, site, href) == site / _prefix(locale) / "profiles" / "index.html", href
    params: dict[str, str] = {}
    for name, value in parse_qsl(urlsplit(href).query, keep_blank_values=True):  # URLSearchParams.get
        params.setdefault(name, value)
    filters = _page_filters(site, locale)
    assert set(params) <= set(filters), f"{href}: a filter the party list does not apply"
    assert all(filters[name]["match"] == "equals" for name in params), f"{href}: not a category filter"
    selected = []
    for row in _party_rows(site, locale):
        wanted = [(filters[name]["attribute"], value) for name, value in params.items()]
        if all(row.get(attribute) == value for attribute, value in wanted):
            selected.append(row["code"])
    return sorted(selected)


@pytest.mark.parametrize(
    ("site_name", "locale", "key"),
    [(site, locale, key) for site, locale in FIXTURE + SHIPPED for key in FIGURE_KEYS],
)
def test_each_cell_link_lists_exactly_the_parties_it_counts(request, site_name, locale, key):
    site = request.getfixturevalue(site_name)
    page = _stats_page(site, locale)
    cells = expected_cells(site.parent / "profiles")[key]
    name = FIGURES[key][0]
    _, rows = _figure_table(_article(site, locale), key)
    for _, linked, _ in rows:
        for href, count in linked:
            query = _raw_query(href)
            expected = cells.get((query.get("group", "all"), query[name]), [])
            selected = _select(site, locale, page, href)
            assert (len(selected), selected) == (count, expected), href


def test_party_list_rows_carry_the_categories_of_the_records(fixture_site):
    records, vocabulary = load(fixture_site.parent / "profiles")
    for row in _party_rows(fixture_site, "en"):
        record = records[row["code"]]
        filters = {key[len("data-f-") :]: value for key, value in row.items() if key.startswith("data-f-")}
        expected = classify(record, records, vocabulary)
        filters.pop("focal", None)  # not a figure category (see the focal-point headline test)
        assert filters == expected, row["code"]
        review = latest_review(record)
        assert row["data-group"] == (str(review["group"]) if review else "none")


@pytest.mark.parametrize(
    ("site_name", "answer"),
    [
        ("fixture_site", "yes"),
        ("fixture_site", "no"),
        ("shipped_site", "yes"),
        ("shipped_site", "no"),
    ],
)
def test_focal_point_headline_links_list_the_parties_counted(request, site_name, answer):
    site = request.getfixturevalue(site_name)
    records, _ = load(site.parent / "profiles")
    expected = sorted(
        code
        for code, record in records.items()
        if latest_review(record) and focal_point(record) == (answer == "yes")
    )
    headline = _article(site, "en").find("dl", class_="ps-headlines")
    links = [link for link in headline.find_all("a") if link.get("href") == f"../profiles/?focal={answer}"]
    assert len(links) == 1
    selected = _select(site, "en", _stats_page(site, "en"), links[0].get("href"))
    assert (number(links[0].text()), selected) == (len(expected), expected)


# ----------------------------------------------------------------------------- CSV downloads


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED_ALL)
def test_each_figure_csv_matches_its_table(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    page = _stats_page(site, locale)
    tree = _article(site, locale)
    for key in FIGURE_KEYS:
        section = _section(tree, key)
        download = _first(section, "p", "ps-download").find("a")
        assert download is not None and "download" in download.attrs
        path = resolve(page, site, download.get("href"))
        assert path == page.parent / f"{key}.csv"
        table = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
        header, rows = _figure_table(tree, key)
        assert table[0] == ["", *header], key
        assert table[1:] == [
            [label, *(str(count) for _, count in linked), str(total)] for label, linked, total in rows
        ], key


@pytest.mark.parametrize(("site_name", "locale"), FIXTURE + SHIPPED)
def test_timeline_csv_counts_the_consents_per_year(request, site_name, locale):
    site = request.getfixturevalue(site_name)
    profiles = site.parent / "profiles"
    records, _ = load(profiles)
    last_year = max(record["as_of"] for record in records.values()).year
    # the timeline counts the dated consents: a party whose date is not in our sources is on no year
    dates = {key: [date for date in values if date] for key, values in consents(profiles).items()}
    path = _stats_page(site, locale).parent / "treaty-timeline.csv"
    table = list(csv.reader(io.StringIO(path.read_text("utf-8"), newline="")))
    assert len(table[0]) == 1 + len(dates)
    first_year = min(date.year for values in dates.values() for date in values)
    assert [int(row[0]) for row in table[1:]] == list(range(first_year, last_year + 1))
    for row in table[1:]:
        year = int(row[0])
        for value, instrument_dates in zip(row[1:], dates.values(), strict=True):
            if not instrument_dates or year < min(date.year for date in instrument_dates):
                assert value == ""
            else:
                assert int(value) == sum(1 for date in instrument_dates if date.year <= year)
