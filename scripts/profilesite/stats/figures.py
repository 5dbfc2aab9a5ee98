"""Statistics of the mechanism: pure functions from the records to tables (no I/O, no drawing).

Each figure of the Secretariat's background paper (figures I to VI) is reproduced as a :class:`Figure`: a
table of counts with one row per review group and one column per category. Every row x column cell also
names the party-list filter that lists exactly the parties it counts, so a chart bar can link to them.
Labels are English msgids marked with :func:`N_` and translated when rendered, or the vocabulary's labels
(the status of a review on its way to each stage).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

from profilesite.i18n.catalogs import N_
from profilesite.model import Party, Review, Vocabulary
from profilesite.model.vocabulary import CONCLUDED, NOT_STARTED, Label
from profilesite.views.parties import PartyIndex
from profilesite.views.reviews import IN_PROGRESS, review_state

# --------------------------------------------------------------------------- per-party classification
# Each function answers one question about one party; the party list exposes the same answers as
# data-attributes, so the statistics and the filtered lists can never disagree. Which stages they read
# comes from the vocabulary (its order, its status labels, ``figure_stages``), never from a stage named here.

PROGRESS_KEYS = ("not_started", "in_preparation", "done")


def status_keys(vocabulary: Vocabulary) -> list[str]:
    """The statuses of Figure II in order: not started, on the way to each stage with a status, concluded."""
    return [NOT_STARTED, *(stage.status_value for stage in vocabulary.stages if stage.status), CONCLUDED]


def status_labels(vocabulary: Vocabulary) -> dict[str, str | Label]:
    """Label of each status: the two ends are msgids of the catalogs, the others the vocabulary's labels."""
    labels: dict[str, str | Label] = {NOT_STARTED: N_("Not started")}
    labels |= {stage.status_value: stage.status for stage in vocabulary.stages if stage.status}
    return labels | {CONCLUDED: N_("Concluded")}


def counted_review(party: Party, vocabulary: Vocabulary) -> Review | None:
    """The review the Secretariat's figures count: the party's review on the first thematic cluster.

    The background paper's figures describe the reviews of the first cluster; a party's later reviews are
    counted by the cluster figures (:mod:`profilesite.stats.clusters`), so the six figures keep meaning
    what the paper's do once a second cluster begins.
    """
    return party.review_of(vocabulary.clusters[0].key)


def _date(party: Party, vocabulary: Vocabulary, key: str) -> dt.date | None:
    """Date the counted review passed stage ``key``; None when not passed or outside the review."""
    review = counted_review(party, vocabulary)
    return review.stages.get(key) if review is not None else None


def status_of(review: Review, vocabulary: Vocabulary) -> str:
    """Where one review stands: ``not_started``, the status of the stage it is on its way to, ``concluded``.

    The state itself is views.reviews.review_state (the profiles show the same); Figure II and the party
    list's ?status= filter name an in-progress review by the status key of the stage it is heading to.
    """
    state = review_state(review, vocabulary)
    if state.status == IN_PROGRESS and state.next_stage is not None:
        return vocabulary.stage(state.next_stage).status_value
    return state.status


def review_status(party: Party, vocabulary: Vocabulary) -> str | None:
    """Where the counted review stands (Figure II, see :func:`status_of`), or None outside the review."""
    review = counted_review(party, vocabulary)
    return status_of(review, vocabulary) if review is not None else None


def has_focal_point(party: Party) -> bool:
    """True when the party has nominated a focal point."""
    return bool(party.nominations and party.nominations.focal_point.nominated)


def affected_by_pending_focal_point(party: Party, parties: dict[str, Party], vocabulary: Vocabulary) -> bool:
    """A review is held up when the party under review or one of its reviewers has no focal point."""
    review = counted_review(party, vocabulary)
    if review is None:
        return False
    involved = [party] + [parties[code] for code in review.reviewers if code in parties]
    return not all(has_focal_point(member) for member in involved)


def _progress(party: Party, vocabulary: Vocabulary, done: str, begun: str) -> str | None:
    """Not started, in preparation or done; None outside the review.

    The work begins once stage ``begun`` is passed and ends with stage ``done``: the records date stages,
    not the work itself.
    """
    if counted_review(party, vocabulary) is None:
        return None
    if _date(party, vocabulary, done) is not None:
        return "done"
    return "in_preparation" if _date(party, vocabulary, begun) is not None else "not_started"


def saq_progress(party: Party, vocabulary: Vocabulary) -> str | None:
    """Self-assessment questionnaire: not started, in preparation (after the consultation), submitted."""
    stages = vocabulary.figure_stages
    return _progress(party, vocabulary, stages.questionnaire, stages.consultation)


def feedback_progress(party: Party, vocabulary: Vocabulary) -> str | None:
    """Written feedback: not started (no questionnaire yet), in preparation, completed."""
    stages = vocabulary.figure_stages
    return _progress(party, vocabulary, stages.feedback, stages.questionnaire)


def review_begun(party: Party, vocabulary: Vocabulary) -> bool:
    """True once the counted review passed the stage it begins with (the initial consultation)."""
    return _date(party, vocabulary, vocabulary.figure_stages.consultation) is not None


def consultation_held(party: Party, vocabulary: Vocabulary) -> str | None:
    """'held' or 'not_held' for parties in the review."""
    if counted_review(party, vocabulary) is None:
        return None
    return "held" if review_begun(party, vocabulary) else "not_held"


def language_combination(party: Party, vocabulary: Vocabulary) -> str | None:
    """Working languages of a review that began (consultation held) in UN order, e.g. 'en+fr'; 'none'."""
    review = counted_review(party, vocabulary)
    if review is None or not review_begun(party, vocabulary):
        return None
    order = vocabulary.review_languages
    chosen = sorted(review.languages, key=order.index)
    return "+".join(chosen) if chosen else "none"


# --------------------------------------------------------------------------- figures


@dataclass
class Figure:
    """A table of counts: rows (review groups, or one total row) x columns (categories)."""

    key: str
    title: str
    description: str
    source_note: str
    columns: list[str]
    column_labels: dict[str, str | Label]  # a msgid, or a vocabulary label in every language
    rows: list[str]
    counts: dict[tuple[str, str], int]
    column_filter: str | None  # None: no cell can be listed by the party list's filters
    row_filter: str | None = "group"
    column_label_kind: str = "msgid"  # "msgid" (translate) or "languages" (language codes joined by +)
    #: The thematic cluster whose reviews the figure counts (the six figures: the first); None: several.
    cluster: str | None = None
    #: Rows whose cells the party list cannot list exactly (they are shown without a link).
    unlinked_rows: frozenset[str] = frozenset()
    #: Rows labelled "Group n" (review groups), or by the thematic cluster they name ("clusters").
    row_label_kind: str = "groups"
    #: Distinct parties per row where a party may be counted in several columns (the Total column shows
    #: these, not the sum of the cells); empty: each party is counted once, the total is the sum.
    distinct_totals: dict[str, int] = field(default_factory=dict)
    #: Whether the figure is drawn as stacked bars: not when a party may count in several columns.
    chart: bool = True

    def count(self, row: str, column: str) -> int:
        """Parties counted in one cell."""
        return self.counts.get((row, column), 0)

    def row_total(self, row: str) -> int:
        """Parties counted in one row."""
        if self.distinct_totals:
            return self.distinct_totals.get(row, 0)
        return sum(self.count(row, column) for column in self.columns)

    def column_total(self, column: str) -> int:
        """Parties counted in one column, all rows."""
        return sum(self.count(row, column) for row in self.rows)

    @property
    def total(self) -> int:
        """All parties counted."""
        return sum(self.counts.values())

    def filters(self, row: str, column: str) -> dict[str, str] | None:
        """Party-list filters (routes.FILTERS) that list exactly the parties of one cell: row, then column.

        None when no filter does (the cell is shown without a link).
        """
        if self.column_filter is None or row in self.unlinked_rows:
            return None
        chosen = {self.row_filter: row} if self.row_filter else {}
        return chosen | {self.column_filter: column}


def _by_group(
    index: PartyIndex,
    key: str,
    title: str,
    description: str,
    source_note: str,
    columns: list[str],
    labels: dict[str, str | Label],
    column_filter: str,
    classify,
) -> Figure:
    rows = [str(group.number) for group in index.vocabulary.review_groups]
    counts: Counter[tuple[str, str]] = Counter()
    for party in index.parties.values():
        review = counted_review(party, index.vocabulary)
        category = classify(party)
        if review is not None and category is not None:
            counts[(str(review.group), category)] += 1
    return Figure(
        key,
        title,
        description,
        source_note,
        columns,
        labels,
        rows,
        dict(counts),
        column_filter,
        cluster=index.vocabulary.clusters[0].key,
    )


def focal_point_figure(index: PartyIndex) -> Figure:
    """Figure I: reviews affected by pending focal-point nominations, by group."""
    return _by_group(
        index,
        "focal-points",
        N_("Reviews affected by pending focal-point nominations"),
        N_(
            "Reviews in which the party under review or one of its two reviewers"
            " has not nominated a focal point."
        ),
        N_("Figure I of the Secretariat's background paper"),
        ["yes", "no"],
        {"yes": N_("Affected"), "no": N_("Not affected")},
        "affected",
        lambda party: (
            "yes" if affected_by_pending_focal_point(party, index.parties, index.vocabulary) else "no"
        ),
    )


def status_figure(index: PartyIndex) -> Figure:
    """Figure II: status of the country reviews by group."""
    return _by_group(
        index,
        "review-status",
        N_("Status of the country reviews"),
        N_("Stage in progress in each country review, by review group."),
        N_("Figure II of the Secretariat's background paper"),
        status_keys(index.vocabulary),
        status_labels(index.vocabulary),
        "status",
        lambda party: review_status(party, index.vocabulary),
    )


def consultation_figure(index: PartyIndex) -> Figure:
    """Figure III: reviews with an initial consultation held."""
    return _by_group(
        index,
        "initial-consultation",
        N_("Reviews with an initial consultation held"),
        N_("Country reviews in which the initial consultation has been held, by review group."),
        N_("Figure III of the Secretariat's background paper"),
        ["held", "not_held"],
        {"held": N_("Held"), "not_held": N_("Not yet held")},
        "consultation",
        lambda party: consultation_held(party, index.vocabulary),
    )


def saq_figure(index: PartyIndex) -> Figure:
    """Figure V: progress of the self-assessment questionnaires by group."""
    return _by_group(
        index,
        "self-assessment",
        N_("Progress of the self-assessment questionnaires"),
        N_("Responses to the self-assessment questionnaire not started, in preparation or submitted."),
        N_("Figure V of the Secretariat's background paper"),
        list(PROGRESS_KEYS),
        {"not_started": N_("Not started"), "in_preparation": N_("In preparation"), "done": N_("Submitted")},
        "saq",
        lambda party: saq_progress(party, index.vocabulary),
    )


def feedback_figure(index: PartyIndex) -> Figure:
    """Figure VI: progress of the written feedback by group."""
    return _by_group(
        index,
        "written-feedback",
        N_("Progress of the written feedback"),
        N_("Written feedback of the reviewing parties not started, in preparation or completed."),
        N_("Figure VI of the Secretariat's background paper"),
        list(PROGRESS_KEYS),
        {"not_started": N_("Not started"), "in_preparation": N_("In preparation"), "done": N_("Completed")},
        "feedback",
        lambda party: feedback_progress(party, index.vocabulary),
    )


def languages_figure(index: PartyIndex) -> Figure:
    """Figure IV: working languages chosen for the reviews that began (one total row)."""
    counts: Counter[str] = Counter()
    for party in index.parties.values():
        combination = language_combination(party, index.vocabulary)
        if combination is not None:
            counts[combination] += 1

    def order(combination: str) -> tuple[int, int, str]:
        size = 9 if combination == "none" else combination.count("+") + 1
        return (size, -counts[combination], combination)

    columns = sorted(counts, key=order)
    return Figure(
        "working-languages",
        N_("Working languages chosen for the reviews"),
        N_(
            "Languages agreed for the country reviews that have begun:"
            " single languages, pairs, three languages, not yet agreed."
        ),
        N_("Figure IV of the Secretariat's background paper"),
        columns,
        {},
        ["all"],
        {("all", column): counts[column] for column in columns},
        "languages",
        row_filter=None,
        column_label_kind="languages",
        cluster=index.vocabulary.clusters[0].key,
    )


def all_figures(index: PartyIndex) -> list[Figure]:
    """The six figures, in the order of the background paper."""
    return [
        focal_point_figure(index),
        status_figure(index),
        consultation_figure(index),
        languages_figure(index),
        saq_figure(index),
        feedback_figure(index),
    ]


# --------------------------------------------------------------------------- headline numbers


@dataclass
class Headlines:
    """The mechanism at a glance."""

    parties: int
    in_review: int
    focal_points: int
    without_focal_point: int
    experts: int
    experts_women: int
    with_observers: int
    parties_per_instrument: dict[str, int]
    accessions_since_start: dict[str, int]
    review_start: dt.date
    as_of: dt.date
    timeline: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    @property
    def women_share(self) -> float:
        """Share of women among the governmental experts (0 when none)."""
        return self.experts_women / self.experts if self.experts else 0.0


def headlines(index: PartyIndex) -> Headlines:
    """Counts over all records, and the cumulative number of parties per instrument by year."""
    parties = list(index.parties.values())
    in_review = [party for party in parties if party.latest_review is not None]
    start = min(index.vocabulary.clusters[0].starts.values())
    per_instrument: dict[str, int] = {}
    since_start: dict[str, int] = {}
    timeline: dict[str, list[tuple[int, int]]] = {}
    for instrument in index.vocabulary.keys("instruments"):
        consents = [
            party.treaties[instrument].consent
            for party in parties
            if instrument in party.treaties and party.treaties[instrument].consent is not None
        ]
        per_instrument[instrument] = len(consents)
        # a party whose date is not in our sources counts as a party, not on the timeline
        dates = sorted(
            consent.date for consent in consents if consent is not None and consent.date is not None
        )
        since_start[instrument] = sum(1 for date in dates if date >= start)
        years = Counter(date.year for date in dates)
        running = 0
        series = []
        for year in range(dates[0].year, index.as_of.year + 1) if dates else []:
            running += years.get(year, 0)
            series.append((year, running))
        timeline[instrument] = series
    experts = [party.nominations.governmental_experts for party in in_review if party.nominations]
    return Headlines(
        parties=len(parties),
        in_review=len(in_review),
        focal_points=sum(1 for party in in_review if has_focal_point(party)),
        without_focal_point=sum(1 for party in in_review if not has_focal_point(party)),
        experts=sum(item.total for item in experts),
        experts_women=sum(item.women for item in experts),
        with_observers=sum(1 for party in in_review if party.nominations and party.nominations.observers),
        parties_per_instrument=per_instrument,
        accessions_since_start=since_start,
        review_start=start,
        as_of=index.as_of,
        timeline=timeline,
    )


def party_attributes(party: Party, index: PartyIndex) -> dict[str, str]:
    """The party-list filter values of one party: the same classifications the figures count."""
    vocabulary = index.vocabulary
    values = {
        "status": review_status(party, vocabulary),
        "affected": (
            None
            if counted_review(party, vocabulary) is None
            else ("yes" if affected_by_pending_focal_point(party, index.parties, vocabulary) else "no")
        ),
        "consultation": consultation_held(party, vocabulary),
        "saq": saq_progress(party, vocabulary),
        "feedback": feedback_progress(party, vocabulary),
        "languages": language_combination(party, vocabulary),
        "focal": None if party.latest_review is None else ("yes" if has_focal_point(party) else "no"),
    }
    return {key: value for key, value in values.items() if value is not None}
