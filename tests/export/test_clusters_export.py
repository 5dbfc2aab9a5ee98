"""The downloads and the feed follow the clusters: a review row per cluster, responses, safe CSV cells.

Built from the shipped records, changed here where a case needs it (a second cluster's review, an answer
that looks like a formula, a control character), so each test states the facts it checks.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import xml.etree.ElementTree as ET

import pytest

from profilesite import routes
from profilesite.checks import load_index
from profilesite.export.csv_cells import csv_text, neutralise
from profilesite.export.feeds import atom_feed, changes, entry_id
from profilesite.export.tables import tables
from profilesite.export.write import download_files
from profilesite.model.record import AdditionalReviewer, Document, Review
from profilesite.model.response import Answer, Legislation, PublicationConsent, Responses, Text
from profilesite.views.parties import PartyIndex

from ..conftest import REPO

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture(scope="module")
def shipped() -> PartyIndex:
    return load_index(REPO / "profiles", REPO)


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def _second_cluster(index: PartyIndex) -> str:
    return index.vocabulary.clusters[1].key


def _with_second_review(index: PartyIndex, code: str) -> tuple[PartyIndex, Review]:
    """``index`` where party ``code`` also has a review on the second cluster, with an additional reviewer."""
    party = index.parties[code]
    first = party.reviews[0]
    second = Review(
        cluster=_second_cluster(index),
        sample=True,
        group=first.group,
        reviewers=list(reversed(first.reviewers)),
        additional_reviewers=[AdditionalReviewer(instrument="tip", party=first.reviewers[0])],
        stages={index.vocabulary.stages[0].key: dt.date(2099, 1, 2)},
        languages=["fr"],
    )
    parties = dict(index.parties) | {code: party.model_copy(update={"reviews": [first, second]})}
    return PartyIndex(parties, index.vocabulary, dict(index.responses)), second


def _responses(text: str, feedback: str | None = None) -> Responses:
    return Responses(
        sample=True,
        submitted=dt.date(2030, 1, 5),
        consent=PublicationConsent(date=dt.date(2099, 3, 4), extent="partial"),
        answers=[
            Answer(
                instrument="untoc",
                article="5",
                category="yes",
                language="en",
                text=text,
                legislation=[
                    Legislation(title="Penal Code", article="art. 3", url="https://example.org/code"),
                    Legislation(title="Second Act"),
                ],
                feedback=Text(language="fr", text=feedback) if feedback else None,
            ),
            Answer(instrument="tip", article="5", language="en", text="Plain answer."),
        ],
    )


# ----------------------------------------------------------------------------- safe CSV cells


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_formula_like_text_gets_a_quote_in_front(start):
    assert neutralise(f"{start}HYPERLINK(1)") == f"'{start}HYPERLINK(1)"


def test_other_cells_are_unchanged():
    for value in ("Penal Code", "en+fr", "2021-01-02", "'quoted", "a=b", "", " =x"):
        assert neutralise(value) == value
    assert neutralise(-3) == -3  # a number is written as a number


def test_csv_text_neutralises_header_and_cells_and_reads_back():
    text = csv_text(["=h", "b"], [["=SUM(A1)", 'say "hi"\nthen'], [1, "@x"]])
    rows = list(csv.reader(io.StringIO(text)))
    assert rows == [["'=h", "b"], ["'=SUM(A1)", 'say "hi"\nthen'], ["1", "'@x"]]


def test_every_csv_download_neutralises_answer_text(shipped):
    index = PartyIndex(
        dict(shipped.parties),
        shipped.vocabulary,
        {("ken", shipped.vocabulary.clusters[0].key): _responses('=HYPERLINK("http://x")', "-1+2")},
    )
    files = download_files(index)
    for name in (routes.table_download("responses"), routes.party_download("ken", "responses")):
        rows = _rows(files[name])
        first = next(row for row in rows if row["code"] == "ken" and row["instrument"] == "untoc")
        assert first["text"] == '\'=HYPERLINK("http://x")', name
        assert first["feedback_text"] == "'-1+2", name
    record = json.loads(files[routes.party_download("ken")])  # the JSON keeps the text as written
    answer = record["responses"][shipped.vocabulary.clusters[0].key]["answers"][0]
    assert answer["text"] == '=HYPERLINK("http://x")'
    for name, data in files.items():  # no CSV cell of any download starts like a formula
        if name.endswith(".csv"):
            for row in csv.reader(io.StringIO(data.decode("utf-8"))):
                assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), name


# ----------------------------------------------------------------------------- tables


def test_reviews_table_has_a_row_per_party_and_cluster(shipped):
    index, second = _with_second_review(shipped, "ken")
    table = next(table for table in tables(index) if table.name == "reviews")
    header = table.header()
    assert header[:2] == ["code", "cluster"]
    assert header[2:] == [
        "sample",
        "group",
        "reviewer_1",
        "reviewer_2",
        "redraws",
        "languages",
        "instruments",
        *(f"stage_{key}" for key in index.vocabulary.keys("stages")),
    ]
    rows = [dict(zip(header, row, strict=True)) for row in table.rows()]
    assert len(rows) == sum(len(party.reviews) for party in index.parties.values())
    ken = [row for row in rows if row["code"] == "ken"]
    assert [row["cluster"] for row in ken] == [index.vocabulary.clusters[0].key, second.cluster]
    assert ken[1]["reviewer_1"] == second.reviewers[0] and ken[1]["languages"] == "fr"
    assert ken[1][f"stage_{index.vocabulary.stages[0].key}"] == "2099-01-02"
    # instruments left out: every instrument Kenya joined, in the vocabulary's order
    joined = [key for key in index.vocabulary.keys("instruments") if index.parties["ken"].joined(key)]
    assert ken[1]["instruments"] == "+".join(joined)
    extra = next(table for table in tables(index) if table.name == "additional-reviewers")
    extra_rows = [dict(zip(extra.header(), row, strict=True)) for row in extra.rows()]
    assert {
        "code": "ken",
        "cluster": second.cluster,
        "instrument": "tip",
        "reviewer": second.reviewers[1],
        "sample": "true",
    } in extra_rows
    # one row per additional reviewer of every review of every party
    assert len(extra_rows) == sum(
        len(review.additional_reviewers) for party in index.parties.values() for review in party.reviews
    )


def test_responses_table_rows(shipped):
    cluster = shipped.vocabulary.clusters[0].key
    index = PartyIndex(
        dict(shipped.parties), shipped.vocabulary, {("ken", cluster): _responses("Yes.", "Noted.")}
    )
    table = next(table for table in tables(index, ["ken", "fra"]) if table.name == "responses")
    rows = [dict(zip(table.header(), row, strict=True)) for row in table.rows()]
    title = shipped.vocabulary.article("untoc", "5").title.en
    assert rows[0] == {
        "code": "ken",
        "cluster": cluster,
        "instrument": "untoc",
        "article": "5",
        "article_title_en": title,
        "category": "yes",
        "language": "en",
        "text": "Yes.",
        "legislation": "Penal Code | art. 3 | https://example.org/code | \nSecond Act |  |  | ",
        "feedback_language": "fr",
        "feedback_text": "Noted.",
        "submitted": "2030-01-05",
        "consent_date": "2099-03-04",
        "consent_extent": "partial",
        "sample": "true",
    }
    assert [
        (row["instrument"], row["article"], row["category"], row["feedback_text"]) for row in rows[1:]
    ] == [("tip", "5", "", "")]


def test_shipped_responses_make_responses_csv_and_json(shipped):
    assert shipped.responses, "the shipped records hold demonstration responses"
    files = download_files(shipped)
    rows = _rows(files[routes.table_download("responses")])
    assert len(rows) == sum(len(item.answers) for item in shipped.responses.values())
    assert {(row["code"], row["cluster"]) for row in rows} == set(shipped.responses)
    manifest = json.loads(files[routes.download(routes.MANIFEST)])
    listed = {item["path"]: item for item in manifest["files"]}
    data = files[routes.table_download("responses")]
    assert listed[routes.table_download("responses")]["sha256"] == hashlib.sha256(data).hexdigest()
    for code, cluster in shipped.responses:
        record = json.loads(files[routes.party_download(code)])
        assert Responses.model_validate(record["responses"][cluster]) == shipped.responses[(code, cluster)]
        assert routes.party_download(code, "responses") in listed
    without = next(
        code for code in sorted(shipped.parties) if all(code != key[0] for key in shipped.responses)
    )
    assert "responses" not in json.loads(files[routes.party_download(without)])
    assert routes.party_download(without, "responses") not in files


def test_data_dictionary_lists_the_new_columns(shipped):
    files = download_files(shipped)
    described = {
        (row["table"], row["column"]) for row in _rows(files[routes.download(routes.DATA_DICTIONARY)])
    }
    assert {
        ("reviews", "cluster"),
        ("reviews", "instruments"),
        ("additional-reviewers", "reviewer"),
    } <= described
    assert {("responses", column) for column in ("text", "legislation", "consent_date", "feedback_text")} <= (
        described
    )


# ----------------------------------------------------------------------------- feed


def _entries(feed: str) -> list[ET.Element]:
    return ET.fromstring(feed.encode("utf-8")).findall(f"{ATOM}entry")


def test_feed_has_stage_entries_of_every_cluster_naming_it(shipped):
    index, second = _with_second_review(shipped, "ken")
    feed = atom_feed(index, "en", "https://example.org/site/")
    newest = _entries(feed)[0]  # 2099: the newest change
    title = newest.findtext(f"{ATOM}title")
    assert title.startswith("Kenya: review stage passed (Thematic cluster 2)"), title
    assert newest.findtext(f"{ATOM}updated") == "2099-01-02T00:00:00Z"
    link = newest.find(f"{ATOM}link").get("href")
    assert link == "https://example.org/site/" + routes.profile("ken", routes.review_section(second.cluster))
    ids = [entry.findtext(f"{ATOM}id") for entry in _entries(feed)]
    assert len(ids) == len(set(ids))
    assert ids[0] == f"urn:profilesite:ken:stage:{second.cluster}:{index.vocabulary.stages[0].key}:2099-01-02"
    # the first cluster's stages keep the ids they had before the clusters
    first = next(
        change for change in changes(index) if change.kind == "stage" and change.cluster != second.cluster
    )
    assert (
        entry_id(first, index) == f"urn:profilesite:{first.code}:stage:{first.key}:{first.date.isoformat()}"
    )


def test_feed_announces_published_responses_on_the_consent_date(shipped):
    cluster = shipped.vocabulary.clusters[0].key
    index = PartyIndex(dict(shipped.parties), shipped.vocabulary, {("ken", cluster): _responses("Yes.")})
    for locale in ("en", "ar"):
        feed = atom_feed(index, locale, "https://example.org/site/")
        entry = _entries(feed)[0]
        assert entry.findtext(f"{ATOM}updated") == "2099-03-04T00:00:00Z"
        base = "https://example.org/site/" + routes.localized(routes.HOME, locale)
        assert entry.find(f"{ATOM}link").get("href") == base + routes.response("ken", cluster)
        assert entry.findtext(f"{ATOM}id") == f"urn:profilesite:ken:response:{cluster}:2099-03-04"
    english = _entries(atom_feed(index, "en", ""))[0].findtext(f"{ATOM}title")
    assert english.startswith("Kenya: responses to the self-assessment questionnaire published")
    assert "Thematic cluster 1" in english


def test_feed_stays_well_formed_with_control_characters_and_markup(shipped):
    party = shipped.parties["ken"]
    odd = Document(
        kind="other",
        title="A <b>&\x01\x0b title\ud800",
        date=dt.date(2099, 5, 6),
        languages=["en"],
        url="https://example.org/doc",
    )
    parties = dict(shipped.parties) | {"ken": party.model_copy(update={"documents": [odd]})}
    feed = atom_feed(PartyIndex(parties, shipped.vocabulary), "en", "")
    title = _entries(feed)[0].findtext(f"{ATOM}title")  # parses: well-formed
    assert title == "Kenya: document published: A <b>& title"
