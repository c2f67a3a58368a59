"""Typed access to the fields of a parsed JSON spec, with JSON paths in errors.

Every reader of a spec kind uses these helpers, so that every error names the
field (``parties[0].bargaining_power``), says what is wrong and how to fix it,
in the same words for every kind.

Examples
--------
>>> Fields({"value": 2}, "parameters[0]").number("value")
2.0
>>> Fields({"value": "two"}, "parameters[0]").number("value")
Traceback (most recent call last):
...
bargaining.errors.SpecError: parameters[0].value: expected a number, got the string 'two'; write it ...
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from bargaining.errors import SpecError, suggest

__all__ = ["Fields", "child_path", "describe", "located", "suggest"]


def child_path(path: str, key: str | int) -> str:
    """The JSON path of a member (``a.b``) or an element (``a[0]``) of ``path``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


@contextmanager
def located(path: str) -> Iterator[None]:
    """Re-raise a :class:`SpecError` with a relative path (``"utility"``) under ``path``.

    Model constructors name their own fields; a reader wraps them so that the
    error names the field in the document (``parties[0].utility``).
    """
    try:
        yield
    except SpecError as exc:
        if path and not exc.path.startswith(path):
            raise SpecError(child_path(path, exc.path) if exc.path else path, exc.message) from None
        raise


def describe(value: Any) -> str:
    """A short description of a JSON value for an error message."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {shown!r}"
    if isinstance(value, int | float):
        return f"the number {value!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'s' if len(value) != 1 else ''}"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__


class Fields:
    """A JSON object being read, with the path it was found at.

    Parameters
    ----------
    data
        The parsed JSON value that should be an object.
    path
        Its JSON path (``""`` for the document itself).
    """

    def __init__(self, data: Any, path: str = "") -> None:
        if not isinstance(data, dict):
            where = path or "the document"
            raise SpecError(path, f"expected an object {{...}} at {where}, got {describe(data)}")
        self.data: dict[str, Any] = data
        self.path = path
        self._read: set[str] = set()

    def at(self, key: str) -> str:
        """The JSON path of member ``key``."""
        return child_path(self.path, key)

    def has(self, key: str) -> bool:
        """Whether member ``key`` is present (and not null)."""
        return self.data.get(key) is not None

    def raw(self, key: str, default: Any = ...) -> Any:
        """Member ``key`` as parsed; required unless a default is given."""
        self._read.add(key)
        if key not in self.data or self.data[key] is None:
            if default is ...:
                raise SpecError(self.at(key), f"missing required field {key!r}")
            return default
        return self.data[key]

    def string(self, key: str, default: Any = ...) -> Any:
        """Member ``key`` as a string."""
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, str):
            raise SpecError(self.at(key), f"expected a string, got {describe(value)}")
        return value

    def name(self, key: str = "name") -> str:
        """Member ``key`` as an identifier (letters, digits, underscores)."""
        value = self.string(key)
        if not value.isidentifier() or value.startswith("__"):
            raise SpecError(
                self.at(key),
                f"{value!r} is not a valid name; use letters, digits and underscores, "
                "starting with a letter (e.g. 'kursk_held')",
            )
        return value

    def number(self, key: str, default: Any = ...) -> Any:
        """Member ``key`` as a finite float."""
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        return as_number(value, self.at(key))

    def boolean(self, key: str, default: Any = ...) -> Any:
        """Member ``key`` as a boolean."""
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, bool):
            raise SpecError(self.at(key), f"expected true or false, got {describe(value)}")
        return value

    def choice(self, key: str, options: Sequence[str], default: Any = ...) -> Any:
        """Member ``key`` as one of ``options``."""
        value = self.string(key, default)
        if value is default and default is not ...:
            return value
        if value not in options:
            listed = ", ".join(repr(o) for o in options)
            raise SpecError(
                self.at(key), f"unknown value {value!r}{suggest(value, options)} (expected one of {listed})"
            )
        return value

    def array(self, key: str, default: Any = ..., min_length: int = 0) -> Any:
        """Member ``key`` as a list."""
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        if not isinstance(value, list):
            raise SpecError(self.at(key), f"expected a list [...], got {describe(value)}")
        if len(value) < min_length:
            raise SpecError(
                self.at(key),
                f"expected at least {min_length} item{'s' if min_length != 1 else ''}, got {len(value)}",
            )
        return value

    def objects(self, key: str, default: Any = ..., min_length: int = 0) -> Iterator[Fields]:
        """Member ``key`` as a list of objects, each wrapped as :class:`Fields`."""
        items = self.array(key, default, min_length)
        if items is default and default is not ...:
            return iter(())
        return (Fields(item, child_path(self.at(key), i)) for i, item in enumerate(items))

    def object(self, key: str, default: Any = ...) -> Any:
        """Member ``key`` as an object wrapped as :class:`Fields`."""
        value = self.raw(key, default)
        if value is default and default is not ...:
            return value
        return Fields(value, self.at(key))

    def check_unknown(self, allowed: Sequence[str] | None = None) -> None:
        """Raise for a member that is not in ``allowed`` (default: the members read).

        Catches typos such as ``"bargainig_power"``, which would otherwise be
        silently ignored.
        """
        known = set(allowed) if allowed is not None else self._read
        known |= {"description", "source", "notes", "$schema", "comment"}
        for key in self.data:
            if key not in known:
                raise SpecError(
                    self.at(key),
                    f"unknown field {key!r}{suggest(key, sorted(known))}; remove it or fix its spelling",
                )


def as_number(value: Any, path: str) -> float:
    """``value`` as a finite float, or a :class:`SpecError` naming ``path``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        hint = "; write it without quotes, e.g. 1.5" if isinstance(value, str) else ""
        raise SpecError(path, f"expected a number, got {describe(value)}{hint}")
    number = float(value)
    if not math.isfinite(number):
        raise SpecError(path, f"expected a finite number, got {value!r}")
    return number
