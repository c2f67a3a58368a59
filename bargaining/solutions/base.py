"""What every solution concept shares: the concept names, the weights, an analysis, no agreement."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bargaining.errors import InvalidGameError
from bargaining.solutions.raiffa_results import RAIFFA_CONCEPTS
from bargaining.solutions.results import BargainingSolution

__all__ = [
    "SOLUTION_CONCEPTS",
    "Analysis",
    "check_weights",
    "concept_key",
    "concept_name",
    "no_agreement",
]

#: concept key -> its name in tables
SOLUTION_CONCEPTS: dict[str, str] = {
    "nash": "Nash",
    "ks": "Kalai-Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}

_ALIASES = {
    "kalai_smorodinsky": "ks",
    "kalai-smorodinsky": "ks",
    "kalai": "ks",
    "nbs": "nash",
    "proportional": "egalitarian",
}


def concept_key(concept: str) -> str:
    """The canonical key of a concept name or alias (``"kalai_smorodinsky"`` -> ``"ks"``)."""
    key = concept.strip().lower()
    key = _ALIASES.get(key, key)
    if key not in SOLUTION_CONCEPTS:
        from bargaining.errors import suggest

        names = [*SOLUTION_CONCEPTS, *RAIFFA_CONCEPTS]
        known = ", ".join([*SOLUTION_CONCEPTS, "all", *RAIFFA_CONCEPTS])
        raise InvalidGameError(f"unknown solution {concept!r}{suggest(key, names)} (choose from {known})")
    return key


def check_weights(weights: Sequence[float] | None, default: np.ndarray, n: int) -> np.ndarray:
    """``weights`` as an array of ``n`` positive numbers, or ``default`` if ``None``."""
    if weights is None:
        return np.asarray(default, dtype=float)
    w = np.asarray(weights, dtype=float)
    if w.shape != (n,) or not np.all(np.isfinite(w)) or np.any(w <= 0):
        raise InvalidGameError(f"expected {n} positive weights (one per party), got {list(np.atleast_1d(w))}")
    return w


def concept_name(concept: str, weights: np.ndarray) -> str:
    """The concept's name in tables, e.g. ``"asymmetric Nash"`` for unequal powers."""
    unequal = not np.allclose(weights, weights[0])
    if concept == "nash" and unequal:
        return "asymmetric Nash"
    if concept == "egalitarian" and unequal:
        return "proportional"
    if concept == "utilitarian" and unequal:
        return "weighted utilitarian"
    return SOLUTION_CONCEPTS[concept]


class Analysis:
    """What every concept needs about a problem: d, powers, ideal point, existence."""

    def solve(self, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
        raise NotImplementedError


def no_agreement(
    concept: str,
    name: str,
    parties: tuple[str, ...],
    d: np.ndarray,
    best: np.ndarray,
    ideal: np.ndarray,
    w: np.ndarray,
    tol: float,
    solver: str,
) -> BargainingSolution:
    """The answer when no agreement beats disagreement for every party.

    A party blocks if nothing that leaves every other party at least its
    disagreement value gives it more than its own (``best[i] <= d[i]``).
    """
    blocking = tuple(p for p, b, di in zip(parties, best, d, strict=True) if np.isfinite(b) and b <= di + tol)
    if not blocking:
        blocking = parties
    return BargainingSolution(
        concept=concept,
        concept_name=name,
        parties=parties,
        agreement_exists=False,
        agreement={},
        utilities=d,
        disagreement_point=d,
        ideal_point=ideal,
        weights=w,
        blocking=blocking,
        status="no_agreement",
        solver=solver,
    )
