"""JSON text into Python data, within limits: no NaN, no nesting past :data:`MAX_DEPTH`, no endless integers.

Python's :mod:`json` accepts ``NaN`` and ``Infinity``, recurses once per
level of nesting (so 5,000 nested brackets raise ``RecursionError``) and
refuses integers of more than 4,300 digits with a ``ValueError`` that names
no field. :func:`parse_json` turns each into a :class:`~bargaining.errors.GameFormatError`
or a :class:`~bargaining.errors.SpecError` that says where and how to fix it.

Examples
--------
>>> parse_json('{"a": [1, 2.5]}')
{'a': [1, 2.5]}
>>> try:
...     parse_json('{"parameters": [{"value": ' + "9" * 400 + '}]}')
... except SpecError as exc:
...     print(exc.path)
parameters[0].value
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from bargaining.errors import GameFormatError, SpecError

__all__ = ["MAX_DEPTH", "MAX_INTEGER_DIGITS", "parse_json"]

#: deepest nesting of arrays and objects a spec may have (the shipped specs have at most 6)
MAX_DEPTH = 100
#: most digits an integer may have: more is beyond any float (1.8e308)
MAX_INTEGER_DIGITS = 309


@dataclass(frozen=True, slots=True)
class HugeInteger:
    """The text of an integer with more than :data:`MAX_INTEGER_DIGITS` digits, kept to name its field."""

    text: str


def parse_json(text: str, source: str = "spec") -> Any:
    """Parse JSON ``text`` (from ``source``, for messages) into Python data.

    Raises
    ------
    GameFormatError
        For a syntax error (with the line and column), ``NaN`` or ``Infinity``,
        or nesting too deep for the parser.
    SpecError
        For nesting deeper than :data:`MAX_DEPTH` or an integer of more than
        :data:`MAX_INTEGER_DIGITS` digits, naming its JSON path.
    """

    def reject(token: str) -> float:
        raise GameFormatError(f"{source}: {token} is not a number JSON allows; use a finite number")

    try:
        data = json.loads(text, parse_constant=reject, parse_int=_integer)
    except json.JSONDecodeError as exc:
        raise GameFormatError(
            f"{source} is not valid JSON: {exc.msg}; check for a missing comma, quote or bracket",
            f"line {exc.lineno}, column {exc.colno}",
        ) from None
    except RecursionError:
        raise GameFormatError(
            f"{source}: arrays and objects nest more than {MAX_DEPTH} levels deep "
            "(a spec needs a few); check the file for runaway brackets"
        ) from None
    check_limits(data)
    return data


def _integer(text: str) -> int | HugeInteger:
    if len(text.lstrip("-")) > MAX_INTEGER_DIGITS:
        return HugeInteger(text)
    return int(text)


def check_limits(data: Any) -> None:
    """Raise a :class:`SpecError` at the first value nested past :data:`MAX_DEPTH` or too large an integer.

    Walks the data without recursion, so any depth the parser produced is safe.
    """
    stack: list[tuple[Any, str, int]] = [(data, "", 0)]
    while stack:
        value, path, depth = stack.pop()
        if isinstance(value, HugeInteger):
            digits = len(value.text.lstrip("-"))
            raise SpecError(
                path,
                f"the integer {value.text[:20]}... has {digits} digits, beyond the largest number a "
                "field can hold (about 1.8e308); use a value of smaller magnitude",
            )
        if not isinstance(value, dict | list):
            continue
        if depth >= MAX_DEPTH:
            raise SpecError(
                path if len(path) <= 60 else f"{path[:28]}...{path[-28:]}",
                f"arrays and objects nest more than {MAX_DEPTH} levels deep here (a spec needs a few); "
                "check the file for runaway brackets",
            )
        items = list(value.items() if isinstance(value, dict) else enumerate(value))
        for key, item in reversed(items):  # reversed: the first offender in document order is found first
            child = f"{path}[{key}]" if isinstance(key, int) else (f"{path}.{key}" if path else str(key))
            stack.append((item, child, depth + 1))
