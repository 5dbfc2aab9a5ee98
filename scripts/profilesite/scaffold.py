"""Scaffold a new record: every field present, each with its help text as a comment.

The result validates as it is (a party that joined and is not yet under review); the commented blocks show
what to fill in when the facts are known, each fact with its source. The example stages are the
vocabulary's, in its order, so the example stays right when a stage is added there.
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
#     source:
#       title: UN Treaty Collection, status of treaty XVIII-12
#       url: https://treaties.un.org/
#       as_of: 2024-02-29
# review:  # once the party is in the review
#   sample: false  # true only for demonstration data
#   group: 1  # review group drawn by lot: 1, 2 or 3
#   reviewers: [abc, xyz]  # the two parties drawn by lot (one from the same regional group)
#   redraws: 0  # times the lots were redrawn (at most 4)
#   stages:  # date each stage was passed (keys: stages in profiles/_vocabulary.yaml); leave out the rest
{stages}
#   languages: [en]  # working languages agreed (ar, zh, en, fr, ru, es); [] if not yet agreed
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


def stage_keys(vocabulary: Path = VOCABULARY) -> list[str]:
    """The stage keys of ``vocabulary``, in order; none when it cannot be read (a placeholder is shown)."""
    try:
        data = yaml.safe_load(vocabulary.read_text("utf-8"))
        return [str(stage["key"]) for stage in data["stages"]]
    except (OSError, UnicodeDecodeError, yaml.YAMLError, KeyError, TypeError):
        return []


def _example_stages(keys: Sequence[str]) -> str:
    """Commented example lines, one per stage, with dates that follow each other as the rules require."""
    if not keys:
        return "#     <stage key>: 2021-01-15"
    first = dt.date(2021, 1, 15)
    dates = [first + dt.timedelta(days=60 * number) for number in range(len(keys))]
    return "\n".join(f"#     {key}: {date.isoformat()}" for key, date in zip(keys, dates, strict=True))


def scaffold(code: str, today: dt.date | None = None, stages: Sequence[str] | None = None) -> str:
    """The text of a new record for ``code`` (alpha-3, or eur for the European Union).

    ``stages``: the stage keys of the commented example; by default those of ``profiles/_vocabulary.yaml``
    in the current folder, where ``profilesite new`` runs.
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
    )
