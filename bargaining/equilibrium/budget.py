r"""A time budget for the equilibrium solvers, checked cooperatively.

A :class:`Budget` is started when a computation starts and is handed down to
the enumeration loops (support enumeration, the subdivision search, the logit
path, Lemke-Howson between labels, pure enumeration in blocks). Each loop asks
:meth:`Budget.expired` at the top of an iteration and, when it is, stops and
returns what it has found so far, marked incomplete. Code deep inside a loop
that cannot return a partial result calls :meth:`Budget.check`, which raises
:class:`TimeLimitReached` for its caller to catch.

Nothing is interrupted from outside: a single call that does not check the
budget (Qhull in vertex enumeration, one linear programme) runs to its end,
and the result then says it finished past the limit.

Examples
--------
>>> budget = Budget.start(None)          # no limit
>>> budget.expired(), budget.time_limit
(False, None)
>>> budget = Budget.start(30)
>>> budget.expired(), budget.remaining() <= 30
(False, True)
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field
from typing import Any

from bargaining.errors import InvalidGameError, SolverError

__all__ = ["UNLIMITED", "Budget", "TimeLimitReached", "check_time_limit"]


class TimeLimitReached(SolverError):
    """Raised by :meth:`Budget.check` when the time limit has run out.

    The solvers catch it and return what they found, marked incomplete; it
    reaches the caller only from a low-level routine used on its own.
    """

    def __init__(self, message: str) -> None:
        super().__init__(message, status="time_limit")


def check_time_limit(time_limit: Any, name: str = "time_limit") -> float | None:
    """``time_limit`` as seconds (a positive finite float), or ``None`` for no limit.

    Parameters
    ----------
    time_limit
        The value given.
    name
        How the user gave it, for the message (``"time_limit"``, ``"--timeout"``).

    Raises
    ------
    InvalidGameError
        If ``time_limit`` is not a number, or is zero, negative, infinite or NaN.
    """
    if time_limit is None:
        return None
    if isinstance(time_limit, bool):
        raise InvalidGameError(f"{name} must be a number of seconds, got {time_limit!r}{_advice(name)}")
    if not isinstance(time_limit, int | float):
        try:
            time_limit = float(time_limit)
        except (TypeError, ValueError):
            raise InvalidGameError(
                f"{name} must be a number of seconds, got {time_limit!r}{_advice(name)}"
            ) from None
    seconds = float(time_limit)
    if not (seconds > 0 and math.isfinite(seconds)):
        raise InvalidGameError(
            f"{name} must be a positive number of seconds, got {time_limit!r}{_advice(name)}"
        )
    return seconds


def _advice(name: str) -> str:
    if name.startswith("--"):
        return f"; give e.g. {name} 10, or leave it out for no limit"
    return f"; give e.g. {name}=10, or {name}=None for no limit"


@dataclass(frozen=True, slots=True)
class Budget:
    """A deadline: ``time_limit`` seconds from ``started`` (``time.monotonic()``).

    Attributes
    ----------
    time_limit
        Seconds allowed, or ``None`` for no limit (then nothing ever expires).
    started
        The :func:`time.monotonic` reading when the budget was started.
    """

    time_limit: float | None = None
    started: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        object.__setattr__(self, "time_limit", check_time_limit(self.time_limit))

    @classmethod
    def start(cls, time_limit: float | None) -> Budget:
        """A budget of ``time_limit`` seconds from now (validated; ``None``: no limit)."""
        return cls(time_limit)

    def elapsed(self) -> float:
        """Seconds since the budget started."""
        return time.monotonic() - self.started

    def remaining(self) -> float | None:
        """Seconds left (never negative), or ``None`` without a limit."""
        if self.time_limit is None:
            return None
        return max(0.0, self.time_limit - self.elapsed())

    def expired(self) -> bool:
        """Whether the time limit has run out (always ``False`` without a limit)."""
        return self.time_limit is not None and self.elapsed() >= self.time_limit

    def check(self, where: str = "") -> None:
        """Raise :class:`TimeLimitReached` if the time limit has run out.

        Parameters
        ----------
        where
            What was running, for the message (e.g. ``"the Lemke-Howson path from label 3"``).
        """
        if self.expired():
            place = f" during {where}" if where else ""
            raise TimeLimitReached(
                f"the time limit of {self.time_limit:g} s ran out{place} after {self.elapsed():.3g} s"
            )

    def describe(self) -> str:
        """``"0.21 s of a 0.2 s limit"`` (or ``"0.21 s"`` without a limit)."""
        spent = f"{self.elapsed():.3g} s"
        return spent if self.time_limit is None else f"{spent} of a {self.time_limit:g} s limit"

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the limit and the seconds elapsed so far."""
        return {"time_limit": self.time_limit, "elapsed_seconds": self.elapsed()}


#: a budget that never expires, for callers that pass none
UNLIMITED = Budget(None, 0.0)
