"""The build's shortcuts give exactly the site the long way gives, are really taken, and cannot lie.

Two shortcuts: profile pages filled from a page shell (engine/shell.py, engine/profiles.py) instead of a
full template render, and Chinese search segmented with a dictionary cut down to the site's text
(engine/search_zh.py) instead of jieba's full one.
"""

from __future__ import annotations

import time
from pathlib import Path

import jieba
import pytest

from profilesite import engine
from profilesite.build import BuildFailed, build_site
from profilesite.checks import load_index
from profilesite.engine import profiles, search_zh, shell

from ..conftest import FIXTURE_RECORDS, REPO, make_project, set_plugin_option, site_digest, with_repo_url


def inject_into_head(root: Path, template_text: str) -> None:
    """Add ``template_text`` to the <head> of every page of a project copy (overrides/main.html)."""
    main = root / "overrides" / "main.html"
    text = main.read_text("utf-8")
    marker = "{% block extrahead %}"
    assert marker in text
    main.write_text(text.replace(marker, marker + "\n  " + template_text, 1), "utf-8")


def test_the_shortcuts_build_the_same_site_byte_for_byte_in_every_language(tmp_path: Path, monkeypatch):
    """Every page of all seven languages, with the edit button and the last-update date on."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1709164800")
    with_repo_url(monkeypatch)
    fast = make_project(tmp_path / "fast")
    slow = make_project(tmp_path / "slow")
    build_site(fast, fast / "site")
    set_plugin_option(slow, "fast_profiles", "false")  # every profile through Material's whole template
    monkeypatch.setattr(search_zh, "trimmed_dictionary", lambda texts, full, cache: full)
    build_site(slow, slow / "site")
    one, two = site_digest(fast / "site"), site_digest(slow / "site")
    assert len([name for name in one if name.endswith("index.html")]) > 7 * 180
    assert one == two, sorted(name for name in one.keys() | two.keys() if one.get(name) != two.get(name))[:10]
    kenya = (fast / "site" / "fr" / "profiles" / "ken" / "index.html").read_text("utf-8")
    assert "/edit/main/profiles/ken.yaml" in kenya  # the comparison covered the edit button
    # the fast build did cut the dictionary down, and the slow one did not
    # one cut per language whose index holds Chinese text (the Chinese pages; a Chinese answer on the others)
    cuts = list((fast / "build" / "search-dictionary").glob("jieba-*.txt"))
    sizes = [len(cut.read_text("utf-8").splitlines()) for cut in cuts]
    assert sizes and max(sizes) > 100 and all(size < 20_000 for size in sizes), sizes
    assert not (slow / "build" / "search-dictionary").exists()


def test_profiles_are_filled_from_proven_shells(tmp_path: Path, monkeypatch):
    """One language built in this process, counting the pages a shell produced and the full renders."""
    root = make_project(tmp_path / "project")
    index = load_index(root / "profiles", root)
    filled: list[str] = []
    fill = shell.Shell.fill

    def counting_fill(self, **values):
        filled.append(values["slug"])
        return fill(self, **values)

    monkeypatch.setattr(shell.Shell, "fill", counting_fill)
    full_renders: list[str] = []
    full = profiles.ProfilePages._full

    def counting_full(self, page, *args):
        full_renders.append(page.url)
        return full(self, page, *args)

    monkeypatch.setattr(profiles.ProfilePages, "_full", counting_full)
    engine.build_language(root, index, "fr", tmp_path / "out", "http://localhost:8000/")
    parties = len(index.parties)
    # every profile is filled once; names a shell cannot carry unchanged (an apostrophe) are rendered in full
    assert parties - 10 <= len(set(filled) & set(index.parties)) <= parties
    renders = [url for url in full_renders if shell.SENTINEL not in url]
    profile_renders = [url for url in renders if url.count("/") == 2]
    # the proofs (the first two pages of the shape, and the first whose title is not ASCII: Émirats arabes
    # unis), the sample of three, and the pages a shell cannot carry; nowhere near one per profile
    first_two = [f"profiles/{code}/" for code in sorted(index.parties)[:2]]
    assert profile_renders[:2] == first_two and "profiles/are/" in profile_renders
    assert 4 <= len(profile_renders) <= 4 + 3 + 10, profile_renders
    # the response pages of a cluster share one shell, whatever the party; the article pages of an
    # instrument share one: the shelled pages are filled, all but the proofs and samples
    responses = {f"profiles/{code}/responses/{cluster}/" for code, cluster in index.responses}
    articles = {
        f"articles/{instrument}/{article.number}/"
        for cluster in index.vocabulary.clusters
        for instrument, article in index.vocabulary.cluster_articles(cluster.key)
    }
    assert len(responses) >= 5 and len(articles) >= 10
    rendered_in_full = (responses | articles) & set(renders)
    assert len(rendered_in_full) <= 2 * 5 + 3, sorted(rendered_in_full)  # proofs per shape, and the sample
    assert {code for code, _ in index.responses} <= set(filled)  # a response page's slug is its party
    page = (tmp_path / "out" / "profiles" / "fra" / "index.html").read_text("utf-8")
    assert shell.SENTINEL not in page and "<h1>France</h1>" in page


@pytest.mark.parametrize(
    ("template_text", "caught_on"),
    [
        # a value cut by a filter: the sentinel no longer reaches the page, so the first proof fails
        ('<meta name="x-short" content="{{ page.title | truncate(7, True, \'\') }}">', "profiles/arg.md"),
        # a value a filter changes only beyond ASCII: the first two pages (Argentine, Allemagne) prove
        # the shell, the first title beyond ASCII (Union européenne) catches it
        ('<meta name="x-encoded" content="{{ page.title | urlencode }}">', "profiles/eur.md"),
    ],
)
def test_a_template_value_without_a_sentinel_fails_the_build(tmp_path: Path, template_text, caught_on):
    root = make_project(tmp_path / "project", FIXTURE_RECORDS)
    inject_into_head(root, template_text)
    with pytest.raises(BuildFailed) as failure:
        build_site(root, root / "site", locales=["en", "fr"])
    message = str(failure.value)
    assert "does not reproduce its full render" in message and "first difference at character" in message
    assert f"fr/{caught_on}" in message
    assert not (root / "site").exists()  # nothing published


def test_a_proof_needs_two_pages(tmp_path: Path):
    root = make_project(tmp_path / "project", FIXTURE_RECORDS)
    set_plugin_option(root, "shell_proof_pages", "1")
    with pytest.raises(BuildFailed, match="shell_proof_pages.*at least 2"):
        build_site(root, root / "site", locales=["en"])


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
    cut = search_zh.trimmed_dictionary(texts, full, tmp_path)
    assert search_zh.trimmed_dictionary(texts, full, tmp_path) == cut  # cached by the text

    def frequencies(path: Path) -> list[int]:
        return [int(line.split(" ")[1]) for line in path.read_text("utf-8").splitlines() if line]

    assert sum(frequencies(cut)) == sum(frequencies(full))  # jieba's total, part of every score
    assert len(frequencies(cut)) < len(frequencies(full)) / 50
    whole, small = jieba.Tokenizer(), jieba.Tokenizer(str(cut))
    runs = sorted(search_zh.text_runs(texts))
    assert len(runs) > 50
    for run in runs:
        assert list(small.cut(run)) == list(whole.cut(run)), run


def test_the_cache_keeps_the_recent_dictionaries(tmp_path: Path):
    full = tmp_path / "dict.txt"
    full.write_text("中国 100 ns\n国家 50 n\n", "utf-8")
    cache = tmp_path / "cache"
    made = []
    for n in range(12):
        made.append(search_zh.trimmed_dictionary([f"中国{chr(0x4E00 + n)}"], full, cache))
        time.sleep(0.02)  # past the file system's clock tick, so each file is newer than the last
    assert sorted(cache.glob("jieba-*.txt")) == sorted(made[-search_zh.KEPT_DICTIONARIES :])
    assert made[-1].read_text("utf-8") == "中国 100 ns\n\ue000 50\n"  # the filler keeps the total


def test_substrings_stop_at_the_longest_word():
    assert search_zh.substrings(["abc"], longest=2) == {"a", "b", "c", "ab", "bc"}


@pytest.mark.parametrize(
    ("src_uri", "position"),
    [
        ("fr/profiles/ken.md", -1),
        ("en/profiles/index.md", None),  # the party list is one page, not a shape of many
        ("ar/profiles/ken/responses/criminalization.md", -3),  # pages of a cluster differ by the party
        ("zh/articles/untoc/5.md", -1),  # pages of an instrument differ by the article
        ("en/articles/index.md", None),
        ("en/statistics/index.md", None),
        ("en/profiles/ken/other.md", None),
    ],
)
def test_the_shelled_pages_and_the_segment_they_differ_by(src_uri: str, position: int | None):
    assert profiles.slug_position(src_uri) == position


class _TocItem:
    def __init__(self, anchor: str) -> None:
        self.id, self.level, self.title, self.children = anchor, 2, anchor, []


class _Page:
    """The little of a MkDocs page that shell_values reads."""

    def __init__(self, url: str) -> None:
        self.url, self.title, self.content = url, "Kenya", "<p>x</p>"
        self.meta = {"title": "Kenya", "description": "D"}
        self.toc = [_TocItem("untoc")]


def test_pages_that_differ_by_their_party_share_the_shape_address_of_their_cluster():
    one = profiles.shell_values(_Page("fr/profiles/ken/responses/criminalization/"), str, -3)
    two = profiles.shell_values(_Page("fr/profiles/fra/responses/criminalization/"), str, -3)
    other_cluster = profiles.shell_values(_Page("fr/profiles/ken/responses/cluster_2/"), str, -3)
    assert one is not None and two is not None and other_cluster is not None
    assert one["slug"] == "ken" and two["slug"] == "fra"
    assert one["shape_address"] == two["shape_address"] == "fr/profiles/*/responses/criminalization"
    assert other_cluster["shape_address"] != one["shape_address"]
    # a slug that is also another segment of the address cannot be put back in the right place only
    assert profiles.shell_values(_Page("fr/articles/5/5/"), str, -1) is None
