"""Chinese search segmentation with a dictionary cut down to the words of the text being indexed.

Chinese search entries are segmented into words by jieba (Material's search index calls ``jieba.cut``
on every run of Han characters). Loading jieba's full dictionary (349,000 words, 584,000 entries with
their prefixes) took 1.1-1.5 s of every build, more than building a whole language. Segmentation only ever
looks up substrings of the text being cut, so a dictionary holding just the words that occur in that text
segments it exactly as the full one does, provided the sum of all frequencies (jieba's ``total``, part of
every word's score) stays the same: one filler entry that can never match a Han run carries the
frequencies of the words left out.

The text is only known once every page is indexed, so :class:`DeferredSegmentation` hands the indexer a
placeholder for each text and segments them all at the end (search.py wires it into Material's
index). tests/publish/test_fast_paths.py checks
that the Chinese search index is identical to one segmented with the full dictionary. The cut-down
dictionary is cached by the hash of the text and of the full dictionary, so an unchanged site reuses it; a
changed one costs one pass over the full dictionary file (about 0.5 s).
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
from collections.abc import Callable, Iterable
from pathlib import Path

LONGEST_WORD = 16  # characters: the longest word in jieba's dictionary (checked when cutting)
FILLER = "\ue000"  # a private-use character: no text run handed to jieba contains it
PLACEHOLDER = "\ue001"  # brackets the number of a deferred text in the index until it is segmented
_RUNS = re.compile(r"[^\x00-\x7f\s]+")  # runs of non-ASCII characters: a superset of the Han runs
# Han characters (CJK radicals, ideographs and their extensions). Texts without any are segmented without
# a dictionary; should this miss a rare one, jieba loads its full dictionary: slower, never wrong.
_HAN = re.compile(
    "[\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
    "\U00020000-\U0003134f]"
)


def text_runs(texts: Iterable[str]) -> set[str]:
    """The distinct runs of non-ASCII characters in ``texts`` (every Han run jieba is given is inside one)."""
    runs: set[str] = set()
    for text in texts:
        runs.update(_RUNS.findall(text))
    return runs


def substrings(runs: Iterable[str], longest: int = LONGEST_WORD) -> set[str]:
    """Every substring of the runs up to ``longest`` characters: the only strings jieba can look up."""
    found: set[str] = set()
    for run in runs:
        for start in range(len(run)):
            for end in range(start + 1, min(start + longest, len(run)) + 1):
                found.add(run[start:end])
    return found


def trimmed_dictionary(texts: Iterable[str], full: Path, cache: Path) -> Path:
    """A dictionary file that segments ``texts`` as ``full`` does; written once per text under ``cache``."""
    runs = sorted(text_runs(texts))
    source = full.read_bytes()
    key = hashlib.sha256()
    key.update(hashlib.sha256(source).digest())
    for run in runs:
        key.update(run.encode("utf-8") + b"\n")
    target = cache / f"jieba-{key.hexdigest()[:24]}.txt"
    if target.exists():
        os.utime(target)  # recently used: kept by _prune
        return target
    wanted = substrings(runs)
    kept: list[str] = []
    total = kept_total = 0
    for line in source.decode("utf-8").splitlines():
        word, _, rest = line.partition(" ")
        if not word:
            continue
        if len(word) > LONGEST_WORD:
            raise ValueError(f"{full}: a word longer than {LONGEST_WORD} characters: {word}")
        frequency = int(rest.split(" ", 1)[0])
        total += frequency
        if word in wanted:
            kept.append(line)
            kept_total += frequency
    kept.append(f"{FILLER} {total - kept_total}")
    cache.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    partial.write_text("\n".join(kept) + "\n", "utf-8")
    partial.replace(target)  # complete or absent, even when two builds run at once
    _prune(cache, keep=KEPT_DICTIONARIES)
    return target


KEPT_DICTIONARIES = 8  # cut-down dictionaries kept in the cache: the site's recent versions of its text


def _prune(cache: Path, keep: int) -> None:
    """Delete all but the ``keep`` most recently written dictionaries (each edit of the text adds one)."""
    written = sorted(cache.glob("jieba-*.txt"), key=lambda path: path.stat().st_mtime_ns, reverse=True)
    for old in written[keep:]:
        old.unlink(missing_ok=True)


class DeferredSegmentation:
    """Stands in for the search index's segmentation function until every text is known.

    ``segment`` is the real function (Material's ``SearchIndex._segment_chinese``). :meth:`defer` takes
    its place while pages are indexed and returns a placeholder; :meth:`resolve` then segments every
    recorded text with a dictionary cut down to them and puts the results in the index entries.
    """

    def __init__(self, segment: Callable[[str], str], cache: Path) -> None:
        self._segment = segment
        self._cache = cache
        self._texts: list[str] = []

    def defer(self, text: str) -> str:
        """A placeholder for ``text``, replaced by its segmentation in :meth:`resolve`."""
        self._texts.append(text)
        return f"{PLACEHOLDER}{len(self._texts) - 1}{PLACEHOLDER}"

    def resolve(self, entries: list[dict]) -> None:
        """Segment every deferred text and write the results into ``entries`` (the index's entries)."""
        if any(_HAN.search(text) for text in self._texts):
            import jieba

            jieba.setLogLevel(logging.WARNING)  # its progress messages are not the build's
            with jieba.get_dict_file() as full:
                dictionary = trimmed_dictionary(self._texts, Path(full.name), self._cache)
            jieba.set_dictionary(str(dictionary))
            try:
                done = [self._segment(text) for text in self._texts]
            finally:
                jieba.dt.__init__()  # back to jieba's own default: the full dictionary, loaded if used
        else:
            done = [self._segment(text) for text in self._texts]
        for entry in entries:
            for key in ("title", "text"):
                value = entry.get(key)
                if isinstance(value, str) and value.startswith(PLACEHOLDER):
                    entry[key] = done[int(value.strip(PLACEHOLDER))]
        self._texts = []
