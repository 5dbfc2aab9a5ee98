"""The built wheel, installed into a fresh virtual environment, builds the same site as ``make build``.

The editable install the Makefile makes reads templates, catalogs and assets from the source tree, so a
file the package data leaves out goes unnoticed there (issue 14: ``TemplateNotFound:
'includes/instruments.html'`` from ``pip install .``). Here the wheel is built offline from a copy of the
sources (``pip wheel --no-build-isolation`` with the project environment's setuptools), installed with
``--no-deps --no-index`` into a new virtual environment that sees the project environment's installed
dependencies but not its editable profilesite, and its ``profilesite build`` must write, byte for byte,
the site the repository's own ``profilesite build`` writes from the same sources.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import time
import zipfile
from pathlib import Path

from ..conftest import REPO, make_project, site_digest

PACKAGE = REPO / "scripts" / "profilesite"
#: Files of the package that are not read at run time, so not in the wheel.
NOT_SHIPPED = {"i18n/messages.pot"}  # the extraction template: only `make messages` reads it
#: Entries of the project environment's site-packages the fresh environment must not see: the editable
#: install of profilesite (its .pth file, or a finder module in newer setuptools) and its metadata.
EDITABLE = ("profilesite", "__editable__")


def run(command: list[str], **options) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, **options)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return result


def clean_environment() -> dict[str, str]:
    """This process's environment without anything that would put the source tree on a Python path."""
    return {key: value for key, value in os.environ.items() if key not in {"PYTHONPATH", "PYTHONHOME"}}


def package_files() -> set[str]:
    """Every file of the package in the source tree, as the wheel names it."""
    ignored = {"__pycache__"}
    return {
        f"profilesite/{path.relative_to(PACKAGE).as_posix()}"
        for path in PACKAGE.rglob("*")
        if path.is_file()
        and not ignored & set(path.relative_to(PACKAGE).parts)
        and path.suffix != ".pyc"
        and path.relative_to(PACKAGE).as_posix() not in NOT_SHIPPED
    }


def build_wheel(folder: Path) -> Path:
    """The wheel of a copy of the sources (so the repository gets no build/ or egg-info from it)."""
    source = folder / "source"
    (source / "scripts").mkdir(parents=True)
    shutil.copy(REPO / "pyproject.toml", source)
    shutil.copytree(PACKAGE, source / "scripts" / "profilesite", ignore=shutil.ignore_patterns("__pycache__"))
    check = subprocess.run(
        [sys.executable, "-c", "import setuptools.command.bdist_wheel"], capture_output=True, text=True
    )
    assert check.returncode == 0, (
        "the project environment's setuptools cannot build a wheel offline (setuptools >= 70.1 has"
        f" bdist_wheel built in; older ones need the `wheel` package):\n{check.stderr[-500:]}"
    )
    dist = folder / "dist"
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["--wheel-dir", str(dist), str(source)],
        env=clean_environment(),
    )
    (wheel,) = dist.glob("profilesite-*.whl")
    return wheel


def fresh_environment(folder: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel installed and the project's dependencies visible.

    The dependencies: a folder of links to every entry of this environment's site-packages except the
    editable profilesite, named by a .pth file in the new environment's site-packages (a path line in a
    .pth file is added to sys.path; the .pth files of the folder it names are not read). Returns the
    environment's folder.
    """
    environment = folder / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(environment)])
    python = environment / "bin" / "python"
    run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps", "--no-index"]
        + ["--no-cache-dir", "--disable-pip-version-check", str(wheel)],
        env=clean_environment(),
    )
    ours = Path(sysconfig.get_paths()["purelib"])
    dependencies = folder / "dependencies"
    dependencies.mkdir()
    for entry in ours.iterdir():
        if entry.name.startswith(EDITABLE) or entry.suffix == ".pth" or entry.name == "__pycache__":
            continue
        (dependencies / entry.name).symlink_to(entry)
    site = run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        env=clean_environment(),
    )
    (Path(site.stdout.strip()) / "project-dependencies.pth").write_text(f"{dependencies}\n", "utf-8")
    return environment


WHERE = """
import importlib.metadata as metadata, json, sys
import mkdocs, profilesite
plugin = metadata.entry_points(group="mkdocs.plugins")["profilesite"].load()
print(json.dumps({
    "profilesite": profilesite.__file__,
    "plugin": sys.modules[plugin.__module__].__file__,
    "distributions": [str(d.locate_file("")) for d in metadata.distributions() if d.metadata["Name"] == "profilesite"],
    "mkdocs": mkdocs.__file__,
    "path": sys.path,
}))
"""


def test_the_installed_wheel_builds_the_same_site_as_the_repository(tmp_path: Path):
    started = time.perf_counter()
    wheel = build_wheel(tmp_path / "wheel")
    shipped = set(zipfile.ZipFile(wheel).namelist())
    missing = package_files() - shipped
    assert not missing, f"the wheel leaves out (pyproject.toml, package-data): {sorted(missing)}"

    environment = fresh_environment(tmp_path, wheel)
    python, command = environment / "bin" / "python", environment / "bin" / "profilesite"
    where = json.loads(run([str(python), "-c", WHERE], env=clean_environment(), cwd=tmp_path).stdout)
    site_packages = environment / "lib"
    # profilesite, its MkDocs plugin and its metadata come from the fresh environment, not the sources
    for key in ("profilesite", "plugin"):
        assert Path(where[key]).is_relative_to(site_packages), where
        assert not Path(where[key]).resolve().is_relative_to(REPO), where
    assert len(where["distributions"]) == 1 and Path(where["distributions"][0]).is_relative_to(site_packages)
    assert str(REPO / "scripts") not in where["path"]
    assert Path(where["mkdocs"]).is_relative_to(tmp_path / "dependencies"), where  # the project's own
    prepared = time.perf_counter() - started

    reference = make_project(tmp_path / "reference")
    installed = make_project(tmp_path / "installed")
    repository_command = Path(sys.executable).with_name("profilesite")  # .venv/bin/profilesite: `make build`
    assert repository_command.exists()
    run([str(repository_command), "build", "--site-dir", "site"], cwd=reference, env=clean_environment())
    built = run([str(command), "build", "--site-dir", "site"], cwd=installed, env=clean_environment())
    assert "site built" in built.stderr

    expected, actual = site_digest(reference / "site"), site_digest(installed / "site")
    assert len(expected) > 7 * 180, "every language, every profile"
    differing = sorted(
        name for name in expected.keys() | actual.keys() if expected.get(name) != actual.get(name)
    )
    assert not differing, f"{len(differing)} files differ, e.g. {differing[:10]}"
    print(f"wheel and fresh environment {prepared:.1f} s, all {time.perf_counter() - started:.1f} s")
