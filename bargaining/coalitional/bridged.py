r"""The bargaining solutions of a problem of three or more parties, with its coalitional game beside them.

What ``bargain solve SPEC --coalitions`` prints: the problem's bargaining
solutions (Nash, Kalai-Smorodinsky, ...) as usual, and under them the TU game
:func:`bargaining.coalitional.bridge.coalitional_game_from_problem` derives
from it, with the Shapley value, the Banzhaf value, the nucleolus and the
core's verdict next to each party's gain at the (first) bargaining solution.

The coalitional columns rest on **transferable utility**: utility moves one
for one between the members of a coalition, so only a coalition's total gain
:math:`v(S)` matters. The bargaining solutions do not assume it; where the
frontier is curved, :math:`v(N)` (the largest total gain) exceeds the sum of
the Nash gains.

Examples
--------
>>> from bargaining.model.issue_space import BargainingProblem, Constraint, ContinuousIssue, Party
>>> parties = [Party("a", "x"), Party("b", "y"), Party("c", "2 * (1 - x - y)")]
>>> issues = [ContinuousIssue("x"), ContinuousIssue("y")]
>>> split = BargainingProblem(parties, issues, constraints=[Constraint("x + y <= 1")])
>>> both = solve_with_coalitions(split)
>>> [round(x, 4) for x in both.coalitional.allocations[0].payoffs]
[0.3333, 0.3333, 1.3333]
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bargaining.coalitional.bridge import coalitional_game_from_problem
from bargaining.coalitional.core import core_violation
from bargaining.coalitional.solve import CoalitionalSolution, solve_coalitional
from bargaining.table import format_table

if TYPE_CHECKING:
    from bargaining.solutions.concepts import Problem
    from bargaining.solutions.results import SolutionSet

__all__ = ["ASSUMPTION", "BridgedSolution", "DEFAULT_RULE", "solve_with_coalitions"]

#: the rule ``bargain solve --coalitions`` uses unless ``--coalition-rule`` says otherwise
DEFAULT_RULE = "outsiders_at_disagreement"
#: what the coalitional columns assume, printed under them and kept in the JSON
ASSUMPTION = (
    "assumption: transferable utility (utility moves one for one between a coalition's members); "
    "the bargaining solutions above do not assume it"
)
#: how accurate the coalition values are (they come from the bargaining solver, not from exact arithmetic)
ACCURACY = (
    "each v(S) is a utilitarian optimum from the bargaining solver (accurate to about 1e-6); "
    "'exact' (in the JSON, the notes) holds for the game as computed"
)
_RULE_TEXT = {
    "outsiders_at_disagreement": "v(S): the most S's members can gain in total from an agreement "
    "that leaves every party, in S or not, at no less than its disagreement value (an optimistic bound)",
    "unanimity": "v(S) = 0 unless S is every party: an agreement binds only if all sign; "
    "v(N) is the largest total gain",
}


@dataclass(frozen=True, slots=True)
class BridgedSolution:
    """Bargaining solutions and the coalitional game of the same problem.

    Attributes
    ----------
    bargaining
        The bargaining solutions (:class:`~bargaining.solutions.results.SolutionSet`).
    coalitional
        The derived TU game solved (:class:`~bargaining.coalitional.solve.CoalitionalSolution`).
    rule
        How :math:`v(S)` was derived (:data:`bargaining.coalitional.bridge.RULES`).
    """

    bargaining: SolutionSet
    coalitional: CoalitionalSolution
    rule: str

    def reference(self) -> tuple[str, tuple[float, ...] | None]:
        """The first bargaining solution's concept and its gains (``None`` if it has no agreement)."""
        first = self.bargaining.solutions[0]
        gains = tuple(float(g) for g in first.gains) if first.agreement_exists else None
        return first.concept, gains

    def reference_in_core(self) -> bool | None:
        """Whether the first bargaining solution's gains lie in the core (``None``: not decided)."""
        concept, gains = self.reference()
        core = self.coalitional.core
        if gains is None or core is None:
            return None
        scale = max(1.0, abs(self.coalitional.game.value(self.coalitional.game.grand_coalition)))
        return core.non_empty and core_violation(self.coalitional.game, list(gains))[0] <= 1e-9 * scale

    def to_dict(self) -> dict[str, Any]:
        """The bargaining solutions' dict (``title``, ``solutions``) with a ``coalitional`` entry added."""
        game = self.coalitional.game
        concept, gains = self.reference()
        coalitional = {
            **self.coalitional.to_dict(),
            "rule": self.rule,
            "rule_description": _RULE_TEXT[self.rule],
            "assumption": ASSUMPTION,
            "accuracy": ACCURACY,
            "coalition_values": {game.coalition_name(m): game.value(m) for m in range(1, 1 << game.n)},
            "reference": concept,
            "reference_gain": None if gains is None else dict(zip(game.players, gains, strict=True)),
            "reference_in_core": self.reference_in_core(),
        }
        return {**self.bargaining.to_dict(), "coalitional": coalitional}

    def to_records(self) -> list[dict[str, Any]]:
        """A row per party (for CSV): its gain at the first bargaining solution, then each TU solution."""
        concept, gains = self.reference()
        return [
            {"player": r["player"], f"{concept}_gain": None if gains is None else gains[i]}
            | {k: v for k, v in r.items() if k != "player"}
            for i, r in enumerate(self.coalitional.to_records())
        ]

    def to_table(self) -> str:
        """The bargaining table, then a row per party: its gain, Shapley, Banzhaf, nucleolus; the core."""
        c = self.coalitional
        concept, gains = self.reference()
        columns = c.columns()
        rows: list[list[Any]] = [
            [p, "-" if gains is None else gains[i], *(values[i] for _, values in columns)]
            for i, p in enumerate(c.game.players)
        ]
        if c.core is not None:
            verdict = [
                ("in" if c.in_core[name] else "out") if name in c.in_core else "-" for name, _ in columns
            ]
            mine = self.reference_in_core()
            first = "-" if mine is None else ("in" if mine else "out")
            rows.append(["in the core?" if c.core.non_empty else "core: empty", first, *verdict])
        title = f"Coalitional game of the problem ({self.rule}, {c.game.summary()})"
        header = ["party", f"{concept} gain", *(name for name, _ in columns)]
        lines = [self.bargaining.to_table(), "", format_table(header, rows, title), ASSUMPTION]
        lines.append(_RULE_TEXT[self.rule])
        lines.append(ACCURACY)
        if c.core is not None:
            lines.append(
                f"core {'non-empty' if c.core.non_empty else 'empty'} "
                f"(least-core epsilon {c.core.least_core_epsilon:.6g}); v(N) = "
                f"{c.game.value(c.game.grand_coalition):.6g}"
            )
        lines.extend(c.notes)
        return "\n".join(lines)

    def __repr__(self) -> str:
        return f"BridgedSolution({self.rule}, {len(self.bargaining)} bargaining solutions)"

    def _repr_html_(self) -> str:
        """The tables as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per party: its gain and each TU solution, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_records(), index="player")


def solve_with_coalitions(
    problem: Problem, solution: str = "all", method: str = "auto", rule: str = DEFAULT_RULE
) -> BridgedSolution:
    """Solve ``problem`` and the coalitional game derived from it (``rule``), side by side.

    Parameters
    ----------
    problem
        An issue-space problem or a utility set of three or more parties.
    solution, method
        As for :func:`bargaining.solutions.concepts.solve_all`.
    rule
        ``"outsiders_at_disagreement"`` (the default) or ``"unanimity"``
        (:mod:`bargaining.coalitional.bridge`).

    Raises
    ------
    SpecError
        For fewer than three parties or an unknown rule.
    """
    from bargaining.solutions.concepts import solve_all

    game = coalitional_game_from_problem(problem, rule)
    return BridgedSolution(solve_all(problem, solution, method), solve_coalitional(game), rule)
