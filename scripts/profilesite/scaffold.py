"""Scaffold a new record: every field present, each with its help text as a comment.

The result validates as it is (a party that joined and is not yet under review); the commented blocks show
what to fill in when the facts are known, each fact with its source. The example cluster and stages are the
vocabulary's, in its order, so the example stays right when a cluster or a stage is added there.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import yaml
from babel.core import Locale, get_global

#: Where ``profilesite new`` (run in the project folder) finds the stages of the example.
VOCABULARY = Path("profiles") / "_vocabulary.yaml"

TEMPLATE = """\
# Country profile record. Field help: schema/party.schema.json (hover in VS Code with the YAML extension).
# Every fact needs its source; a fact you cannot source stays out. Check with: make validate
code: {code}  # ISO 3166-1 alpha-3 in lower case; the file name is <code>.yaml
kind: {kind}  # state | regional_organization
# regional_group: african | asia_pacific | eastern_european | latin_american_caribbean
#                 | western_european_other | null (outside the UN regional groups)
regional_group: {group}
territory: {territory}  # CLDR territory code: the party's name in every language comes from it
names:  # official short names as the UN writes them; leave a language out to use CLDR's name
  # en: Name as the UN writes it
  source: null  # where the names come from
as_of: {today}  # the date this record holds as of (YYYY-MM-DD)
treaties: {{}}
# treaties:  # one entry per instrument joined: untoc, tip, som, firearms
#   untoc:
#     signature: 2000-12-12  # date of signature, if signed
#     consent:
#       type: ratification  # ratification | acceptance | approval | accession | succession
#       date: 2004-06-16  # date of deposit
#     source:  # a publication, or a publisher with the kind of document (keys in _vocabulary.yaml)
#       publication: mtdsg  # Multilateral Treaties Deposited with the Secretary-General
#       reference: XVIII-12  # treaty number or document symbol, as written
#       url: https://treaties.un.org/
#       as_of: 2024-02-29
#       # publisher: unodc  # instead of publication: with kind: press_release, published: YYYY-MM-DD
#       # note: how the fact was taken from the source (note_language: en)
reviews: []
# reviews:  # once the party is in the review: one entry per thematic cluster, in the order of the clusters
#   - cluster: {cluster}  # cluster key: {clusters}
#     sample: false  # true only for demonstration data
#     group: 1  # review group drawn by lot: 1, 2 or 3
#     # instruments: [untoc, tip]  # leave out to cover every instrument the party has joined
#     reviewers: [abc, xyz]  # the two parties drawn by lot (one from the same regional group)
#     # additional_reviewers:  # only for an instrument one of the two reviewers has not joined
#     #   - instrument: firearms  # the instrument the additional reviewer was drawn for
#     #     party: def  # a party to that instrument, neither this party nor one of the two reviewers
#     redraws: 0  # times the lots were redrawn (at most 4)
#     stages:  # date each stage was passed (keys: stages in profiles/_vocabulary.yaml); leave out the rest
{stages}
#     languages: [en]  # working languages agreed (ar, zh, en, fr, ru, es); [] if not yet agreed
# nominations:  # published facts only: never names, e-mail addresses or phone numbers
#   focal_point:
#     nominated: true
#     institution: foreign_affairs  # foreign_affairs | justice | interior | other
#   governmental_experts: {{total: 4, women: 2}}
#   observers: false
documents: []
# documents:  # documents the party agreed to publish
#   - kind: saq_response  # saq_response | list_of_observations | summary | other (needs a title)
#     date: 2021-09-30
#     languages: [en, fr]  # languages it exists in (ar, zh, en, fr, ru, es, pt)
#     url: https://www.unodc.org/...
"""


def vocabulary_keys(section: str, vocabulary: Path = VOCABULARY) -> list[str]:
    """The keys of one section of ``vocabulary`` (stages, clusters), in order; none when it cannot be read.

    Read as plain YAML, not validated: ``profilesite new`` must work even while the vocabulary has a mistake
    (a placeholder is shown instead).
    """
    try:
        data = yaml.safe_load(vocabulary.read_text("utf-8"))
        return [str(item["key"]) for item in data[section]]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return []


def stage_keys(vocabulary: Path = VOCABULARY) -> list[str]:
    """The stage keys of ``vocabulary``, in order; none when it cannot be read (a placeholder is shown)."""
    return vocabulary_keys("stages", vocabulary)


def cluster_keys(vocabulary: Path = VOCABULARY) -> list[str]:
    """The thematic cluster keys of ``vocabulary``, in order; none when it cannot be read."""
    return vocabulary_keys("clusters", vocabulary)


def _example_stages(keys: Sequence[str]) -> str:
    """Commented example lines, one per stage, with dates that follow each other as the rules require."""
    if not keys:
        return "#       <stage key>: 2021-01-15"
    first = dt.date(2021, 1, 15)
    dates = [first + dt.timedelta(days=60 * number) for number in range(len(keys))]
    return "\n".join(f"#       {key}: {date.isoformat()}" for key, date in zip(keys, dates, strict=True))


def _example_cluster(keys: Sequence[str]) -> dict[str, str]:
    """The cluster of the example (the first) and the keys to choose from, or placeholders."""
    if not keys:
        return {"cluster": "<cluster key>", "clusters": "see clusters in profiles/_vocabulary.yaml"}
    return {"cluster": keys[0], "clusters": " | ".join(keys)}


def scaffold(
    code: str,
    today: dt.date | None = None,
    stages: Sequence[str] | None = None,
    clusters: Sequence[str] | None = None,
) -> str:
    """The text of a new record for ``code`` (alpha-3, or eur for the European Union).

    ``stages`` and ``clusters``: the keys of the commented example; by default those of
    ``profiles/_vocabulary.yaml`` in the current folder, where ``profilesite new`` runs.
    """
    code = code.lower()
    if code == "eur":
        territory, kind = "EU", "regional_organization"
    else:
        aliases = get_global("territory_aliases").get(code.upper()) if len(code) == 3 else None
        if not aliases or aliases[0] not in Locale("en").territories or aliases[0] == "ZZ":
            raise ValueError(f'"{code}" is not an ISO 3166-1 alpha-3 code known to CLDR')
        territory, kind = aliases[0], "state"
    return TEMPLATE.format(
        code=code,
        kind=kind,
        group="null",
        territory=territory,
        today=(today or dt.date.today()).isoformat(),
        stages=_example_stages(stage_keys() if stages is None else stages),
        **_example_cluster(cluster_keys() if clusters is None else clusters),
    )
