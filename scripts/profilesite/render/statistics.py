"""The statistics page and its CSV downloads, per language, from :mod:`profilesite.stats.figures`."""

from __future__ import annotations

from dataclasses import dataclass, field

from profilesite import routes
from profilesite.export.csv_cells import csv_text
from profilesite.i18n import catalogs, formatting
from profilesite.i18n.locales import BY_CODE
from profilesite.model.vocabulary import Label, Vocabulary
from profilesite.render.charts import Bar, Segment, category_bars, drawings, line_chart, stacked_bars
from profilesite.render.environment import render
from profilesite.render.includes import counts_context, map_block
from profilesite.stats.clusters import cluster_figures, cluster_number, cluster_title
from profilesite.stats.figures import Figure, Headlines, all_figures, headlines
from profilesite.views.parties import PartyIndex

BASE = routes.relative(routes.HOME, routes.STATISTICS)  # from the page up to its language's root
TIMELINE = routes.StatisticsSection.TREATY_TIMELINE


def csv_name(key: str) -> str:
    """A chart's CSV file name in the page's folder, which is also the page's link to it."""
    return routes.relative(routes.statistics_csv(key), routes.STATISTICS)


def party_list_link(figure: Figure, row: str, column: str) -> str | None:
    """The page's link to the party list showing exactly the parties of one cell of ``figure``, if any."""
    filters = figure.filters(row, column)
    return None if filters is None else BASE + routes.party_list(**filters)


@dataclass
class RenderedFigure:
    """A figure ready for the page: translated labels, the SVG, table cells, and its CSV file name."""

    figure: Figure
    title: str
    description: str
    source_note: str
    row_labels: dict[str, str]
    column_labels: dict[str, str]
    svg: str  # empty: the figure is a table only
    csv_name: str
    #: Which cluster's reviews the figure counts, in words, where it counts one cluster's only.
    cluster_note: str = ""
    #: Per row, a name shown under its label in the table, and its language where it is not the page's
    #: (a cluster's name sourced in English only).
    row_names: dict[str, tuple[str, str | None]] = field(default_factory=dict)
    #: Row labels of the CSV file where they differ from the table's: a cluster with its name.
    csv_row_labels: dict[str, str] = field(default_factory=dict)

    def link(self, row: str, column: str) -> str | None:
        """The page's link to the parties of one cell of the data table (the chart's bars link the same)."""
        return party_list_link(self.figure, row, column)

    @property
    def linked(self) -> bool:
        """Whether any cell links to the party list."""
        return any(self.link(row, column) for row in self.figure.rows for column in self.figure.columns)


def column_labels(figure: Figure, locale: str) -> dict[str, str]:
    """Category labels in ``locale`` (language combinations spelled out with CLDR language names)."""
    if figure.column_label_kind == "languages":
        labels = {}
        for column in figure.columns:
            if column == "none":
                labels[column] = catalogs.gettext(locale, "Not yet agreed")
            else:
                labels[column] = " + ".join(
                    formatting.language_name(code, locale) for code in column.split("+")
                )
        return labels
    return {column: _label(figure.column_labels[column], locale) for column in figure.columns}


def _label(label: str | Label, locale: str) -> str:
    """A msgid translated by the catalogs, or a vocabulary label (e.g. a review's status) in ``locale``."""
    return label(locale) if isinstance(label, Label) else catalogs.gettext(locale, label)


def row_labels(figure: Figure, locale: str, vocabulary: Vocabulary) -> dict[str, str]:
    """Row labels in ``locale``: 'Group 1'..., 'All reviews', or 'Thematic cluster 1'..."""
    if figure.row_label_kind == "clusters":
        return {row: cluster_number(vocabulary.cluster(row), locale) for row in figure.rows}
    group = catalogs.gettext(locale, "Group %(number)s")
    return {
        row: catalogs.gettext(locale, "Reviews that began")
        if row == "all"
        else group % {"number": formatting.number(int(row), locale)}
        for row in figure.rows
    }


def row_names(figure: Figure, locale: str, vocabulary: Vocabulary) -> dict[str, tuple[str, str | None]]:
    """Names shown under the row labels of the table: a cluster's name, in English where not translated."""
    if figure.row_label_kind != "clusters":
        return {}
    names = {}
    for row in figure.rows:
        label = vocabulary.cluster(row).label
        if label is not None:
            names[row] = (label(locale), None if label.has(locale) else "en")
    return names


def cluster_note(figure: Figure, locale: str, vocabulary: Vocabulary) -> str:
    """'Counts the reviews on thematic cluster 1: ...' for a figure that counts one cluster's reviews."""
    if figure.cluster is None:
        return ""
    text = catalogs.gettext(locale, "Counts the reviews on %(cluster)s.")
    return text % {"cluster": cluster_title(vocabulary.cluster(figure.cluster), locale)}


def language_count(column: str) -> int:
    """How many languages a working-language combination ('en+fr') has; 0 for 'none' (not yet agreed)."""
    return 0 if column == "none" else column.count("+") + 1


def language_count_labels(figure: Figure, locale: str) -> dict[int, str]:
    """Legend of the working-languages chart, by number of languages in figure order: '1 language'...

    The chart draws a bar per combination, named in words; colour tells only how many languages it has
    (single languages, pairs, three, not yet agreed: the figure's own description), so no two entries of
    the legend share a colour however many combinations the reviews chose.
    """
    labels: dict[int, str] = {}
    for column in figure.columns:
        count = language_count(column)
        if count not in labels:
            labels[count] = (
                catalogs.gettext(locale, "Not yet agreed")
                if count == 0
                else catalogs.ngettext(locale, "%(count)s language", "%(count)s languages", count)
                % {"count": formatting.number(count, locale)}
            )
    return labels


def figure_svg(figure: Figure, locale: str, rows: dict[str, str], columns: dict[str, str]) -> str:
    """The figure's chart, in its wide and compact drawings.

    Stacked bars, one per row; for the working languages (one row, a category per combination), one bar
    per combination.
    """
    rtl = BY_CODE[locale].direction == "rtl"
    title = catalogs.gettext(locale, figure.title)
    description = catalogs.gettext(locale, figure.description)

    def labelled(label: str, value: str) -> str:
        return catalogs.gettext(locale, "%(label)s: %(value)s") % {"label": label, "value": value}

    def segment(row: str, column: str, category: int | None = None) -> Segment:
        return Segment(
            columns[column],
            figure.count(row, column),
            formatting.number(figure.count(row, column), locale),
            party_list_link(figure, row, column),
            category,
        )

    if figure.column_label_kind == "languages":
        counts = language_count_labels(figure, locale)
        order = list(counts)
        bars = [
            segment(row, column, order.index(language_count(column)))
            for row in figure.rows
            for column in figure.columns
            if figure.count(row, column)
        ]
        named = list(counts.values())
        return drawings(
            lambda frame: category_bars(figure.key, title, description, bars, named, rtl, labelled, frame)
        )
    stacked = [
        Bar(
            rows[row],
            [segment(row, column) for column in figure.columns],
            formatting.number(figure.row_total(row), locale),
        )
        for row in figure.rows
    ]
    legend = [columns[column] for column in figure.columns]
    return drawings(
        lambda frame: stacked_bars(figure.key, title, description, stacked, legend, rtl, labelled, frame)
    )


def render_figure(figure: Figure, locale: str, vocabulary: Vocabulary) -> RenderedFigure:
    """Translate a figure and draw its chart (none for a figure that is a table only)."""
    columns = column_labels(figure, locale)
    rows = row_labels(figure, locale, vocabulary)
    title = catalogs.gettext(locale, figure.title)
    description = catalogs.gettext(locale, figure.description)
    svg = figure_svg(figure, locale, rows, columns) if figure.chart else ""
    return RenderedFigure(
        figure,
        title,
        description,
        catalogs.gettext(locale, figure.source_note),
        rows,
        columns,
        svg,
        csv_name(figure.key),
        cluster_note(figure, locale, vocabulary),
        row_names(figure, locale, vocabulary),
        {row: cluster_title(vocabulary.cluster(row), locale) for row in figure.rows}
        if figure.row_label_kind == "clusters"
        else {},
    )


def figure_csv(rendered: RenderedFigure, locale: str) -> str:
    """The figure's data table as CSV, labels in ``locale``, plain integers (machine-readable)."""
    figure = rendered.figure
    header = (
        [""]
        + [rendered.column_labels[column] for column in figure.columns]
        + [catalogs.gettext(locale, "Total")]
    )
    rows = [
        [rendered.csv_row_labels.get(row, rendered.row_labels[row])]
        + [figure.count(row, column) for column in figure.columns]
        + [figure.row_total(row)]
        for row in figure.rows
    ]
    return csv_text(header, rows)


def timeline_svg(numbers: Headlines, index: PartyIndex, locale: str) -> str:
    """Cumulative number of parties per instrument, by year."""
    vocabulary = index.vocabulary
    series = [(vocabulary.instrument(key).short(locale), points) for key, points in numbers.timeline.items()]
    return drawings(
        lambda frame: line_chart(
            TIMELINE,
            catalogs.gettext(locale, "Parties to each instrument over time"),
            catalogs.gettext(
                locale, "Cumulative number of parties to the Convention and to each Protocol, by year."
            ),
            series,
            lambda value: formatting.number(value, locale),
            BY_CODE[locale].direction == "rtl",
            noted=lambda text, note: text + catalogs.gettext(locale, " (%(note)s)") % {"note": note},
            frame=frame,
        )
    )


def timeline_csv(numbers: Headlines, index: PartyIndex, locale: str) -> str:
    """The timeline's data: one row per year, one column per instrument."""
    keys = list(numbers.timeline)
    header = [catalogs.gettext(locale, "Year")] + [
        index.vocabulary.instrument(key).short(locale) for key in keys
    ]
    years = sorted({year for points in numbers.timeline.values() for year, _ in points})
    lookup = {key: dict(points) for key, points in numbers.timeline.items()}
    return csv_text(header, [[year] + [lookup[key].get(year, "") for key in keys] for year in years])


def render_statistics(index: PartyIndex, locale: str) -> dict[str, str]:
    """The statistics page (``index.md``) and its CSV files, by file name."""
    numbers = headlines(index)
    figures = [
        render_figure(figure, locale, index.vocabulary)
        for figure in all_figures(index) + cluster_figures(index)
    ]
    files = {item.csv_name: figure_csv(item, locale) for item in figures}
    files[csv_name(TIMELINE)] = timeline_csv(numbers, index, locale)
    files["index.md"] = render(
        "statistics.md",
        locale,
        numbers=numbers,
        figures=figures,
        timeline=timeline_svg(numbers, index, locale),
        has_sample=index.has_sample,
        vocabulary=index.vocabulary,
        base=BASE,
        root=routes.to_site_root(routes.STATISTICS, locale),
        timeline_csv=csv_name(TIMELINE),
        **counts_context(index, BASE),
        world_map=map_block(index, locale, BASE),
    )
    return files
