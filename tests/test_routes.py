"""profilesite.routes: the addresses it gives are the ones the built site has.

Unit checks of the address arithmetic first, then the fixture site (en + ar) read back: every routed page,
section, download and feed exists, and the party list's form and script data name exactly routes.FILTERS.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from profilesite import routes
from profilesite.checks import validate
from profilesite.export.tables import tables
from profilesite.i18n.locales import LOCALES
from profilesite.stats.figures import all_figures
from profilesite.views.parties import PartyIndex

from .conftest import FIXTURE_RECORDS
from .stats._html import Node, parse_file

BUILT_LOCALES = ("en", "ar")  # the fixture site's languages
FIXTURE_CODES = sorted(path.stem for path in FIXTURE_RECORDS.glob("[a-z][a-z][a-z].yaml"))


# ----------------------------------------------------------------------------- the address arithmetic


@pytest.mark.parametrize(
    ("target", "page", "link"),
    [
        ("profiles/ken/", "profiles/", "ken/"),
        ("profiles/ken/", "profiles/fra/", "../ken/"),
        ("profiles/", "profiles/", "./"),
        ("", "statistics/", "../"),
        ("profiles/?group=1&status=concluded", "statistics/", "../profiles/?group=1&status=concluded"),
        ("profiles/ken/#stages", "profiles/fra/", "../ken/#stages"),
        ("statistics/review-status.csv", "statistics/", "review-status.csv"),
        ("downloads/profiles/ken.json", "ar/profiles/ken/", "../../../downloads/profiles/ken.json"),
        ("profiles/ken/", "", "profiles/ken/"),
        ("profiles/ken/", "ar/feed.xml", "../profiles/ken/"),
    ],
)
def test_relative_links(target, page, link):
    assert routes.relative(target, page) == link


def test_party_list_query_is_encoded_in_order_and_checked():
    assert routes.party_list() == "profiles/"
    assert routes.party_list(group=2, stage="saq_submitted") == "profiles/?group=2&stage=saq_submitted"
    assert routes.party_list(languages="en+fr") == "profiles/?languages=en%2Bfr"  # not "en fr"
    with pytest.raises(ValueError, match="'grup' is not a party-list filter"):
        routes.party_list(grup=2)
    with pytest.raises(ValueError):
        routes.filter_attribute("nonsense")


def test_filters_are_unique_and_the_script_reads_them_all():
    keys = [item.key for item in routes.FILTERS]
    assert len(keys) == len(set(keys))
    assert [item["key"] for item in routes.script_filters()] == keys
    assert {item["match"] for item in routes.script_filters()} == {"contains", "equals"}


def test_addresses_of_pages_downloads_and_feeds():
    assert routes.profile("ken") == "profiles/ken/"
    assert routes.profile("ken", routes.ProfileSection.STAGES) == "profiles/ken/#stages"
    assert routes.statistics() == "statistics/"
    assert routes.statistics("review-status") == "statistics/#review-status"
    assert routes.party_download("ken") == "downloads/profiles/ken.json"
    assert routes.party_download("ken", "reviews") == "downloads/profiles/ken/reviews.csv"
    assert routes.table_download("parties") == "downloads/parties.csv"
    assert routes.download(routes.MANIFEST) == "downloads/manifest.json"
    assert [routes.feed(locale.code) for locale in LOCALES][:2] == ["feed.xml", "fr/feed.xml"]
    assert routes.localized(routes.PARTY_LIST, "ar") == "ar/profiles/"
    assert (
        routes.absolute("https://example.org/site", routes.SITEMAP) == "https://example.org/site/sitemap.xml"
    )
    assert routes.to_site_root(routes.profile("ken"), "en") == "../../"
    assert routes.to_site_root(routes.profile("ken"), "ar") == "../../../"


def test_addresses_of_responses_and_articles():
    assert routes.response("ken", "criminalization") == "profiles/ken/responses/criminalization/"
    assert (
        routes.response("ken", "criminalization", "untoc-5")
        == "profiles/ken/responses/criminalization/#untoc-5"
    )
    assert routes.response_section("untoc") == "untoc"
    assert routes.response_section("untoc", "5") == "untoc-5"
    assert routes.article("untoc", "5") == "articles/untoc/5/"
    assert (
        routes.article("tip", "3", region="african", category="yes")
        == "articles/tip/3/?region=african&category=yes"
    )
    assert routes.articles() == routes.ARTICLES == "articles/"
    assert routes.articles("criminalization") == "articles/#criminalization"
    with pytest.raises(ValueError, match="'group' is not an answer filter"):
        routes.article("untoc", "5", group=1)
    # a response page links to the article page, and back, from three and four folders down
    assert (
        routes.relative(routes.article("untoc", "5"), routes.response("ken", "c"))
        == "../../../../articles/untoc/5/"
    )
    assert routes.relative(routes.response("ken", "c", "untoc-5"), routes.article("untoc", "5")) == (
        "../../../profiles/ken/responses/c/#untoc-5"
    )


def test_answer_filters_are_unique_and_the_script_reads_them_all():
    keys = [item.key for item in routes.ANSWER_FILTERS]
    assert len(keys) == len(set(keys)) and set(keys) == set(routes.ANSWER_FILTER_BY_KEY)
    assert [item["key"] for item in routes.script_filters(routes.ANSWER_FILTERS)] == keys
    assert routes.script_filters() == routes.script_filters(routes.FILTERS)  # the party list's, by default


def test_dataset_tables_are_the_export_tables():
    empty = PartyIndex({}, None)  # type: ignore[arg-type]
    assert routes.DATASET_TABLES == tuple(table.name for table in tables(empty, []))


# ----------------------------------------------------------------------------- the built fixture site


def _page(site: Path, address: str) -> Path:
    """The file a directory-style address (from the site root) is served from."""
    return site / address / "index.html"


def _ids(tree: Node) -> set[str]:
    return {node.get("id") for node in tree.iter() if node.get("id")}


@pytest.fixture(scope="module")
def fixture_index(fixture_site: Path) -> PartyIndex:
    """The records the fixture site was built from."""
    project = fixture_site.parent
    records, problems = validate([project / "profiles"], project)
    assert problems == [] and records.vocabulary is not None
    return PartyIndex(records.parties, records.vocabulary)


@pytest.mark.parametrize("locale", BUILT_LOCALES)
def test_every_routed_page_exists(fixture_site, fixture_index, locale):
    pages = [routes.profile(code) for code in FIXTURE_CODES]
    pages += [routes.HOME, routes.PARTY_LIST, routes.STATISTICS, routes.DATA, routes.ARTICLES]
    vocabulary = fixture_index.vocabulary
    for cluster in vocabulary.keys("clusters"):  # an article page for every article a cluster lists
        pages += [
            routes.article(instrument, item.number)
            for instrument, item in vocabulary.cluster_articles(cluster)
        ]
    for address in pages:
        assert _page(fixture_site, routes.localized(address, locale)).is_file(), (locale, address)
    assert (fixture_site / routes.feed(locale)).is_file()


@pytest.mark.parametrize("locale", BUILT_LOCALES)
def test_profile_sections_are_the_headings(fixture_site, locale):
    ids = _ids(parse_file(_page(fixture_site, routes.localized(routes.profile("ken"), locale))))
    sections = {value for name, value in vars(routes.ProfileSection).items() if name.isupper()}
    assert sections <= ids


@pytest.mark.parametrize("locale", BUILT_LOCALES)
def test_statistics_sections_and_csv_files_exist(fixture_site, fixture_index, locale):
    ids = _ids(parse_file(_page(fixture_site, routes.localized(routes.STATISTICS, locale))))
    keys = [figure.key for figure in all_figures(fixture_index)]
    keys += [routes.StatisticsSection.TREATY_TIMELINE]
    assert set(keys) | {routes.StatisticsSection.AT_A_GLANCE} <= ids
    for key in keys:
        assert (fixture_site / routes.localized(routes.statistics_csv(key), locale)).is_file(), key


def test_download_routes_are_the_downloads(fixture_site, fixture_index):
    manifest = json.loads((fixture_site / routes.download(routes.MANIFEST)).read_text("utf-8"))
    listed = {item["path"] for item in manifest["files"]}
    written = {
        path.relative_to(fixture_site).as_posix()
        for path in (fixture_site / routes.DOWNLOADS).rglob("*")
        if path.is_file()
        and path != fixture_site / routes.DOWNLOADS / "index.html"  # the page that lists them
    }
    assert written == listed | {routes.download(routes.MANIFEST)}
    expected = {path for path, _ in routes.DATASET_FILES} | {routes.download(routes.DATA_DICTIONARY)}
    for code in FIXTURE_CODES:
        expected.add(routes.party_download(code))
        for table in tables(fixture_index, [code]):
            if table.items:
                expected.add(routes.party_download(code, table.name))
    assert expected == listed


def test_discovery_files_exist(fixture_site):
    for name in (routes.SITEMAP, routes.SITEMAP_GZIP, routes.ROBOTS):
        assert (fixture_site / name).is_file(), name


@pytest.mark.parametrize("locale", BUILT_LOCALES)
def test_party_list_form_and_script_data_name_the_filters(fixture_site, locale):
    tree = parse_file(_page(fixture_site, routes.localized(routes.PARTY_LIST, locale)))
    form = tree.find("form", id="ps-filters")
    assert form is not None
    names = {node.get("name") for tag in ("input", "select") for node in form.find_all(tag)}
    assert names == {item.key for item in routes.FILTERS if item.field}
    block = tree.find("script", id="ps-filter-keys")
    assert block is not None and block.get("type") == "application/json"
    assert json.loads(block.text()) == routes.script_filters()
    rows = tree.find("table", id="ps-parties").find("tbody").find_all("tr")
    assert len(rows) == len(FIXTURE_CODES)
    attributes = {item.attribute for item in routes.FILTERS}
    for row in rows:
        assert all(row.get(item.attribute) is not None for item in routes.FILTERS if item.field)
        assert {name for name in row.attrs if name.startswith("data-f-")} <= attributes
        link = row.find("th").find("a").get("href")
        assert routes.profile(link.strip("/")) == routes.PARTY_LIST + link  # row links: profile routes
