"""Write ``profiles/<code>.yaml`` for every party: real treaty facts plus a labelled review sample.

Reproducible: ``python scripts/make_profiles.py`` always writes the same files from ``sources/``
(a copy of the sourced data set, see ``sources/SOURCES.md``) and a fixed random seed.

- Parties: every participant of the 2014 UNTC snapshot with an act of consent to the Convention, plus the
  later acts found in cited sources (``treaty_actions_since_2020.csv``: the Secretariat's paper, footnotes 2
  and 3; ``treaty_actions_other_sources.csv``). Nothing is typed from memory; what no source covers stays
  absent (the README lists the gap).
- Review data: no per-party review data is public, so this script draws a demonstration sample that follows
  the Secretariat's reported distribution as of 29 February 2024
  (``secretariat_figures_2024-02-29.csv``) scaled to the parties we have, obeying every rule of the
  mechanism. Every record flags it (``sample: true`` in its review) and every page that shows it says so.
  The sample is one review per party (``reviews:`` holds one entry per thematic cluster), of the
  vocabulary's first cluster: the reviews under way at that date, begun on the dates its ``starts`` give.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml
from babel.core import get_global

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "sources"
PROFILES = ROOT / "profiles"
SEED = 20240229
SAMPLE_AS_OF = dt.date(2024, 2, 29)  # the date the Secretariat's figures hold as of
NOT_IN_REVIEW = {"btn", "ssd"}  # joined in 2023, after the groups were drawn (paper, footnote 2)
# Parties whose consent to the Convention the sources gave only after the sample was drawn (rows of
# treaty_actions_other_sources.csv added 2026-12-01): they get no demonstration review data, so that the
# published sample, and the responses that rest on it, stay as they were; their profiles say so.
ADDED_AFTER_THE_SAMPLE = {"brb", "eri", "fji", "kor", "prk", "pse", "sle", "som", "ton", "wsm"}
# The voluntary pilot initiatives (background paper, para. 56: Pakistan, Kenya, Mexico), named on the
# civil-society page: government-led processes launched with the consent of the party under review, so the
# sample gives these parties a focal point and a review that has begun (initial consultation held).
PILOT_INITIATIVES = ("ken", "mex", "pak")

INSTRUMENT_KEYS = {"UNTOC": "untoc", "TIP": "tip", "SOM": "som", "FIREARMS": "firearms"}
GROUP_KEYS = {
    "African States": "african",
    "Asia-Pacific States": "asia_pacific",
    "Eastern European States": "eastern_european",
    "Latin American and Caribbean States": "latin_american_caribbean",
    "Western European and other States": "western_european_other",
}
# Türkiye is listed in two groups; it counts in the Western European and other States for elections
# (sources/SOURCES.md), which is the group used here.
PRIMARY_GROUP = {"TUR": "western_european_other"}
# English names: UNTC's, except where the newer UN list of regional groups (2022) spells it otherwise
# because the State was renamed after 2014, or UNTC abbreviated "Saint".
NEWER_NAME_FROM_REGIONAL_LIST = {"CZE", "SWZ", "MKD", "KNA", "LCA", "VCT", "CPV"}
# Names shown on the site: UNTERM's short names in the six UN languages (sources/unterm_names.csv), which the
# site reads itself; a record only cites them (names.source, no names of its own). Where UNTERM has no entry
# (the European Union), the record carries the names a source gives, with that source; the rest stays CLDR's.
UNTERM_SOURCE = {
    "publication": "unterm",
    "reference": "hdx-python-country 4.2.5",
    "note": "UNTERM short names, from the UN Countries & Territories taxonomy that OCHA bundles in its"
    " package hdx-python-country 4.2.5 (sources/unterm_names.csv)",
}
PAPER_PUBLISHED = dt.date(2024, 3, 18)  # the background paper's date (../reference, its first page)
EU_CODE = "eur"
# The European Union's name as UN and UNODC pages write it (UNTERM's list of countries has no entry for it).
EU_NAMES = {
    "fr": "Union européenne",
    "es": "Unión Europea",
    "ru": "Европейский союз",
    "zh": "欧洲联盟",
    "ar": "الاتحاد الأوروبي",
    "source": {
        "publisher": "united_nations",
        "kind": "web_page",
        "note": "English: the UN Treaty Collection's participant name (XVIII-12). French and Chinese: UNODC's"
        " SHERLOC portal, https://sherloc.unodc.org/cld/fr/treaties/strategies/european_union/eu0006s.html"
        " ('Union européenne') and https://sherloc.unodc.org/cld/zh/treaties/strategies/european_union/"
        "eu0006s.html ('欧洲联盟'). Spanish: http://www.un.org/es/documents/sc/scaction/2011/coop_regional.shtml"
        " ('la Unión Europea'). Arabic: https://news.un.org/ar/story/2015/03/221422 ('الاتحاد الأوروبي')."
        " Russian: UN Chronicle (Хроника ООН), Russian edition, as mirrored at"
        " http://fanyjok.com/ru/chronicle/article/22271 ('Европейский союз (ЕС) глубоко привержен целям и"
        " принципам Организации Объединенных Наций')",
    },
}
# The stages come from the vocabulary, as everywhere else: the paper counts the reviews at the stages its
# one-stage figures name (figure_stages), and the sample dates the nominations listed before them.
VOCABULARY = yaml.safe_load((PROFILES / "_vocabulary.yaml").read_text(encoding="utf-8"))
FIGURE_STAGES: dict[str, str] = VOCABULARY["figure_stages"]
STAGE_KEYS = [stage["key"] for stage in VOCABULARY["stages"]]
NOMINATION_STAGES = STAGE_KEYS[: STAGE_KEYS.index(FIGURE_STAGES["consultation"])]
# The cluster the sample reviews and the date each group began it: the vocabulary's first cluster, whose
# ``starts`` are sourced there.
FIRST_CLUSTER: dict = VOCABULARY["clusters"][0]
INSTRUMENTS: list[str] = [item["key"] for item in VOCABULARY["instruments"]]
GROUP_STARTS: dict[int, dt.date] = {int(group): date for group, date in FIRST_CLUSTER["starts"].items()}
# Days between one stage and the next, by figure stage (the nominations: see stage_dates).
STAGE_GAPS = {"consultation": (30, 120), "questionnaire": (120, 300), "feedback": (120, 240)}


@dataclass
class PartyFacts:
    """What the sources say about one party."""

    iso3: str
    name: str
    treaties: dict[str, dict] = field(default_factory=dict)
    regional_group: str | None = None

    @property
    def code(self) -> str:
        return self.iso3.lower() if self.iso3 else EU_CODE


def read_csv(name: str) -> list[dict[str, str]]:
    with (SOURCES / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def snapshot_source(row: dict[str, str]) -> dict:
    """The 2014 UNTC snapshot's row as a citation of the depositary's status page, as of its scrape."""
    treaty = row["mtdsg_no"]
    return {
        "publication": "mtdsg",
        "reference": treaty,
        "url": "https://treaties.un.org/pages/ViewDetails.aspx?src=TREATY&mtdsg_no="
        f"{treaty}&chapter=18&lang=en",
        "as_of": dt.date.fromisoformat(row["source_commit_date"]),
        "note": f"2014 snapshot: scraped copy in github.com/{row['source_repo']}, {row['source_path']} "
        f"at commit {row['source_commit'][:12]}",
    }


def paper_source(row: dict[str, str]) -> dict:
    """The Secretariat's background paper, at the footnote the row gives (``footnote 2``)."""
    return {
        "publisher": "secretariat",
        "kind": "background_paper",
        "published": PAPER_PUBLISHED,
        "footnote": int(row["source_paragraph"].removeprefix("footnote ")),
        "as_of": SAMPLE_AS_OF,
    }


def cited_source(row: dict[str, str]) -> dict:
    """A row of treaty_actions_other_sources.csv as a structured citation: only the cells it fills."""
    source: dict = {}
    for column in ("publication", "publisher", "kind", "reference"):
        if row[column]:
            source[column] = row[column]
    if row["published"]:
        source["published"] = dt.date.fromisoformat(row["published"])
    source["url"] = row["source_url"]
    if row["source_as_of"]:  # the date the source reports the fact as of
        source["as_of"] = dt.date.fromisoformat(row["source_as_of"])
    source["note"] = row["note"]
    return source


def collect_parties() -> dict[str, PartyFacts]:
    """Parties to the Convention with every treaty fact the sources give."""
    facts: dict[str, PartyFacts] = {}
    for row in read_csv("untoc_protocols_status_untc_snapshot.csv"):
        key = row["iso3"] or "EU"
        party = facts.setdefault(key, PartyFacts(row["iso3"], row["participant"]))
        entry: dict = {}
        if row["signature_date"]:
            entry["signature"] = dt.date.fromisoformat(row["signature_date"])
        if row["action_date"]:
            entry["consent"] = {"type": row["action_type"], "date": dt.date.fromisoformat(row["action_date"])}
        entry["source"] = snapshot_source(row)
        party.treaties[INSTRUMENT_KEYS[row["instrument"]]] = entry
    later = [(row, paper_source(row)) for row in read_csv("treaty_actions_since_2020.csv")] + [
        (row, cited_source(row)) for row in read_csv("treaty_actions_other_sources.csv")
    ]
    for row, source in later:
        party = facts.setdefault(row["iso3"], PartyFacts(row["iso3"], row["participant"]))
        entry = party.treaties.setdefault(INSTRUMENT_KEYS[row["instrument"]], {})
        if "signature" in entry:
            source = {
                **source,
                "note": (source.get("note", "") + "; signature date from the 2014 UNTC snapshot").lstrip(
                    "; "
                ),
            }
        # what the source does not say (the kind of act, its date) stays out: never a guess
        consent: dict = {}
        if row["action_type"]:
            consent["type"] = row["action_type"]
        if row["action_date"]:
            consent["date"] = dt.date.fromisoformat(row["action_date"])
        entry["consent"] = consent
        entry["source"] = source
    parties = {key: party for key, party in facts.items() if "consent" in party.treaties.get("untoc", {})}
    regional = defaultdict(list)
    names = {}
    for row in read_csv("un_regional_groups.csv"):
        regional[row["iso3"]].append(GROUP_KEYS[row["un_regional_group"]])
        names[row["iso3"]] = row["member_name"]
    for party in parties.values():
        groups = regional.get(party.iso3, [])
        party.regional_group = PRIMARY_GROUP.get(party.iso3) or (groups[0] if groups else None)
        if party.iso3 in NEWER_NAME_FROM_REGIONAL_LIST:
            party.name = names[party.iso3]
    return {party.code: party for party in parties.values()}


def territory(party: PartyFacts) -> str:
    if not party.iso3:
        return "EU"
    return get_global("territory_aliases")[party.iso3][0]


# ---------------------------------------------------------------- the demonstration sample


def figures() -> dict[str, int]:
    rows = read_csv("secretariat_figures_2024-02-29.csv")
    return {row["key"]: int(row["value"]) for row in rows if row["value"].isdigit()}


def scaled(value: int, total: int, reference: int) -> int:
    return round(value * total / reference)


def draw_groups(codes: list[str], rng: random.Random, paper: dict[str, int]) -> dict[str, int]:
    """Split the parties into three groups in the paper's proportions (62 / 63 / 64 of 189)."""
    sizes = [paper[f"group{number}.reviews"] for number in (1, 2, 3)]
    total = sum(sizes)
    counts = [scaled(size, len(codes), total) for size in sizes]
    counts[-1] = len(codes) - sum(counts[:-1])
    shuffled = codes[:]
    rng.shuffle(shuffled)
    groups: dict[str, int] = {}
    start = 0
    for number, count in enumerate(counts, start=1):
        for code in shuffled[start : start + count]:
            groups[code] = number
        start += count
    return groups


def draw_reviewers(
    codes: list[str], parties: dict[str, PartyFacts], rng: random.Random
) -> dict[str, list[str]]:
    """Two reviewers per party: one from its regional group, one from another; never itself; fair load."""
    load: Counter[str] = Counter()
    reviewers: dict[str, list[str]] = {}
    order = codes[:]
    rng.shuffle(order)
    for code in order:
        group = parties[code].regional_group
        same = [
            other for other in codes if other != code and group and parties[other].regional_group == group
        ]
        different = [other for other in codes if other != code and parties[other].regional_group != group]
        first = _least_loaded(same or different, load, rng)
        second = _least_loaded([other for other in different if other != first], load, rng)
        reviewers[code] = [first, second]
        load.update([first, second])
    return reviewers


def draw_additional_reviewers(
    codes: list[str], parties: dict[str, PartyFacts], reviewers: dict[str, list[str]], rng: random.Random
) -> dict[str, list[dict[str, str]]]:
    """An additional reviewer per instrument a party joined and one of its two reviewers did not.

    As the Procedures and rules have it: drawn for that instrument only, among the parties to it (never the
    party itself or one of its reviewers), one for each reviewer drawn by lot that has not joined it;
    fair load again. Draws with its own random generator, so the rest of the sample stays as it was.
    """

    def joined(code: str, instrument: str) -> bool:
        return "consent" in parties[code].treaties.get(instrument, {})

    load: Counter[str] = Counter()
    drawn: dict[str, list[dict[str, str]]] = {}
    for code in codes:
        for instrument in INSTRUMENTS:
            if not joined(code, instrument):
                continue
            missing = sum(not joined(reviewer, instrument) for reviewer in reviewers[code])
            taken = {code, *reviewers[code]}
            for _ in range(missing):
                candidates = [other for other in codes if other not in taken and joined(other, instrument)]
                extra = _least_loaded(candidates, load, rng)
                load[extra] += 1
                taken.add(extra)
                drawn.setdefault(code, []).append({"instrument": instrument, "party": extra})
    return drawn


def _least_loaded(candidates: list[str], load: Counter[str], rng: random.Random) -> str:
    lowest = min(load[candidate] for candidate in candidates)
    return rng.choice(sorted(candidate for candidate in candidates if load[candidate] == lowest))


def plan_stages(
    codes: list[str],
    groups: dict[str, int],
    rng: random.Random,
    paper: dict[str, int],
    begun: tuple[str, ...] = (),
) -> dict[str, str]:
    """How far each review has gone, in the paper's proportions; earlier groups are further along.

    code -> the last of the figure stages (``figure_stages`` of the vocabulary: consultation, questionnaire,
    feedback) the review passed; reviews that passed none are left out. The reviews of ``begun`` (the pilot
    initiatives) have begun: each that the draw left out takes the place of a review of its group that just
    held its consultation, so the counts per stage and per group stay the paper's.
    """
    reference = paper["parties_in_mechanism"]
    in_progress = scaled(paper["reviews_in_progress"], len(codes), reference)
    at_observations = paper["reviews_at_list_of_observations_stage"]  # all four in group 1 (para. 36)
    at_feedback = scaled(paper["reviews_at_written_feedback_stage"], len(codes), reference)
    at_saq = in_progress - at_feedback - at_observations
    weights = {1: 6.0, 2: 3.0, 3: 1.0}
    order = sorted(codes, key=lambda code: rng.random() ** (1 / weights[groups[code]]), reverse=True)
    group_one = [code for code in order if groups[code] == 1]
    reached: dict[str, str] = {}
    for code in group_one[:at_observations]:
        reached[code] = "feedback"  # feedback given, list of observations being drafted
    rest = [code for code in order if code not in reached]
    for code in rest[:at_feedback]:
        reached[code] = "questionnaire"  # questionnaire in, written feedback being prepared
    for code in rest[at_feedback : at_feedback + at_saq]:
        reached[code] = "consultation"  # questionnaire in preparation
    for code in begun:
        if code in reached or code not in groups:
            continue
        # the last drawn (least far along) of its group's reviews at the consultation stage makes way
        same_group = [
            other
            for other in reversed(rest[at_feedback : at_feedback + at_saq])
            if reached.get(other) == "consultation" and groups[other] == groups[code] and other not in begun
        ]
        del reached[same_group[0]]
        reached[code] = "consultation"
    return reached


def stage_dates(start: dt.date, reached: str | None, has_focal_point: bool, rng: random.Random) -> dict:
    """Dates for the stages passed, in order, each after the previous, none after the sample date.

    Every party with a focal point passed the nominations; ``reached`` (a figure stage, see plan_stages)
    says how far along the figure stages its review went.
    """
    dates: dict[str, dt.date] = {}
    if not has_focal_point:
        return dates
    cursor = start
    for number, key in enumerate(NOMINATION_STAGES):
        cursor += dt.timedelta(days=rng.randint(5, 60) if number == 0 else rng.randint(7, 60))
        dates[key] = cursor
    steps = list(STAGE_GAPS)  # the figure stages, in order
    if reached is None:
        return dates
    for step in steps[: steps.index(reached) + 1]:
        cursor += dt.timedelta(days=rng.randint(*STAGE_GAPS[step]))
        latest = SAMPLE_AS_OF - dt.timedelta(days=len(steps) - steps.index(step))
        dates[FIGURE_STAGES[step]] = min(cursor, latest)
    return dates


LANGUAGE_COMBOS_FROM_PAPER = [
    ("en", "review_languages.en"),
    ("fr", "review_languages.fr"),
    ("es", "review_languages.es"),
    ("ar", "review_languages.ar"),
    ("en+fr", "review_languages.en+fr"),
    ("ar+en", "review_languages.en+ar"),
    ("en+es", "review_languages.es+en"),
    ("en+ru", "review_languages.en+ru"),
    ("zh+en", "review_languages.en+zh"),
    ("fr+es", "review_languages.es+fr"),
    ("three", "review_languages.three_languages"),
    ("", "review_languages.undecided"),
]
THREE_LANGUAGE_SETS = [["ar", "en", "fr"], ["en", "fr", "es"], ["en", "ru", "es"], ["ar", "en", "fr"]]


def plan_languages(
    started: list[str], parties: dict[str, PartyFacts], rng: random.Random, paper
) -> dict[str, list[str]]:
    """Working languages for the reviews that started, in the paper's mix, matched to official languages."""
    official = get_global("territory_languages")
    combos: list[list[str]] = []
    three = iter(THREE_LANGUAGE_SETS)
    for combo, key in LANGUAGE_COMBOS_FROM_PAPER:
        for _ in range(paper[key]):
            combos.append(next(three) if combo == "three" else ([] if not combo else combo.split("+")))
    rng.shuffle(combos)
    combos = combos[: len(started)]
    remaining = started[:]
    rng.shuffle(remaining)
    chosen: dict[str, list[str]] = {}
    # rarer languages first, each given to a party that has it as an official language where possible
    for combo in sorted(combos, key=lambda item: ("en" in item and len(item) == 1, len(item))):
        wanted = [language for language in combo if language != "en"]

        def speaks(code: str, wanted: list[str] = wanted) -> bool:
            spoken = official.get(territory(parties[code]), {})
            return all(spoken.get(language, {}).get("official_status") for language in wanted)

        match = next((code for code in remaining if speaks(code)), remaining[0])
        remaining.remove(match)
        chosen[match] = combo
    return chosen


def build_sample(parties: dict[str, PartyFacts]) -> dict[str, dict]:
    """Review (of the first cluster), nominations and documents for every party in the review."""
    rng = random.Random(SEED)
    paper = figures()
    codes = sorted(code for code in parties if code not in NOT_IN_REVIEW | ADDED_AFTER_THE_SAMPLE)
    groups = draw_groups(codes, rng, paper)
    reviewers = draw_reviewers(codes, parties, rng)
    additional = draw_additional_reviewers(codes, parties, reviewers, random.Random(f"{SEED}-additional"))
    reached = plan_stages(codes, groups, rng, paper, PILOT_INITIATIVES)
    languages = plan_languages(sorted(reached), parties, rng, paper)
    reference = paper["parties_in_mechanism"]
    without_focal_point = scaled(paper["parties_without_focal_point"], len(codes), reference)
    # The initial consultation needs the three focal points (background paper, para. 26): a party without
    # one neither began its review nor reviews a party whose review began.
    reviewing_begun = {reviewer for code in reached for reviewer in reviewers[code]}
    candidates = [code for code in codes if code not in reached]
    rng.shuffle(candidates)
    free = [code for code in candidates if code not in reviewing_begun]
    no_focal_point = set(free[:without_focal_point])
    institutions = ["foreign_affairs"] * 48 + ["justice"] * 36 + ["interior"] * 16
    # observers are nominated by a party that takes part through its focal point (paras. 11 and 19)
    with_focal_point = [code for code in codes if code not in no_focal_point]
    with_observers = scaled(paper["parties_with_observers"], len(codes), reference)
    observers = set(rng.sample(with_focal_point, with_observers))
    women_share = paper["governmental_experts_women"] / paper["governmental_experts_nominated"]
    mean_experts = paper["governmental_experts_nominated"] / paper["parties_with_focal_points"]
    sample: dict[str, dict] = {}
    for code in codes:
        has_focal_point = code not in no_focal_point
        start = GROUP_STARTS[groups[code]]
        stages = stage_dates(start, reached.get(code), has_focal_point, rng)
        experts = max(1, round(rng.gauss(mean_experts, 2.5))) if has_focal_point else 0
        women = sum(rng.random() < women_share for _ in range(experts))
        review = {
            "cluster": FIRST_CLUSTER["key"],
            "sample": True,
            "group": groups[code],
            "reviewers": reviewers[code],
            **({"additional_reviewers": additional[code]} if code in additional else {}),
            "redraws": 1 if rng.random() < 0.05 else 0,
            "stages": stages,
            "languages": languages.get(code, []),
        }
        nominations = {
            "focal_point": {"nominated": has_focal_point}
            | ({"institution": rng.choice(institutions)} if has_focal_point else {}),
            "governmental_experts": {"total": experts, "women": women},
            "observers": code in observers,
        }
        documents = []
        if FIGURE_STAGES["questionnaire"] in stages and rng.random() < 0.4:
            documents.append(
                {
                    "kind": "saq_response",
                    "date": stages[FIGURE_STAGES["questionnaire"]],
                    "languages": languages.get(code) or ["en"],
                    "url": "https://www.unodc.org/unodc/en/organized-crime/intro/review-mechanism-untoc/home.html",
                    "sample": True,
                }
            )
        sample[code] = {"reviews": [review], "nominations": nominations, "documents": documents}
    return sample


class _PlainDumper(yaml.SafeDumper):
    """Writes every value out in full: records never use anchors and aliases (the loader refuses them)."""

    def ignore_aliases(self, data: object) -> bool:
        return True


HEADER = """\
# Country profile record: {name}
# Treaty facts: real, each with its source. Review, nominations and documents: DEMONSTRATION SAMPLE
# (sample: true in each review), drawn by scripts/make_profiles.py to follow the Secretariat's reported
# figures as of 2024-02-29; not the party's actual review data.
# Field help: schema/party.schema.json (shown on hover in VS Code with the YAML extension).
"""


@cache
def unterm_names() -> dict[str, dict[str, str]]:
    """UNTERM's short names by ISO alpha-3 code (sources/unterm_names.csv)."""
    return {row["iso3"]: row for row in read_csv("unterm_names.csv")}


def record_names(party: PartyFacts) -> dict[str, str]:
    """The record's ``names``: UNTERM cited where it names the party, else the names our sources give."""
    if party.iso3 in unterm_names():
        return {"source": UNTERM_SOURCE}
    if party.code == EU_CODE:
        return {"en": party.name, **EU_NAMES}
    return {
        "en": party.name,
        "source": {"publication": "mtdsg", "reference": "XVIII-12", "note": "participant name"},
    }


def display_name(party: PartyFacts) -> str:
    """The English name in the record's header comment: UNTERM's, or the one the record carries."""
    return unterm_names()[party.iso3]["en"] if party.iso3 in unterm_names() else party.name


def record(party: PartyFacts, sample: dict | None) -> dict:
    latest = max(
        [entry["consent"]["date"] for entry in party.treaties.values() if "date" in entry.get("consent", {})]
        + [
            entry["source"]["as_of"]
            for entry in party.treaties.values()
            if "as_of" in entry.get("source", {})
        ]
        + [SAMPLE_AS_OF if sample else dt.date.min]
    )
    data: dict = {
        "code": party.code,
        "kind": "regional_organization" if party.code == EU_CODE else "state",
        "regional_group": party.regional_group,
        "territory": territory(party),
        "names": record_names(party),
        "as_of": max(latest, SAMPLE_AS_OF),
        "treaties": {
            key: party.treaties[key] for key in ("untoc", "tip", "som", "firearms") if key in party.treaties
        },
    }
    if sample:
        data.update(sample)
    return data


def main() -> None:
    parties = collect_parties()
    sample = build_sample(parties)
    PROFILES.mkdir(exist_ok=True)
    for old in PROFILES.glob("[a-z][a-z][a-z].yaml"):
        old.unlink()
    for code, party in sorted(parties.items()):
        text = HEADER.format(name=display_name(party)) + yaml.dump(
            record(party, sample.get(code)),
            Dumper=_PlainDumper,
            sort_keys=False,
            allow_unicode=True,
            width=110,
        )
        (PROFILES / f"{code}.yaml").write_text(text, encoding="utf-8")
    print(
        f"{len(parties)} records written to {PROFILES.relative_to(ROOT)}/"
        f" ({len(sample)} in the review sample)"
    )


if __name__ == "__main__":
    main()
