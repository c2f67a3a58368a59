"""Results as pandas data frames: what every ``to_frame()`` returns.

pandas is optional (``pip install 'bargaining[pandas]'``) and imported only
when a frame is asked for. Each result's ``to_frame()`` passes its records (the
rows of its ``to_dict()``, one dict per point, draw, equilibrium or concept) to
:func:`to_frame`, which flattens nested dicts into dotted column names
(``parties.ukraine.utility``) and keeps every digit: a frame is for analysis,
not display.

Examples
--------
>>> flatten({"a": 1, "b": {"c": 2, "d": {"e": 3}}, "f": [1, 2]})
{'a': 1, 'b.c': 2, 'b.d.e': 3, 'f': [1, 2]}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from bargaining.errors import MissingDependencyError

__all__ = ["INSTALL", "flatten", "require_pandas", "to_frame"]

#: The command that installs the optional pandas dependency.
INSTALL = "pip install 'bargaining[pandas]'"


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts as one level, keys joined by dots; lists and other values kept as they are."""
    out: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, f"{name}."))
        else:
            out[name] = value
    return out


def require_pandas() -> Any:
    """The pandas module, imported on first use.

    Raises
    ------
    MissingDependencyError
        If pandas is not installed, naming the command that installs it.
    """
    try:
        import pandas
    except ImportError as exc:
        raise MissingDependencyError(
            f"to_frame() needs pandas, which is not installed: {INSTALL} (or pip install pandas)"
        ) from exc
    return pandas


def to_frame(records: Iterable[Mapping[str, Any]], index: str | None = None) -> Any:
    """A ``pandas.DataFrame`` with one row per record, nested dicts flattened (:func:`flatten`).

    Parameters
    ----------
    records
        One dict per row.
    index
        A column to make the index (it moves out of the columns).

    Raises
    ------
    MissingDependencyError
        If pandas is not installed.
    """
    pandas = require_pandas()
    frame = pandas.DataFrame.from_records([flatten(r) for r in records])
    if index is not None and index in frame.columns:
        frame = frame.set_index(index)
    return frame
