"""Response pages, article pages and the index of articles: built, in every language, escaped, filterable.

The fixture records are built in all seven languages with questionnaire responses added to the validated
records (the build's own record loading is wrapped), so these pages are tested whatever response files the
project ships: an Arabic answer (with hostile text) and a Chinese one, an English one with a law cited and
feedback, a Spanish one published in part without an answer category. Clusters and articles are read from
the vocabulary, never typed here: the cluster lists are provisional.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from profilesite import build, routes
from profilesite.checks import load_index
from profilesite.engine.docs_folder import (
    affected_profiles,
    assemble,
    is_generated,
    markdown_file,
    source_of,
)
from profilesite.i18n import catalogs
from profilesite.i18n.locales import BY_CODE, LOCALE_CODES
from profilesite.model.response import Responses
from profilesite.model.vocabulary import Article, PartialLabel, Vocabulary
from profilesite.render.articles import render_article, render_articles
from profilesite.render.responses import render_response
from profilesite.views.parties import PartyIndex

from ..conftest import FIXTURE_RECORDS, REPO_URL, _serve, make_project, with_repo_url
from ..stats._html import Node, parse_file, parse_html

HOSTILE = '<script>alert("answer")</script><img src=x onerror=alert(1)> **<b>bold</b>**'
ARABIC_TEXT = "تجرّم المادة 3 من قانون العقوبات المشاركة في جماعة إجرامية منظمة."
CHINESE_TEXT = "刑法第三条规定参与有组织犯罪集团的行为构成犯罪。"
ENGLISH_TEXT = "Section 12 of the Criminal Code makes participation an offence."
SPANISH_TEXT = "El artículo 4 del Código Penal tipifica la participación."
FALLBACK_NOTICE = (
    "Titles of articles and clusters not found in this language's official texts are shown in English."
)


# ----------------------------------------------------------------------------- test data


def _answered(vocabulary: Vocabulary) -> tuple[str, list[tuple[str, Article]]]:
    """The first cluster whose articles the vocabulary lists, and those articles."""
    for cluster in vocabulary.clusters:
        pairs = vocabulary.cluster_articles(cluster.key)
        if any(instrument == "untoc" for instrument, _ in pairs):
            return cluster.key, pairs
    raise AssertionError("the vocabulary lists no Convention article in any cluster")


def _responses(vocabulary: Vocabulary) -> dict[tuple[str, str], Responses]:
    """Responses of four fixture parties on the first cluster with articles."""
    cluster, pairs = _answered(vocabulary)
    first = next(article.number for instrument, article in pairs if instrument == "untoc")
    other = next(
        ((instrument, article.number) for instrument, article in pairs if instrument != "untoc"), None
    )
    categories = vocabulary.keys("answer_categories")
    category = categories[0] if categories else None

    def answer(language: str, text: str, instrument: str = "untoc", number: str = first, **extra) -> dict:
        fields = {"instrument": instrument, "article": number, "category": category, "language": language}
        return fields | {"text": text} | extra

    ken = [answer("ar", f"{ARABIC_TEXT}\n\n{HOSTILE}", legislation=[{"title": HOSTILE, "article": "م 3"}])]
    if other:
        ken.append(answer("ar", ARABIC_TEXT, *other))
    fra = [
        answer(
            "en",
            ENGLISH_TEXT,
            legislation=[
                {
                    "title": "Code pénal",
                    "article": "art. 450-1",
                    "url": "https://example.org/cp",
                    "language": "fr",
                }
            ],
            feedback={"language": "fr", "text": "Les examinateurs notent <em>la réponse</em>."},
        )
    ]
    mex = [answer("es", SPANISH_TEXT) | {"category": None}]
    pak = [answer("zh", CHINESE_TEXT)]

    def responses(answers: list[dict], sample: bool, extent: str = "full") -> Responses:
        return Responses.model_validate(
            {
                "sample": sample,
                "submitted": dt.date(2021, 5, 3),
                "consent": {"date": dt.date(2021, 6, 1), "extent": extent},
                "answers": answers,
            }
        )

    return {
        ("ken", cluster): responses(ken, sample=True),
        ("fra", cluster): responses(fra, sample=False),
        ("mex", cluster): responses(mex, sample=False, extent="partial"),
        ("pak", cluster): responses(pak, sample=False),
    }


def _with_responses(index: PartyIndex) -> PartyIndex:
    return PartyIndex(index.parties, index.vocabulary, _responses(index.vocabulary))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("responses-project"), FIXTURE_RECORDS)


@pytest.fixture(scope="module")
def index(project: Path) -> PartyIndex:
    return _with_responses(load_index(project / "profiles", project))


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    """The fixture records with the test responses, built in all seven languages."""
    real = build.load_index
    with pytest.MonkeyPatch.context() as monkeypatch:
        with_repo_url(monkeypatch)  # edit buttons on, as CI builds
        monkeypatch.setattr(build, "load_index", lambda folder, root: _with_responses(real(folder, root)))
        build.build_site(project, site_dir=project / "site", locales=list(LOCALE_CODES), jobs=2)
    return project / "site"


@pytest.fixture(scope="module")
def site_url(site: Path) -> Iterator[str]:
    yield from _serve(site)


def _page(site: Path, address: str, locale: str) -> Node:
    path = site / routes.localized(address, locale) / "index.html"
    assert path.is_file(), path
    return parse_file(path)


def _content(tree: Node) -> Node:
    content = tree.find("article", class_="md-content__inner")
    assert content is not None
    return content


def _cluster(index: PartyIndex) -> str:
    return _answered(index.vocabulary)[0]


def _first_article(index: PartyIndex) -> str:
    return next(
        article.number for instrument, article in _answered(index.vocabulary)[1] if instrument == "untoc"
    )


# ----------------------------------------------------------------------------- addresses and engine


def test_markdown_files_of_the_new_addresses():
    assert (
        markdown_file(routes.response("ken", "criminalization"))
        == "profiles/ken/responses/criminalization.md"
    )
    assert markdown_file(routes.article("untoc", "5")) == "articles/untoc/5.md"
    assert markdown_file(routes.ARTICLES) == "articles/index.md"


def test_generated_pages_and_their_edit_links(tmp_path: Path):
    response = "fr/" + markdown_file(routes.response("ken", "criminalization"))
    assert (
        is_generated(response)
        and is_generated("ar/articles/untoc/5.md")
        and is_generated("en/articles/index.md")
    )
    assert source_of(response, tmp_path, "profiles") == "profiles/responses/ken/criminalization.yaml"
    assert source_of("en/articles/untoc/5.md", tmp_path) is None
    assert source_of("en/articles/index.md", tmp_path) is None
    assert source_of("en/profiles/ken.md", tmp_path) == "profiles/ken.yaml"  # profiles unchanged


def test_assemble_writes_the_pages_whatever_only_says_and_removes_stale_ones(
    project: Path, index: PartyIndex
):
    out = project / "build" / "assemble-test"
    cluster = _cluster(index)
    pages = out / "en" / "en"
    response = pages / markdown_file(routes.response("ken", cluster))
    assemble(index, project / "content", out, ["en"], only=set())
    assert response.is_file() and (pages / markdown_file(routes.ARTICLES)).is_file()
    for instrument, article in _answered(index.vocabulary)[1]:
        assert (pages / markdown_file(routes.article(instrument, article.number))).is_file()
    fewer = PartyIndex(
        index.parties, index.vocabulary, {k: v for k, v in index.responses.items() if k[0] != "ken"}
    )
    assemble(fewer, project / "content", out, ["en"], only=set())
    assert not response.exists(), "a response withdrawn keeps its page"


def test_a_changed_response_affects_its_party_only(index: PartyIndex):
    cluster = _cluster(index)
    before = PartyIndex(index.parties, index.vocabulary, dict(index.responses))
    assert affected_profiles(index, before) == set()
    edited = dict(index.responses)
    edited[("mex", cluster)] = edited[("mex", cluster)].model_copy(update={"submitted": dt.date(2021, 5, 4)})
    assert affected_profiles(PartyIndex(index.parties, index.vocabulary, edited), before) == {"mex"}
    withdrawn = {key: value for key, value in index.responses.items() if key[0] != "pak"}
    assert affected_profiles(PartyIndex(index.parties, index.vocabulary, withdrawn), before) == {"pak"}


# ----------------------------------------------------------------------------- rendered pages (no build)


def test_response_page_escapes_hostile_text_and_marks_languages(index: PartyIndex):
    text = render_response("ken", _cluster(index), index, "en")
    assert "<script>" not in text and "<img" not in text and "<b>" not in text
    assert "&lt;script&gt;alert(&#34;answer&#34;)&lt;/script&gt;" in text
    assert "<strong>&lt;b&gt;bold&lt;/b&gt;</strong>" in text  # the small Markdown subset still applies
    body = parse_html(text.split("\n---\n", 1)[1])
    answer = body.find("div", class_="ps-answer-text")
    assert answer is not None and answer.get("lang") == "ar" and answer.get("dir") == "rtl"
    law = body.find("div", class_="ps-legislation").find("bdi")
    assert law.get("lang") == "ar" and law.text() == HOSTILE


def test_fallback_notice_only_where_a_title_is_missing(index: PartyIndex):
    """A vocabulary where the answered article has an English title only: the French page says so once."""
    cluster, pairs = _answered(index.vocabulary)
    number = _first_article(index)
    articles = {
        key: [
            item.model_copy(update={"title": PartialLabel(en=item.title.en)})
            if (key, item.number) == ("untoc", number)
            else item
            for item in items
        ]
        for key, items in index.vocabulary.articles.items()
    }
    clusters = [
        item.model_copy(update={"label": PartialLabel(en="Cluster", fr="Groupe")})
        for item in index.vocabulary.clusters
    ]
    vocabulary = index.vocabulary.model_copy(update={"articles": articles, "clusters": clusters})
    only_first = {
        key: value.model_copy(
            update={"answers": [a for a in value.answers if (a.instrument, a.article) == ("untoc", number)]}
        )
        for key, value in index.responses.items()
    }
    english_only = PartyIndex(index.parties, vocabulary, only_first)
    french = render_response("fra", cluster, english_only, "fr")
    notice = catalogs.gettext("fr", FALLBACK_NOTICE)
    assert french.count(notice) == 1
    title = PartialLabel(en=next(a for i, a in pairs if (i, a.number) == ("untoc", number)).title.en)
    assert f'<bdi lang="en">{title.en}</bdi>' in french
    assert notice in render_article("untoc", number, english_only, "fr")
    assert FALLBACK_NOTICE not in render_response("fra", cluster, english_only, "en")
    translated = {
        key: [item.model_copy(update={"title": PartialLabel(en=item.title.en, fr="Titre")}) for item in items]
        for key, items in index.vocabulary.articles.items()
    }
    all_french = PartyIndex(index.parties, vocabulary.model_copy(update={"articles": translated}), only_first)
    assert notice not in render_response("fra", cluster, all_french, "fr")


@pytest.mark.parametrize("locale", LOCALE_CODES)
def test_built_pages_show_the_notice_exactly_where_a_title_is_in_english(
    site: Path, index: PartyIndex, locale: str
):
    """With the shipped vocabulary, whatever its titles: the notice iff some title on the page lacks ``locale``."""
    cluster = _cluster(index)
    vocabulary = index.vocabulary
    label = vocabulary.cluster(cluster).label
    titles = [
        vocabulary.article(a.instrument, a.article).title for a in index.responses[("ken", cluster)].answers
    ]
    missing = [title.en for title in titles if not title.has(locale)]
    expected = bool(missing) or (label is not None and not label.has(locale))
    content = _content(_page(site, routes.response("ken", cluster), locale))
    notices = content.find_all("p", class_="ps-title-fallback")
    assert len(notices) == int(expected)
    english = {node.text() for node in content.find_all("bdi", lang="en")}
    assert set(missing) <= english


def test_index_says_which_clusters_have_no_articles_in_the_sources(index: PartyIndex):
    cluster = _cluster(index)
    emptied = [
        item.model_copy(update={"articles": {}}) if item.key != cluster else item
        for item in index.vocabulary.clusters
    ]
    vocabulary = index.vocabulary.model_copy(update={"clusters": emptied})
    text = render_articles(PartyIndex(index.parties, vocabulary, index.responses), "en")
    body = parse_html(text.split("\n---\n", 1)[1])
    missing = "The articles of this cluster are not in our sources yet."
    assert text.count(missing) == len(emptied) - 1
    for item in emptied:
        assert f"{{#{item.key}}}" in text  # a heading per cluster, the address's anchor
    links = {node.get("href") for node in body.find_all("a")}
    assert routes.relative(routes.article("untoc", _first_article(index)), routes.ARTICLES) in links
    assert routes.relative(routes.response("ken", cluster), routes.ARTICLES) in links


@pytest.mark.parametrize("locale", ["en", "fr", "ar"])
def test_index_names_the_instruments_whose_articles_of_a_cluster_are_not_sourced(index: PartyIndex, locale):
    """A cluster that lists articles for some instruments says which it lists none for (not in our sources)."""
    cluster = index.vocabulary.cluster(_cluster(index))
    listed_only = cluster.model_copy(update={"articles": {"untoc": cluster.articles["untoc"]}})
    clusters = [listed_only if item.key == cluster.key else item for item in index.vocabulary.clusters]
    vocabulary = index.vocabulary.model_copy(update={"clusters": clusters})
    unlisted = [item for item in vocabulary.instruments if item.key != "untoc"]
    text = render_articles(PartyIndex(index.parties, vocabulary, {}), locale)
    note = next(line for line in text.splitlines() if "ps-note" in line and unlisted[0].short(locale) in line)
    for item in unlisted:
        assert item.short(locale) in note
    assert vocabulary.instrument("untoc").short(locale) not in note


# ----------------------------------------------------------------------------- the built site


@pytest.mark.parametrize("locale", LOCALE_CODES)
def test_pages_exist_in_every_language(site: Path, index: PartyIndex, locale: str):
    cluster = _cluster(index)
    for code, key in index.responses:
        _page(site, routes.response(code, key), locale)
    for cluster_key in index.vocabulary.keys("clusters"):
        for instrument, article in index.vocabulary.cluster_articles(cluster_key):
            _page(site, routes.article(instrument, article.number), locale)
    tree = _page(site, routes.ARTICLES, locale)
    assert tree.find("html").get("lang") == locale
    assert tree.find("body").get("dir") == BY_CODE[locale].direction
    assert _page(site, routes.article("untoc", _first_article(index)), locale) is not None
    assert _page(site, routes.response("ken", cluster), locale) is not None


def test_answers_carry_their_own_language_and_direction(site: Path, index: PartyIndex):
    cluster = _cluster(index)
    english = _content(_page(site, routes.response("ken", cluster), "en"))
    texts = english.find_all("div", class_="ps-answer-text")
    assert texts and all(node.get("lang") == "ar" and node.get("dir") == "rtl" for node in texts)
    arabic = _content(_page(site, routes.response("fra", cluster), "ar"))
    answer = arabic.find("div", class_="ps-answer-text")
    assert answer.get("lang") == "en" and answer.get("dir") == "ltr" and ENGLISH_TEXT in answer.text()
    feedback = arabic.find("div", class_="ps-feedback-text")
    assert feedback.get("lang") == "fr" and feedback.get("dir") == "ltr"
    law = arabic.find("div", class_="ps-legislation").find("a")
    assert law.get("href") == "https://example.org/cp" and law.find("bdi").get("lang") == "fr"
    # the article page: every answer in its own language, on the English and the Arabic page alike
    for locale in ("en", "ar"):
        page = _content(_page(site, routes.article("untoc", _first_article(index)), locale))
        languages = {
            node.get("lang"): node.get("dir") for node in page.find_all("div", class_="ps-answer-text")
        }
        assert languages == {"ar": "rtl", "en": "ltr", "es": "ltr", "zh": "ltr"}


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_hostile_answer_text_is_inert_in_the_built_pages(site: Path, index: PartyIndex, locale: str):
    for address in (routes.response("ken", _cluster(index)), routes.article("untoc", _first_article(index))):
        content = _content(_page(site, address, locale))
        scripts = [node for node in content.find_all("script") if node.get("type") != "application/json"]
        assert scripts == [] and content.find_all("img") == [] and content.find_all("b") == []
        assert '<script>alert("answer")</script>' in content.text()


@pytest.mark.parametrize("locale", ["en", "fr", "ar"])
def test_table_of_contents_lists_instruments_and_articles(site: Path, index: PartyIndex, locale: str):
    cluster = _cluster(index)
    tree = _page(site, routes.response("ken", cluster), locale)
    toc = tree.find("nav", class_="md-nav--secondary")
    assert toc is not None
    links = [node.get("href") for node in toc.find_all("a")]
    expected = []
    for instrument in index.vocabulary.keys("instruments"):
        numbers = [a.article for a in index.responses[("ken", cluster)].answers if a.instrument == instrument]
        if numbers:
            expected.append("#" + routes.response_section(instrument))
            expected += ["#" + routes.response_section(instrument, number) for number in numbers]
    assert links == expected
    headings = {node.get("id"): node for node in _content(tree).find_all("h3")}
    title = index.vocabulary.article("untoc", _first_article(index)).title
    assert title(locale) in headings[routes.response_section("untoc", _first_article(index))].text()


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_article_page_filter_form_and_data(site: Path, index: PartyIndex, locale: str):
    content = _content(_page(site, routes.article("untoc", _first_article(index)), locale))
    form = content.find("form", id="ps-answer-filters")
    assert form is not None and form.get("hidden") is not None  # shown by the script only
    names = {node.get("name") for node in form.find_all("select")}
    assert names == {item.key for item in routes.ANSWER_FILTERS if item.field}
    block = content.find("script", id="ps-answer-filter-keys")
    assert json.loads(block.text()) == routes.script_filters(routes.ANSWER_FILTERS)
    options = {node.get("value") for node in form.find("select", name="category").find_all("option")}
    assert set(index.vocabulary.keys("answer_categories")) | {"", "none"} == options
    entries = content.find("div", id="ps-answers").find_all("article", class_="ps-answer")
    expected = {
        (index.parties[code].regional_group or "none", answer.category or "none")
        for (code, _), responses in index.responses.items()
        for answer in responses.answers
        if (answer.instrument, answer.article) == ("untoc", _first_article(index))
    }
    assert {(node.get("data-region"), node.get("data-category")) for node in entries} == expected
    assert content.find("div", class_="ps-sample") is not None  # Kenya's responses are a sample


def test_article_page_orders_parties_by_name_and_links_their_responses(site: Path, index: PartyIndex):
    number = _first_article(index)
    content = _content(_page(site, routes.article("untoc", number), "fr"))
    headings = content.find_all("h3", class_="ps-answer-party")
    names = [node.text() for node in headings]
    assert names and names == sorted(names, key=lambda name: name.casefold())
    links = {node.get("href") for node in content.find_all("a")}
    here = routes.article("untoc", number)
    cluster = _cluster(index)
    section = routes.response_section("untoc", number)
    for code in ("ken", "fra", "mex", "pak"):
        assert routes.relative(routes.profile(code), here) in links
        assert routes.relative(routes.response(code, cluster, section), here) in links


def test_article_without_answers_says_so(site: Path, index: PartyIndex):
    answered = {(a.instrument, a.article) for r in index.responses.values() for a in r.answers}
    pairs = [(i, a.number) for i, a in _answered(index.vocabulary)[1] if (i, a.number) not in answered]
    if not pairs:
        pytest.fail("every listed article is answered in the test data; leave one unanswered")
    content = _content(_page(site, routes.article(*pairs[0]), "en"))
    assert "No party has published an answer on this article yet." in content.text()
    assert content.find("form", id="ps-answer-filters") is None


def test_partial_consent_is_explained_and_the_sample_notice_shown_only_for_samples(
    site: Path, index: PartyIndex
):
    cluster = _cluster(index)
    mexico = _content(_page(site, routes.response("mex", cluster), "en")).text()
    assert "Partial publication" in mexico and "only part of its responses" in mexico
    assert (
        _content(_page(site, routes.response("mex", cluster), "en")).find("div", class_="ps-sample") is None
    )
    assert (
        _content(_page(site, routes.response("ken", cluster), "en")).find("div", class_="ps-sample")
        is not None
    )
    france = _content(_page(site, routes.response("fra", cluster), "en")).text()
    assert "Full publication" in france and "only part of its responses" not in france


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_edit_button_of_a_response_page_leads_to_its_file(site: Path, index: PartyIndex, locale: str):
    cluster = _cluster(index)
    edit = re.compile(r'<a href="([^"]*)" title="[^"]*" class="md-content__button md-icon" rel="edit">')
    response = site / routes.localized(routes.response("ken", cluster), locale) / "index.html"
    assert edit.findall(response.read_text("utf-8")) == [
        f"{REPO_URL}/edit/main/profiles/responses/ken/{cluster}.yaml"
    ]
    for address in (routes.article("untoc", _first_article(index)), routes.ARTICLES):
        page = site / routes.localized(address, locale) / "index.html"
        assert edit.findall(page.read_text("utf-8")) == [], address  # made from all records: no one file


def test_the_articles_index_is_in_the_navigation(site: Path):
    for locale in ("en", "zh"):
        tabs = {
            node.get("href")
            for node in _page(site, routes.HOME, locale).find_all("a", class_="md-tabs__link")
        }
        assert routes.ARTICLES in tabs


def test_answers_are_found_by_search_in_their_own_language(site: Path, index: PartyIndex):
    """Every language's index holds each answer as written (Chinese segmented into words, as Material does)."""
    cluster = _cluster(index)
    for locale in ("en", "zh", "ar"):
        entries = json.loads(
            (site / routes.localized("search/search_index.json", locale)).read_text("utf-8")
        )["docs"]
        raw = {entry["location"]: entry["text"] for entry in entries}
        texts = {location: text.replace("\u200b", "") for location, text in raw.items()}
        for code, key in index.responses:
            assert routes.response(code, key) in texts, (locale, code)
        assert ARABIC_TEXT in texts[routes.response("ken", cluster)], locale
        assert ENGLISH_TEXT in texts[routes.response("fra", cluster)], locale
        assert CHINESE_TEXT in texts[routes.response("pak", cluster)], locale
        if locale == "zh":
            assert "\u200b" in raw[routes.response("pak", cluster)]
        assert routes.article("untoc", _first_article(index)) in texts  # found by its title
        assert routes.ARTICLES in texts
        for location in texts:  # no entry for a page that does not exist
            page = location.split("#", 1)[0]
            assert (site / routes.localized(page, locale) / "index.html").is_file(), location


def test_the_filter_works_in_the_browser_with_the_state_in_the_address(
    page, site_url: str, index: PartyIndex
):
    address = routes.article("untoc", _first_article(index))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/{address}?region=african")
    form = page.locator("#ps-answer-filters")
    assert form.is_visible()
    visible = page.locator("#ps-answers .ps-answer:visible")
    assert visible.count() == 1 and "Kenya" in visible.first.inner_text()
    assert re.search(r"\b1\b.*\b4\b", page.locator("#ps-answer-count").inner_text())
    page.select_option("#ps-answer-region", "")
    page.select_option("#ps-answer-category", "none")
    assert page.locator("#ps-answers .ps-answer:visible").count() == 1
    assert "category=none" in page.url and "region" not in page.url
    page.select_option("#ps-answer-category", "")
    assert page.locator("#ps-answers .ps-answer:visible").count() == 4
    page.goto(f"{site_url}/{routes.localized(address, 'ar')}?category=none")
    assert page.locator("#ps-answers .ps-answer:visible").count() == 1
    assert errors == []


def test_without_javascript_every_answer_shows_and_no_form(browser, site_url: str, index: PartyIndex):
    context = browser.new_context(java_script_enabled=False)
    try:
        tab = context.new_page()
        tab.goto(f"{site_url}/{routes.article('untoc', _first_article(index))}?region=african")
        assert not tab.locator("#ps-answer-filters").is_visible()
        assert tab.locator("#ps-answers .ps-answer:visible").count() == 4
    finally:
        context.close()
