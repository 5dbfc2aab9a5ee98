"""JSON Schemas for editors' tools, generated from the models (never hand-written).

VS Code's YAML extension (and any yaml-language-server editor) reads them through ``.vscode/settings.json``:
completion, hover help from the field descriptions, errors as the editor types. The vocabulary's keys are
added as enumerations, so an editor completes ``regional_group`` or a document ``kind`` from the data.
A test fails when the committed files differ from what this module generates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from profilesite.model import Party, Vocabulary
from profilesite.model.response import Responses

SCHEMA_DIR = "schema"
PARTY_SCHEMA = "party.schema.json"
VOCABULARY_SCHEMA = "vocabulary.schema.json"
RESPONSES_SCHEMA = "responses.schema.json"


def _enum(schema: dict[str, Any], definition: str, field: str, values: list[str]) -> None:
    target = schema["$defs"][definition]["properties"][field] if definition else schema["properties"][field]
    if "items" in target:
        target["items"]["enum"] = values
        return
    options = target.get("anyOf")
    if options:
        for option in options:
            if option.get("type") == "string":
                option["enum"] = values
            elif option.get("type") == "array" and "items" in option:
                option["items"]["enum"] = values  # an optional list: ``list[str] | None``
    else:
        target["enum"] = values


def party_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    """The record schema, with the vocabulary's keys as enumerations when a vocabulary is given."""
    schema = Party.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Country profile record (profiles/<code>.yaml)"
    if vocabulary is not None:
        _enum(schema, "", "regional_group", vocabulary.keys("regional_groups"))
        schema["properties"]["treaties"]["propertyNames"] = {"enum": vocabulary.keys("instruments")}
        _enum(schema, "Consent", "type", vocabulary.keys("consent_types"))
        _enum(schema, "Review", "cluster", vocabulary.keys("clusters"))
        _enum(schema, "Review", "instruments", vocabulary.keys("instruments"))
        _enum(schema, "AdditionalReviewer", "instrument", vocabulary.keys("instruments"))
        _enum(schema, "Review", "languages", list(vocabulary.review_languages))
        _enum(schema, "Document", "kind", vocabulary.keys("document_kinds"))
        _enum(schema, "Document", "languages", [item.key for item in vocabulary.document_languages])
        _enum(schema, "FocalPoint", "institution", vocabulary.keys("institutions"))
        _stage_keys(schema, vocabulary)
    return schema


def _stage_keys(schema: dict[str, Any], vocabulary: Vocabulary) -> None:
    """A review's ``stages`` take the vocabulary's stage keys, each with its English label as hover help.

    The record model keys stages by plain strings (a new stage needs no code); the schema gives editors
    the completion and help a model field per stage used to give.
    """
    stages = schema["$defs"]["Review"]["properties"]["stages"]
    date = stages["additionalProperties"]
    stages["properties"] = {
        stage.key: {**date, "description": f"{stage.label.en}: the date (YYYY-MM-DD)."}
        for stage in vocabulary.stages
    }
    stages["propertyNames"] = {"enum": vocabulary.keys("stages")}


def responses_schema(vocabulary: Vocabulary | None) -> dict[str, Any]:
    """JSON Schema of a response file (profiles/responses/<code>/<cluster>.yaml), with vocabulary keys."""
    schema = Responses.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Published questionnaire responses (profiles/responses/<code>/<cluster>.yaml)"
    if vocabulary is not None:
        _enum(schema, "Answer", "instrument", vocabulary.keys("instruments"))
        _enum(schema, "Answer", "category", vocabulary.keys("answer_categories"))
    return schema


def vocabulary_schema() -> dict[str, Any]:
    """The vocabulary file's schema."""
    schema = Vocabulary.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "Vocabularies of the Review Mechanism (profiles/_vocabulary.yaml)"
    return schema


def render(schema: dict[str, Any]) -> str:
    """Stable text of a schema (sorted keys, trailing newline) so regeneration gives no spurious diff."""
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def generated_files(vocabulary: Vocabulary | None) -> dict[str, str]:
    """File name -> content of every generated schema."""
    return {
        PARTY_SCHEMA: render(party_schema(vocabulary)),
        RESPONSES_SCHEMA: render(responses_schema(vocabulary)),
        VOCABULARY_SCHEMA: render(vocabulary_schema()),
    }


def write_schemas(root: Path, vocabulary: Vocabulary | None) -> list[Path]:
    """Write the schemas into ``<root>/schema/``; returns the files written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(exist_ok=True)
    written = []
    for name, text in generated_files(vocabulary).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
