"""Pydantic validation errors turned into messages an editor can act on.

Keyed on the error's ``type`` (stable across pydantic releases), never on its English text.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing
from typing import Any

from pydantic import BaseModel

_DATE_TYPES = {"date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact", "date_type"}

#: Keys that hold personal contact data, which public records never publish (compared in lower case).
CONTACT_KEYS = frozenset(
    {"email", "e-mail", "mail", "phone", "telephone", "tel", "fax", "mobile", "contact", "name_of_person"}
)
CONTACT_KEY_MESSAGE = "personal contact data is not published; remove it"

#: Longest value shown in a message, quotes and "..." included.
_SHOWN_LENGTH = 60


def is_contact_key(key: object) -> bool:
    """True for a key such as ``email:`` or ``Phone:`` that names personal contact data."""
    return isinstance(key, str) and key.lower() in CONTACT_KEYS


def describe(
    error: dict[str, Any],
    model: type[BaseModel],
    loc: tuple[str | int, ...],
    *,
    first_cluster: str | None = None,
) -> str:
    """A one-line message for one pydantic ``error`` found at ``loc`` in ``model``.

    ``first_cluster``, the key of the vocabulary's first thematic cluster when the caller has it, makes the
    message for a record in the old single-review shape show the exact line to write.
    """
    kind = error["type"]
    value = error.get("input")
    ctx = error.get("ctx") or {}
    shown = _show(value)
    if kind == "extra_forbidden":
        if loc and is_contact_key(loc[-1]):
            return CONTACT_KEY_MESSAGE  # not "unknown field": the key must go, not be renamed
        if loc == ("review",) and "reviews" in _known_fields(model, ()):
            return old_review_message(first_cluster)
        known = _known_fields(model, loc[:-1])
        guess = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        hint = f'did you mean "{guess[0]}"?' if guess else f"known fields here: {', '.join(sorted(known))}"
        return f"unknown field; {hint}"
    if kind == "missing":
        return "required field is missing; add it"
    if kind in _DATE_TYPES:
        return f"{shown} is not a date; write YYYY-MM-DD, e.g. 2019-03-01"
    if kind in ("int_parsing", "int_type", "int_from_float"):
        return f"{shown} is not a whole number; write digits only, e.g. 3"
    if kind in ("bool_parsing", "bool_type"):
        return f"{shown} is not true or false; write true or false"
    if kind in ("string_type",):
        if isinstance(value, list):
            return f"{shown} is a list, not text; write a single value"
        if isinstance(value, dict):
            return f"{shown} is a group of fields, not text; write a single value"
        return f"{shown} is not text; put it in quotes"
    if kind in ("list_type",):
        return f"{shown} is not a list; write one item per line starting with '- '"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return f"{shown} is not a group of fields; write field: value lines indented under it"
    if kind == "literal_error":
        return f"{shown} is not allowed; use one of {ctx.get('expected', '')}"
    if kind == "string_pattern_mismatch":
        return f"{shown} has the wrong form; {_pattern_hint(str(ctx.get('pattern', '')))}"
    if kind == "string_too_short":
        return "must not be empty"
    if kind == "string_too_long" and isinstance(value, str):
        return (
            f"is {len(value):,} characters long; at most {ctx.get('max_length', 0):,} are allowed here."
            " Shorten it, or publish the long text as a document and cite it"
        )
    if kind == "too_short":
        return f"needs at least {ctx.get('min_length')} item(s)"
    if kind == "too_long":
        return f"has {ctx.get('actual_length')} items; at most {ctx.get('max_length')} allowed"
    if kind in ("greater_than_equal", "greater_than"):
        return f"{shown} is too small; the lowest allowed is {ctx.get('ge', ctx.get('gt'))}"
    if kind in ("less_than_equal", "less_than"):
        return f"{shown} is too large; the highest allowed is {ctx.get('le', ctx.get('lt'))}"
    if kind.startswith("url"):
        return f"{shown} is not a web address; write a full http:// or https:// link"
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "invalid value"))
    return f"{shown} is not valid here ({kind})"


def old_review_message(first_cluster: str | None = None) -> str:
    """What to write instead of the single ``review:`` block records had before one review per cluster.

    The problem line names the field, so it reads ``review: is now reviews: ...``. "unknown field; did you
    mean reviews?" would be right but would not say that the block becomes a list entry that names its
    cluster, which is the whole change.
    """
    if first_cluster:
        entry = f'"- cluster: {first_cluster}"'
    else:
        entry = '"- cluster: " and the key of a cluster (see clusters in profiles/_vocabulary.yaml),'
    return (
        'is now reviews:, one entry per thematic cluster: write "reviews:" and under it'
        f" {entry} followed by the review's fields, indented under it"
    )


def _show(value: Any) -> str:
    """``value`` as an editor wrote it: text in double quotes, dates in ISO form, at most 60 characters."""
    if value is None:
        return "an empty value"
    if isinstance(value, str):
        text = '"' + _escape(value) + '"'
        return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 4] + '..."'
    text = _plain(value)
    return text if len(text) <= _SHOWN_LENGTH else text[: _SHOWN_LENGTH - 3] + "..."


def _plain(value: Any) -> str:
    """A value other than top-level text in YAML-like words (true, 2024-02-29, ['KE'])."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_item(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_item(key)}: {_item(item)}" for key, item in value.items()) + "}"
    return _escape(repr(value))


def _item(value: Any) -> str:
    if value is None:
        return "null"
    return repr(value) if isinstance(value, str) else _plain(value)


def _escape(text: str) -> str:
    """Line breaks and tabs written as backslash-n and backslash-t, so a message stays on one line."""
    return text.replace("\r", "\\r").replace("\n", "\\n").replace("\t", "\\t")


def _pattern_hint(pattern: str) -> str:
    if pattern == r"^[a-z]{3}$":
        return "write a party code: three lower-case letters, e.g. ken"
    if pattern == r"^[A-Z]{2}$":
        return "write a two-letter territory code in capitals, e.g. KE"
    return f"it must match {pattern}"


def _known_fields(model: type[BaseModel], loc: tuple[str | int, ...]) -> list[str]:
    """Field names accepted at ``loc`` (following nested models, lists and dicts) for did-you-mean."""
    current: Any = model
    for part in loc:
        current = _child_type(current, part)
        if current is None:
            return []
    for candidate in _unwrap(current):  # the group itself may be optional: ``review: Review | None``
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return [field.alias or name for name, field in candidate.model_fields.items()]
    return []


def _child_type(annotation: Any, part: str | int) -> Any:
    for candidate in _unwrap(annotation):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(part, str):
            field = candidate.model_fields.get(part)
            if field is not None:
                return field.annotation
        origin = typing.get_origin(candidate)
        args = typing.get_args(candidate)
        if origin is list and isinstance(part, int) and args:
            return args[0]
        if origin is dict and isinstance(part, str) and len(args) == 2:
            return args[1]
    return None


def _unwrap(annotation: Any) -> list[Any]:
    """The alternatives of ``X | None`` and ``Annotated[X, ...]``."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, types.UnionType):
        return [item for arg in typing.get_args(annotation) for item in _unwrap(arg)]
    return [annotation]
