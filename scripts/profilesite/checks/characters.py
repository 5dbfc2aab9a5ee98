r"""Characters no record may hold: invisible controls that break output or disguise text.

Every key and text value of a record, a response file or the vocabulary is scanned, whatever else is wrong
with the file, so an editor sees these with every other problem. Rejected, each named by its code point:

- control characters other than tab and line feed (C0, DEL, C1; a carriage return too, which YAML keeps
  only when written as an escape): NUL or ESC make ``feed.xml`` ill-formed XML, DEL and the C1 controls
  break the build;
- lone surrogates (a YAML escape such as ``"\ud800"`` can write one): no encoding can write them out;
- Unicode noncharacters (U+FDD0..U+FDEF and the last two code points of every plane, U+FFFE, U+FFFF, ...);
- the bidirectional embeddings, overrides and isolates (U+202A..U+202E, U+2066..U+2069): a right-to-left
  override makes a name read backwards, so a record could show one party's name and hold another.
  The plain direction marks (U+200E, U+200F, U+061C) stay allowed: Arabic text uses them.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from typing import Any

from profilesite.load.records import LoadedRecord
from profilesite.problems import Problem

#: Names of the characters Unicode leaves unnamed (controls), for the message.
CONTROL_NAMES = {"\x00": "NULL", "\x1b": "ESCAPE", "\x7f": "DELETE", "\x9b": "CONTROL SEQUENCE INTRODUCER"}


def _forbidden_pattern() -> re.Pattern[str]:
    ranges = ["\x00-\x08", "\x0b-\x1f", "\x7f-\x9f", "\ud800-\udfff", "\ufdd0-\ufdef"]
    ranges += [f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)]
    ranges += ["\u202a-\u202e", "\u2066-\u2069"]
    return re.compile(f"[{''.join(ranges)}]")


#: One character class for all of them: a text is scanned once, in C.
FORBIDDEN = _forbidden_pattern()


def describe(char: str) -> str:
    """'U+202E RIGHT-TO-LEFT OVERRIDE': the code point, and its name where Unicode or we give one."""
    name = unicodedata.name(char, "") or CONTROL_NAMES.get(char, "")
    if not name:
        category = unicodedata.category(char)
        name = {"Cc": "control character", "Cs": "lone surrogate"}.get(category, "noncharacter")
    return f"U+{ord(char):04X} {name}"


def forbidden_in(text: str) -> dict[str, int]:
    """The forbidden characters of ``text``, each with the position (from 1) where it first appears."""
    found: dict[str, int] = {}
    for match in FORBIDDEN.finditer(text):
        found.setdefault(match.group(0), match.start() + 1)
    return found


def message(found: dict[str, int], *, key: bool = False) -> str:
    """What an editor reads: each character by code point and name, where it is, and what to do."""
    named = ", ".join(f"{describe(char)} at character {position}" for char, position in found.items())
    return (
        f"{'the key holds' if key else 'holds'} {named}, which a record may not contain (invisible, it can"
        " break the published files or make a text display differently from what it says); delete it"
    )


def character_problems(record: LoadedRecord) -> Iterator[Problem]:
    """A problem for every key or value of ``record`` that holds a forbidden character."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(record.document.data, ())]
    while stack:  # a loop, not recursion: every value of every record passes here
        value, path = stack.pop()
        if isinstance(value, str):
            yield from _problems(record, path, value, key=False)
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str):
                    yield from _problems(record, path + (key,), key, key=True)
                stack.append((item, path + (key,)))
        elif isinstance(value, list):
            stack.extend((item, path + (index,)) for index, item in enumerate(value))


def _problems(
    record: LoadedRecord, path: tuple[str | int, ...], text: str, *, key: bool
) -> Iterator[Problem]:
    found = forbidden_in(text)
    if found:
        yield record.problem(path, message(found, key=key), key=key)
