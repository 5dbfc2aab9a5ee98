"""The mechanism's vocabularies (``profiles/_vocabulary.yaml``): instruments, stages, kinds, groups.

Data, not code: a new Protocol or stage is a new entry here with its labels in the seven languages. The
stages' order, deadlines and status labels, and which stage each of the Secretariat's one-stage figures
counts, are all read from here, so the validator, the profiles, the party list and the statistics follow
the file without a change in Python.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from profilesite.model.record import Source, Strict


class Label(Strict):
    """A label in each of the seven languages of the site; none may be missing."""

    en: str = Field(min_length=1)
    fr: str = Field(min_length=1)
    es: str = Field(min_length=1)
    ru: str = Field(min_length=1)
    zh: str = Field(min_length=1)
    ar: str = Field(min_length=1)
    pt: str = Field(min_length=1)

    def __call__(self, locale: str) -> str:
        """The label in ``locale``."""
        return getattr(self, locale)


class Instrument(Strict):
    """The Convention or one of its Protocols."""

    key: str = Field(pattern=r"^[a-z_]+$", description="Key used in records (treaties.<key>).")
    treaty_id: str = Field(description="Depositary number in the UN Treaty Collection, e.g. XVIII-12.")
    short: Label = Field(description="Short name.")
    full: Label = Field(description="Full title.")


class Entry(Strict):
    """A vocabulary entry: a key used in records and its label."""

    key: str = Field(pattern=r"^[a-z_]+$")
    label: Label


#: ``deadline.from`` of a stage counted from the day its review group began.
REVIEW_START = "review_start"
#: Status of a review that has passed no stage (and of one still waiting for its nominations).
NOT_STARTED = "not_started"
#: Status of a review that has passed every stage.
CONCLUDED = "concluded"


class Deadline(Strict):
    """Time allowed for a stage, counted from the review start or from an earlier stage."""

    weeks: int | None = Field(default=None, ge=1, description="Time allowed in weeks.")
    months: int | None = Field(default=None, ge=1, description="Time allowed in months (calendar months).")
    from_: str = Field(alias="from", description="review_start or the key of an earlier stage.")

    def due(self, start: dt.date) -> dt.date:
        """The date the stage is due when counting starts on ``start``."""
        if self.weeks:
            return start + dt.timedelta(weeks=self.weeks)
        months = (self.months or 0) + start.month - 1
        year, month = start.year + months // 12, months % 12 + 1
        day = min(start.day, _days_in_month(year, month))
        return dt.date(year, month, day)


def _days_in_month(year: int, month: int) -> int:
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return (following - dt.timedelta(days=1)).day


class Stage(Entry):
    """A stage of a country review, in order; with its deadline where the procedures set one.

    Records date the stages they passed under ``review.stages``, keyed by ``key``; ``label`` names the stage
    passed, ``status`` a review on its way to it (the categories of Figure II of the background paper).
    """

    status: Label | None = Field(
        default=None,
        description=(
            "Status of a review in progress towards this stage, e.g. 'Self-assessment' before saq_submitted"
            " (the party list's status filter and the chart of the status of the reviews). Left out only on"
            " the nominations listed first, which precede the review itself: a review waiting for one of"
            " them counts as not started."
        ),
    )
    status_key: str | None = Field(
        default=None,
        pattern=r"^[a-z_]+$",
        description=(
            "Value of the party list's ?status= filter for the reviews on their way to this stage; the stage"
            " key when left out. Set it only to keep an address already published."
        ),
    )
    deadline: Deadline | None = Field(default=None, description="Time allowed, where the procedures set one.")
    source: str | None = Field(default=None, description="Where the deadline comes from.")

    @property
    def status_value(self) -> str:
        """The status of a review on its way to this stage, as the party-list filter writes it."""
        return self.status_key or self.key


class FigureStages(Strict):
    """The stage each of the Secretariat's one-stage figures counts.

    Figures III, V and VI of the background paper are each about one stage (and Figure IV about the reviews
    that began); naming those stages here keeps the statistics right when a stage is added or renamed.
    """

    consultation: str = Field(
        description=(
            "Stage with which a country review begins: Figure III counts the reviews that passed it (initial"
            " consultation held), Figure IV the working languages of those reviews."
        )
    )
    questionnaire: str = Field(
        description=(
            "Figure V: the self-assessment questionnaire is submitted once this stage is passed, and in"
            " preparation once the consultation stage is."
        )
    )
    feedback: str = Field(
        description=(
            "Figure VI: the written feedback is completed once this stage is passed, and in preparation once"
            " the questionnaire stage is."
        )
    )


class ReviewGroup(Strict):
    """A review group drawn by lot; when its reviews of each cluster began is under ``clusters``."""

    number: Literal[1, 2, 3]
    source: str


class PartialLabel(Strict):
    """A text in the languages it could be sourced in: English always, others where an official text has it.

    A page in a language left out shows the English text with a notice saying so.
    """

    en: str = Field(min_length=1)
    fr: str | None = Field(default=None, min_length=1)
    es: str | None = Field(default=None, min_length=1)
    ru: str | None = Field(default=None, min_length=1)
    zh: str | None = Field(default=None, min_length=1)
    ar: str | None = Field(default=None, min_length=1)
    pt: str | None = Field(default=None, min_length=1)

    def __call__(self, locale: str) -> str:
        """The text in ``locale``, or in English where it has none (see :meth:`has`)."""
        return getattr(self, locale) or self.en

    def has(self, locale: str) -> bool:
        """Whether the text exists in ``locale`` (not the English fallback)."""
        return bool(getattr(self, locale))


class Article(Strict):
    """An article of an instrument, by its number in that instrument, with its title."""

    number: str = Field(pattern=r"^[0-9]+(?:[a-z]|-[0-9]+)?$", description="Number as in the instrument.")
    title: PartialLabel = Field(description="Title as in the official texts, per language.")
    source: str = Field(min_length=1, description="Where the titles come from.")


class Cluster(Strict):
    """A thematic cluster: articles of the Convention and the Protocols reviewed together in one phase."""

    key: str = Field(
        pattern=r"^[a-z][a-z0-9_]*$", description="Key used in records, file names and addresses."
    )
    number: int = Field(ge=1, description="Number of the cluster in the multi-year workplan.")
    label: PartialLabel | None = Field(
        default=None, description="Name, where sourced; pages call a cluster without one by its number."
    )
    starts: dict[int, dt.date] = Field(
        default_factory=dict,
        description="Date the reviews of each review group on this cluster began, where sourced.",
    )
    articles: dict[str, list[str]] = Field(
        default_factory=dict,
        description="Numbers of the articles reviewed, per instrument key; left out where not sourced.",
    )
    source: str = Field(min_length=1)


class ReportedCount(Strict):
    """A count someone else reported (the Secretariat, UNODC, the depositary), with what it counts and when.

    Pages show these beside the site's own counts, which hold only the parties that have a record here, so
    that every count says what it counts and as of when.
    """

    key: str = Field(pattern=r"^[a-z_]+$")
    count: int = Field(ge=0)
    as_of: dt.date
    label: Label = Field(description="What is counted, and by whom.")
    source: Source = Field(description="The document that reports the count.")


class Publisher(Strict):
    """Who published a source: a body whose name the UN translates (``label``), or a proper name.

    A newspaper, a government office or a database keeps its own name in every language (``name``, in
    ``language``); pages isolate it in that language.
    """

    key: str = Field(pattern=r"^[a-z_]+$")
    label: Label | None = Field(default=None, description="Name in the seven languages.")
    name: str | None = Field(
        default=None, min_length=1, description="Proper name, as the publisher writes it."
    )
    language: str = Field(default="en", pattern=r"^[a-z]{2,3}$", description="Language of the proper name.")

    @model_validator(mode="after")
    def _named_once(self) -> Publisher:
        if (self.label is None) == (self.name is None):
            raise ValueError(f"publishers: {self.key} needs a label or a name, not both")
        return self


class Publication(Strict):
    """A publication cited by its title: titles in the languages an official text gives, English always."""

    key: str = Field(pattern=r"^[a-z_]+$")
    title: PartialLabel = Field(description="Title per language, where an official title is sourced.")
    source: str = Field(min_length=1, description="Where the titles come from.")


class AnswerCategory(Entry):
    """An answer category of the self-assessment questionnaire (e.g. yes / no / yes, in part)."""

    source: str = Field(min_length=1)


class DocumentLanguage(Strict):
    """A language a document can exist in, with its letter in the A C E F R S P matrix."""

    key: str
    letter: str = Field(pattern=r"^[A-Z]$")


class Vocabulary(Strict):
    """All vocabularies of the mechanism."""

    instruments: list[Instrument] = Field(min_length=1)
    consent_types: list[Entry]
    stages: list[Stage] = Field(
        min_length=1, description="Stages of a country review, in the order a review passes them."
    )
    figure_stages: FigureStages = Field(description="The stage each of the one-stage figures counts.")
    review_groups: list[ReviewGroup]
    clusters: list[Cluster] = Field(
        min_length=1, description="Thematic clusters, in the order of the workplan."
    )
    articles: dict[str, list[Article]] = Field(
        description="Articles per instrument key, with their titles (those of every cluster's lists)."
    )
    publishers: list[Publisher] = Field(default_factory=list, description="Publishers sources cite.")
    publications: list[Publication] = Field(
        default_factory=list, description="Publications sources cite by title."
    )
    source_kinds: list[Entry] = Field(
        default_factory=list, description="Kinds of document a source with a publisher can be."
    )
    reported_counts: list[ReportedCount] = Field(
        default_factory=list, description="Counts reported by others, shown beside the site's own."
    )
    answer_categories: list[AnswerCategory] = Field(
        default_factory=list, description="Answer categories of the questionnaire, where sourced."
    )
    review_languages: list[str]
    document_languages: list[DocumentLanguage]
    document_kinds: list[Entry]
    regional_groups: list[Entry]
    party_kinds: list[Entry]
    institutions: list[Entry]

    @field_validator("stages")
    @classmethod
    def _stages_in_order(cls, stages: list[Stage]) -> list[Stage]:
        """Keys are unique, a deadline counts from an earlier stage, nominations without a status come first.

        The order of the list is the order of the review: the validator, the timelines and the status of a
        review all read it, so these are checked here once rather than assumed in code.
        """
        seen: list[str] = []
        statuses: set[str] = {NOT_STARTED, CONCLUDED}
        with_status: str | None = None
        for stage in stages:
            if stage.key in seen:
                raise ValueError(f'stage "{stage.key}" is listed twice')
            if stage.key == NOT_STARTED:
                raise ValueError(f'"{NOT_STARTED}" names a review that passed no stage; choose another key')
            if stage.deadline is not None and stage.deadline.from_ not in (REVIEW_START, *seen):
                raise ValueError(
                    f'{stage.key}: the deadline counts from "{stage.deadline.from_}"; use {REVIEW_START}'
                    " or the key of an earlier stage"
                )
            if stage.status is None and with_status is not None:
                raise ValueError(
                    f"{stage.key}: add a status label (the status of a review on its way to this stage);"
                    f" only the nominations listed before {with_status} may go without"
                )
            if stage.status is not None:
                if stage.status_value in statuses:
                    raise ValueError(f'{stage.key}: the status key "{stage.status_value}" is already used')
                statuses.add(stage.status_value)
                with_status = with_status or stage.key
            seen.append(stage.key)
        return stages

    @field_validator("figure_stages")
    @classmethod
    def _figure_stages_known(cls, figures: FigureStages, info: ValidationInfo) -> FigureStages:
        """Each figure names a stage, and the three come in the order a review passes them."""
        stages = [stage.key for stage in info.data.get("stages") or []]
        if not stages:
            return figures  # the stages themselves are wrong; that is reported where they are written
        named = figures.model_dump()  # consultation, questionnaire, feedback: the fields' order
        for figure, key in named.items():
            if key not in stages:
                raise ValueError(f'{figure}: "{key}" is not a stage; use one of {", ".join(stages)}')
        positions = [stages.index(key) for key in named.values()]
        if positions != sorted(set(positions)):  # strictly increasing
            raise ValueError("consultation, questionnaire and feedback must name stages in this order")
        return figures

    @model_validator(mode="after")
    def _clusters_consistent(self) -> Vocabulary:
        """Clusters are unique, name known instruments and listed articles, and date known groups only.

        The cluster lists are what a response, an article page and the validator read, so a cluster that
        names an article without a title, or a group that does not exist, is a vocabulary error here.
        """
        instruments = self.keys("instruments")
        groups = {group.number for group in self.review_groups}
        seen_keys: set[str] = set()
        seen_numbers: set[int] = set()
        for instrument, articles in self.articles.items():
            if instrument not in instruments:
                raise ValueError(
                    f'articles: "{instrument}" is not an instrument; use {", ".join(instruments)}'
                )
            numbers = [article.number for article in articles]
            for number in numbers:
                if numbers.count(number) > 1:
                    raise ValueError(f"articles: {instrument} article {number} is listed twice")
        if self.clusters and set(self.clusters[0].starts) != groups:
            raise ValueError(
                f"clusters: {self.clusters[0].key} is the first cluster; give the date each review group"
                " began it under starts (the groups are defined by it)"
            )
        for cluster in self.clusters:
            if cluster.key in seen_keys or cluster.number in seen_numbers:
                raise ValueError(f"clusters: {cluster.key} (number {cluster.number}) is listed twice")
            seen_keys.add(cluster.key)
            seen_numbers.add(cluster.number)
            for group in cluster.starts:
                if group not in groups:
                    raise ValueError(
                        f"clusters: {cluster.key} dates group {group}, which is not a review group"
                    )
            for instrument, numbers in cluster.articles.items():
                for number in numbers:
                    if self.article(instrument, number) is None:
                        raise ValueError(
                            f"clusters: {cluster.key} lists {instrument} article {number};"
                            " add it under articles"
                        )
        return self

    @model_validator(mode="after")
    def _count_sources_known(self) -> Vocabulary:
        """A reported count's source names publishers, publications and kinds this vocabulary has."""
        for item in self.reported_counts:
            for field, message in self.source_problems(item.source):
                raise ValueError(f"reported_counts: {item.key} source {field}: {message}")
        return self

    def source_problems(self, source: Source) -> list[tuple[str, str]]:
        """(field, message) for each key of ``source`` that this vocabulary does not have."""
        problems = []
        for field, vocabulary_name in (
            ("publication", "publications"),
            ("publisher", "publishers"),
            ("kind", "source_kinds"),
        ):
            value = getattr(source, field)
            if value is not None and value not in self.keys(vocabulary_name):
                known = ", ".join(self.keys(vocabulary_name)) or "none yet"
                problems.append((field, f'"{value}" is not known; use one of {known}'))
        return problems

    def publisher(self, key: str) -> Publisher:
        return next(item for item in self.publishers if item.key == key)

    def publication(self, key: str) -> Publication:
        return next(item for item in self.publications if item.key == key)

    def keys(self, name: str) -> list[str]:
        """Keys of one vocabulary, in order (e.g. ``keys('stages')``)."""
        return [item.key for item in getattr(self, name)]

    def label(self, name: str, key: str, locale: str) -> str:
        """Label of entry ``key`` of vocabulary ``name`` in ``locale``."""
        for item in getattr(self, name):
            if item.key == key:
                return item.label(locale)
        raise KeyError(f"{name}: {key}")

    def stage(self, key: str) -> Stage:
        """The stage with this key."""
        return next(item for item in self.stages if item.key == key)

    def instrument(self, key: str) -> Instrument:
        """The instrument with this key."""
        return next(item for item in self.instruments if item.key == key)

    def cluster(self, key: str) -> Cluster:
        """The cluster with this key."""
        return next(item for item in self.clusters if item.key == key)

    def review_start(self, cluster: str, group: int) -> dt.date | None:
        """Date the reviews of group ``group`` on ``cluster`` began; None where not sourced (or not begun)."""
        return self.cluster(cluster).starts.get(group)

    def group_start(self, number: int) -> dt.date | None:
        """Date group ``number`` began its reviews: its start on the first cluster, where sourced."""
        return self.clusters[0].starts.get(number)

    def article(self, instrument: str, number: str) -> Article | None:
        """Article ``number`` of ``instrument``, if the vocabulary lists it."""
        return next((item for item in self.articles.get(instrument, []) if item.number == number), None)

    def cluster_articles(self, cluster: str) -> list[tuple[str, Article]]:
        """(instrument, article) pairs of ``cluster``, in the order of the instruments and the list."""
        listed = self.cluster(cluster).articles
        pairs = []
        for instrument in self.keys("instruments"):
            for number in listed.get(instrument, []):
                article = self.article(instrument, number)
                if article is not None:
                    pairs.append((instrument, article))
        return pairs
