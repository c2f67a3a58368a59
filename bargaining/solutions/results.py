"""Results of the bargaining solutions: immutable, printable, JSON-ready.

A :class:`BargainingSolution` is what one solution concept predicts for one
problem; a :class:`SolutionSet` holds several concepts for the same problem and
prints as one table, a row per concept.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bargaining.table import format_number, format_table

__all__ = ["BargainingSolution", "SolutionSet"]


def _floats(values: Any) -> list[float]:
    return [float(v) for v in np.asarray(values, dtype=float)]


#: Table values are rounded to this, relative to the largest in their column: the solvers'
#: accuracy on an agreement at a flat optimum (errors like sqrt of their tolerance).
ACCURACY = 1e-5


def _accuracy(values: Sequence[float]) -> float:
    """The power of ten just under ``ACCURACY`` times the largest finite ``|value|``."""
    finite = [abs(float(v)) for v in values if np.isfinite(v)]
    top = max(finite, default=0.0)
    return 10.0 ** np.floor(np.log10(ACCURACY * top)) if top > 0 else 0.0


def _rounded(value: float, accuracy: float) -> float:
    r"""``value`` rounded to a multiple of ``accuracy`` (solver noise such as ``3.2e-06`` for 0 goes).

    Tables only: :meth:`BargainingSolution.to_dict` keeps every digit.
    """
    if accuracy <= 0 or not np.isfinite(value):
        return value
    return float(round(value / accuracy) * accuracy) + 0.0


def _plain(value: Any) -> Any:
    if isinstance(value, np.generic):
        return value.item()
    return value


@dataclass(frozen=True, slots=True, eq=False)
class BargainingSolution:
    """The agreement one solution concept predicts.

    Attributes
    ----------
    concept
        The concept's key: ``"nash"``, ``"ks"``, ``"egalitarian"``, ``"utilitarian"``.
    concept_name
        Its full name, e.g. ``"asymmetric Nash bargaining solution"``.
    parties
        The parties' names, in order.
    agreement_exists
        Whether some agreement gives every party more than disagreement.
    agreement
        ``{issue: value}`` (discrete issues by level name; for a utility set,
        the outcome or the lottery over outcomes); empty if no agreement.
    utilities
        Each party's utility of the agreement (the disagreement point if none).
    disagreement_point
        :math:`d`.
    ideal_point
        Each party's best utility among agreements that give every other party
        at least its disagreement value (``nan`` where there is none).
    weights
        The bargaining powers (Nash) or weights (utilitarian, proportional) used.
    blocking
        If no agreement exists: the parties who block it, i.e. those for whom
        nothing that leaves the others at their disagreement value beats their
        own disagreement value.
    status
        The solver status (``"optimal"``, ``"optimal_inaccurate"``,
        ``"no_agreement"``, ``"exact"``).
    solver
        The numerical solver used, or ``"enumeration"``.
    exact
        A closed form from sympy, where one was found (``{"alice": "sqrt(3)/3", ...}``).
    notes
        Remarks, e.g. ties between outcomes.
    method
        For the Nash solution: the method that answered, ``"conic"`` (cvxpy),
        ``"newton"`` (the certified Newton path) or ``"enumeration"``; empty for
        the other concepts.
    fallback
        With ``method="auto"``: why the Newton path did not answer (empty if it did).
    """

    concept: str
    concept_name: str
    parties: tuple[str, ...]
    agreement_exists: bool
    agreement: Mapping[str, Any]
    utilities: np.ndarray
    disagreement_point: np.ndarray
    ideal_point: np.ndarray
    weights: np.ndarray
    blocking: tuple[str, ...] = ()
    status: str = "optimal"
    solver: str = ""
    exact: Mapping[str, str] | None = None
    notes: tuple[str, ...] = field(default=())
    method: str = ""
    fallback: str = ""

    def __post_init__(self) -> None:
        for attr in ("utilities", "disagreement_point", "ideal_point", "weights"):
            arr = np.array(getattr(self, attr), dtype=float)
            arr.flags.writeable = False
            object.__setattr__(self, attr, arr)
        object.__setattr__(self, "agreement", dict(self.agreement))

    @property
    def gains(self) -> np.ndarray:
        """Each party's gain over disagreement, :math:`u_i - d_i`."""
        return self.utilities - self.disagreement_point

    def utility(self, party: str) -> float:
        """The utility of the agreement to ``party``."""
        return float(self.utilities[self.parties.index(party)])

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists, ready for ``json.dumps``."""

        def number(x: float) -> float | None:
            return None if not np.isfinite(x) else float(x)

        data = {
            "concept": self.concept,
            "concept_name": self.concept_name,
            "agreement_exists": self.agreement_exists,
            "agreement": {k: _plain(v) for k, v in self.agreement.items()},
            "parties": {
                name: {
                    "utility": number(self.utilities[i]),
                    "gain": number(self.gains[i]),
                    "disagreement": number(self.disagreement_point[i]),
                    "ideal": number(self.ideal_point[i]),
                    "weight": number(self.weights[i]),
                }
                for i, name in enumerate(self.parties)
            },
            "blocking": list(self.blocking),
            "status": self.status,
            "solver": self.solver,
            "exact": dict(self.exact) if self.exact else None,
            "notes": list(self.notes),
        }
        if self.method:
            data["method"] = {"name": self.method, "fallback": self.fallback or None}
        return data

    def to_table(self) -> str:
        """The solution as a small terminal table."""
        return SolutionSet((self,)).to_table()

    def __repr__(self) -> str:
        if not self.agreement_exists:
            return (
                f"BargainingSolution({self.concept!r}, no agreement; blocked by {', '.join(self.blocking)})"
            )
        utilities = ", ".join(
            f"{p}={format_number(u)}" for p, u in zip(self.parties, self.utilities, strict=True)
        )
        return f"BargainingSolution({self.concept!r}, {utilities})"

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row, the concept as index; nested fields as dotted columns, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame([self.to_dict()], index="concept")


@dataclass(frozen=True, slots=True)
class SolutionSet:
    """Several solution concepts applied to one problem."""

    solutions: tuple[BargainingSolution, ...] | Sequence[BargainingSolution]
    title: str = ""
    issues: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "solutions", tuple(self.solutions))

    def __iter__(self) -> Any:
        return iter(self.solutions)

    def __len__(self) -> int:
        return len(self.solutions)

    def __getitem__(self, concept: str) -> BargainingSolution:
        for solution in self.solutions:
            if solution.concept == concept:
                return solution
        raise KeyError(concept)

    def to_dict(self) -> dict[str, Any]:
        """``{"title": ..., "solutions": [...]}`` with each solution's ``to_dict()``."""
        return {"title": self.title, "solutions": [s.to_dict() for s in self.solutions]}

    def to_table(self) -> str:
        """A row per concept: the agreement, then each party's utility and gain."""
        if not self.solutions:
            return "(no solutions)"
        first = self.solutions[0]
        issues: list[str] = list(self.issues)
        for s in self.solutions:
            issues.extend(k for k in s.agreement if k not in issues and k != "lottery")
        headers = ["solution", *issues]
        for party in first.parties:
            headers += [f"u({party})", f"gain({party})"]
        rows = []
        accuracy = _accuracy([v for s in self.solutions for v in (*s.utilities, *s.disagreement_point)])
        for s in self.solutions:
            row: list[Any] = [s.concept_name]
            if s.agreement_exists:
                row += [_plain(s.agreement.get(k, "-")) for k in issues]
                for u, g in zip(s.utilities, s.gains, strict=True):
                    row += [_rounded(float(u), accuracy), _rounded(float(g), accuracy)]
            else:
                row += ["-" for _ in issues]
                row += ["-", "-"] * len(first.parties)
            rows.append(row)
        for j in range(1, 1 + len(issues)):
            column = [row[j] for row in rows if isinstance(row[j], float)]
            for row in rows:
                if isinstance(row[j], float):
                    row[j] = _rounded(row[j], _accuracy(column))
        lines = [format_table(headers, rows, title=self.title or None)]
        d = ", ".join(
            f"{p} {format_number(v)}" for p, v in zip(first.parties, first.disagreement_point, strict=True)
        )
        lines.append(f"\ndisagreement point: {d}")
        ideal = ", ".join(
            f"{p} {format_number(v) if np.isfinite(v) else '-'}"
            for p, v in zip(first.parties, first.ideal_point, strict=True)
        )
        lines.append(f"ideal point:        {ideal}")
        blocked = [s for s in self.solutions if not s.agreement_exists]
        if blocked:
            who = ", ".join(blocked[0].blocking)
            which = (
                "every solution"
                if len(blocked) == len(self.solutions)
                else ", ".join(s.concept_name for s in blocked)
            )
            lines.append(
                f"no agreement: nothing beats disagreement for every party ({which}); blocked by {who}"
            )
        lines.extend(_remarks(self.solutions))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per concept (the index): agreement, utilities, gains, d, ideal, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame([s.to_dict() for s in self.solutions], index="concept")


def _remarks(solutions: Sequence[BargainingSolution]) -> list[str]:
    """The lines under a solution table: shared notes once, then each concept's own."""
    first = solutions[0]
    lines: list[str] = []
    shared = [n for n in first.notes if all(n in s.notes for s in solutions)]
    lines.extend(f"note: {n}" for n in shared if len(solutions) > 1)
    shared = shared if len(solutions) > 1 else []
    for s in solutions:
        if s.exact:
            exact = ", ".join(f"{k} = {v}" for k, v in s.exact.items())
            lines.append(f"{s.concept_name}, exact: {exact}")
        lines.extend(f"{s.concept_name}: {note}" for note in s.notes if note not in shared)
        if "lottery" in s.agreement:
            outcomes = " + ".join(
                f"{format_number(o['probability'])} × ("
                + ", ".join(f"{k}={format_number(v)}" for k, v in o["agreement"].items())
                + ")"
                for o in s.agreement["lottery"]
            )
            lines.append(f"{s.concept_name}: lottery {outcomes}")
        if s.status == "optimal_inaccurate" and not any("inaccurate" in n for n in s.notes):
            lines.append(
                f"{s.concept_name}: the solver reports an inaccurate optimum; compare with a re-solve "
                "after rescaling the utilities to order 1"
            )
    return lines
