"""Build the whole site: validate once, assemble once, one MkDocs run per language in parallel, then publish.

Why one run per language: static-i18n's single build rebuilds the site once per language inside one
process, writes one search index for all languages with English tokenization, and de-duplicates search
entries in quadratic time (DESIGN.md 5b, 6). One process per language (static-i18n with
``build_only_locale``) gives each language its own search index and tokenizer (jieba for Chinese) and uses
both cores. All or nothing: languages are built into a staging folder that replaces ``site/`` only when every
language succeeded with zero warnings; on any failure ``site/`` is left as it was.
"""

from __future__ import annotations

import gzip
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from profilesite import engine, routes
from profilesite.checks import InvalidRecords, load_index
from profilesite.export.discovery import write_discovery
from profilesite.i18n.locales import BY_CODE, DEFAULT_LOCALE, LOCALE_CODES
from profilesite.linkcheck import page_links, site_files, unreached
from profilesite.views.parties import PartyIndex

# The validated records in a worker process, handed over once per worker by the pool's initializer:
# inherited without copying where workers are forked (Linux), pickled once per worker where they are
# spawned (macOS, Windows).
_WORKER_INDEX: PartyIndex | None = None


class BuildFailed(Exception):
    """The site was not built (invalid records, a warning, a broken page); ``site/`` is untouched."""


def _start_worker(index: PartyIndex, spawned: bool) -> None:
    """Pool initializer: keep the records; a spawned worker also imports the engine (a forked one has it)."""
    global _WORKER_INDEX
    _WORKER_INDEX = index
    if spawned:
        engine.preload()


def _worker_index() -> PartyIndex:
    if _WORKER_INDEX is None:
        raise RuntimeError("the records are handed to each worker by the pool's initializer")
    return _WORKER_INDEX


def _build_locale(
    root: Path, locale: str, site_dir: Path, url: str, recycle: Path | None, gz: bool = False
) -> set[str]:
    """Build one language (in a worker process); returns the files written, relative to ``site_dir``.

    Rendering the generated pages here rather than in the parent spreads that work over the cores too;
    so does compressing them (``gz``: see :func:`precompress`).
    """
    try:
        engine.build_language(root, _worker_index(), locale, site_dir, url, recycle)
    except engine.LanguageFailed as error:
        raise BuildFailed(str(error)) from None
    written = site_files(site_dir)
    return written | precompress(site_dir, written) if gz else written


#: Files a browser is sent compressed: text. A host that serves a file's ``.gz`` copy to browsers that
#: accept gzip (nginx's gzip_static, Apache's mod_rewrite rules, most CDNs) need not compress on each request.
PRECOMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".csv", ".txt")


def precompress_wanted() -> bool:
    """Whether the build writes ``.gz`` copies: environment ``PRECOMPRESS=1``.

    Off by default: GitHub Pages, where CI publishes the site, compresses on the fly and does not serve
    ``.gz`` copies in place of the files (it would only publish them as files of their own, doubling the
    upload), so they are only worth writing for a host that does.
    """
    return os.environ.get("PRECOMPRESS") == "1"


def precompress(folder: Path, names: Iterable[str]) -> set[str]:
    """Write a gzip copy ``<name>.gz`` beside each text file among ``names`` (relative to ``folder``).

    Deterministic bytes (no time or file name in the gzip header), so two builds stay identical. A file
    that already has a ``.gz`` of its own (the sitemap's, a sitemap format) keeps it. Returns the copies.
    """
    names = set(names)
    written = set()
    for name in sorted(names):
        if not name.endswith(PRECOMPRESSED) or name + ".gz" in names:
            continue
        path = folder / name
        (folder / f"{name}.gz").write_bytes(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))
        written.add(f"{name}.gz")
    return written


def default_start_method() -> str:
    """How worker processes start: forked where the platform can (faster), else spawned."""
    return "fork" if "fork" in multiprocessing.get_all_start_methods() else "spawn"


def build_site(
    root: Path,
    site_dir: Path,
    locales: list[str] | None = None,
    jobs: int = 2,
    start_method: str | None = None,
    gz: bool | None = None,
) -> float:
    """Build ``locales`` (default all) of the site from ``root`` into ``site_dir``; seconds taken.

    ``start_method``: how worker processes start ('fork' or 'spawn'); the platform's fastest by default.
    ``gz``: write a ``.gz`` copy beside every text file (:func:`precompress`); by default when
    ``PRECOMPRESS=1``.
    """
    gz = precompress_wanted() if gz is None else gz
    started = time.perf_counter()
    locales = locales or list(LOCALE_CODES)
    unknown = [locale for locale in locales if locale not in BY_CODE]
    if unknown:
        raise BuildFailed(f"unknown locale(s): {', '.join(unknown)}; use {', '.join(LOCALE_CODES)}")
    if DEFAULT_LOCALE not in locales:
        locales.insert(0, DEFAULT_LOCALE)  # the other languages live inside the default one's tree
    os.environ.setdefault("SOURCE_DATE_EPOCH", source_date_epoch(root))
    try:
        index = load_index(root / "profiles", root)
    except InvalidRecords as error:
        raise BuildFailed(str(error)) from None
    method = start_method or default_start_method()
    url = site_url()
    work = root / "build"
    work.mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="build-", dir=work))  # private: concurrent builds never collide
    parts = scratch / "parts"
    recycle = _claim_spare(work / SPARE, scratch / "recycle")
    try:
        if method == "fork":
            engine.preload()  # once, in the parent: the forked workers inherit it
        with ProcessPoolExecutor(
            max_workers=max(1, jobs),
            mp_context=multiprocessing.get_context(method),
            initializer=_start_worker,
            initargs=(index, method != "fork"),
        ) as pool:
            # Longest tasks first, so the two workers finish together: Chinese (its word segmentation loads
            # a dictionary), English beside it, then the downloads and feeds, then the other languages.
            order = sorted(locales, key=lambda code: (code != "zh", code != DEFAULT_LOCALE))
            futures = {
                locale: pool.submit(_build_locale, root, locale, parts / locale, url, recycle, gz)
                for locale in order[:2]
            }
            neutral = pool.submit(write_language_neutral, scratch / "neutral", locales, url, recycle, gz)
            for locale in order[2:]:
                futures[locale] = pool.submit(_build_locale, root, locale, parts / locale, url, recycle, gz)
            failures = []
            files: set[str] = set()  # every file of the site, relative to its root, as the workers report
            # Each language's links are read and resolved as soon as it is built, in whichever worker is
            # free; whether they reach a file is checked once the whole site's files are known.
            link_checks = []
            locale_of = {future: locale for locale, future in futures.items()}
            for future in as_completed(futures.values()):
                locale = locale_of[future]
                try:
                    written = future.result()
                except BuildFailed as error:
                    failures.append(str(error))
                    continue
                prefix = BY_CODE[locale].prefix
                files.update(prefix + name for name in written)
                pages = sorted(name for name in written if name.endswith(".html"))
                for chunk in (pages[0::2], pages[1::2]):
                    link_checks.append(
                        pool.submit(page_links, parts / locale, chunk, prefix, _base_path(url))
                    )
            files.update(neutral.result())
            links = [link for check in link_checks for link in check.result()]
            if failures:
                raise BuildFailed("\n".join(failures) + "\nthe build failed; site/ was left unchanged.")
            staging = scratch / "site-staging"
            (parts / DEFAULT_LOCALE).rename(staging)
            for locale in locales:
                if locale != DEFAULT_LOCALE:
                    (parts / locale).rename(staging / locale)
            _merge(scratch / "neutral", staging)
            discovered = write_discovery(staging, url, files)
            files = discovered | precompress(staging, discovered - files) if gz else discovered
        skipped = tuple(f"{code}/" for code in LOCALE_CODES if code not in locales)
        broken = unreached(links, files, skipped)
        if broken:
            shown = "\n".join(str(link) for link in broken[:50])
            raise BuildFailed(f"{shown}\n{len(broken)} broken internal link(s); site/ was left unchanged.")
        publish(staging, site_dir, spare=work / SPARE)
    finally:
        if recycle is not None and recycle.exists():  # what the new site did not take over
            _remove_in_background(recycle.rename(work / f"{SPARE}.removing-{time.time_ns()}"))
        shutil.rmtree(scratch, ignore_errors=True)
    return time.perf_counter() - started


DEFAULT_SITE_URL = "http://localhost:8000/"  # `make serve`'s address; CI sets SITE_URL for the real site


def site_url() -> str:
    """Address the site is published at (environment SITE_URL, as mkdocs.yml reads it)."""
    return os.environ.get("SITE_URL") or DEFAULT_SITE_URL


def _base_path(url: str) -> str:
    """Path the site is published under, from its address."""
    from urllib.parse import urlsplit

    return urlsplit(url).path.rstrip("/") + "/"


def write_language_neutral(
    folder: Path, locales: list[str], url: str, recycle: Path | None = None, gz: bool = False
) -> set[str]:
    """Outputs written once per build, not once per language: the downloads and the feeds; their paths.

    Runs in a worker beside the language builds; the sitemap, which lists the built pages, comes after.
    The previous site's downloads folder, if ``recycle`` has it, is taken over and its files rewritten.
    """
    from profilesite.export.feeds import atom_feed
    from profilesite.export.write import write_downloads

    index = _worker_index()
    folder.mkdir(parents=True, exist_ok=True)
    downloads = routes.DOWNLOADS.rstrip("/")
    if recycle is not None and (recycle / downloads).is_dir():
        (recycle / downloads).rename(folder / downloads)
    written = write_downloads(index, folder)
    _remove_stale(folder / downloads, {name.removeprefix(routes.DOWNLOADS) for name in written})
    for locale in locales:
        feed = routes.feed(locale)
        (folder / feed).parent.mkdir(parents=True, exist_ok=True)
        (folder / feed).write_text(atom_feed(index, locale, url), "utf-8")
        written.add(feed)
    if gz:
        written |= precompress(folder, written)
    return written  # after the stale downloads are gone, exactly what the folder holds


def _merge(source: Path, target: Path) -> None:
    """Move everything under ``source`` to the same place under ``target``.

    Whole folders move in one rename where ``target`` has none of that name (the 900 downloads), and
    file by file where it has.
    """
    for path in sorted(source.iterdir()):
        destination = target / path.name
        if path.is_dir() and destination.is_dir():
            _merge(path, destination)
        else:
            path.rename(destination)


def source_date_epoch(root: Path) -> str:
    """Build date for reproducible output: the last commit's time, else the newest record file's date.

    MkDocs stamps the sitemap (and its gzip header) with the build date; SOURCE_DATE_EPOCH pins it, so two
    builds of the same commit are byte-identical.
    """
    import subprocess

    try:
        result = subprocess.run(
            ["git", "-C", str(root), "log", "-1", "--format=%ct"], capture_output=True, text=True, check=True
        )
        if result.stdout.strip():
            return result.stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        pass
    return "0"


SPARE = "previous-site"  # under build/: the site before the last published one, whose files are reused


def publish(staging: Path, site_dir: Path, spare: Path | None = None) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames, so readers never see a half-written site.

    The replaced site becomes ``spare``: the next build takes over its folders and rewrites their files
    instead of creating new ones and deleting these. On this machine's file system, creating files soon
    after deleting thousands (as each build did with the previous site) made every creation slower; reusing
    them saves that, and most of the writing. Without ``spare`` (or when it cannot be made), the replaced
    site is deleted by a detached process, so the build does not wait for it.
    """
    site_dir = site_dir.resolve()
    for leftover in site_dir.parent.glob(f"{site_dir.name}.removing-*"):  # an interrupted earlier removal
        _remove_in_background(leftover)
    previous = site_dir.with_name(f"{site_dir.name}.removing-{time.time_ns()}")
    if site_dir.exists():
        site_dir.rename(previous)
    shutil.move(str(staging), str(site_dir))
    if not previous.exists():
        return
    try:
        if spare is None:
            raise FileExistsError
        previous.rename(spare)  # fails if another build already left one there
    except OSError:
        _remove_in_background(previous)


def _claim_spare(spare: Path, target: Path) -> Path | None:
    """Take the spare site for this build (moved to ``target``), or None when there is none."""
    try:
        spare.rename(target)
    except OSError:
        return None
    return target


def _remove_stale(folder: Path, keep: set[str]) -> None:
    """Delete the files under ``folder`` not named in ``keep`` (paths relative to it), then empty folders."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*"), reverse=True):
        relative = path.relative_to(folder).as_posix()
        if path.is_dir():
            if not any(path.iterdir()):
                path.rmdir()
        elif relative not in keep:
            path.unlink()


def _remove_in_background(folder: Path) -> None:
    """Delete ``folder`` in a process of its own that outlives this one; in this one if that fails."""
    import subprocess
    import sys

    remove = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", remove, folder],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
