"""Hostile input: any bytes as a record give a valid record or clean editor messages, never a traceback
or a hang. Property-based (hypothesis); the CI run uses the default example counts below."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from profilesite.checks import validate
from profilesite.problems import Problem

REPO = Path(__file__).resolve().parents[2]
VALID = (REPO / "tests" / "fixtures" / "valid" / "ken.yaml").read_text("utf-8")
FIELDS = [
    "code",
    "kind",
    "regional_group",
    "territory",
    "names",
    "as_of",
    "treaties",
    "review",  # the old single-review block: refused with its own message
    "reviews",
    "nominations",
    "documents",
    "sample",
    "group",
    "reviewers",
    "cluster",
    "instruments",
    "additional_reviewers",
    "instrument",
    "party",
    "stages",
    "languages",
    "url",
    "date",
    "title",
    "email",
]


def _profiles(tmp: Path) -> Path:
    folder = tmp / "profiles"
    if not folder.exists():
        folder.mkdir(parents=True)
        shutil.copy(REPO / "profiles" / "_vocabulary.yaml", folder)
        for path in (REPO / "tests" / "fixtures" / "valid").glob("*.yaml"):
            shutil.copy(path, folder)
    return folder


def _check(tmp: Path, data: bytes) -> list[Problem]:
    folder = _profiles(tmp)
    (folder / "ken.yaml").write_bytes(data)
    records, problems = validate([folder / "ken.yaml"], tmp)
    for problem in problems:
        assert problem.file == "profiles/ken.yaml"
        assert problem.line >= 1 and problem.column >= 1
        assert "\n" not in str(problem)
    if not problems:
        assert records.parties["ken"].code == "ken"
    return problems


FUZZ = settings(max_examples=300, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])


@FUZZ
@given(st.binary(max_size=2000))
def test_any_bytes(tmp_path_factory, data):
    _check(tmp_path_factory.getbasetemp() / "bytes", data)


@FUZZ
@given(st.text(max_size=2000))
def test_any_text(tmp_path_factory, text):
    _check(tmp_path_factory.getbasetemp() / "text", text.encode("utf-8"))


yaml_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=40),
    st.dates().map(str),
    st.sampled_from(["2019-02-30", "javascript:alert(1)", "<script>x</script>", "a@b.org"]),
)
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), children, max_size=5)
    ),
    max_leaves=30,
)


@FUZZ
@given(yaml_values)
def test_any_yaml_document(tmp_path_factory, value):
    _check(tmp_path_factory.getbasetemp() / "yaml", yaml.safe_dump(value, allow_unicode=True).encode("utf-8"))


@FUZZ
@given(st.integers(min_value=0, max_value=len(VALID) - 1), st.text(max_size=20))
def test_mutations_of_a_valid_record(tmp_path_factory, position, insert):
    mutated = VALID[:position] + insert + VALID[position:]
    _check(tmp_path_factory.getbasetemp() / "mutations", mutated.encode("utf-8"))


def test_deep_nesting_and_huge_documents_stay_clean(tmp_path):
    deep = ("- " * 2000 + "x\n").encode()
    wide = ("names:\n" + "".join(f"  k{i}: v\n" for i in range(20000))).encode()
    brackets = ("[" * 5000 + "]" * 5000).encode()
    for data in (deep, wide, brackets):
        assert _check(tmp_path, data)  # problems, not a crash (RecursionError would fail the test)


#: Values a ``reviews`` entry may hold: the fixtures' keys, near misses, and the party itself.
_CODES = st.sampled_from(["ken", "uga", "fra", "deu", "arg", "eur", "mex", "pak", "zmb", "KEN", ""])
_KEYS = st.sampled_from(["untoc", "tip", "som", "firearms", "tips", "criminalization", "cluster_x", ""])
review_entries = st.fixed_dictionaries(
    {"cluster": _KEYS, "sample": st.booleans(), "group": st.sampled_from([1, 2, 3, 4])},
    optional={
        "reviewers": st.lists(_CODES, max_size=3),
        "instruments": st.none() | st.lists(_KEYS, max_size=5),
        "additional_reviewers": st.lists(
            st.fixed_dictionaries({"instrument": _KEYS, "party": _CODES}) | yaml_scalars, max_size=4
        ),
        "redraws": st.integers(min_value=-1, max_value=6),
        "stages": st.dictionaries(
            st.sampled_from(["focal_point_nominated", "initial_consultation", "saq_submitted", "x"]),
            st.none() | st.dates().map(str),
            max_size=4,
        ),
    },
)


@FUZZ
@given(st.lists(review_entries, max_size=4))
def test_any_list_of_reviews(tmp_path_factory, reviews):
    """Reviews close to valid reach the cross-record rules (clusters, instruments, additional reviewers)."""
    record = yaml.safe_load(VALID)
    record["reviews"] = reviews
    _check(tmp_path_factory.getbasetemp() / "reviews", yaml.safe_dump(record, allow_unicode=True).encode())
