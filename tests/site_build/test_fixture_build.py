"""The fixture records built in English and Arabic: pages, languages, links, dates, search, failures.

HTML is read with the standard library's ``html.parser`` into a small element tree (no new dependency).
"""

from __future__ import annotations

import calendar
import hashlib
import importlib.util
import json
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

TESTS = Path(__file__).resolve().parents[1]
FIXTURE_RECORDS = TESTS / "fixtures" / "valid"
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar", "pt")  # the seven languages of the site, English first
BUILT = ("en", "ar")  # the languages the fixture_site fixture builds
PREFIX = {"en": ""} | {code: f"{code}/" for code in LANGUAGES if code != "en"}
ORIGIN = "https://site.test/"  # base of pages when the site has no site_url (no canonical links)

ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
ARABIC_INDIC_DIGIT = re.compile(r"[\u0660-\u0669\u06f0-\u06f9]")  # ٠-٩ and the Persian/Urdu ۰-۹
#: Arabic month names: the Egyptian/Gulf (CLDR "ar") forms with common spellings, and the Levantine ones.
ARABIC_MONTHS = {
    1: {"يناير", "كانون الثاني"},
    2: {"فبراير", "شباط"},
    3: {"مارس", "آذار"},
    4: {"أبريل", "إبريل", "ابريل", "نيسان"},
    5: {"مايو", "أيار"},
    6: {"يونيو", "يونيه", "حزيران"},
    7: {"يوليو", "يوليه", "تموز"},
    8: {"أغسطس", "اغسطس", "آب"},
    9: {"سبتمبر", "أيلول"},
    10: {"أكتوبر", "اكتوبر", "تشرين الأول"},
    11: {"نوفمبر", "تشرين الثاني"},
    12: {"ديسمبر", "كانون الأول"},
}


# --- a small element tree over html.parser ------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Element:
    """An HTML element: tag, attributes, children (elements and strings)."""

    def __init__(self, tag: str, attrs: dict[str, str | None], parent: Element | None) -> None:
        self.tag = tag
        self.attrs = attrs
        self.parent = parent
        self.children: list[Element | str] = []

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.attrs.get(name, default)

    @property
    def classes(self) -> list[str]:
        return (self.attrs.get("class") or "").split()

    def iter(self, tag: str | None = None, cls: str | None = None, **attrs: str):
        """Descendant elements (document order) with ``tag``, class ``cls`` and the given attribute values."""
        for child in self.children:
            if isinstance(child, Element):
                if (
                    (tag is None or child.tag == tag)
                    and (cls is None or cls in child.classes)
                    and all(child.attrs.get(key.rstrip("_")) == value for key, value in attrs.items())
                ):
                    yield child
                yield from child.iter(tag, cls, **attrs)

    def find(self, tag: str | None = None, cls: str | None = None, **attrs: str) -> Element | None:
        return next(self.iter(tag, cls, **attrs), None)

    def text(self) -> str:
        return "".join(child if isinstance(child, str) else child.text() for child in self.children)

    def element_children(self) -> list[Element]:
        return [child for child in self.children if isinstance(child, Element)]


class TreeBuilder(HTMLParser):
    """Builds an :class:`Element` tree; an end tag closes unclosed elements up to its start tag."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("#document", {}, None)
        self.stack = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, dict(attrs), self.stack[-1])
        self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.stack[-1].children.append(Element(tag, dict(attrs), self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        self.stack[-1].children.append(data)


_PARSED: dict[Path, Element] = {}


def parse(path: Path) -> Element:
    """The element tree of the HTML file at ``path`` (cached: the built site is read-only)."""
    if path not in _PARSED:
        builder = TreeBuilder()
        builder.feed(path.read_text(encoding="utf-8"))
        builder.close()
        _PARSED[path] = builder.root
    return _PARSED[path]


def article(document: Element) -> Element:
    found = document.find("article")
    assert found is not None, "page has no <article>"
    return found


# --- the site as URLs ---------------------------------------------------------------------------------------


def site_base(site: Path) -> str:
    """The address the site was built for: its home page's canonical link (site_url), else :data:`ORIGIN`.

    Pages are handled as URLs under this base, so relative links and absolute ones (made from site_url)
    resolve the same way, and an absolute link to another address fails.
    """
    if site not in _BASES:
        canonical = parse(site / "index.html").find("link", rel="canonical")
        base = canonical.get("href") if canonical is not None and canonical.get("href") else ORIGIN
        _BASES[site] = base if base.endswith("/") else base + "/"
    return _BASES[site]


_BASES: dict[Path, str] = {}


def page_url(site: Path, locale: str, path: str) -> str:
    """Address of ``path`` (e.g. 'profiles/ken/') in ``locale``."""
    return site_base(site) + PREFIX[locale] + path


def file_of(site: Path, url: str) -> Path:
    """The file of the built site that serves ``url`` (directory URLs serve their index.html)."""
    base = site_base(site)
    assert url.startswith(base), f"{url} is not under the site's address {base}"
    path = urlsplit(url).path[len(urlsplit(base).path) :]
    if path == "" or path.endswith("/"):
        path += "index.html"
    return site / path


def resolve(base: str, href: str | None) -> str:
    assert href, "empty href"
    return urljoin(base, href).split("#")[0]


# --- the fixture records ------------------------------------------------------------------------------------


def load_records() -> dict[str, dict]:
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in FIXTURE_RECORDS.glob("*.yaml")
    }


RECORDS = load_records()
CODES = sorted(RECORDS)


def latest_review(record: dict) -> dict:
    """The review a profile describes the party by: the last of ``reviews`` (empty when there is none)."""
    reviews = record.get("reviews") or []
    return reviews[-1] if reviews else {}


def reviewers_of(review: dict) -> set[str]:
    """Every party reviewing in one review: the two drawn by lot and any additional reviewer."""
    extra = {item["party"] for item in review.get("additional_reviewers") or []}
    return set(review.get("reviewers") or []) | extra


def profile_file(site: Path, locale: str, code: str) -> Path:
    return site / PREFIX[locale] / "profiles" / code / "index.html"


def load_root_conftest():
    """tests/conftest.py as a module (by path: other folders have their own ``conftest`` modules)."""
    spec = importlib.util.spec_from_file_location("_profilesite_root_conftest", TESTS / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- pages and languages ------------------------------------------------------------------------------------


def test_fixture_records_are_the_expected_set():
    """Guards the other tests: they rely on a few parties, reviewers among them, one without a review."""
    assert {"ken", "uga", "fra", "deu", "arg", "eur"} <= set(CODES)
    assert any(not record.get("reviews") for record in RECORDS.values())
    assert any(latest_review(record).get("sample") for record in RECORDS.values())


@pytest.mark.parametrize("locale", BUILT)
def test_every_party_has_a_profile_page(fixture_site: Path, locale: str):
    missing = [code for code in CODES if not profile_file(fixture_site, locale, code).is_file()]
    assert not missing, f"no {locale} profile page for {missing}"
    assert (fixture_site / PREFIX[locale] / "profiles" / "index.html").is_file()


@pytest.mark.parametrize("locale", BUILT)
@pytest.mark.parametrize("page", ["profiles/ken/", "profiles/", ""])
def test_html_lang_and_direction(fixture_site: Path, locale: str, page: str):
    document = parse(file_of(fixture_site, page_url(fixture_site, locale, page)))
    html = document.find("html")
    body = document.find("body")
    assert html is not None and body is not None
    assert html.get("lang") == locale
    if locale == "ar":
        assert body.get("dir") == "rtl"
    else:
        assert body.get("dir") in (None, "ltr")
        # (the language selector's العربية link is rtl, rightly; the content is not)
        assert article(document).find(dir="rtl") is None, "English content marked right-to-left"


@pytest.mark.parametrize("locale", BUILT)
@pytest.mark.parametrize("code", CODES)
def test_profile_links_its_seven_languages(fixture_site: Path, locale: str, code: str):
    here = page_url(fixture_site, locale, f"profiles/{code}/")
    head = parse(profile_file(fixture_site, locale, code)).find("head")
    links = [link for link in head.iter("link", rel="alternate") if link.get("hreflang")]
    hreflangs = [link.get("hreflang") for link in links]
    assert sorted(hreflangs) == sorted([*LANGUAGES, "x-default"]), f"alternates of {here}: {hreflangs}"
    targets = {link.get("hreflang"): resolve(here, link.get("href")) for link in links}
    for other in LANGUAGES:
        assert targets[other] == page_url(fixture_site, other, f"profiles/{code}/"), (
            f"{here}: hreflang={other}"
        )
    assert targets["x-default"] == page_url(fixture_site, "en", f"profiles/{code}/")
    for other in BUILT:  # the languages that were built: the links land on real pages of the same profile
        target = file_of(fixture_site, targets[other])
        assert target == profile_file(fixture_site, other, code)
        assert target.is_file()


def test_arabic_page_links_back_to_the_english_page(fixture_site: Path):
    for code in CODES:
        here = page_url(fixture_site, "ar", f"profiles/{code}/")
        head = parse(profile_file(fixture_site, "ar", code)).find("head")
        english = head.find("link", rel="alternate", hreflang="en")
        assert english is not None, f"{here} has no hreflang=en link"
        target = file_of(fixture_site, resolve(here, english.get("href")))
        assert target == profile_file(fixture_site, "en", code) and target.is_file()
        assert parse(target).find("html").get("lang") == "en"


# --- the party list -----------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", BUILT)
def test_party_list_links_every_party(fixture_site: Path, locale: str):
    here = page_url(fixture_site, locale, "profiles/")
    table = article(parse(file_of(fixture_site, here))).find("table", id="ps-parties")
    assert table is not None, "party list has no #ps-parties table"
    rows = list(table.find("tbody").iter("tr"))
    linked = {}
    for row in rows:
        header = row.find("th")
        link = header.find("a") if header else None
        assert link is not None, f"row without a link: {row.text().strip()!r}"
        target = file_of(fixture_site, resolve(here, link.get("href")))
        assert target.is_file(), f"{here}: {link.get('href')} is not a page"
        code = target.parent.name
        linked[code] = link.text().strip()
        assert target == profile_file(fixture_site, locale, code)
        # the row's name is the profile's title
        assert link.text().strip() == article(parse(target)).find("h1").text().strip()
    assert sorted(linked) == CODES
    assert len(rows) == len(CODES)


# --- reviewers ----------------------------------------------------------------------------------------------


@dataclass
class ReviewerLinks:
    """Reviewer links of one profile, read from the hrefs.

    ``reviewed_by``: per review section (clusters in order), the parties under "Reviewed by";
    ``additional``: per review section, the parties in the "Additional reviewers" column of its table;
    ``reviews``: the parties linked in the "As a reviewer" table, once per review they take part in.
    """

    reviewed_by: list[list[str]]
    additional: list[list[str]]
    reviews: list[str]


def reviewer_links(site: Path, locale: str, code: str) -> ReviewerLinks:
    """The reviewer links on ``code``'s page (every link checked to land on a profile in ``locale``)."""
    from profilesite.i18n.catalogs import gettext

    here = page_url(site, locale, f"profiles/{code}/")
    body = article(parse(profile_file(site, locale, code)))

    def codes(container: Element) -> list[str]:
        result = []
        for link in container.iter("a"):
            target = file_of(site, resolve(here, link.get("href")))
            assert target.is_file(), f"{here}: reviewer link {link.get('href')} is not a page"
            assert target.parent.parent.name == "profiles"
            assert target == profile_file(site, locale, target.parent.name), f"{here}: link leaves {locale}"
            result.append(target.parent.name)
        return result

    reviewed_by = []
    for facts in body.iter("dl", cls="ps-facts"):
        items = facts.element_children()
        for term, definition in zip(items, items[1:], strict=False):
            if (
                term.tag == "dt"
                and definition.tag == "dd"
                and term.text().strip() == gettext(locale, "Reviewed by")
            ):
                reviewed_by.append(codes(definition))
    additional = []
    for table in body.iter("table", cls="ps-reviewers"):
        rows = list(table.find("tbody").iter("tr"))
        additional.append([party for row in rows for party in codes(row.element_children()[2])])
    reviewing = body.find("table", cls="ps-reviewing")
    reviews = (
        [] if reviewing is None else [codes(row.find("th"))[0] for row in reviewing.find("tbody").iter("tr")]
    )
    return ReviewerLinks(reviewed_by, additional, reviews)


@pytest.mark.parametrize("locale", BUILT)
def test_reviewer_links_go_both_ways(fixture_site: Path, locale: str):
    links = {code: reviewer_links(fixture_site, locale, code) for code in CODES}
    for code, found in links.items():
        reviews = RECORDS[code].get("reviews") or []
        expected = [review.get("reviewers") or [] for review in reviews]
        assert found.reviewed_by == expected, (
            f"{code}: 'Reviewed by' shows {found.reviewed_by}, record says {expected}"
        )
        expected_additional = [
            sorted({item["party"] for item in review.get("additional_reviewers") or []}) for review in reviews
        ]
        assert [sorted(set(parties)) for parties in found.additional] == expected_additional, code
    for code, found in links.items():
        for reviewer in {party for parties in found.reviewed_by + found.additional for party in parties}:
            assert code in links[reviewer].reviews, (
                f"{code} is reviewed by {reviewer}, but {reviewer} does not list it"
            )
        for reviewed in found.reviews:
            reviewers_there = links[reviewed].reviewed_by + links[reviewed].additional
            assert any(code in parties for parties in reviewers_there), (
                f"{code} reviews {reviewed}, but {reviewed} does not list it"
            )
        expected_reviews = sorted(
            other
            for other, record in RECORDS.items()
            for review in record.get("reviews") or []
            if code in reviewers_of(review)
        )
        assert sorted(found.reviews) == expected_reviews, f"{code}: 'As a reviewer' shows {found.reviews}"
    assert any(found.reviews for found in links.values())


# --- demonstration data -------------------------------------------------------------------------------------


@pytest.mark.parametrize("locale", BUILT)
@pytest.mark.parametrize("code", CODES)
def test_sample_notice_on_demonstration_profiles(fixture_site: Path, locale: str, code: str):
    sample = bool(latest_review(RECORDS[code]).get("sample"))
    notice = article(parse(profile_file(fixture_site, locale, code))).find(cls="ps-sample")
    if sample:
        assert notice is not None, f"{code} ({locale}) has demonstration data but no notice"
        assert notice.text().strip()
        if locale == "ar":
            assert ARABIC_LETTER.search(notice.text()), "the Arabic notice is not in Arabic"
    else:
        assert notice is None, f"{code} ({locale}) shows the demonstration notice without sample data"


# --- dates and digits ---------------------------------------------------------------------------------------


def times(document: Element) -> list[tuple[str, str]]:
    return [(time.get("datetime"), time.text().strip()) for time in article(document).iter("time")]


@pytest.mark.parametrize("code", CODES)
def test_arabic_dates_use_arabic_months_and_western_digits(fixture_site: Path, code: str):
    document = parse(profile_file(fixture_site, "ar", code))
    text = article(document).text()
    assert not ARABIC_INDIC_DIGIT.findall(text), (
        f"Arabic-Indic digits in {code}: {ARABIC_INDIC_DIGIT.findall(text)}"
    )
    assert any(name in text for names in ARABIC_MONTHS.values() for name in names), "no Arabic month name"
    stamped = times(document)
    assert stamped, f"{code} has no <time> elements"
    for stamp, shown in stamped:
        year, month, day = (int(part) for part in stamp.split("-"))
        assert re.search(rf"(?<!\d){year}(?!\d)", shown), f"{stamp}: year missing in {shown!r}"
        assert re.search(rf"(?<!\d){day}(?!\d)", shown), f"{stamp}: day missing in {shown!r}"
        assert any(name in shown for name in ARABIC_MONTHS[month]), (
            f"{stamp}: not an Arabic month in {shown!r}"
        )
        assert not re.search(r"[A-Za-z]", shown), f"{stamp}: Latin letters in the Arabic date {shown!r}"


def test_arabic_party_list_keeps_western_digits(fixture_site: Path):
    text = article(parse(fixture_site / "ar" / "profiles" / "index.html")).text()
    assert not ARABIC_INDIC_DIGIT.findall(text)
    assert re.search(r"\d", text)
    assert any(name in text for names in ARABIC_MONTHS.values() for name in names), "as-of date not in Arabic"


@pytest.mark.parametrize("code", CODES)
def test_english_dates_use_english_months(fixture_site: Path, code: str):
    document = parse(profile_file(fixture_site, "en", code))
    assert not ARABIC_LETTER.search(article(document).text())
    for stamp, shown in times(document):
        year, month, day = (int(part) for part in stamp.split("-"))
        assert calendar.month_name[month] in shown and str(year) in shown and str(day) in shown, (
            stamp,
            shown,
        )


# --- search -------------------------------------------------------------------------------------------------


def search_index(site: Path, locale: str) -> dict:
    path = site / PREFIX[locale] / "search" / "search_index.json"
    assert path.is_file(), f"no search index for {locale} at {path.relative_to(site)}"
    return json.loads(path.read_text(encoding="utf-8"))


def test_search_index_per_language(fixture_site: Path):
    english = search_index(fixture_site, "en")
    arabic = search_index(fixture_site, "ar")
    for index in (english, arabic):
        locations = {doc["location"] for doc in index["docs"]}
        assert {f"profiles/{code}/" for code in CODES} <= locations
    arabic_text = " ".join(doc["title"] + " " + doc["text"] for doc in arabic["docs"])
    english_text = " ".join(doc["title"] + " " + doc["text"] for doc in english["docs"])
    assert len(ARABIC_LETTER.findall(arabic_text)) > 1000, "the Arabic search index is (nearly) all English"
    assert not ARABIC_LETTER.search(english_text), "Arabic text in the English search index"
    # each profile's entry carries its title in the page's language
    for code in CODES:
        entry = next(doc for doc in arabic["docs"] if doc["location"] == f"profiles/{code}/")
        title = article(parse(profile_file(fixture_site, "ar", code))).find("h1").text().strip()
        assert entry["title"] == title and ARABIC_LETTER.search(title)


# --- failed builds ------------------------------------------------------------------------------------------


def snapshot(folder: Path) -> dict[str, tuple[str, int] | None]:
    """Every file and folder under ``folder``: content hash and modification time (None for folders)."""
    result: dict[str, tuple[str, int] | None] = {}
    for path in sorted(folder.rglob("*")):
        key = path.relative_to(folder).as_posix()
        if path.is_dir():
            result[key] = None
        else:
            result[key] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return result


def break_record(root: Path) -> None:
    """A review group outside 1-3 in ken.yaml: the validator rejects it."""
    record = root / "profiles" / "ken.yaml"
    text = record.read_text(encoding="utf-8")
    assert "\n    group: 1\n" in text
    record.write_text(text.replace("\n    group: 1\n", "\n    group: 4\n"), encoding="utf-8")


def break_content(root: Path) -> None:
    """A link to a missing page in the home page: records are valid, MkDocs warns, strict mode fails."""
    page = root / "content" / "en" / "index.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n\nSee [nowhere](no-such-page.md).\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the fixture project built once (English only), to be broken by the tests below."""
    from profilesite.build import build_site

    root = load_root_conftest().make_project(tmp_path_factory.mktemp("broken-project"), FIXTURE_RECORDS)
    build_site(root, site_dir=root / "site", locales=["en"], jobs=1)
    return root


@pytest.mark.parametrize(
    ("breaker", "message"), [(break_record, "ken.yaml"), (break_content, "no-such-page.md")]
)
def test_failed_build_leaves_the_site_untouched(built_project: Path, breaker, message: str, tmp_path: Path):
    from profilesite.build import BuildFailed, build_site

    root = tmp_path / "project"
    # a fresh copy of the built project for each breakage (copy2 keeps modification times)
    shutil.copytree(built_project, root, copy_function=shutil.copy2)
    site = root / "site"
    assert (site / "profiles" / "ken" / "index.html").is_file()
    before = snapshot(site)
    breaker(root)
    with pytest.raises(BuildFailed) as failure:
        build_site(root, site_dir=site, locales=["en", "ar"], jobs=2)
    assert message in str(failure.value)
    assert snapshot(site) == before, "the failed build changed site/"
    assert not (root / "site.previous").exists()
    assert sorted(path.name for path in root.iterdir() if path.name.startswith("site")) == ["site"]
