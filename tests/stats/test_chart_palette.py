"""Chart colours and legends (issue 15): no chart uses one colour for two categories, in any drawing, in
any language; legend entries wrap instead of running on; a chart with more categories than colours is
refused rather than drawn with two categories in one colour.

Read from the SVG the statistics page embeds (:func:`profilesite.render.statistics.render_figure` and
``timeline_svg``), for the shipped records, in all seven languages and both drawings (wide and compact).
"""

from __future__ import annotations

import re

import pytest

from profilesite.checks import load_index
from profilesite.i18n.locales import LOCALE_CODES
from profilesite.render import charts
from profilesite.render.statistics import language_count, language_count_labels, render_figure, timeline_svg
from profilesite.stats.clusters import cluster_figures
from profilesite.stats.figures import all_figures, headlines
from profilesite.views.parties import PartyIndex

from ..conftest import REPO
from ._html import Node, parse_html


@pytest.fixture(scope="module")
def shipped_index() -> PartyIndex:
    return load_index(REPO / "profiles", REPO)


def _drawings(svg: str) -> list[Node]:
    """The ``<svg>`` elements of a chart: its wide and its compact drawing."""
    found = parse_html(svg).find_all("svg")
    assert [node.get("class") for node in found] == [frame.css_class for frame in charts.FRAMES]
    return found


def _legend(drawing: Node) -> list[tuple[str, str]]:
    """(colour, label) of each legend entry, in order."""
    entries = []
    for item in drawing.find_all("g", class_="ps-legend-item"):
        swatch = item.find("rect")
        assert swatch is not None
        entries.append((swatch.get("fill").lower(), item.find("text").text()))
    return entries


def _segments(drawing: Node) -> list[tuple[str, str]]:
    """(colour, name) of each bar segment: the rects outside the legend, named by their title."""
    legend = {
        id(rect) for item in drawing.find_all("g", class_="ps-legend-item") for rect in item.find_all("rect")
    }
    return [
        (rect.get("fill").lower(), rect.find("title").text())
        for rect in drawing.find_all("rect")
        if id(rect) not in legend
    ]


def _category(name: str, bar_and_category: bool) -> str:
    """The category a segment's name gives: 'Group 1 — Not started: 4' -> 'Not started'; 'English: 39'."""
    label = re.split(r"\s*[:：]\s*[\d,٠-٩\u00a0\u202f]+$", name)[0]
    return label.split(" — ", 1)[1] if bar_and_category else label


@pytest.mark.parametrize("locale", LOCALE_CODES)
def test_no_chart_uses_one_colour_for_two_categories(shipped_index, locale):
    index = shipped_index
    checked = 0
    for figure in all_figures(index) + cluster_figures(index):
        rendered = render_figure(figure, locale, index.vocabulary)
        if not figure.chart:
            assert rendered.svg == ""
            continue
        languages = figure.column_label_kind == "languages"
        sizes = language_count_labels(figure, locale) if languages else {}
        for drawing in _drawings(rendered.svg):
            legend = _legend(drawing)
            colours = [colour for colour, _ in legend]
            assert len(legend) >= 2, figure.key
            assert len(set(colours)) == len(colours), (figure.key, legend)  # one colour, one entry
            assert len({label for _, label in legend}) == len(legend), (figure.key, legend)
            meaning = dict(legend)
            segments = _segments(drawing)
            assert segments, figure.key
            seen: dict[str, set[str]] = {}
            for colour, name in segments:
                assert colour in meaning, (figure.key, name, colour)  # every colour drawn is explained
                category = _category(name, not languages)
                if languages:  # one bar per combination: its colour says how many languages it has
                    column = next(c for c, label in rendered.column_labels.items() if label == category)
                    assert meaning[colour] == sizes[language_count(column)], (name, meaning[colour])
                else:  # stacked: the colour's legend entry is the segment's own category
                    assert meaning[colour] == category, (figure.key, name, meaning[colour])
                    seen.setdefault(colour, set()).add(category)
            assert all(len(categories) == 1 for categories in seen.values()), (figure.key, seen)
            checked += 1
    timeline = timeline_svg(headlines(index), index, locale)
    for drawing in _drawings(timeline):
        legend = _legend(drawing)
        strokes = [line.get("stroke").lower() for line in drawing.find_all("polyline")]
        assert len(set(strokes)) == len(strokes) == len(legend) >= 4
        assert strokes == [colour for colour, _ in legend]
        checked += 1
    assert checked == 2 * 8  # seven bar charts and the timeline, two drawings each


def test_the_working_languages_chart_names_every_combination_and_links_it(shipped_index):
    """A bar per combination (there are more combinations than colours): each named in words and linked."""
    figure = next(figure for figure in all_figures(shipped_index) if figure.key == "working-languages")
    assert len(figure.columns) > len(charts.PALETTE), "the shipped data have more combinations than colours"
    rendered = render_figure(figure, "en", shipped_index.vocabulary)
    for drawing in _drawings(rendered.svg):
        bold = [text.text() for text in drawing.find_all("text") if text.get("font-weight") == "700"]
        assert bold == [rendered.column_labels[column] for column in figure.columns]
        assert len(drawing.find_all("a")) == len(figure.columns)
        assert [label for _, label in _legend(drawing)] == [
            "1 language",
            "2 languages",
            "3 languages",
            "Not yet agreed",
        ]


def test_more_categories_than_colours_are_refused():
    bars = [charts.Bar("Group 1", [charts.Segment(str(n), 1, "1", None) for n in range(10)], "10")]
    with pytest.raises(charts.TooManyCategories):
        charts.stacked_bars("k", "t", "d", bars, [str(n) for n in range(10)])
    with pytest.raises(charts.TooManyCategories):
        charts.line_chart("k", "t", "d", [(str(n), [(2000, n)]) for n in range(10)], str)
    assert len(set(charts.PALETTE)) == len(charts.PALETTE)


@pytest.mark.parametrize(
    ("text", "room"),
    [
        ("Awaiting initial consultation", 120),
        ("En attente de la consultation initiale", 150),
        ("阿拉伯语 + 英语 + 法语，待举行初步磋商的审议", 100),
        ("بانتظار المشاورة الأولية مع الدولة الطرف", 110),
        ("Ожидается первоначальная консультация", 140),
    ],
)
def test_long_labels_wrap_into_lines_that_fit(text, room):
    lines = charts.wrap(text, 14, room)
    assert len(lines) > 1
    assert "".join(lines) == text  # nothing lost, spaces kept
    for line in lines:
        assert charts.text_width(line.rstrip(), 14) <= room or " " not in line.strip()


def test_chinese_is_measured_a_full_em_a_character():
    assert charts.text_width("待举行初步磋商", 10) == pytest.approx(70)
    assert charts.text_width("未开始", 10) > 1.5 * charts.text_width("abc", 10)


def test_compact_text_reaches_11_px_on_a_phone():
    """The compact drawing, scaled to a 320 px phone's column (288 px), still draws its text at 11 px."""
    assert charts.COMPACT.font * 288 / charts.COMPACT.width >= 11
    # and the wide drawing is shown only where its text reaches 11 px: see profilesite.css (610 px)
    css = (REPO / "scripts/profilesite/assets/profilesite.css").read_text("utf-8")
    breakpoint = float(re.search(r"@container \(width < (\d+)px\)", css).group(1))
    assert charts.WIDE.font * breakpoint / charts.WIDE.width >= 11
