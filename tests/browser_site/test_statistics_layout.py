"""The statistics page as readers see it (issue 15): in Chromium, in all seven languages, on a 1280 px screen
and a 390 px phone.

Tables are padded and ruled, their figures aligned at the end, and a table wider than the column scrolls
inside its own box (nothing else overflows, its caption wraps inside the box); chart text renders at 11 px
or more, taking the SVG's scaling into account (font size x the scale of the text's screen matrix); no two
legend entries, and no two texts of a chart, overlap; no text sticks out of its chart.

Each language and width is one page load, measured once by one script (:data:`MEASURE`, which first opens
every disclosure, so that a table behind one is measured too); the tests read the measurement.
"""

from __future__ import annotations

import functools
import math

import pytest

from profilesite.i18n.locales import LOCALE_CODES

pytestmark = pytest.mark.browser

WIDTHS = (1280, 390)
SMALLEST_TEXT = 11.0  # px, as rendered
STYLED_TABLES = ("ps-figure-table", "ps-instruments", "ps-counts")  # the statistics' own tables
TOLERANCE = 0.5  # px: boxes may touch

MEASURE = """() => {
  const article = document.querySelector("article") || document.body;
  // a table behind a disclosure (<details>) is measured as a reader who opens it sees it
  for (const details of article.querySelectorAll("details")) details.open = true;
  const rect = element => {
    const r = element.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const scrolls = element => ["auto", "scroll"].includes(getComputedStyle(element).overflowX);
  const tables = Array.from(article.querySelectorAll("table"))
    .filter(table => table.checkVisibility())
    .map(table => {
      const cells = Array.from(table.querySelectorAll("th, td"), cell => {
        const style = getComputedStyle(cell);
        return {
          text: cell.textContent.trim().slice(0, 40),
          tag: cell.tagName.toLowerCase(),
          body: cell.closest("tbody") !== null,
          padding: ["Top", "Right", "Bottom", "Left"].map(side => parseFloat(style["padding" + side])),
          border: parseFloat(style.borderBottomWidth),
          align: style.textAlign,
          direction: style.direction,
        };
      });
      // the first ancestor that scrolls sideways, and every ancestor whose content overflows it
      let wrapper = null;
      const overflowing = [];
      for (let element = table.parentElement; element && element !== document.body; element = element.parentElement) {
        if (!wrapper && scrolls(element)) { wrapper = element; continue; }
        if (element.scrollWidth > element.clientWidth + 1) {
          overflowing.push([element.tagName, element.className, element.scrollWidth, element.clientWidth]);
        }
      }
      const caption = table.querySelector("caption");
      return {
        cls: table.className,
        cells,
        wrapper: wrapper && {
          box: rect(wrapper), client: wrapper.clientWidth, scroll: wrapper.scrollWidth,
          overflow: getComputedStyle(wrapper).overflowX,
        },
        overflowing,
        caption: caption && rect(caption),
        table: [table.scrollWidth, table.clientWidth],
      };
    });
  const figures = Array.from(article.querySelectorAll("figure"))
    .filter(figure => figure.querySelector("svg.ps-chart"))
    .map(figure => ({
      id: (() => {
        let heading = figure;
        while (heading && heading.tagName !== "H2") heading = heading.previousElementSibling;
        return heading ? heading.id : "";
      })(),
      shown: Array.from(figure.querySelectorAll("svg.ps-chart, svg.ps-compact-chart"))
        .filter(svg => svg.getBoundingClientRect().width > 0)
        .map(svg => ({
          cls: svg.getAttribute("class"),
          box: rect(svg),
          texts: Array.from(svg.querySelectorAll("text"), text => {
            const matrix = text.getScreenCTM();
            const scale = Math.sqrt(Math.abs(matrix.a * matrix.d - matrix.b * matrix.c));
            return {text: text.textContent, px: parseFloat(getComputedStyle(text).fontSize) * scale, box: rect(text)};
          }),
          legend: Array.from(svg.querySelectorAll(".ps-legend-item"), item => ({text: item.textContent, box: rect(item)})),
        })),
    }));
  return {
    tables, figures,
    page: [document.documentElement.scrollWidth, window.innerWidth],
    wide: document.querySelectorAll("svg.ps-chart").length,
  };
}"""


@functools.cache
def _measured(browser, base: str, locale: str, width: int) -> dict:
    """One load of the statistics page in ``locale`` at ``width``, measured (cached for the session)."""
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        prefix = "" if locale == "en" else f"{locale}/"
        page.goto(f"{base}/{prefix}statistics/", wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        return page.evaluate(MEASURE)
    finally:
        context.close()


@pytest.fixture(
    params=[(locale, width) for width in WIDTHS for locale in LOCALE_CODES],
    ids=lambda pair: f"{pair[0]}-{pair[1]}",
)
def measured(request, browser, shipped_url) -> dict:
    locale, width = request.param
    result = _measured(browser, shipped_url, locale, width)
    return result | {"locale": locale, "width": width}


def _overlap(first: list[float], second: list[float]) -> bool:
    """Whether two boxes (left, top, right, bottom) share more than a hairline."""
    across = min(first[2], second[2]) - max(first[0], second[0])
    down = min(first[3], second[3]) - max(first[1], second[1])
    return across > TOLERANCE and down > TOLERANCE


def _inside(inner: list[float], outer: list[float]) -> bool:
    return (
        inner[0] >= outer[0] - TOLERANCE
        and inner[1] >= outer[1] - TOLERANCE
        and inner[2] <= outer[2] + TOLERANCE
        and inner[3] <= outer[3] + TOLERANCE
    )


def _charts(measured: dict) -> list[dict]:
    return [chart for figure in measured["figures"] for chart in figure["shown"]]


def test_table_cells_are_padded_ruled_and_figures_aligned_at_the_end(measured):
    tables = measured["tables"]
    assert len(tables) >= 9, "the statistics page has its tables"
    unpadded, unruled, misaligned = [], [], []
    for table in tables:
        styled = any(name in table["cls"].split() for name in STYLED_TABLES)
        for cell in table["cells"]:
            if (
                min(cell["padding"][1], cell["padding"][3]) < 4
                or min(cell["padding"][0], cell["padding"][2]) < 2
            ):
                unpadded.append((table["cls"], cell["text"], cell["padding"]))
            if not styled or not cell["body"]:
                continue
            if cell["border"] < 1:
                unruled.append((table["cls"], cell["text"]))
            end = "right" if cell["direction"] == "ltr" else "left"
            figure = cell["tag"] == "td" and cell["text"].replace(",", "").replace("\u00a0", "").isdigit()
            if figure and cell["align"] not in ("end", end):
                misaligned.append((table["cls"], cell["text"], cell["align"]))
    assert unpadded == [], unpadded[:5]
    assert unruled == [], unruled[:5]
    assert misaligned == [], misaligned[:5]


def test_tables_scroll_inside_their_own_box_and_nothing_else_overflows(measured):
    page_width, viewport = measured["page"]
    assert page_width <= viewport, "the page itself scrolls sideways"
    for table in measured["tables"]:
        wrapper = table["wrapper"]
        assert wrapper is not None, f"{table['cls']}: no box of its own to scroll in"
        assert table["overflowing"] == [], (table["cls"], table["overflowing"])
        left, _, right, _ = wrapper["box"]
        assert left >= -TOLERANCE and right <= viewport + TOLERANCE, (table["cls"], wrapper["box"])
        if table["caption"]:  # the caption wraps inside the box, even where the table is wider
            assert _inside([table["caption"][0], 0, table["caption"][2], 0], [left, 0, right, 0]), (
                table["cls"],
                table["caption"],
                wrapper["box"],
            )
    if measured["width"] == 390:
        assert any(table["wrapper"]["scroll"] > table["wrapper"]["client"] for table in measured["tables"]), (
            "no table is wider than a phone: the scrolling is not tested"
        )


def test_each_chart_is_shown_once_and_its_text_renders_at_11_px_or_more(measured):
    figures = measured["figures"]
    assert len(figures) == measured["wide"] >= 8, "every chart of the page is in a figure"
    for figure in figures:
        assert len(figure["shown"]) == 1, (figure["id"], [chart["cls"] for chart in figure["shown"]])
    if measured["width"] == 1280:  # the desktop gets the wide drawing, at the column's width
        assert all(chart["cls"] == "ps-chart" for chart in _charts(measured))
        assert all(chart["box"][2] - chart["box"][0] >= 600 for chart in _charts(measured))
    small = [
        (text["text"], round(text["px"], 2))
        for chart in _charts(measured)
        for text in chart["texts"]
        if text["px"] < SMALLEST_TEXT - 0.01
    ]
    assert sum(len(chart["texts"]) for chart in _charts(measured)) > 50
    assert small == [], small[:8]


def test_legend_entries_and_chart_texts_do_not_overlap_or_stick_out(measured):
    for chart in _charts(measured):
        legend = chart["legend"]
        assert len(legend) >= 2, chart["cls"]
        for index, first in enumerate(legend):
            assert _inside(first["box"], chart["box"]), ("legend entry cut off", first["text"])
            for second in legend[index + 1 :]:
                assert not _overlap(first["box"], second["box"]), (first["text"], second["text"])
        texts = chart["texts"]
        for index, first in enumerate(texts):
            assert _inside(first["box"], chart["box"]), ("text cut off", first["text"], first["box"])
            for second in texts[index + 1 :]:
                assert not _overlap(first["box"], second["box"]), (first["text"], second["text"])


def test_the_measurement_sees_what_it_checks(measured):
    """The script measured real boxes: legends have widths, texts have sizes (guards a silent no-op)."""
    charts = _charts(measured)
    assert charts
    assert all(math.isfinite(text["px"]) and text["px"] > 0 for chart in charts for text in chart["texts"])
    assert all(entry["box"][2] - entry["box"][0] > 20 for chart in charts for entry in chart["legend"])
