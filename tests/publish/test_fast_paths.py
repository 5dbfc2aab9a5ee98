"""The build's shortcuts give exactly the site the long way gives, and are really taken.

Two shortcuts: profile pages filled from a page shell (render/shell.py) instead of a full template render,
and Chinese search segmented with a dictionary cut down to the site's text (search_dictionary.py)
instead of jieba's full one.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import jieba
import pytest

from profilesite import build, search_dictionary
from profilesite.build import build_site
from profilesite.checks import validate
from profilesite.render import shell
from profilesite.views.parties import PartyIndex

from ..conftest import REPO, make_project, site_digest

LOCALES = ["en", "zh", "ar"]  # left to right, the segmented language, right to left


def test_the_shortcuts_build_the_same_site_byte_for_byte(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    fast = make_project(tmp_path / "fast")
    slow = make_project(tmp_path / "slow")
    build_site(fast, fast / "site", locales=list(LOCALES))
    monkeypatch.setenv("PROFILESITE_SHELL", "0")  # every profile through Material's whole template
    monkeypatch.setattr(search_dictionary, "trimmed_dictionary", lambda texts, full, cache: full)
    build_site(slow, slow / "site", locales=list(LOCALES))
    one, two = site_digest(fast / "site"), site_digest(slow / "site")
    assert len([name for name in one if name.endswith("index.html")]) > 3 * 180
    assert one == two, sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))[:10]
    # the fast build did cut the dictionary down, and the slow one did not
    (cut,) = (fast / "build" / "search-dictionary").glob("jieba-*.txt")
    assert 100 < len(cut.read_text("utf-8").splitlines()) < 20_000
    assert not (slow / "build" / "search-dictionary").exists()


def test_profiles_are_filled_from_a_shell(tmp_path: Path, monkeypatch):
    """In-process build of one language, counting the pages a shell produced."""
    root = make_project(tmp_path / "project")
    records, problems = validate([root / "profiles"], root)
    assert not problems
    monkeypatch.setattr(build, "_INDEX", PartyIndex(records.parties, records.vocabulary))
    for name in ("PROFILESITE_LOCALE", "PROFILESITE_ASSEMBLED"):  # _build_locale sets them; restored after
        monkeypatch.setenv(name, "")
    monkeypatch.setattr(logging.getLogger("mkdocs"), "propagate", True)
    filled: list[str] = []
    fill = shell.Shell.fill

    def counting_fill(self, **values):
        filled.append(values["slug"])
        return fill(self, **values)

    monkeypatch.setattr(shell.Shell, "fill", counting_fill)
    build._build_locale(root, "fr", str(tmp_path / "out"))
    profiles = len(records.parties)
    # every profile is filled once; the first also once more to check its shell against a full render.
    # Names a shell cannot carry unchanged (an apostrophe, say) are rendered in full instead.
    assert profiles - 10 <= len(set(filled)) <= profiles
    page = (tmp_path / "out" / "profiles" / "fra" / "index.html").read_text("utf-8")
    assert shell.SENTINEL not in page and "<h1>France</h1>" in page


@pytest.mark.parametrize(
    ("text", "is_plain"),
    [
        ("France", True),
        ("Côte d’Ivoire", True),
        ("Côte d'Ivoire", False),  # escaped differently by different filters
        ("A & B", False),
        ("<b>x</b>", False),
        ("two  spaces", False),
        (" leading", False),
        ("", False),
        (shell.TITLE, False),
    ],
)
def test_only_plain_values_go_into_a_shell(text: str, is_plain: bool):
    assert shell.plain(text) is is_plain


def test_a_shell_is_filled_in_one_pass():
    html = f"<title>{shell.TITLE}</title><main>{shell.CONTENT}</main><nav>{shell.TOC}</nav>"
    page = shell.Shell(html, "|").fill(
        title="T", description="D", slug="s", anchor="a", content=f"text {shell.TITLE}", toc=["1", "2"]
    )
    assert page == f"<title>T</title><main>text {shell.TITLE}</main><nav>1|2</nav>"  # content not re-read


def test_a_render_of_another_shape_gives_no_shell():
    first, second = "<li>A</li>", "<li>B</li>"
    assert shell.make_shell(f"<ul>{first}\n{second}</ul>", first, second).toc_separator == "\n"
    assert shell.make_shell(f"<ul>{first}</ul>", first, second) is None  # one entry only
    assert shell.make_shell(f"{first}{first}{second}", first, second) is None  # entry twice
    assert shell.make_shell(f"{first}{second}{shell.SENTINEL}X", first, second) is None  # unknown sentinel


def test_the_cut_dictionary_segments_as_the_full_one(tmp_path: Path):
    """Texts from the Chinese pages, and runs joined across markup as the search indexer joins them."""
    texts = [
        (REPO / "content" / "zh" / "index.md").read_text("utf-8"),
        (REPO / "content" / "zh" / "review-process.md").read_text("utf-8"),
        "自评书面反馈意见清单",  # chart labels, joined without a space in the index
        "国家概况 · 亚太国家 · 第3组",
    ]
    with jieba.get_dict_file() as handle:
        full = Path(handle.name)
    cut = search_dictionary.trimmed_dictionary(texts, full, tmp_path)
    assert search_dictionary.trimmed_dictionary(texts, full, tmp_path) == cut  # cached by the text

    def frequencies(path: Path) -> list[int]:
        return [int(line.split(" ")[1]) for line in path.read_text("utf-8").splitlines() if line]

    assert sum(frequencies(cut)) == sum(frequencies(full))  # jieba's total, part of every score
    assert len(frequencies(cut)) < len(frequencies(full)) / 50
    whole, small = jieba.Tokenizer(), jieba.Tokenizer(str(cut))
    runs = sorted(search_dictionary.text_runs(texts))
    assert len(runs) > 50
    for run in runs:
        assert list(small.cut(run)) == list(whole.cut(run)), run


def test_the_cache_keeps_the_recent_dictionaries(tmp_path: Path):
    full = tmp_path / "dict.txt"
    full.write_text("中国 100 ns\n国家 50 n\n", "utf-8")
    cache = tmp_path / "cache"
    made = []
    for n in range(12):
        made.append(search_dictionary.trimmed_dictionary([f"中国{chr(0x4E00 + n)}"], full, cache))
        time.sleep(0.02)  # past the file system's clock tick, so each file is newer than the last
    assert sorted(cache.glob("jieba-*.txt")) == sorted(made[-search_dictionary.KEPT_DICTIONARIES :])
    assert made[-1].read_text("utf-8") == "中国 100 ns\n\ue000 50\n"  # the filler keeps the total


def test_substrings_stop_at_the_longest_word():
    assert search_dictionary.substrings(["abc"], longest=2) == {"a", "b", "c", "ab", "bc"}
