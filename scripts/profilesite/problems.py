"""Editor-facing problems: one line each, ``file:line:column: field: message``, sorted, all at once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


def one_line(text: str) -> str:
    r"""Control characters written as escapes (\n, \t, \x00), so one problem is always one line."""
    return "".join(char if char.isprintable() else char.encode("unicode_escape").decode() for char in text)


def _data(text: str) -> str:
    """A workflow command's message, escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(text: str) -> str:
    """A workflow command's property value, escaped."""
    return _data(text).replace(":", "%3A").replace(",", "%2C")


def field_path(path: tuple[str | int, ...]) -> str:
    """``('documents', 0, 'titel')`` -> ``documents[0].titel`` (how editors read YAML keys)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else part
    return text


@dataclass(frozen=True, order=True)
class Problem:
    """One editor mistake, with where it is and how to fix it."""

    file: str
    line: int
    column: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        text = f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"
        return one_line(text)

    def github_annotation(self) -> str:
        """The same problem as a GitHub Actions workflow command (an annotation on the changed line).

        Escaped as GitHub's runner unescapes them (its ``CommandExtensions``: ``%``, CR and LF in the
        message; also ``:`` and ``,`` in a property such as the file name), after every other invisible or
        direction-changing character is written as an escape (:func:`one_line`): a record's text can
        neither end the command early nor disguise the log line.
        """
        text = one_line(f"{self.field}: {self.message}" if self.field else self.message)
        file = _property(one_line(self.file))
        return f"::error file={file},line={self.line},col={self.column}::{_data(text)}"


def report(problems: Iterable[Problem], *, github: bool = False) -> list[str]:
    """Lines to print for ``problems``: sorted by file, line and column, duplicates removed."""
    unique = sorted(set(problems))
    return [problem.github_annotation() if github else str(problem) for problem in unique]
