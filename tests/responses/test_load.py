"""Response files reach PartyIndex.responses through load_index, or nothing is built; validate() by file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from profilesite.checks import InvalidRecords, load_index, validate
from profilesite.load.responses import MAX_FILE_BYTES
from profilesite.model.response import DEMONSTRATION_MARKERS, demonstration_marker

from .conftest import PROFILES, REPO, changed, dump, records_copy, valid_response, write_response

SHIPPED_RESPONSES = sorted((PROFILES / "responses").glob("*/*.yaml"))


def test_shipped_demonstration_responses_load_into_the_index():
    index = load_index(PROFILES, REPO)
    expected = {(path.parent.name, path.stem) for path in SHIPPED_RESPONSES}
    assert len(expected) >= 4
    assert set(index.responses) == expected
    for (code, cluster), responses in index.responses.items():
        assert responses.sample, (code, cluster)
        assert index.parties[code].review_of(cluster) is not None
        assert responses.answers


def test_shipped_demonstration_data_says_so():
    """Each file opens with a comment saying it is demonstration data; each text begins with the marker
    of its own language, and the languages include Arabic and Chinese."""
    index = load_index(PROFILES, REPO)
    languages = set()
    for path in SHIPPED_RESPONSES:
        assert path.read_text("utf-8").startswith("# DEMONSTRATION DATA"), path
    for responses in index.responses.values():
        for answer in responses.answers:
            languages.add(answer.language)
            assert answer.text.startswith(demonstration_marker(answer.language))
            if answer.feedback:
                assert answer.feedback.text.startswith(demonstration_marker(answer.feedback.language))
            for law in answer.legislation:
                assert law.title.startswith(demonstration_marker(law.language or answer.language))
    assert {"ar", "zh", "en", "fr", "es"} <= languages
    assert {responses.consent.extent for responses in index.responses.values()} == {"full", "partial"}


def test_markers_are_distinct_and_bracketed():
    markers = list(DEMONSTRATION_MARKERS.values())
    assert len(set(markers)) == len(markers) == 7
    assert all(marker.startswith("[") and marker.endswith("]") for marker in markers)
    assert demonstration_marker("zh-Hant") == DEMONSTRATION_MARKERS["zh"]
    assert demonstration_marker("de") == DEMONSTRATION_MARKERS["en"]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A tmp root whose profiles/ holds the shipped records, without responses."""
    records_copy(tmp_path)
    return tmp_path


def test_a_valid_file_reaches_the_index(project, scenario):
    write_response(project / "profiles", scenario.code, scenario.cluster, dump(valid_response(scenario)))
    index = load_index(project / "profiles", project)
    assert list(index.responses) == [(scenario.code, scenario.cluster)]
    assert index.responses[(scenario.code, scenario.cluster)].answers[0].article == scenario.article


def test_every_problem_of_several_files_in_one_run_and_nothing_built(project, scenario):
    profiles = project / "profiles"
    bad_article = changed(scenario)
    bad_article["answers"][0]["article"] = "999"
    write_response(profiles, scenario.code, scenario.cluster, dump(bad_article))
    write_response(profiles, scenario.not_submitted, scenario.cluster, dump(valid_response(scenario)))
    write_response(profiles, scenario.code, "no_such_cluster", dump(valid_response(scenario)))
    write_response(profiles, "zzz", scenario.cluster, "answers: [unclosed")
    (profiles / "responses" / "stray.yaml").write_text("sample: true\n", "utf-8")
    with pytest.raises(InvalidRecords) as raised:
        load_index(profiles, project)
    found = {
        (problem.file.split("profiles/responses/")[-1], problem.field) for problem in raised.value.problems
    }
    assert found >= {
        (f"{scenario.code}/{scenario.cluster}.yaml", "answers[0].article"),
        (f"{scenario.not_submitted}/{scenario.cluster}.yaml", "submitted"),
        (f"{scenario.code}/no_such_cluster.yaml", ""),
        (f"zzz/{scenario.cluster}.yaml", ""),
        ("stray.yaml", ""),
    }
    assert "nothing was built" in str(raised.value)


def test_a_problem_in_a_response_stops_the_build_even_when_records_are_valid(project, scenario):
    profiles = project / "profiles"
    data = changed(scenario)
    data["answers"][0]["text"] = demonstration_marker("en") + " <script>alert(1)</script>"
    write_response(profiles, scenario.code, scenario.cluster, dump(data))
    with pytest.raises(InvalidRecords) as raised:
        load_index(profiles, project)
    assert [problem.field for problem in raised.value.problems] == ["answers[0].text"]


def test_a_20_mb_file_is_refused_unread(project, scenario):
    path = write_response(project / "profiles", scenario.code, scenario.cluster, b"")
    with path.open("wb") as file:
        file.write(b"sample: true\n# " + b"x" * (20_000_000) + b"\n")
    records, problems = validate([path], project)
    assert len(problems) == 1
    problem = problems[0]
    assert (problem.line, problem.column, problem.field) == (1, 1, "")
    assert f"larger than the {MAX_FILE_BYTES // 1_000_000} MB a response file may be" in problem.message
    assert "20.0 MB" in problem.message


def test_a_file_just_under_the_limit_is_read(project, scenario):
    text = dump(valid_response(scenario))
    padding = MAX_FILE_BYTES - len(text.encode()) - 3
    path = write_response(
        project / "profiles", scenario.code, scenario.cluster, text + "# " + "x" * padding + "\n"
    )
    assert path.stat().st_size <= MAX_FILE_BYTES
    assert validate([path], project)[1] == []


def test_naming_one_response_file_reports_that_file_only(project, scenario):
    profiles = project / "profiles"
    good = write_response(profiles, scenario.code, scenario.cluster, dump(valid_response(scenario)))
    bad = write_response(profiles, scenario.not_submitted, scenario.cluster, dump(valid_response(scenario)))
    assert validate([good], project)[1] == []
    problems = validate([bad], project)[1]
    assert {problem.file for problem in problems} == {
        f"profiles/responses/{scenario.not_submitted}/{scenario.cluster}.yaml"
    }
    # naming the party's folder in responses/ checks its files
    assert validate([profiles / "responses" / scenario.not_submitted], project)[1] == problems


def test_a_response_names_its_broken_party_record(project, scenario):
    profiles = project / "profiles"
    record = profiles / f"{scenario.code}.yaml"
    data = yaml.safe_load(record.read_text("utf-8"))
    data["kind"] = "planet"
    record.write_text(yaml.safe_dump(data, sort_keys=False), "utf-8")
    path = write_response(profiles, scenario.code, scenario.cluster, dump(valid_response(scenario)))
    problems = validate([path], project)[1]
    assert [problem.message.split(",")[0] for problem in problems] == [
        f"profiles/{scenario.code}.yaml has problems"
    ]


def test_validate_of_the_records_folder_includes_responses(project, scenario):
    path = write_response(project / "profiles", scenario.code, scenario.cluster, "sample: maybe\n")
    problems = validate([project / "profiles"], project)[1]
    assert any(
        problem.file == "profiles/responses/" + path.relative_to(project / "profiles/responses").as_posix()
        for problem in problems
    )


def test_shipped_folder_copy_builds_index_with_responses(tmp_path):
    """The shipped records and responses, copied as the test builds copy them, give the same index."""
    shutil.copytree(PROFILES, tmp_path / "profiles")
    index = load_index(tmp_path / "profiles", tmp_path)
    assert set(index.responses) == {(path.parent.name, path.stem) for path in SHIPPED_RESPONSES}


def test_the_command_line_counts_the_response_files_it_checked(capsys):
    from profilesite.cli import main

    files = sorted((PROFILES / "responses").rglob("*.yaml"))
    assert main(["validate"]) == 0
    records = len(list(PROFILES.glob("[a-z][a-z][a-z].yaml")))
    assert capsys.readouterr().err.strip() == f"{records} records and {len(files)} response files valid."
    assert main(["validate", str(files[0])]) == 0
    assert capsys.readouterr().err.strip() == f"{records} records and 1 response file valid."
