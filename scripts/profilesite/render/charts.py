"""Charts drawn at build time as inline SVG.

Real text (the browser shapes Arabic and Chinese), no JavaScript, printable, mirrored for right-to-left
languages, each bar segment a link to the parties it counts.

Why hand-made rather than a library: pygal embeds inline scripts and styles (our Content-Security-Policy
forbids them) and cannot mirror; matplotlib draws text as paths by default, adds ~40 MB of dependency and
cannot link a bar to a page. What we need is two chart kinds, so it is a few hundred lines we fully control.

Mirroring: every x is computed left-to-right, then mapped to ``width - x`` for rtl, and the SVG gets
``direction="rtl"``; with the text direction reversed, each text-anchor keyword keeps its meaning, so the
anchors need no change.

Two drawings of every chart (:data:`FRAMES`). Text in an SVG scales with the drawing: the 720-unit drawing
squeezed into a 390 px phone (358 px of column) drew its 13-unit text 6.5 px tall. So each chart is drawn
wide (:data:`WIDE`, 720 units) and compact (:data:`COMPACT`, 340 units), both with 14-unit text, and the
stylesheet shows the compact one where the figure is too narrow for the wide one's text to render at 11 px
or more (a container query on the figure; ``profilesite.css``, "statistics layout"). Both are laid out
the same way: each bar's label stands above the bar (no label column to squeeze: the bar gets the whole
width, and a long label in any script has a line of its own), the legend below the bars. The bars'
geometry therefore does not depend on the language, and mirrors exactly.

Legends wrap by an estimate of each label's width (:func:`text_width`: Chinese characters are a full em,
Latin letters about half): no font metrics exist at build time, so the estimate errs wide; an entry too long
for a line wraps onto several (:func:`wrap`). ``tests/browser_site/test_statistics_layout.py`` measures the
result in Chromium in every language.

Colours: one per category, never shared (:data:`PALETTE`, the Okabe-Ito colours, which stay apart with the
common colour-vision deficiencies); a chart with more categories than colours is refused
(:class:`TooManyCategories`) rather than drawn with two categories in one colour. Where categories are many
(the working languages), draw one bar per category with its label in words (:func:`category_bars`): colour
then tells a coarser grouping with few entries.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
# Colours on which white text is the more legible (WCAG AA, 4.5:1); black text on all others. Green,
# vermilion and purple looked dark but give white text only 3.0-3.9:1 (black: 5.4-6.9:1).
DARK = {"#0072B2", "#000000"}
WIDTH = 720  # the wide drawing, in SVG units
COMPACT_WIDTH = 340  # the compact drawing (phones)
INSET = 2.0  # room at each side for the ink of a glyph that overhangs its anchor


@dataclass(frozen=True)
class Frame:
    """One drawing of a chart: width and text size in SVG units, its class and the suffix of its ids."""

    width: float
    font: float
    css_class: str
    suffix: str


WIDE = Frame(WIDTH, 14.0, "ps-chart", "")
# The class must not contain "ps-chart": the stylesheet and the tests address the wide drawings by it.
COMPACT = Frame(COMPACT_WIDTH, 14.0, "ps-compact-chart", "-compact")
FRAMES = (WIDE, COMPACT)


class TooManyCategories(ValueError):
    """A chart was asked to tell more categories apart by colour than the palette has colours."""


@dataclass(frozen=True)
class Segment:
    """One part of a bar: its category label, count, text shown, and the page listing its parties.

    ``category``: which legend entry (and so which colour) the segment belongs to; by default its position
    in the bar, i.e. the bars' segments follow the legend's order.
    """

    label: str
    count: int
    shown: str
    href: str | None
    category: int | None = None


@dataclass(frozen=True)
class Bar:
    """One bar (a review group, or all reviews) made of segments in category order."""

    label: str
    segments: list[Segment]
    total: str


# --------------------------------------------------------------------------- text measure

_NARROW = set(" .,:;'!|()[]/-ilj1·،")
_BROAD = set("mwMW%@—")
# A Chinese, Japanese or Korean character, on either side of which a line may break; else a word with the
# spaces after it.
_CJK = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef"
_TOKEN = re.compile(rf"[{_CJK}]|[^\s{_CJK}]+\s*|\s+")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """A generous estimate of the advance of ``text`` set at ``size`` (in the same unit).

    Full-width characters (Chinese) take one em; marks that combine (Arabic vowels) none; narrow
    punctuation a third; capitals and wide letters three quarters; every other letter or digit 0.62 em,
    more than the common sans-serif fonts' average for Latin, Cyrillic and Arabic letters.
    """
    ems = 0.0
    for char in text:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Cf"):
            continue
        if unicodedata.east_asian_width(char) in ("W", "F"):
            ems += 1.0
        elif char in _NARROW or char.isspace():
            ems += 0.34
        elif char in _BROAD or char.isupper():
            ems += 0.76
        else:
            ems += 0.62
    return ems * size * (1.1 if bold else 1.0)


def wrap(text: str, size: float, room: float, bold: bool = False) -> list[str]:
    """``text`` cut into lines of at most ``room`` (estimated width).

    Lines break between words and between Chinese characters. Each line keeps the spaces after it, so the
    lines joined are ``text``. A single word longer than ``room`` stays whole on its line.
    """
    if text_width(text, size, bold) <= room:
        return [text]
    lines: list[str] = []
    line = ""
    for token in _TOKEN.findall(text):
        if line.strip() and text_width((line + token).rstrip(), size, bold) > room:
            lines.append(line)
            line = token.lstrip() if token.isspace() else token
        else:
            line += token
    if line:
        lines.append(line)
    return lines


# --------------------------------------------------------------------------- drawing


class _Canvas:
    """Collects SVG elements with x mirrored for right-to-left languages."""

    def __init__(self, rtl: bool, frame: Frame = WIDE) -> None:
        self.rtl = rtl
        self.frame = frame
        self.parts: list[str] = []

    def x(self, value: float) -> float:
        return self.frame.width - value if self.rtl else value

    def rect(
        self, x: float, y: float, width: float, height: float, fill: str, title: str, **attributes: str
    ) -> str:
        left = self.x(x + width) if self.rtl else x
        return (
            f'<rect x="{left:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}"'
            f"{_attributes(attributes)}><title>{escape(title)}</title></rect>"
        )

    def text(self, x: float, y: float, content: str, anchor: str = "start", **attributes: str) -> str:
        return (
            f'<text x="{self.x(x):.1f}" y="{y:.1f}" text-anchor="{anchor}"{_attributes(attributes)}>'
            f"{escape(content)}</text>"
        )

    def lines(self, x: float, y: float, lines: Sequence[str], step: float, **attributes: str) -> str:
        """Start-anchored text of several lines, the first on baseline ``y``, then one every ``step``."""
        if len(lines) == 1:
            return self.text(x, y, lines[0], "start", **attributes)
        spans = "".join(
            f'<tspan x="{self.x(x):.1f}" y="{y + index * step:.1f}">{escape(line)}</tspan>'
            for index, line in enumerate(lines)
        )
        start = f'<text x="{self.x(x):.1f}" y="{y:.1f}" text-anchor="start"{_attributes(attributes)}>'
        return f"{start}{spans}</text>"


def _attributes(attributes: dict[str, str]) -> str:
    return "".join(f' {key.replace("_", "-")}="{escape(value)}"' for key, value in attributes.items())


def _svg(canvas: _Canvas, height: float, title: str, description: str, key: str, role: str = "img") -> str:
    """Wrap the drawn parts in the chart's ``<svg>`` with its title and description.

    ``role="img"`` when the chart holds no link; with links, ``group``: an image's content is hidden from
    assistive technology, so links inside one would be focusable yet unnamed. The text size is set on a
    group inside, so that the stylesheet's size for the ``<svg>`` cannot change what the layout assumed.
    """
    frame = canvas.frame
    direction = "rtl" if canvas.rtl else "ltr"
    ids = f"{key}{frame.suffix}"
    return (
        f'<svg class="{frame.css_class}" viewBox="0 0 {frame.width:.0f} {height:.0f}" role="{role}" '
        f'direction="{direction}" aria-labelledby="{ids}-title {ids}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{ids}-title">{escape(title)}</title><desc id="{ids}-desc">{escape(description)}</desc>'
        f'<g font-size="{frame.font:g}">' + "".join(canvas.parts) + "</g></svg>"
    )


def _legend(canvas: _Canvas, top: float, entries: Sequence[tuple[str, str]]) -> float:
    """Legend entries (label, colour) flowing in rows from ``top``, each wrapped to fit; returns the bottom.

    An entry goes to the next row when its estimated width does not fit what is left of the row. Rows are
    1.5 em apart: Chinese and Arabic fonts draw taller than Latin ones.
    """
    frame = canvas.frame
    font = frame.font
    swatch, gap, spacing, step = font, font * 0.45, font * 1.4, font * 1.3
    room = frame.width - 2 * INSET - swatch - gap
    x, row_top, row_height = INSET, top, 0.0
    for label, colour in entries:
        lines = wrap(label, font, room)
        needed = swatch + gap + max(text_width(line.rstrip(), font) for line in lines)
        if x > INSET and x + needed > frame.width - INSET:
            x, row_top, row_height = INSET, row_top + row_height, 0.0
        baseline = row_top + font * 1.15
        canvas.parts.append(
            '<g class="ps-legend-item">'
            + canvas.rect(x, baseline - swatch * 0.85, swatch, swatch, colour, label)
            + canvas.lines(x + swatch + gap, baseline, lines, step)
            + "</g>"
        )
        x += needed + spacing
        row_height = max(row_height, font * 1.5 + (len(lines) - 1) * step)
    return row_top + row_height


def stacked_bars(
    key: str,
    title: str,
    description: str,
    bars: list[Bar],
    legend: list[str],
    rtl: bool = False,
    labelled: Callable[[str, str], str] = lambda label, value: f"{label}: {value}",
    frame: Frame = WIDE,
) -> str:
    """Horizontal stacked bars, each with its label above it and its total after it, then a legend.

    Segments link to their parties. ``labelled`` joins a segment's name and count with the page language's
    punctuation (French puts a no-break space before the colon, Chinese writes a full-width one). A
    segment's name is its bar's label and its own, or its own alone where they are the same (a bar of one
    category, :func:`category_bars`). The count is drawn on a segment that has room for it, unless the bar
    is one segment (its total says it).
    """
    if len(legend) > len(PALETTE):
        raise TooManyCategories(
            f"chart {key!r}: {len(legend)} categories, but only {len(PALETTE)} colours can be told apart;"
            " draw one bar per category (category_bars) or group categories"
        )
    canvas = _Canvas(rtl, frame)
    font = frame.font
    linked = False
    # Bars of one segment carry no count inside: they can be thinner (a chart of many categories).
    thin = all(len(bar.segments) == 1 for bar in bars)
    bar_height, label_gap, gap = (
        round(font * (1.4 if thin else 1.9)),
        font * 0.5,
        font * (0.7 if thin else 0.9),
    )
    # The room kept after the longest bar for its total, from the length of the totals: the same in every
    # language (the site writes Western digits in all seven), so the bars mirror exactly.
    after = INSET + 8 + 0.62 * font * max((len(bar.total) for bar in bars), default=1)
    plot = frame.width - INSET - after
    largest = max((sum(segment.count for segment in bar.segments) for bar in bars), default=0) or 1
    y = 0.0
    for bar in bars:
        label = wrap(bar.label, font, frame.width - 2 * INSET, bold=True)
        canvas.parts.append(canvas.lines(INSET, y + font * 1.2, label, font * 1.3, font_weight="700"))
        y += font * 1.2 + (len(label) - 1) * font * 1.3 + label_gap
        x = INSET
        middle = y + bar_height / 2 + font * 0.36
        for index, segment in enumerate(bar.segments):
            if segment.count == 0:
                continue
            width = plot * segment.count / largest
            colour = PALETTE[index if segment.category is None else segment.category]
            named = segment.label if segment.label == bar.label else f"{bar.label} — {segment.label}"
            name = labelled(named, segment.shown)
            piece = canvas.rect(x, y, width, bar_height, colour, name)
            if len(bar.segments) > 1 and width >= text_width(segment.shown, font) + 6:
                ink = "#ffffff" if colour in DARK else "#000000"
                piece += canvas.text(x + width / 2, middle, segment.shown, "middle", fill=ink)
            if segment.href:
                piece = f'<a href="{escape(segment.href)}" aria-label="{escape(name)}">{piece}</a>'
                linked = True
            canvas.parts.append(piece)
            x += width
        canvas.parts.append(canvas.text(x + 6, middle, bar.total, "start"))
        y += bar_height + gap
    bottom = _legend(canvas, y + font * 0.2, [(label, PALETTE[index]) for index, label in enumerate(legend)])
    return _svg(canvas, bottom + 4, title, description, key, "group" if linked else "img")


def category_bars(
    key: str,
    title: str,
    description: str,
    bars: list[Segment],
    legend: list[str],
    rtl: bool = False,
    labelled: Callable[[str, str], str] = lambda label, value: f"{label}: {value}",
    frame: Frame = WIDE,
) -> str:
    """One bar per category, named in words above it, for a count split into many categories.

    ``bars``: each category's segment, its ``category`` the legend entry that colours it; its count is
    drawn after the bar. Colour tells only the legend's coarser grouping (e.g. how many languages a
    combination has), so the categories may outnumber the colours: each bar's label names it.
    """
    return stacked_bars(
        key,
        title,
        description,
        [Bar(segment.label, [segment], segment.shown) for segment in bars],
        legend,
        rtl,
        labelled,
        frame,
    )


def line_chart(
    key: str,
    title: str,
    description: str,
    series: list[tuple[str, list[tuple[int, int]]]],
    format_number,
    rtl: bool = False,
    noted: Callable[[str, str], str] = lambda text, note: f"{text} ({note})",
    frame: Frame = WIDE,
) -> str:
    """Cumulative counts per year, one line per series, with year and count axes and a legend.

    ``noted`` adds a series' final count to its legend in the page language's parentheses. Years are
    labelled at round steps far enough apart for their labels.
    """
    if len(series) > len(PALETTE):
        raise TooManyCategories(f"chart {key!r}: {len(series)} lines, only {len(PALETTE)} colours")
    canvas = _Canvas(rtl, frame)
    font = frame.font
    years = sorted({year for _, points in series for year, _ in points})
    if not years:
        return _svg(canvas, 40, title, description, key)
    first, last = years[0], years[-1]
    span = max(last - first, 1)
    highest = max(count for _, points in series for _, count in points) or 1
    step = _nice_step(highest)
    top_value = step * -(-highest // step)
    left = INSET + 6 + text_width(format_number(top_value), font)
    right = INSET + text_width("0000", font) / 2
    top, plot_height = font * 0.8, (220.0 if frame is WIDE else 180.0)
    width = frame.width - left - right

    def px(year: int) -> float:
        return left + width * (year - first) / span

    def py(count: int) -> float:
        return top + plot_height * (1 - count / top_value)

    for value in range(0, top_value + 1, step):
        y = py(value)
        canvas.parts.append(
            f'<line x1="{canvas.x(left):.1f}" x2="{canvas.x(frame.width - right):.1f}" y1="{y:.1f}" '
            f'y2="{y:.1f}" stroke="#d0d7de" stroke-width="1"/>'
        )
        canvas.parts.append(canvas.text(left - 6, y + font * 0.36, format_number(value), "end"))
    every = _year_step(span, width / (text_width("0000", font) + font * 0.6))
    for year in range(-(-first // every) * every, last + 1, every):
        canvas.parts.append(canvas.text(px(year), top + plot_height + font * 1.5, str(year), "middle"))
    for index, (label, points) in enumerate(series):
        colour = PALETTE[index]
        path = " ".join(f"{canvas.x(px(year)):.1f},{py(count):.1f}" for year, count in points)
        canvas.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5">'
            f"<title>{escape(label)}</title></polyline>"
        )
    entries = [
        (noted(label, format_number(points[-1][1]) if points else ""), PALETTE[index])
        for index, (label, points) in enumerate(series)
    ]
    bottom = _legend(canvas, top + plot_height + font * 2.3, entries)
    return _svg(canvas, bottom + 4, title, description, key)


def drawings(draw: Callable[[Frame], str]) -> str:
    """A chart in every frame, wide first: the stylesheet shows one of them (the wide one by default)."""
    return "".join(draw(frame) for frame in FRAMES)


def _nice_step(highest: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if highest / step <= 6:
            return step
    return 1000


def _year_step(span: int, labels: float) -> int:
    """The smallest round number of years between labels that keeps at most ``labels`` of them."""
    for step in (1, 2, 5, 10, 20, 25, 50, 100):
        if span / step + 1 <= labels:
            return step
    return 100
