"""One re-solve of the explorer: the four agreements at the sliders' values, or the error that stopped it.

:func:`solve_at` never raises for a value the page can send: an invalid value
or a solver failure becomes :attr:`Outcome.error`, the text the page shows in
place of the table (no stale agreement is left on screen as if it were the
answer at the new values).

Examples
--------
>>> from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party
>>> dollar = BargainingProblem(
...     [Party("a", "share", disagreement="d_a"), Party("b", "1 - share")],
...     [ContinuousIssue("share")], [Parameter("d_a", 0.2, (0, 0.6))])
>>> solve_at(dollar, {"d_a": 0.4}).cell("nash", "share")
'0.7'
>>> solve_at(dollar, {"d_a": 9}).error
'parameters.d_a: 9 is outside its range [0, 0.6]; choose a value in the range'
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bargaining.errors import BargainingError
from bargaining.explore.parameters import check_values, set_line
from bargaining.table import format_number

__all__ = ["Outcome", "agreement_table", "solve_at", "warm_conic"]


@dataclass(frozen=True, slots=True, eq=False)
class Outcome:
    """The result of one re-solve.

    Attributes
    ----------
    values
        The parameter values asked for (as sent, before checking).
    problem
        The problem at those values (``None`` if they were refused).
    solutions
        The :class:`~bargaining.solutions.results.SolutionSet` (``None`` on error).
    error
        ``""``, or the message of the :class:`~bargaining.errors.BargainingError` that stopped it.
    command
        The ``bargain solve ... --set`` line for these values (``""`` if they were refused).
    notes
        What the table should say beside the numbers: no agreement (and who
        blocks it), a solver status other than optimal, the solvers' notes.
    """

    values: Mapping[str, Any]
    problem: Any = None
    solutions: Any = None
    error: str = ""
    command: str = ""
    notes: tuple[str, ...] = field(default=())

    @property
    def ok(self) -> bool:
        """Whether the solve answered."""
        return not self.error

    def cell(self, concept: str, column: str) -> str:
        """The text the table shows for ``concept`` (``"nash"``, ...) under ``column``."""
        headers, rows = agreement_table(self.solutions)
        for key, row in rows:
            if key == concept:
                return row[headers.index(column)]
        raise KeyError(concept)

    def to_dict(self) -> dict[str, Any]:
        """Plain data: the values, the command, and the solutions' ``to_dict()`` or the error."""
        return {
            "values": dict(self.values),
            "command": self.command,
            "error": self.error,
            "solutions": None if self.solutions is None else self.solutions.to_dict(),
        }


def solve_at(model: Any, values: Mapping[str, Any], spec: str | None = None) -> Outcome:
    """Every bargaining solution of ``model`` with ``values`` set (``solve_all(..., method="auto")``).

    A :class:`~bargaining.errors.BargainingError` (a value out of range, a
    spec that cannot be solved there, a solver failure) is returned as
    :attr:`Outcome.error`, never raised.
    """
    from bargaining.solutions.concepts import solve_all

    try:
        checked = check_values(model, values)
        command = set_line(model, checked, spec)
        problem = model.with_parameters(checked)
        solutions = solve_all(problem, method="auto")
    except BargainingError as exc:
        return Outcome(dict(values), error=str(exc), command=set_line_or_blank(model, values, spec))
    return Outcome(dict(values), problem, solutions, command=command, notes=_notes(solutions))


#: The structures already warmed in this process (one warm-up serves every page of a structure).
_WARMED: set[Any] = set()
_WARMED_LOCK = threading.Lock()


def warm_conic(model: Any) -> threading.Thread | None:
    """Solve ``model`` once by the cvxpy path on a background thread, so that a re-solve need not.

    :func:`solve_at` answers by Newton's method where it can certify the answer
    and falls back to cvxpy where it cannot; the first fallback of a page would
    otherwise pay for importing cvxpy and compiling every concept's program
    (seconds, against tens of milliseconds for a fallback after it). The
    imports and what :data:`bargaining.solutions.cache.STRUCTURES` shares
    between threads are paid here, while the page waits for its first slider
    move; cvxpy's compiled programs are kept per thread, so the serving thread
    still compiles its own, a fraction of the cost (on Kursk, with both cores
    busy: 8.7 s for the first conic solve, 1.1 s for the serving thread's
    first after this warm-up). The thread is a daemon; whatever it raises is
    dropped (the page's own solves report errors). ``None``: a page of this
    structure was warmed before, in this process.
    """
    from bargaining.solutions.concepts import solve_all

    structure = getattr(model, "structure_key", None)
    key = structure() if callable(structure) else id(model)
    with _WARMED_LOCK:
        if key in _WARMED:
            return None
        _WARMED.add(key)

    def solve() -> None:
        with contextlib.suppress(Exception):  # a warm-up only: the page's own solves report errors
            solve_all(model, method="conic")

    thread = threading.Thread(target=solve, name="bargaining-warm-conic", daemon=True)
    thread.start()
    return thread


def set_line_or_blank(model: Any, values: Mapping[str, Any], spec: str | None) -> str:
    """The ``--set`` line for ``values`` if they are valid, else ``""``."""
    try:
        return set_line(model, check_values(model, values), spec)
    except BargainingError:
        return ""


def _notes(solutions: Any) -> tuple[str, ...]:
    lines: list[str] = []
    for s in solutions:
        if not s.agreement_exists:
            lines.append(
                f"{s.concept_name}: no agreement beats disagreement; blocked by {', '.join(s.blocking)}"
            )
        if s.status not in ("optimal", ""):
            lines.append(f"{s.concept_name}: solver status {s.status}")
        lines.extend(f"{s.concept_name}: {note}" for note in s.notes)
    return tuple(dict.fromkeys(lines))


def agreement_table(solutions: Any) -> tuple[list[str], list[tuple[str, list[str]]]]:
    """The table's headers and ``(concept, cells)`` rows, numbers to 4 significant figures.

    Columns: the solution's name, each issue, then ``u(party)`` and
    ``gain(party)`` for each party, as ``bargain solve`` prints them.
    """
    if solutions is None or not len(solutions):
        return [], []
    first = next(iter(solutions))
    issues: list[str] = list(solutions.issues)
    for s in solutions:
        issues.extend(k for k in s.agreement if k not in issues and k != "lottery")
    headers = ["solution", *issues]
    for party in first.parties:
        headers += [f"u({party})", f"gain({party})"]
    rows = []
    for s in solutions:
        cells = [s.concept_name]
        if s.agreement_exists:
            cells += [format_number(_plain(s.agreement.get(k, "-"))) for k in issues]
            for u, g in zip(s.utilities, s.gains, strict=True):
                cells += [format_number(float(u)), format_number(float(g))]
        else:
            cells += ["-"] * (len(headers) - 1)
        rows.append((s.concept, cells))
    return headers, rows


def _plain(value: Any) -> Any:
    item = getattr(value, "item", None)
    return item() if callable(item) else value
