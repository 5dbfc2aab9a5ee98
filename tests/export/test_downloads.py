"""The open-data downloads of the shipped site, read back and checked against the records."""

from __future__ import annotations

import csv
import hashlib
import json
import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

import pytest

from profilesite.checks import load_index
from profilesite.model import Party
from profilesite.model.response import Responses
from profilesite.views.citations import citation_text
from profilesite.views.parties import PartyIndex, instruments_reviewed

from ..names.unterm import expected_name
from ..stats._html import resolve

STAGES = (
    "focal_point_nominated",
    "governmental_experts_nominated",
    "initial_consultation",
    "saq_submitted",
    "written_feedback",
    "list_of_observations",
)
# Every column of every table, each one a fact of the record model (no other field may leave the site).
HEADERS = {
    "parties": ["code", "name_en", "kind", "regional_group", "as_of", "review_group", "review_sample"],
    "treaty-actions": [
        "code",
        "instrument",
        "signature",
        "consent_type",
        "consent_date",
        "source_title",
        "source_url",
        "source_as_of",
        "source_publication",
        "source_publisher",
        "source_kind",
        "source_reference",
        "source_published",
        "source_note",
    ],
    "reviews": ["code", "cluster", "sample", "group", "reviewer_1", "reviewer_2", "redraws", "languages"]
    + ["instruments"]
    + [f"stage_{key}" for key in STAGES],
    "additional-reviewers": ["code", "cluster", "instrument", "reviewer", "sample"],
    "documents": ["code", "kind", "title", "date", "languages", "url", "sample"],
    "nominations": [
        "code",
        "focal_point_nominated",
        "focal_point_institution",
        "governmental_experts",
        "governmental_experts_women",
        "observers",
    ],
    "responses": [
        "code",
        "cluster",
        "instrument",
        "article",
        "article_title_en",
        "category",
        "language",
        "text",
        "legislation",
        "feedback_language",
        "feedback_text",
        "submitted",
        "consent_date",
        "consent_extent",
        "sample",
    ],
}
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE = re.compile(
    r"(?:\+|\b00)\d{1,3}[\s.()-]*\d{1,4}[\s.()-]*\d{2,}"  # international prefix
    r"|\(\d{2,5}\)\s*\d{3,}"  # (area code) number
    r"|\b\d{2,4}[ .]\d{2,4}[ .]\d{2,4}(?:[ .]\d{2,4})?\b"  # grouped digits: 020 123 4567
)
CONTACT_WORDS = re.compile(r"e-?mail|phone|telephone|\bfax\b|mobile|contact_|tel:|mailto:", re.IGNORECASE)


def _iso(value) -> str:
    return value.isoformat() if value is not None else ""


def _flag(value: bool) -> str:
    return str(value).lower()


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        rows = list(reader)
        return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def downloads(shipped_site: Path) -> Path:
    return shipped_site / "downloads"


@pytest.fixture(scope="module")
def index(shipped_site: Path) -> PartyIndex:
    root = shipped_site.parent
    return load_index(root / "profiles", root)  # raises on any problem


@pytest.fixture(scope="module")
def parties(index: PartyIndex) -> dict[str, Party]:
    return index.parties


@pytest.fixture(scope="module")
def responses(index: PartyIndex) -> dict[tuple[str, str], Responses]:
    return index.responses


@pytest.fixture(scope="module")
def tables(downloads: Path) -> dict[str, list[dict[str, str]]]:
    result = {}
    for name, header in HEADERS.items():
        shown, rows = _read_csv(downloads / f"{name}.csv")
        assert shown == header, name
        result[name] = rows
    return result


def test_parties_table_lists_every_party(tables, parties):
    rows = tables["parties"]
    assert [row["code"] for row in rows] == sorted(parties)
    for row in rows:
        party = parties[row["code"]]
        assert row == {
            "code": party.code,
            "name_en": expected_name(party, "en"),
            "kind": party.kind,
            "regional_group": party.regional_group or "",
            "as_of": party.as_of.isoformat(),
            "review_group": str(party.latest_review.group) if party.latest_review else "",
            "review_sample": _flag(party.latest_review.sample) if party.latest_review else "",
        }


def test_treaty_actions_match_signatures_and_consents(tables, parties, index):
    shown = {(row["code"], row["instrument"]): row for row in tables["treaty-actions"]}
    expected = {
        (code, key): status for code, party in parties.items() for key, status in party.treaties.items()
    }
    assert len(shown) == len(tables["treaty-actions"])  # one row per party and instrument
    assert set(shown) == set(expected)
    for key, status in expected.items():
        row = shown[key]
        assert row["signature"] == _iso(status.signature), key
        assert row["consent_type"] == ((status.consent.type or "") if status.consent else ""), key
        assert row["consent_date"] == (_iso(status.consent.date) if status.consent else ""), key
        assert row["source_title"] == citation_text(status.source, index.vocabulary), key
        assert row["source_url"] == (str(status.source.url) if status.source.url else ""), key
        assert row["source_as_of"] == _iso(status.source.as_of), key
        for part in ("publication", "publisher", "kind", "reference"):
            assert row[f"source_{part}"] == (getattr(status.source, part) or ""), key
        assert row["source_published"] == _iso(status.source.published), key
        assert row["source_note"] == (status.source.note or ""), key
    # the citation is composed from the parts, in English, as the English profile shows it
    assert shown[("kor", "untoc")]["source_title"] == "Dong-A Ilbo (news report, November 6, 2015)"
    assert shown[("ken", "untoc")]["source_title"] == (
        "Multilateral Treaties Deposited with the Secretary-General (XVIII-12)"
    )


def test_reviews_match_reviewers_and_stages(tables, parties, index):
    rows = {(row["code"], row["cluster"]): row for row in tables["reviews"]}
    assert len(rows) == len(tables["reviews"])  # one row per party and cluster
    assert set(rows) == {
        (code, review.cluster) for code, party in parties.items() for review in party.reviews
    }
    for (code, cluster), row in rows.items():
        review = parties[code].review_of(cluster)
        assert [row["reviewer_1"], row["reviewer_2"]] == review.reviewers, code
        joined = instruments_reviewed(parties[code], review, index.vocabulary)
        assert row["instruments"] == "+".join(joined), code
        assert (row["group"], row["redraws"], row["sample"]) == (
            str(review.group),
            str(review.redraws),
            _flag(review.sample),
        ), code
        assert (row["languages"].split("+") if row["languages"] else []) == review.languages, code
        for key in STAGES:
            assert row[f"stage_{key}"] == _iso(review.stages.get(key)), (code, key)


def test_additional_reviewers_match(tables, parties):
    shown = [
        (row["code"], row["cluster"], row["instrument"], row["reviewer"], row["sample"])
        for row in tables["additional-reviewers"]
    ]
    expected = [
        (code, review.cluster, extra.instrument, extra.party, _flag(review.sample))
        for code, party in sorted(parties.items())
        for review in party.reviews
        for extra in review.additional_reviewers
    ]
    assert shown == expected


def _law(law) -> str:
    return " | ".join([law.title, law.article or "", str(law.url) if law.url else "", law.language or ""])


def test_responses_are_the_published_answers(tables, responses, index):
    assert responses, "the shipped records hold demonstration responses"
    order = index.vocabulary.keys("clusters")
    expected = [
        {
            "code": code,
            "cluster": cluster,
            "instrument": answer.instrument,
            "article": answer.article,
            "article_title_en": index.vocabulary.article(answer.instrument, answer.article).title.en,
            "category": answer.category or "",
            "language": answer.language,
            "text": answer.text,
            "legislation": "\n".join(_law(law) for law in answer.legislation),
            "feedback_language": answer.feedback.language if answer.feedback else "",
            "feedback_text": answer.feedback.text if answer.feedback else "",
            "submitted": item.submitted.isoformat(),
            "consent_date": item.consent.date.isoformat(),
            "consent_extent": item.consent.extent,
            "sample": _flag(item.sample),
        }
        for (code, cluster), item in sorted(
            responses.items(), key=lambda pair: (pair[0][0], order.index(pair[0][1]))
        )
        for answer in item.answers
    ]
    assert all(not row["text"].startswith(("=", "+", "-", "@")) for row in expected)  # else neutralised
    assert tables["responses"] == expected


def test_documents_match(tables, parties):
    shown = defaultdict(list)
    for row in tables["documents"]:
        shown[row["code"]].append(row)
    assert set(shown) == {code for code, party in parties.items() if party.documents}
    for code, party in parties.items():
        assert [
            (row["kind"], row["title"], row["date"], row["languages"], row["url"], row["sample"])
            for row in shown.get(code, [])
        ] == [
            (
                doc.kind,
                doc.title or "",
                doc.date.isoformat(),
                "+".join(doc.languages),
                str(doc.url),
                _flag(doc.sample),
            )
            for doc in party.documents
        ], code


def test_nominations_match(tables, parties):
    rows = {row["code"]: row for row in tables["nominations"]}
    assert set(rows) == {code for code, party in parties.items() if party.nominations}
    for code, row in rows.items():
        nominations = parties[code].nominations
        assert row == {
            "code": code,
            "focal_point_nominated": _flag(nominations.focal_point.nominated),
            "focal_point_institution": nominations.focal_point.institution or "",
            "governmental_experts": str(nominations.governmental_experts.total),
            "governmental_experts_women": str(nominations.governmental_experts.women),
            "observers": _flag(nominations.observers),
        }


def test_per_party_csvs_are_the_rows_of_that_party(downloads, tables, parties, responses):
    for code, party in parties.items():
        present = {
            "parties": True,
            "treaty-actions": bool(party.treaties),
            "reviews": bool(party.reviews),
            "additional-reviewers": any(review.additional_reviewers for review in party.reviews),
            "documents": bool(party.documents),
            "nominations": party.nominations is not None,
            "responses": any(key[0] == code for key in responses),
        }
        folder = downloads / "profiles" / code
        assert sorted(path.name for path in folder.iterdir()) == sorted(
            f"{name}.csv" for name, wanted in present.items() if wanted
        ), code
        for name in present:
            path = folder / f"{name}.csv"
            if path.exists():
                header, rows = _read_csv(path)
                assert header == HEADERS[name]
                assert rows == [row for row in tables[name] if row["code"] == code], (code, name)


def _record_and_responses(item: dict) -> tuple[Party, dict[str, Responses]]:
    """A published record read back: the party (without ``responses``) and its responses by cluster.

    Both models forbid unknown keys: a field outside them fails here.
    """
    record = dict(item)
    published = record.pop("responses", None)
    assert published is None or published, "a party without responses has no responses key"
    published = published or {}
    return Party.model_validate(record), {
        key: Responses.model_validate(value) for key, value in published.items()
    }


def test_json_records_are_the_records(downloads, parties, responses):
    combined = json.loads((downloads / "profiles.json").read_text("utf-8"))
    assert set(combined) == {"as_of", "parties"}
    assert combined["as_of"] == max(party.as_of for party in parties.values()).isoformat()
    assert [item["code"] for item in combined["parties"]] == sorted(parties)
    for item in combined["parties"]:
        code = item["code"]
        party, published = _record_and_responses(item)
        assert party == parties[code], code
        assert published == {
            cluster: value for (owner, cluster), value in responses.items() if owner == code
        }, code
    for code, party in parties.items():
        single = json.loads((downloads / "profiles" / f"{code}.json").read_text("utf-8"))
        assert _record_and_responses(single)[0] == party, code
        assert single == next(item for item in combined["parties"] if item["code"] == code)
    # profiles.json is assembled from the per-party texts: byte for byte what encoding it whole gives
    whole = json.dumps(combined, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    assert (downloads / "profiles.json").read_text("utf-8") == whole


def test_manifest_lists_every_download_with_size_and_checksum(downloads, parties, responses):
    manifest = json.loads((downloads / "manifest.json").read_text("utf-8"))
    on_disk = {
        path.relative_to(downloads.parent).as_posix(): path
        for path in sorted(downloads.rglob("*"))
        if path.is_file() and path.name != "manifest.json" and not _is_the_page(path, downloads)
    }
    listed = {item["path"]: item for item in manifest["files"]}
    assert len(listed) == len(manifest["files"])
    assert set(listed) == set(on_disk)
    top = {name for name in on_disk if name.count("/") == 1}
    assert top == {f"downloads/{name}.csv" for name in HEADERS} | {
        "downloads/profiles.json",
        "downloads/data-dictionary.csv",
    }
    assert {name for name in on_disk if name.count("/") == 2} == {
        f"downloads/profiles/{code}.json" for code in parties
    }
    for name, path in on_disk.items():
        data = path.read_bytes()
        assert listed[name]["bytes"] == len(data), name
        assert listed[name]["sha256"] == hashlib.sha256(data).hexdigest(), name
    assert manifest["as_of"] == max(party.as_of for party in parties.values()).isoformat()
    assert "downloads/responses.csv" in listed
    assert manifest["sample_data"] == (
        any(review.sample for party in parties.values() for review in party.reviews)
        or any(item.sample for item in responses.values())
    )


def _is_the_page(path: Path, downloads: Path) -> bool:
    """The English downloads page (``downloads/index.html``): it lists the files and is none of them."""
    return path == downloads / "index.html"


def test_no_contact_data_leaves_the_site(downloads):
    for path in sorted(downloads.rglob("*")):
        if not path.is_file() or _is_the_page(path, downloads):
            continue
        text = path.read_text("utf-8")
        if path.name == "manifest.json":
            text = re.sub(r'"sha256": "[0-9a-f]{64}"', "", text)
        assert not EMAIL.search(text), (path, EMAIL.search(text))
        assert not CONTACT_WORDS.search(text), (path, CONTACT_WORDS.search(text))
        scrubbed = re.sub(r"https?://[^\s\",]+", "", text)  # addresses of sources and documents
        scrubbed = re.sub(r"\b\d{4}-\d{2}-\d{2}\b", "", scrubbed)  # dates
        assert not PHONE.search(scrubbed), (path, PHONE.search(scrubbed))


def test_contact_patterns_would_be_caught():
    assert EMAIL.search("focal point: jane.doe@mfa.go.ke")
    assert PHONE.search("call +254 20 318888") and PHONE.search("(020) 3188888")
    assert PHONE.search("tel 020 318 8888")
    assert not PHONE.search("2024-02-29, XVIII-12-a, 2014 snapshot, commit 65551eafcd15, 11 July 2017")


def test_data_dictionary_describes_every_column(downloads):
    header, rows = _read_csv(downloads / "data-dictionary.csv")
    assert header == ["table", "column", "description"]
    described = {(row["table"], row["column"]) for row in rows}
    assert len(described) == len(rows)
    assert all(row["description"].strip() for row in rows)
    assert described == {(table, column) for table, columns in HEADERS.items() for column in columns}
    for path in sorted(downloads.rglob("*.csv")):
        if path.name == "data-dictionary.csv":
            continue
        columns, _ = _read_csv(path)
        missing = [column for column in columns if (path.stem, column) not in described]
        assert not missing, (path, missing)


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value)


@pytest.mark.parametrize("locale", ["en", "ar"])
def test_profile_pages_link_their_own_downloads(shipped_site, downloads, parties, locale):
    prefix = "" if locale == "en" else f"{locale}/"
    for code in parties:
        page = shipped_site / prefix / "profiles" / code / "index.html"
        links = _Links()
        links.feed(page.read_text("utf-8"))
        targets = {resolve(page, shipped_site, href) for href in links.hrefs if "downloads/profiles/" in href}
        own = {downloads / "profiles" / f"{code}.json", *(downloads / "profiles" / code).iterdir()}
        assert targets == own, code
        assert all(target.is_file() for target in targets)
