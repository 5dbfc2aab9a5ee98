"""Charts drawn at build time as inline SVG.

Real text (the browser shapes Arabic and Chinese), no JavaScript, printable, mirrored for right-to-left
languages, each bar segment a link to the parties it counts.

Why hand-made rather than a library: pygal embeds inline scripts and styles (our Content-Security-Policy
forbids them) and cannot mirror; matplotlib draws text as paths by default, adds ~40 MB of dependency and
cannot link a bar to a page. What we need is two chart kinds, so it is ~150 lines we fully control.

Mirroring: every x is computed left-to-right, then mapped to ``width - x`` for rtl, and the SVG gets
``direction="rtl"``; with the text direction reversed, each text-anchor keyword keeps its meaning, so the
anchors need no change.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from html import escape

# Okabe-Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999")
# Colours on which white text is the more legible (WCAG AA, 4.5:1); black text on all others. Green,
# vermilion and purple looked dark but give white text only 3.0-3.9:1 (black: 5.4-6.9:1).
DARK = {"#0072B2", "#000000"}
WIDTH = 720


@dataclass(frozen=True)
class Segment:
    """One part of a bar: its category label, count, text shown, and the page listing its parties."""

    label: str
    count: int
    shown: str
    href: str | None


@dataclass(frozen=True)
class Bar:
    """One bar (a review group, or all reviews) made of segments in category order."""

    label: str
    segments: list[Segment]
    total: str


class _Canvas:
    """Collects SVG elements with x mirrored for right-to-left languages."""

    def __init__(self, rtl: bool) -> None:
        self.rtl = rtl
        self.parts: list[str] = []

    def x(self, value: float) -> float:
        return WIDTH - value if self.rtl else value

    def rect(self, x: float, y: float, width: float, height: float, fill: str, title: str) -> str:
        left = self.x(x + width) if self.rtl else x
        return (
            f'<rect x="{left:.1f}" y="{y:.1f}" width="{width:.1f}" height="{height:.1f}" fill="{fill}">'
            f"<title>{escape(title)}</title></rect>"
        )

    def text(self, x: float, y: float, content: str, anchor: str = "start", **attributes: str) -> str:
        extra = "".join(f' {key.replace("_", "-")}="{escape(value)}"' for key, value in attributes.items())
        return f'<text x="{self.x(x):.1f}" y="{y:.1f}" text-anchor="{anchor}"{extra}>{escape(content)}</text>'


def _svg(canvas: _Canvas, height: float, title: str, description: str, key: str, role: str = "img") -> str:
    """Wrap the drawn parts in the chart's ``<svg>`` with its title and description.

    ``role="img"`` when the chart holds no link; with links, ``group``: an image's content is hidden from
    assistive technology, so links inside one would be focusable yet unnamed.
    """
    direction = "rtl" if canvas.rtl else "ltr"
    return (
        f'<svg class="ps-chart" viewBox="0 0 {WIDTH} {height:.0f}" role="{role}" direction="{direction}" '
        f'aria-labelledby="{key}-title {key}-desc" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{key}-title">{escape(title)}</title><desc id="{key}-desc">{escape(description)}</desc>'
        + "".join(canvas.parts)
        + "</svg>"
    )


def stacked_bars(
    key: str,
    title: str,
    description: str,
    bars: list[Bar],
    legend: list[str],
    rtl: bool = False,
    labelled: Callable[[str, str], str] = lambda label, value: f"{label}: {value}",
) -> str:
    """Horizontal stacked bars, one per row, with a legend; segments link to their parties.

    ``labelled`` joins a segment's name and count with the page language's punctuation (French puts a
    no-break space before the colon, Chinese writes a full-width one).
    """
    canvas = _Canvas(rtl)
    linked = False
    label_width, top, bar_height, gap = 150.0, 10.0, 30.0, 14.0
    plot = WIDTH - label_width - 50
    largest = max((sum(segment.count for segment in bar.segments) for bar in bars), default=0) or 1
    y = top
    for bar in bars:
        canvas.parts.append(
            canvas.text(label_width - 10, y + bar_height / 2 + 5, bar.label, "end", font_weight="700")
        )
        x = label_width
        for index, segment in enumerate(bar.segments):
            if segment.count == 0:
                continue
            width = plot * segment.count / largest
            colour = PALETTE[index % len(PALETTE)]
            name = labelled(f"{bar.label} — {segment.label}", segment.shown)
            piece = canvas.rect(x, y, width, bar_height, colour, name)
            if width >= 26:
                ink = "#ffffff" if colour in DARK else "#000000"
                piece += canvas.text(x + width / 2, y + bar_height / 2 + 5, segment.shown, "middle", fill=ink)
            if segment.href:
                piece = f'<a href="{escape(segment.href)}" aria-label="{escape(name)}">{piece}</a>'
                linked = True
            canvas.parts.append(piece)
            x += width
        canvas.parts.append(canvas.text(x + 6, y + bar_height / 2 + 5, bar.total, "start"))
        y += bar_height + gap
    y += 6
    x = 0.0
    row_height = 22.0
    for index, label in enumerate(legend):
        needed = 24 + 7.5 * len(label)
        if x + needed > WIDTH and x > 0:
            x, y = 0.0, y + row_height
        canvas.parts.append(canvas.rect(x, y, 14, 14, PALETTE[index % len(PALETTE)], label))
        canvas.parts.append(canvas.text(x + 20, y + 12, label, "start"))
        x += needed + 16
    return _svg(canvas, y + row_height, title, description, key, "group" if linked else "img")


def line_chart(
    key: str,
    title: str,
    description: str,
    series: list[tuple[str, list[tuple[int, int]]]],
    format_number,
    rtl: bool = False,
    noted: Callable[[str, str], str] = lambda text, note: f"{text} ({note})",
) -> str:
    """Cumulative counts per year, one line per series, with year and count axes and a legend.

    ``noted`` adds a series' final count to its legend in the page language's parentheses.
    """
    canvas = _Canvas(rtl)
    left, right, top, plot_height = 50.0, 20.0, 12.0, 220.0
    years = sorted({year for _, points in series for year, _ in points})
    if not years:
        return _svg(canvas, 40, title, description, key)
    first, last = years[0], years[-1]
    span = max(last - first, 1)
    highest = max(count for _, points in series for _, count in points) or 1
    step = _nice_step(highest)
    top_value = step * -(-highest // step)
    width = WIDTH - left - right

    def px(year: int) -> float:
        return left + width * (year - first) / span

    def py(count: int) -> float:
        return top + plot_height * (1 - count / top_value)

    for value in range(0, top_value + 1, step):
        y = py(value)
        canvas.parts.append(
            f'<line x1="{canvas.x(left):.1f}" x2="{canvas.x(WIDTH - right):.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            'stroke="#d0d7de" stroke-width="1"/>'
        )
        canvas.parts.append(canvas.text(left - 6, y + 4, format_number(value), "end", font_size="12"))
    for year in range(first, last + 1, max(1, span // 8)):
        canvas.parts.append(
            canvas.text(px(year), top + plot_height + 18, str(year), "middle", font_size="12")
        )
    for index, (label, points) in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        path = " ".join(f"{canvas.x(px(year)):.1f},{py(count):.1f}" for year, count in points)
        canvas.parts.append(
            f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2.5">'
            f"<title>{escape(label)}</title></polyline>"
        )
    y = top + plot_height + 34
    x = 0.0
    for index, (label, points) in enumerate(series):
        needed = 24 + 7.5 * len(label) + 40
        if x + needed > WIDTH and x > 0:
            x, y = 0.0, y + 22
        canvas.parts.append(canvas.rect(x, y, 14, 14, PALETTE[index % len(PALETTE)], label))
        final = format_number(points[-1][1]) if points else ""
        canvas.parts.append(canvas.text(x + 20, y + 12, noted(label, final), "start"))
        x += needed + 16
    return _svg(canvas, y + 24, title, description, key)


def _nice_step(highest: int) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000):
        if highest / step <= 6:
            return step
    return 1000
