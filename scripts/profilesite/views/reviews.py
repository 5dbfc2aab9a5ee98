"""A party's reviews as its profile shows them: each cluster's state, each review, the reviews it joins.

Pure functions from models to plain data, like views/parties.py; the profile template only lays them out.
Cluster keys, stages and instruments all come from the vocabulary, so a new cluster or stage needs data only.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from profilesite.model import Party, Review, Vocabulary
from profilesite.model.vocabulary import CONCLUDED, NOT_STARTED, Cluster
from profilesite.routes import ProfileSection, review_section
from profilesite.views.parties import (
    InstrumentReviewers,
    PartyIndex,
    Reviewing,
    StageRow,
    reviewers_by_instrument,
    timeline,
)

#: State of a cluster on which the party has no review (yet).
NOT_BEGUN = "not_begun"
#: State of a review on its way to a stage that has a status label (``ReviewState.next_stage``).
IN_PROGRESS = "in_progress"


def stages_anchor(party: Party, review: Review) -> str:
    """Id of the stages of ``review``: ``stages`` for the latest review, ``stages-<cluster>`` for the others.

    Feeds published before reviews were kept per cluster linked a stage passed to ``#stages``
    (routes.ProfileSection.STAGES); the latest review keeps that id so those links still lead to stages.
    """
    return (
        ProfileSection.STAGES
        if review is party.latest_review
        else f"{ProfileSection.STAGES}-{review.cluster}"
    )


@dataclass(frozen=True)
class ReviewState:
    """Where one review stands, as Figure II counts it.

    ``status`` is not_started, concluded, or in_progress on its way to ``next_stage``; ``last_stage`` is the
    last stage passed (with its date), if any.
    """

    status: str
    next_stage: str | None
    last_stage: str | None
    last_date: dt.date | None


def review_state(review: Review, vocabulary: Vocabulary) -> ReviewState:
    """The state of ``review`` as Figure II counts it, for any review (not only a party's latest).

    On its way to the stage after the last one passed; not started when it passed none, or when that stage
    is one of the nominations listed without a status (the review itself has not begun); concluded after
    the last. stats.figures.status_of names it by the status key of its next stage.
    """
    stages = vocabulary.stages
    passed = [number for number, stage in enumerate(stages) if review.stages.get(stage.key) is not None]
    if not passed:
        return ReviewState(NOT_STARTED, stages[0].key, None, None)
    last = stages[passed[-1]]
    last_date = review.stages.get(last.key)
    if passed[-1] == len(stages) - 1:
        return ReviewState(CONCLUDED, None, last.key, last_date)
    following = stages[passed[-1] + 1]
    status = IN_PROGRESS if following.status is not None else NOT_STARTED
    return ReviewState(status, following.key, last.key, last_date)


@dataclass(frozen=True)
class ClusterRow:
    """One cluster of the workplan on a party's profile.

    With the party's review of it (None: not begun), that review's state, and whether the party's
    questionnaire responses on it are published.
    """

    cluster: Cluster
    review: Review | None
    state: ReviewState | None
    responses: bool

    @property
    def status(self) -> str:
        """not_begun, not_started, in_progress or concluded."""
        return self.state.status if self.state else NOT_BEGUN


def cluster_rows(party: Party, index: PartyIndex) -> list[ClusterRow]:
    """Every cluster of the vocabulary, in the order of the workplan, with the party's state on it."""
    rows = []
    for cluster in index.vocabulary.clusters:
        review = party.review_of(cluster.key)
        state = review_state(review, index.vocabulary) if review else None
        rows.append(ClusterRow(cluster, review, state, (party.code, cluster.key) in index.responses))
    return rows


@dataclass(frozen=True)
class ReviewDetail:
    """Everything the profile shows about one review."""

    review: Review
    cluster: Cluster
    anchor: str
    stages_anchor: str
    state: ReviewState
    start: dt.date | None  # when the party's group began its reviews of the cluster; None: not in our sources
    stages: list[StageRow]
    instruments: list[InstrumentReviewers]
    responses: bool


def review_details(party: Party, index: PartyIndex) -> list[ReviewDetail]:
    """The party's reviews, the latest first: the one its party-list row, figures and feeds describe."""
    vocabulary = index.vocabulary
    return [
        ReviewDetail(
            review=review,
            cluster=vocabulary.cluster(review.cluster),
            anchor=review_section(review.cluster),
            stages_anchor=stages_anchor(party, review),
            state=review_state(review, vocabulary),
            start=vocabulary.review_start(review.cluster, review.group),
            stages=timeline(review, vocabulary),
            instruments=reviewers_by_instrument(party, review, index.parties, vocabulary),
            responses=(party.code, review.cluster) in index.responses,
        )
        for review in reversed(party.reviews)
    ]


def reviewing(party: Party, index: PartyIndex) -> list[Reviewing]:
    """The reviews ``party`` takes part in as a reviewer, by cluster then party (PartyIndex.reviewing)."""
    return index.reviewing.get(party.code, [])
