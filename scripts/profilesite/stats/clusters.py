"""The review mechanism by thematic cluster: the status of every cluster's reviews, the responses published.

The Secretariat's six figures (:mod:`profilesite.stats.figures`) count the reviews of the first cluster, as
the background paper does; these tables count every review of every cluster, one row per cluster in the
vocabulary's order, so a cluster whose reviews have not begun shows as a row of zeros rather than not at all.
"""

from __future__ import annotations

from collections import Counter

from profilesite.i18n import catalogs, formatting
from profilesite.i18n.catalogs import N_
from profilesite.model.vocabulary import Cluster, Label, Vocabulary
from profilesite.stats.figures import Figure, status_keys, status_labels, status_of
from profilesite.views.parties import PartyIndex

#: Keys of the two figures: their sections' ids on the statistics page and their CSV files' names.
STATUS_FIGURE = "cluster-status"
RESPONSES_FIGURE = "published-responses"


def cluster_number(cluster: Cluster, locale: str) -> str:
    """'Thematic cluster 1' in ``locale``: how a chart and a table name a cluster in few words."""
    text = catalogs.gettext(locale, "Thematic cluster %(number)s")
    return text % {"number": formatting.number(cluster.number, locale)}


def cluster_title(cluster: Cluster, locale: str) -> str:
    """'Thematic cluster 1: Criminalization and jurisdiction', or the number alone where no name is sourced.

    The name is the English one where the vocabulary has none in ``locale`` (``cluster.label.has``).
    """
    if cluster.label is None:
        return cluster_number(cluster, locale)
    text = catalogs.gettext(locale, "Thematic cluster %(number)s: %(name)s")
    return text % {"number": formatting.number(cluster.number, locale), "name": cluster.label(locale)}


def cluster_status_figure(index: PartyIndex) -> Figure:
    """Country reviews by thematic cluster and status: every review of every party, one row per cluster.

    Only the first cluster's cells link to the party list: its status filter describes the review the
    Secretariat's figures count (the first cluster's), so for another cluster it would list other parties.
    """
    vocabulary = index.vocabulary
    rows = vocabulary.keys("clusters")
    counts: Counter[tuple[str, str]] = Counter()
    for party in index.parties.values():
        for review in party.reviews:
            counts[(review.cluster, status_of(review, vocabulary))] += 1
    return Figure(
        STATUS_FIGURE,
        N_("Country reviews by thematic cluster and status"),
        N_("Stage in progress in the country reviews of each thematic cluster."),
        N_("Computed from the country profiles"),
        status_keys(vocabulary),
        status_labels(vocabulary),
        rows,
        {cell: count for cell, count in counts.items() if cell[0] in rows},
        "status",
        row_filter=None,
        unlinked_rows=frozenset(rows[1:]),
        row_label_kind="clusters",
    )


def responses_figure(index: PartyIndex) -> Figure:
    """Parties that published their questionnaire responses, per thematic cluster and instrument.

    A party counts once per instrument its published answers cover, so the Total column is the number of
    parties that published responses on the cluster, not the sum of the cells; no chart is drawn (bars
    would stack a party several times) and no cell links (the party list has no filter for responses).
    """
    vocabulary: Vocabulary = index.vocabulary
    rows = vocabulary.keys("clusters")
    columns = vocabulary.keys("instruments")
    counts: Counter[tuple[str, str]] = Counter()
    parties: Counter[str] = Counter()
    for (code, cluster), responses in sorted(index.responses.items()):
        if code not in index.parties or cluster not in rows:
            continue
        parties[cluster] += 1
        for instrument in {answer.instrument for answer in responses.answers}:
            counts[(cluster, instrument)] += 1
    labels: dict[str, str | Label] = {key: vocabulary.instrument(key).short for key in columns}
    return Figure(
        RESPONSES_FIGURE,
        N_("Published responses to the self-assessment questionnaire"),
        N_(
            "Parties that published their responses on each thematic cluster, by instrument the answers"
            " cover; the total counts each party once."
        ),
        N_("Computed from the country profiles"),
        columns,
        labels,
        rows,
        {cell: count for cell, count in counts.items() if cell[1] in columns},
        None,
        row_filter=None,
        row_label_kind="clusters",
        distinct_totals={row: parties[row] for row in rows},
        chart=False,
    )


def cluster_figures(index: PartyIndex) -> list[Figure]:
    """The tables by thematic cluster, after the Secretariat's figures on the statistics page."""
    return [cluster_status_figure(index), responses_figure(index)]
