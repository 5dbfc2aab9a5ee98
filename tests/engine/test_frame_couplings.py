"""The couplings of the site's frame and page weight to Material's and MkDocs's internals (engine/README.md,
rows 23-26): the bundle's patched pieces, the palette script, the footer partial, MkDocs's build order."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import material
import pytest
from mkdocs.commands import build as mkdocs_build

from profilesite.engine import material_bundle

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"


def _bundle() -> Path:
    found = [
        path
        for path in (MATERIAL_TEMPLATES / "assets" / "javascripts").iterdir()
        if material_bundle.BUNDLE.match(f"assets/javascripts/{path.name}")
    ]
    assert len(found) == 1, found
    return found[0]


def test_material_bundle_holds_each_patched_piece_once():
    """Each piece of minified code we replace is in Material's bundle exactly once (else the build fails)."""
    text = _bundle().read_text("utf-8")
    for patch in material_bundle.PATCHES:
        assert text.count(patch.old) == 1, f"{patch.old!r}: {patch.why}"
        assert len(patch.new) <= len(patch.old)
    # the language selector's lookup is what fetches sitemap.xml, and nothing else in the bundle names it
    assert text.count("sitemap.xml") == 1
    assert "function ui({document$:e})" in text


def test_patched_bundle_keeps_every_other_character_in_place():
    """Same-length replacements: the bundle's source map still maps the code; the lazy worker comes last."""
    original = _bundle().read_text("utf-8")
    patched = material_bundle.patch(original)
    code = original.rpartition(material_bundle.SOURCE_MAP)[0].rstrip("\n")
    changed = set()
    for patch in material_bundle.PATCHES:
        start = code.index(patch.old)
        changed.update(range(start, start + len(patch.old)))
        assert patch.old not in patched
    assert [
        i for i, (a, b) in enumerate(zip(code, patched, strict=False)) if a != b and i not in changed
    ] == []
    rest = patched[len(code) :]
    assert rest.startswith("\n" + material_bundle.LAZY_WORKER)
    assert rest.endswith(original[len(code) :].lstrip("\n"))  # the sourceMappingURL line, last
    assert "function __psWorker(url)" in patched


def test_patch_fails_loudly_on_a_changed_bundle():
    with pytest.raises(material_bundle.BundleChanged, match="changed"):
        material_bundle.patch("var x=1;")


def test_material_search_worker_is_used_through_three_methods():
    """watchWorker (Mn) gives its worker to fromEvent and to a subject that calls postMessage: nothing else.

    __psWorker offers addEventListener, removeEventListener and postMessage; a new use of the worker
    (terminate, onmessage...) would fail in the browser.
    """
    text = _bundle().read_text("utf-8")
    match = re.search(r"function Mn\(e,t=new Worker\(e\)\)\{(.*?)\}function ", text)
    assert match, "watchWorker changed"
    body = match.group(1)
    assert re.findall(r"\bt\b", body) == ["t", "t"]  # passed to Wa (fromEvent "message") and Da (postMessage)
    assert 'function Wa(e){return h(e,"message",t=>t.data)}' in text
    assert "function Da(e){let t=new T;return t.subscribe(r=>e.postMessage(r)),t}" in text


def test_material_header_includes_the_palette_script_without_a_palette():
    """Without theme.palette, Material's header includes an inline script; ours replaces it by nothing."""
    header = (MATERIAL_TEMPLATES / "partials" / "header.html").read_text("utf-8")
    assert re.search(
        r"{% if not config.theme.palette is mapping %}\s*{% include \"partials/javascripts/palette.html\" %}",
        header,
    )
    script = (MATERIAL_TEMPLATES / "partials" / "javascripts" / "palette.html").read_text("utf-8")
    assert "<script>" in script
    ours = Path(__file__).resolve().parents[2] / "overrides" / "partials" / "javascripts" / "palette.html"
    assert "<" not in re.sub(r"{#.*?#}", "", ours.read_text("utf-8"), flags=re.DOTALL)


def test_material_footer_partial_holds_only_what_ours_replaces():
    """Material's footer: the previous/next links (navigation.footer, off here), the copyright, social links."""
    footer = (MATERIAL_TEMPLATES / "partials" / "footer.html").read_text("utf-8")
    assert re.findall(r'{% include "([^"]+)" %}', footer) == [
        "partials/copyright.html",
        "partials/social.html",
    ]
    assert '"navigation.footer" in features' in footer
    logo = (MATERIAL_TEMPLATES / "partials" / "logo.html").read_text("utf-8")
    assert '<img src="{{ config.theme.logo | url }}" alt="logo">' in logo


def test_mkdocs_converts_every_page_before_rendering_any():
    """The footer reads the data page's table of contents while other pages' templates are rendered."""
    source = inspect.getsource(mkdocs_build.build)
    populate = source.index("_populate_page(")
    render = source.index("_build_page(")
    assert populate < render
