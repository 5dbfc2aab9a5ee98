"""The profile's peer-review section: every cluster, every review, reviewers per instrument, both ways.

A copy of the fixture records where Kenya is reviewed on two clusters (the second with additional
reviewers, and no start date in the vocabulary), built in English, Arabic, Chinese and French; the pages
are read back as a reader gets them. Cluster keys and article numbers are read from the vocabulary copy,
never typed here.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pytest
import yaml

from profilesite import routes
from profilesite.checks import validate
from profilesite.i18n import catalogs
from profilesite.model.response import Responses
from profilesite.render.pages import render_profile
from profilesite.views.parties import PartyIndex
from profilesite.views.reviews import review_state

from ..conftest import FIXTURE_RECORDS, make_project
from ..stats._html import Node, parse_file, parse_html

LOCALES = ("en", "ar", "zh", "fr")
PREFIX = {"en": ""} | {code: f"{code}/" for code in LOCALES if code != "en"}

# The made-up second review of the test (the fixture records say their review facts are made up too).
SECOND_REVIEW_STAGES = {"focal_point_nominated": "2023-01-10"}


def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8"))


def _write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Fixture records; Kenya reviewed on the first two clusters; cluster 2 given articles, no start dates."""
    root = make_project(tmp_path_factory.mktemp("reviews-project"), FIXTURE_RECORDS)
    profiles = root / "profiles"
    vocabulary = _yaml(profiles / "_vocabulary.yaml")
    second = vocabulary["clusters"][1]
    second["articles"] = {"untoc": [vocabulary["articles"]["untoc"][0]["number"]]}
    second.pop("starts", None)  # when group 1 began cluster 2 is "not in our sources"
    _write(profiles / "_vocabulary.yaml", vocabulary)
    kenya = _yaml(profiles / "ken.yaml")
    kenya["reviews"].append(
        {
            "cluster": second["key"],
            "sample": True,
            "group": kenya["reviews"][0]["group"],
            # neither has joined the Smuggling of Migrants Protocol nor the Trafficking in Persons Protocol
            "reviewers": ["uga", "deu"],
            "additional_reviewers": [{"instrument": "tip", "party": "fra"}],
            "redraws": 2,
            "stages": SECOND_REVIEW_STAGES,
            "languages": ["en"],
        }
    )
    _write(profiles / "ken.yaml", kenya)
    return root


@pytest.fixture(scope="module")
def index(project: Path) -> PartyIndex:
    """The test records, valid as the validator sees them, with published responses of Kenya on cluster 2."""
    records, problems = validate([project / "profiles"], project)
    assert problems == [], problems
    assert records.vocabulary is not None
    second = records.vocabulary.clusters[1]
    article = second.articles["untoc"][0]
    responses = Responses.model_validate(
        {
            "sample": True,
            "submitted": "2023-06-01",
            "consent": {"date": "2023-06-02", "extent": "full"},
            "answers": [
                {"instrument": "untoc", "article": article, "language": "en", "text": "[Demonstration] x"}
            ],
        }
    )
    return PartyIndex(records.parties, records.vocabulary, responses={("ken", second.key): responses})


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    """The test project built in the four languages of these tests."""
    from profilesite.build import build_site

    build_site(project, site_dir=project / "site", locales=list(LOCALES), jobs=2)
    return project / "site"


def _profile(site: Path, locale: str, code: str) -> Node:
    return parse_file(site / PREFIX[locale] / routes.profile(code) / "index.html")


def _article(tree: Node) -> Node:
    article = tree.find("article")
    assert article is not None
    return article


def _t(locale: str, message: str, **values: object) -> str:
    text = catalogs.gettext(locale, message)
    return text % values if values else text


def _texts(nodes: list[Node]) -> list[str]:
    return [" ".join(node.text().split()) for node in nodes]


# ----------------------------------------------------------------------------- the built pages


@pytest.mark.parametrize("locale", LOCALES)
def test_both_reviews_with_unique_ids_and_the_feed_target(site, index, locale):
    tree = _profile(site, locale, "ken")
    ids = Counter(node.get("id") for node in tree.iter() if node.get("id"))
    assert [key for key, count in ids.items() if count > 1] == []
    first, second = (cluster.key for cluster in index.vocabulary.clusters[:2])
    # both review sections, the latest first; the latest keeps the published #stages (feeds link to it)
    headings = [node.get("id") for node in _article(tree).iter() if node.tag in ("h2", "h3", "h4")]
    assert headings.index(f"review-{second}") < headings.index("stages") < headings.index(f"review-{first}")
    assert headings.index(f"review-{first}") < headings.index(f"stages-{first}")
    assert {routes.ProfileSection.REVIEW, routes.ProfileSection.STAGES} <= set(ids)
    # the cluster timeline: every cluster of the vocabulary, in order, each with its state
    items = _article(tree).find("ol", class_="ps-clusters").find_all("li")
    assert [item.get("data-cluster") for item in items] == index.vocabulary.keys("clusters")
    statuses = [item.get("data-status") for item in items]
    kenya = index.parties["ken"]
    assert statuses[:2] == [review_state(review, index.vocabulary).status for review in kenya.reviews]
    assert set(statuses[2:]) == {"not_begun"}
    not_begun = _t(locale, "Not begun")
    assert all(not_begun in text for text in _texts(items[2:]))
    assert _t(locale, "Concluded") in _texts(items[:1])[0]  # the fixture's first review passed every stage
    # the second review's group has no start date in the vocabulary copy: said, not guessed
    section = _article(tree).text()
    # both sides with whitespace collapsed: French puts a no-break space before its semicolon
    no_date = _t(locale, "Group %(number)s, start date not in our sources", number="1")
    assert " ".join(no_date.split()) in " ".join(section.split())


@pytest.mark.parametrize("locale", LOCALES)
def test_reviewers_per_instrument(site, index, locale):
    tables = _article(_profile(site, locale, "ken")).find_all("table", class_="ps-reviewers")
    assert len(tables) == 2
    latest, first = tables  # the latest review first

    def rows(table: Node) -> dict[str, tuple[list[str], list[str], str]]:
        found = {}
        for row in table.find("tbody").find_all("tr"):
            cells = row.find_all("td")
            instrument = row.find("th").find("abbr").get("title")
            lot = [link.get("href") for link in cells[0].find_all("a")]
            extra = [link.get("href") for link in cells[1].find_all("a")]
            found[instrument] = (lot, extra, " ".join(cells[1].text().split()))
        return found

    full = {item.key: item.full(locale) for item in index.vocabulary.instruments}
    one_missing = _t(
        locale, "No additional reviewer recorded, although a reviewer drawn by lot is not a party to it"
    )
    two_missing = _t(
        locale,
        "No additional reviewer recorded, although %(count)s reviewers drawn by lot are not parties to it",
        count="2",
    )
    # the latest review, on cluster 2: uga and deu drawn by lot, fra drawn for the TIP Protocol only
    second = rows(latest)
    assert list(second) == [full[key] for key in ("untoc", "tip", "som", "firearms")]
    assert second[full["untoc"]] == (["../uga/", "../deu/"], [], "—")
    assert second[full["tip"]][:2] == ([], ["../fra/"]) and one_missing in second[full["tip"]][2]
    assert second[full["som"]][:2] == ([], []) and two_missing in second[full["som"]][2]
    assert second[full["firearms"]] == (["../uga/", "../deu/"], [], "—")
    # the first review, on cluster 1: uga and fra drawn by lot, no additional reviewer drawn yet
    first_rows = rows(first)
    assert first_rows[full["untoc"]] == (["../uga/", "../fra/"], [], "—")
    assert first_rows[full["som"]][:2] == (["../fra/"], [])
    assert first_rows[full["firearms"]][:2] == (["../uga/"], [])
    for key in ("tip", "som", "firearms"):
        assert one_missing in first_rows[full[key]][2]


@pytest.mark.parametrize("locale", LOCALES)
def test_reverse_table_on_the_reviewers_profiles(site, index, locale):
    first, second = (cluster.key for cluster in index.vocabulary.clusters[:2])
    shorts = {item.key: item.short(locale) for item in index.vocabulary.instruments}
    everything = _t(locale, "All instruments under review")

    def reviewing(code: str) -> dict[str, str]:
        table = _article(_profile(site, locale, code)).find("table", class_="ps-reviewing")
        assert table is not None, code
        rows = table.find("tbody").find_all("tr")
        return dict(zip((row.find("th").find("a").get("href") for row in rows), _texts(rows), strict=True))

    drawn = reviewing("uga")  # drawn by lot for both of Kenya's reviews
    assert everything in drawn[f"../ken/#review-{first}"] and everything in drawn[f"../ken/#review-{second}"]
    extra = reviewing("fra")  # drawn by lot on cluster 1, additional reviewer for one Protocol on cluster 2
    assert everything in extra[f"../ken/#review-{first}"]
    assert everything not in extra[f"../ken/#review-{second}"]
    assert shorts["tip"] in extra[f"../ken/#review-{second}"]
    assert shorts["som"] not in extra[f"../ken/#review-{second}"]
    assert "../deu/#review-" + first in extra  # fra reviews Germany in the fixture records
    # the links land on the review's section
    assert _profile(site, locale, "ken").find("h3", id=f"review-{second}") is not None


def test_arabic_profile_is_right_to_left_with_english_names_marked(site, index):
    tree = _profile(site, "ar", "ken")
    assert tree.find("html").get("lang") == "ar" and tree.find("body").get("dir") == "rtl"
    for cluster in index.vocabulary.clusters:  # each name in Arabic where it has one, else marked English
        item = _article(tree).find("li", data_cluster=cluster.key)
        names = item.find_all("bdi")
        if cluster.label is None:
            assert names == []
        elif cluster.label.has("ar"):
            assert [(name.get("lang"), name.text()) for name in names] == [(None, cluster.label("ar"))]
        else:
            assert [(name.get("lang"), name.text()) for name in names] == [("en", cluster.label.en)]


def test_french_page_has_no_english_left_for_the_new_strings(site):
    english = " ".join(_article(_profile(site, "en", "ken")).text().split())
    french = " ".join(_article(_profile(site, "fr", "ken")).text().split())
    messages = [
        "Not begun",
        "Reviewers per instrument",
        "Reviewers drawn by lot",
        "Additional reviewers",
        "No additional reviewer recorded, although a reviewer drawn by lot is not a party to it",
        "As a reviewer",
        "Reviews in which this party is a reviewer",
        "Party reviewed",
        "Status of the review",
        "Last stage passed",
        "start date not in our sources",
        "Thematic cluster",
    ]
    for message in messages:
        assert message in english, message  # the string is on the page at all
        assert message not in french, message


def test_demonstration_notice_when_any_review_is_sample(project, index):
    kenya = index.parties["ken"]
    only_first_sample = kenya.model_copy(
        update={"reviews": [kenya.reviews[0], kenya.reviews[1].model_copy(update={"sample": False})]}
    )
    notice = catalogs.gettext("en", "Demonstration data")
    assert notice in render_profile(only_first_sample, index, "en")
    real = kenya.model_copy(
        update={"reviews": [review.model_copy(update={"sample": False}) for review in kenya.reviews]}
    )
    assert notice not in render_profile(real, index, "en")


@pytest.mark.parametrize("locale", LOCALES)
def test_link_to_the_published_responses(index, locale):
    page = parse_html(render_profile(index.parties["ken"], index, locale))
    second = index.vocabulary.clusters[1].key
    expected = routes.relative(routes.response("ken", second), routes.profile("ken"))
    links = [link for link in page.iter("a") if link.get("href") == expected]
    assert links, "no link to the published responses"
    assert all(
        _t(locale, "Published responses to the self-assessment questionnaire") in link.text()
        for link in links
    )
    first = index.vocabulary.clusters[0].key
    assert routes.relative(routes.response("ken", first), routes.profile("ken")) not in [
        link.get("href") for link in page.iter("a")
    ]


def test_party_list_names_the_cluster_of_the_latest_reviews(site, index):
    tree = parse_file(site / routes.PARTY_LIST / "index.html")
    text = " ".join(tree.find("article").text().split())
    # Kenya's latest review is on cluster 2, the others' on cluster 1: the cluster is shown per row
    row = next(
        tr
        for tr in tree.find("table", id="ps-parties").find_all("tr")
        if tr.find("th") and tr.find("th").find("a", href="ken/")
    )
    assert _t("en", "Thematic cluster %(number)s", number="2") in " ".join(row.text().split())
    assert _t("en", "Thematic cluster %(number)s", number="2") not in " ".join(
        next(tr for tr in tree.find_all("tr") if tr.find("th") and tr.find("th").find("a", href="fra/"))
        .text()
        .split()
    )
    assert "on the thematic cluster shown under its stage" in text
