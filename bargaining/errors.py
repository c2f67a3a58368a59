"""The exceptions raised by :mod:`bargaining`.

Every error the library raises on purpose derives from :class:`BargainingError`,
so research code can catch one class. Each message says what is wrong and how
to fix it; errors about a spec also carry the JSON path of the offending field
(``parties[0].utility``), which the command line prints before the message.

Hierarchy::

    BargainingError(Exception)
      InvalidGameError(BargainingError, ValueError)      a model that makes no sense
        ExpressionError(InvalidGameError)                a formula that cannot be parsed
        SpecError(InvalidGameError)                      a JSON spec field, with its path
      GameFormatError(BargainingError, ValueError)       a file that cannot be read (.nfg, JSON syntax)
      ConvexityError(BargainingError, ValueError)        a utility the solver cannot optimise
      SolverError(BargainingError, RuntimeError)         a numerical solver failed
      MissingDependencyError(BargainingError, ImportError)  an optional package not installed
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence

__all__ = [
    "BargainingError",
    "ConvexityError",
    "ExpressionError",
    "GameFormatError",
    "InvalidGameError",
    "MissingDependencyError",
    "SolverError",
    "SpecError",
    "suggest",
]


class BargainingError(Exception):
    """Base class of every error raised on purpose by :mod:`bargaining`."""


class InvalidGameError(BargainingError, ValueError):
    """A game, problem or parameter value that is not valid."""


class ExpressionError(InvalidGameError):
    """A formula that is not in the whitelisted expression language.

    Parameters
    ----------
    message
        What is wrong and how to fix it.
    source
        The formula text, if known.
    """

    def __init__(self, message: str, source: str | None = None) -> None:
        super().__init__(message)
        self.source = source


class SpecError(InvalidGameError):
    """A field of a JSON spec that is missing, of the wrong type, or invalid.

    Parameters
    ----------
    path
        The JSON path of the field, e.g. ``"parties[0].utility"``; ``""`` for the
        whole document.
    message
        What is wrong and how to fix it.
    """

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class GameFormatError(BargainingError, ValueError):
    """A file that cannot be read: bad JSON syntax, a malformed ``.nfg``.

    Parameters
    ----------
    message
        What is wrong and how to fix it.
    location
        Where in the file, e.g. ``"line 3"`` or ``"line 3, column 7"``.
    """

    def __init__(self, message: str, location: str | None = None) -> None:
        self.location = location
        self.message = message
        super().__init__(f"{location}: {message}" if location else message)


class ConvexityError(BargainingError, ValueError):
    """A utility that is not concave where the solver needs concavity."""


class SolverError(BargainingError, RuntimeError):
    """A numerical solver that failed or returned an unusable status.

    Parameters
    ----------
    message
        What happened and what to try.
    status
        The solver's status string (e.g. cvxpy's ``"infeasible"``).
    """

    def __init__(self, message: str, status: str | None = None) -> None:
        super().__init__(message)
        self.status = status


class MissingDependencyError(BargainingError, ImportError):
    """An optional package a feature needs is not installed; the message names the ``pip install``."""


def suggest(name: str, known: Sequence[str]) -> str:
    """``"; did you mean 'x'?"`` for the closest of ``known``, or ``""``.

    Examples
    --------
    >>> suggest("kursk_hled", ["kursk_held", "holding_cost"])
    "; did you mean 'kursk_held'?"
    >>> suggest("zzz", ["kursk_held"])
    ''
    """
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
