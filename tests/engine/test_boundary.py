"""Only the engine wing (scripts/profilesite/engine/) knows MkDocs, Material and static-i18n."""

from __future__ import annotations

import ast
from pathlib import Path

from ..conftest import REPO

PACKAGE = REPO / "scripts" / "profilesite"
ENGINE_PACKAGES = ("mkdocs", "material", "mkdocs_static_i18n", "jieba")  # jieba: Material's segmenter


def imported_packages(path: Path) -> set[str]:
    """The top-level packages a module imports, anywhere in it (functions included)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "__import__" and node.args:
            argument = node.args[0]
            if isinstance(argument, ast.Constant) and isinstance(argument.value, str):
                found.add(argument.value.split(".")[0])
    return found


def test_no_module_outside_the_engine_imports_the_engine_packages():
    outside = [path for path in PACKAGE.rglob("*.py") if "engine" not in path.relative_to(PACKAGE).parts]
    assert len(outside) > 30
    offenders = {
        str(path.relative_to(REPO)): sorted(imported_packages(path) & set(ENGINE_PACKAGES))
        for path in outside
    }
    assert {name: packages for name, packages in offenders.items() if packages} == {}


def test_the_check_sees_imports_inside_functions(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from mkdocs.config import load_config\n    import material.plugins\n")
    assert imported_packages(module) == {"mkdocs", "material"}


def test_the_engine_does_use_them():
    inside = set().union(*(imported_packages(path) for path in (PACKAGE / "engine").rglob("*.py")))
    assert {"mkdocs", "material", "mkdocs_static_i18n", "jieba"} <= inside
