"""Editors' tools: the generated JSON Schema (fresh, valid, drives a standard validator) and `profilesite new`."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from profilesite.checks import validate
from profilesite.scaffold import scaffold
from profilesite.schema import PARTY_SCHEMA, SCHEMA_DIR, generated_files

REPO = Path(__file__).resolve().parents[2]


def _records():
    records, problems = validate([REPO / "profiles"], REPO)
    assert problems == []
    return records


def _as_json(value):
    """YAML values as a JSON document has them (dates become ISO strings)."""
    if isinstance(value, dict):
        return {key: _as_json(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_json(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def test_committed_schemas_are_fresh():
    """The committed schema equals what the models generate; regenerate with `.venv/bin/profilesite schema`."""
    for name, text in generated_files(_records().vocabulary).items():
        committed = (REPO / SCHEMA_DIR / name).read_text("utf-8")
        assert committed == text, (
            f"{SCHEMA_DIR}/{name} is stale: run `.venv/bin/profilesite schema` and commit"
        )


def test_schema_validates_every_record_with_a_standard_validator():
    schema = json.loads((REPO / SCHEMA_DIR / PARTY_SCHEMA).read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for path in sorted((REPO / "profiles").glob("[a-z][a-z][a-z].yaml")):
        errors = list(validator.iter_errors(_as_json(yaml.safe_load(path.read_text("utf-8")))))
        assert errors == [], f"{path.name}: {[error.message for error in errors]}"


def test_schema_rejects_typos_and_unknown_vocabulary_and_offers_completion():
    schema = json.loads((REPO / SCHEMA_DIR / PARTY_SCHEMA).read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    record = _as_json(yaml.safe_load((REPO / "profiles" / "ken.yaml").read_text("utf-8")))
    record["regional_group"] = "africa"
    record["titel"] = "x"
    record["documents"] = [
        {"kind": "report", "date": "2021-01-01", "languages": ["en"], "url": "https://a.b/"}
    ]
    record["reviews"][0]["cluster"] = "criminalisation"
    record["reviews"][0]["additional_reviewers"] = [{"instrument": "tips", "party": "fra"}]
    messages = [error.message for error in validator.iter_errors(record)]
    assert any("criminalisation" in message for message in messages)
    assert any("tips" in message for message in messages)
    assert any("titel" in message for message in messages)
    assert any("africa" in message for message in messages)
    assert any("report" in message for message in messages)
    # completion lists come from the vocabulary, descriptions from the models
    assert "african" in json.dumps(schema["properties"]["regional_group"])
    review = schema["$defs"]["Review"]["properties"]
    vocabulary = _records().vocabulary
    assert review["cluster"]["enum"] == vocabulary.keys("clusters")
    [listed] = [option for option in review["instruments"]["anyOf"] if option.get("type") == "array"]
    assert listed["items"]["enum"] == vocabulary.keys("instruments")
    additional = schema["$defs"]["AdditionalReviewer"]["properties"]
    assert additional["instrument"]["enum"] == vocabulary.keys("instruments")
    assert schema["properties"]["as_of"]["description"].startswith("Date the record")


def test_vscode_maps_the_schemas_to_the_records():
    settings = json.loads((REPO / ".vscode" / "settings.json").read_text("utf-8"))
    assert settings["yaml.schemas"]["./schema/party.schema.json"] == ["profiles/[a-z][a-z][a-z].yaml"]
    for schema_path in settings["yaml.schemas"]:
        assert (REPO / schema_path).is_file()


def test_scaffolded_record_needs_only_its_consent_and_lists_every_field(tmp_path: Path):
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    shutil.copy(REPO / "profiles" / "_vocabulary.yaml", profiles)
    text = scaffold("PSE", today=dt.date(2024, 2, 29))
    (profiles / "pse.yaml").write_text(text, "utf-8")
    _, problems = validate([profiles], tmp_path)
    # unfilled, it is not a party yet: the one problem says what to write (issue 14: an unfilled scaffold
    # must not add a party to the site)
    assert [(problem.field, problem.message.split(":")[0]) for problem in problems] == [
        ("treaties", "no consent to be bound by the Convention")
    ]
    filled = text.replace(
        "treaties: {}",
        "treaties:\n  untoc:\n    consent: {type: accession, date: 2018-01-02}\n    source: {title: Test}",
    )
    (profiles / "pse.yaml").write_text(filled, "utf-8")
    records, problems = validate([profiles], tmp_path)
    assert problems == []
    assert records.parties["pse"].territory == "PS"
    for field in ("reviews:", "reviewers:", "stages:", "nominations:", "documents:", "treaties:", "source:"):
        assert field in text
    for field in ("- cluster:", "instruments:", "additional_reviewers:"):
        assert field in text
    assert "\nreview:" not in text and "# review:" not in text  # the single review block is gone


def _commented_block(text: str, start: str, end: str) -> str:
    """The example between ``start`` and ``end`` with its comment marks (two levels) taken off."""
    block = text[text.index(start) : text.index(end)]
    lines = []
    for line in block.splitlines():
        line = line.removeprefix("# ")
        stripped = line.lstrip(" ")
        if stripped.startswith("# "):  # an optional field, commented once more
            line = line[: len(line) - len(stripped)] + stripped.removeprefix("# ")
        lines.append(line)
    return "\n".join(lines)


def test_scaffold_review_example_is_a_valid_review_in_the_new_shape():
    """Uncommented, the example is a list of reviews whose keys are the vocabulary's (cluster, stages)."""
    from profilesite.model import Review

    text = scaffold("PSE", today=dt.date(2024, 2, 29))
    vocabulary = _records().vocabulary
    example = yaml.safe_load(_commented_block(text, "# reviews:", "# nominations:"))
    [entry] = example["reviews"]
    review = Review.model_validate(entry)
    assert review.cluster == vocabulary.keys("clusters")[0]
    assert list(review.stages) == vocabulary.keys("stages")
    assert review.instruments is not None and set(review.instruments) <= set(vocabulary.keys("instruments"))
    [extra] = review.additional_reviewers
    assert extra.instrument in vocabulary.keys("instruments")
    assert extra.party not in review.reviewers
    for key in vocabulary.keys("clusters"):
        assert key in text  # the keys to choose from are listed beside the example


def test_scaffold_without_a_vocabulary_shows_placeholders():
    text = scaffold("PSE", today=dt.date(2024, 2, 29), stages=[], clusters=[])
    assert "- cluster: <cluster key>" in text and "<stage key>: 2021-01-15" in text


def test_new_command_refuses_unknown_codes_and_existing_files(tmp_path: Path):
    (tmp_path / "profiles").mkdir()
    command = [sys.executable, "-m", "profilesite.cli", "new"]
    unknown = subprocess.run(command + ["xxx"], cwd=tmp_path, capture_output=True, text=True)
    assert unknown.returncode == 1 and "not an ISO 3166-1 alpha-3 code" in unknown.stderr
    assert subprocess.run(command + ["fra"], cwd=tmp_path, capture_output=True).returncode == 0
    again = subprocess.run(command + ["fra"], cwd=tmp_path, capture_output=True, text=True)
    assert again.returncode == 1 and "already exists" in again.stderr
    assert "Traceback" not in unknown.stderr + again.stderr


@pytest.mark.parametrize("name", ["site.yml"])
def test_workflows_pass_actionlint(name: str):
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), str(REPO / ".github" / "workflows" / name)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path):
    """The check above can fail: a workflow with an unknown key and a bad expression is rejected."""
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    stepz: []\n    if: ${{ github.nope( }}\n"
    )
    actionlint = Path(sys.executable).parent / "actionlint"
    assert subprocess.run([str(actionlint), str(broken)], capture_output=True).returncode != 0


def test_workflow_deploys_only_from_main_one_at_a_time_after_the_checks():
    workflow = yaml.safe_load((REPO / ".github" / "workflows" / "site.yml").read_text("utf-8"))
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "refs/heads/main" in deploy["if"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    steps = workflow["jobs"]["build"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    runs = [step.get("run", "") for step in steps]
    assert any(item.startswith("actions/upload-pages-artifact") for item in uses)
    assert ".ci/run" in runs and "make build" in runs and "make validate" in runs
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_pre_commit_hooks_cover_records_format_lint():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text("utf-8"))
    ids = {hook["id"] for repo in config["repos"] for hook in repo["hooks"]}
    assert {"validate-records", "ruff-format", "ruff", "schema-fresh"} <= ids
