"""Every address and anchor of the site, written once: pages, sections, party-list filters, downloads, feeds.

Addresses are the site's public interface: readers bookmark a profile, the statistics charts link to a
filtered party list, data users script against the downloads. Typed in one place, a change is one edit
here instead of a hunt through templates, exports and the party-list script, and a mistyped filter or
section fails the build instead of shipping a link that silently shows everything.

Addresses are paths without a leading slash, from one of two roots:

- pages and feeds: from their *language's* root ('' in English, 'fr/' in French; see :func:`localized`).
  The same address serves every language, e.g. ``profiles/ken/`` and ``fr/profiles/ken/``.
- downloads, sitemap and robots.txt: from the *site* root, one set for all languages.

Pages link relatively, so the site works wherever it is published: templates put the way up to a root in
front of an address (``base`` leads to the language root, ``root`` to the site root), or link one page to
another with :func:`relative`. Pages are directory-style: their address ends with ``/``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final
from urllib.parse import urlencode

from profilesite.i18n.locales import BY_CODE

# --------------------------------------------------------------------------- pages (from a language's root)

HOME: Final = ""
PARTY_LIST: Final = "profiles/"  # also the folder of the profiles
STATISTICS: Final = "statistics/"
DATA: Final = "data/"  # "About the data": sources, gaps, downloads (the schema.org Dataset's page)
FEED: Final = "feed.xml"  # Atom feed of what changed, one per language
SEARCH: Final = "search/"  # Material's search index, not a page: kept out of the sitemap
ARTICLES: Final = "articles/"  # index of the reviewed articles by cluster; each article's page below it

# --------------------------------------------------------------------------- files shared by all languages

DOWNLOADS: Final = "downloads/"
SITEMAP: Final = "sitemap.xml"  # one sitemap of every language, with hreflang alternates
SITEMAP_GZIP: Final = "sitemap.xml.gz"
ROBOTS: Final = "robots.txt"

# Names of the downloads under DOWNLOADS (see export/write.py for what each holds).
MANIFEST: Final = "manifest.json"
ALL_RECORDS: Final = "profiles.json"
DATA_DICTIONARY: Final = "data-dictionary.csv"
# The tables of export/tables.py, one CSV each (tests/test_routes.py checks the two lists agree).
DATASET_TABLES: Final = (
    "parties",
    "treaty-actions",
    "reviews",  # one row per party and thematic cluster
    "additional-reviewers",
    "documents",
    "nominations",
    "responses",  # published answers to the self-assessment questionnaire
)


class ProfileSection:
    """Ids of a profile's sections (its headings): the template writes them, feed entries link to them."""

    TREATIES: Final = "treaties"
    REVIEW: Final = "review"
    STAGES: Final = "stages"  # the stages of the latest review (see review_section for every review)
    REVIEWING: Final = "reviewing"  # the reviews the party takes part in as a reviewer
    NOMINATIONS: Final = "nominations"
    DOCUMENTS: Final = "documents"
    DOWNLOAD: Final = "download"
    SOURCES: Final = "sources"


class StatisticsSection:
    """Ids of the statistics page's own sections; each figure's section is its key (stats/figures.py)."""

    AT_A_GLANCE: Final = "at-a-glance"
    TREATY_TIMELINE: Final = "treaty-timeline"  # also the name of the timeline's chart and CSV file


# --------------------------------------------------------------------------- party-list filters


@dataclass(frozen=True)
class Filter:
    """A filter of the party list, kept in the address (``profiles/?group=2``) so a link can apply it.

    ``key`` is the query key and, for a filter with a form field, that field's ``name``; ``attribute`` is
    the data attribute of a table row the value is compared with; ``contains``: the row matches when its
    attribute contains the value (accents and case ignored) rather than equals it.
    """

    key: str
    meaning: str
    attribute: str
    field: bool = False
    contains: bool = False


def _linked(key: str, meaning: str) -> Filter:
    """A filter without a form field, set by links from the statistics charts (``data-f-<key>`` on rows)."""
    return Filter(key, meaning, f"data-f-{key}")


FILTERS: Final = (
    Filter(
        "q",
        "name of the party: the UN's in the page's language or in English, an everyday one, or its code",
        "data-names",
        field=True,
        contains=True,
    ),
    Filter(
        "region", "regional group key, or 'none' (outside the regional groups)", "data-region", field=True
    ),
    Filter("group", "review group number, or 'none' (not in the review)", "data-group", field=True),
    Filter("stage", "key of the last stage passed, or 'not_started'", "data-stage", field=True),
    _linked("status", "stage in progress of the review (statistics: status of the country reviews)"),
    _linked("affected", "'yes' when a missing focal point holds the review up, 'no' otherwise"),
    _linked("consultation", "initial consultation 'held' or 'not_held'"),
    _linked("saq", "self-assessment questionnaire 'not_started', 'in_preparation' or 'done'"),
    _linked("feedback", "written feedback 'not_started', 'in_preparation' or 'done'"),
    _linked("languages", "working languages of a review that began, e.g. 'en+fr', or 'none'"),
    _linked("focal", "focal point nominated: 'yes' or 'no'"),
)
FILTER_BY_KEY: Final = {item.key: item for item in FILTERS}

# Filters of an article page's answers (``articles/untoc/5/?region=african&category=yes``): the same
# script conventions as the party list's, on the answers' data attributes.
ANSWER_FILTERS: Final = (
    Filter("region", "regional group key of the answering party, or 'none'", "data-region", field=True),
    Filter("category", "answer category key, or 'none' (an answer without one)", "data-category", field=True),
)
ANSWER_FILTER_BY_KEY: Final = {item.key: item for item in ANSWER_FILTERS}


def filter_attribute(key: str) -> str:
    """The row attribute a filter reads; an unknown key fails, so the rows only carry filters that exist."""
    return _filter(key).attribute


def script_filters(filters: tuple[Filter, ...] = FILTERS) -> list[dict[str, str]]:
    """The filters as the page scripts read them (a JSON data block on the page): key, attribute, match.

    The scripts take them from the page rather than typing the keys again, so FILTERS (the party list) and
    ANSWER_FILTERS (an article's answers) are the one lists.
    """
    return [
        {"key": item.key, "attribute": item.attribute, "match": "contains" if item.contains else "equals"}
        for item in filters
    ]


def _filter(key: str) -> Filter:
    try:
        return FILTER_BY_KEY[key]
    except KeyError:
        known = ", ".join(FILTER_BY_KEY)
        raise ValueError(f"'{key}' is not a party-list filter; use one of {known}") from None


# --------------------------------------------------------------------------- addresses


def localized(path: str, locale: str) -> str:
    """``path`` (from a language's root) from the site root in ``locale``: 'profiles/' -> 'fr/profiles/'."""
    return BY_CODE[locale].prefix + path


def absolute(site_url: str, path: str) -> str:
    """The full address of ``path`` (from the site root) on the site published at ``site_url``."""
    return site_url.rstrip("/") + "/" + path


def relative(target: str, page: str) -> str:
    """The link from ``page`` to ``target``, both written from the same root.

    'profiles/ken/' from 'profiles/' is 'ken/', from 'profiles/fra/' '../ken/'; '' from 'statistics/' is
    '../'; a page to itself is './'. A query or fragment of ``target`` is kept. ``page`` may also be a file
    ('fr/feed.xml'): links are then from its folder.
    """
    cut = min((place for place in (target.find("?"), target.find("#")) if place != -1), default=len(target))
    path, suffix = target[:cut], target[cut:]
    here = page.split("/")[:-1]
    there = path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    return ("../" * (len(here) - common) + "/".join(there[common:]) or "./") + suffix


def to_site_root(page: str, locale: str) -> str:
    """The way up from ``page`` of ``locale`` to the site root, where the downloads are: '../../' or more."""
    return relative(HOME, localized(page, locale))


def _with_section(address: str, section: str | None) -> str:
    return f"{address}#{section}" if section else address


def profile(code: str, section: str | None = None) -> str:
    """A party's profile, 'profiles/ken/', or one of its sections: 'profiles/ken/#stages' (ProfileSection)."""
    return _with_section(f"{PARTY_LIST}{code}/", section)


def response(code: str, cluster: str, section: str | None = None) -> str:
    """A party's published questionnaire responses on a cluster: 'profiles/ken/responses/criminalization/'."""
    return _with_section(f"{PARTY_LIST}{code}/responses/{cluster}/", section)


def response_section(instrument: str, number: str | None = None) -> str:
    """Id of a response page's heading of an instrument ('untoc') or of one of its articles ('untoc-5').

    Article pages link to a party's answer with it: ``response(code, cluster, response_section(...))``.
    """
    return f"{instrument}-{number}" if number is not None else instrument


def article(instrument: str, number: str, **filters: object) -> str:
    """The page comparing every published answer on one article: 'articles/untoc/5/'.

    ``filters``: ANSWER_FILTERS keys (anything else raises ValueError), as in :func:`party_list`:
    ``article('untoc', '5', region='african')`` is 'articles/untoc/5/?region=african'.
    """
    for key in filters:
        if key not in ANSWER_FILTER_BY_KEY:
            known = ", ".join(ANSWER_FILTER_BY_KEY)
            raise ValueError(f"'{key}' is not an answer filter; use one of {known}")
    query = urlencode([(key, str(value)) for key, value in filters.items()])
    address = f"{ARTICLES}{instrument}/{number}/"
    return f"{address}?{query}" if query else address


def articles(cluster: str | None = None) -> str:
    """The index of the reviewed articles, or one cluster's part of it: 'articles/#criminalization'."""
    return _with_section(ARTICLES, cluster)


def review_section(cluster: str) -> str:
    """Id of the section of a profile on the party's review of ``cluster``: 'review-criminalization'.

    One per cluster, so it stays the same when a later cluster's review is added: feeds link to it.
    """
    return f"review-{cluster}"


def party_list(**filters: object) -> str:
    """The party list filtered by ``filters``: ``party_list(group=2)`` is 'profiles/?group=2'.

    Keys are FILTERS keys (anything else raises ValueError); values are written as text, URL-encoded (the
    language pair 'en+fr' must not read as 'en fr'), in the order given.
    """
    for key in filters:
        _filter(key)
    query = urlencode([(key, str(value)) for key, value in filters.items()])
    return f"{PARTY_LIST}?{query}" if query else PARTY_LIST


def statistics(section: str | None = None) -> str:
    """The statistics page, or one of its sections: a figure's key or a StatisticsSection."""
    return _with_section(STATISTICS, section)


def statistics_csv(key: str) -> str:
    """The CSV of a statistics chart's data, beside the page, in its language: 'statistics/<key>.csv'."""
    return f"{STATISTICS}{key}.csv"


def download(name: str) -> str:
    """A download shared by all languages, by its name under DOWNLOADS: 'downloads/parties.csv'."""
    return DOWNLOADS + name


def table_download(table: str) -> str:
    """A table of export/tables.py for all parties, as CSV: 'downloads/reviews.csv'."""
    return download(f"{table}.csv")


def party_download(code: str, table: str | None = None) -> str:
    """One party's download: its record as JSON ('downloads/profiles/ken.json'), or one of its CSV tables.

    ``table``: a table name of export/tables.py ('downloads/profiles/ken/reviews.csv').
    """
    return download(f"profiles/{code}/{table}.csv" if table else f"profiles/{code}.json")


def feed(locale: str) -> str:
    """The Atom feed of ``locale``, from the site root: 'feed.xml', 'fr/feed.xml'."""
    return localized(FEED, locale)


# The whole data set as the data page's schema.org Dataset lists it: (path from the site root, media type).
DATASET_FILES: Final = tuple((table_download(name), "text/csv") for name in DATASET_TABLES) + (
    (download(ALL_RECORDS), "application/json"),
)
