r"""The bargaining solutions on a finite set of outcomes, without lotteries.

With no lotteries the feasible set is the finite set itself, so every concept
is an argmax over its rows, computed with numpy in one pass:

=============  ==========================================================  ====================
concept        objective over outcomes :math:`v^k \ge d`                   tie-break
=============  ==========================================================  ====================
Nash           :math:`\sum_i w_i \log(v^k_i - d_i)` (only :math:`v^k > d`)  larger total gain
KS             :math:`\min_i (v^k_i - d_i)/(a_i - d_i)`                    larger normalised sum
egalitarian    :math:`\min_i (v^k_i - d_i)/w_i`                            larger total gain
utilitarian    :math:`\sum_i w_i v^k_i`                                    larger smallest gain
=============  ==========================================================  ====================

Outcomes that still tie are reported in a note; the first in the spec's order
is the answer.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bargaining.model.utility_space import UtilitySet
from bargaining.solutions.base import Analysis, check_weights, concept_name, no_agreement
from bargaining.solutions.results import BargainingSolution

__all__ = ["FiniteAnalysis"]


class FiniteAnalysis(Analysis):
    """The solutions of a :class:`~bargaining.UtilitySet` without lotteries."""

    def __init__(self, utility_set: UtilitySet) -> None:
        self.set = utility_set
        self.points = v = np.asarray(utility_set.points)
        self.parties = utility_set.party_names
        self.d = d = np.asarray(utility_set.disagreement_point)
        self.n = n = len(d)
        size = max(float(np.max(np.abs(v))), float(np.max(np.abs(d))))
        self.scale = size if np.isfinite(size) and size > 0 else 1.0
        self.tol = 1e-9 * self.scale
        at_least = v >= d - self.tol
        best = np.full(n, -np.inf)
        for i in range(n):
            others = np.asarray(np.delete(at_least, i, axis=1).all(axis=1))
            if others.any():
                best[i] = v[others, i].max()
        self.best = best
        self.individually_rational: np.ndarray = np.asarray(at_least.all(axis=1))
        self.strictly: np.ndarray = np.asarray((v > d + self.tol).all(axis=1))
        self.exists = bool(self.strictly.any())
        self.ideal = np.where(best >= d, best, np.nan)

    def solve(self, concept: str, weights: Sequence[float] | None) -> BargainingSolution:
        v, d, n = self.points, self.d, self.n
        default = np.asarray(self.set.bargaining_power) if concept in ("nash", "utilitarian") else np.ones(n)
        w = check_weights(weights, default, n)
        name = concept_name(concept, w)
        if not self.exists:
            return no_agreement(
                concept, name, self.parties, d, self.best, self.ideal, w, self.tol, "enumeration"
            )
        # In units of the problem's scale, so that ties mean the same at every scale.
        gains = (v - d) / self.scale
        with np.errstate(divide="ignore", invalid="ignore"):
            if concept == "nash":
                mask = self.strictly
                first = np.where(mask, (w * np.log(np.where(mask[:, None], gains, 1.0))).sum(axis=1), -np.inf)
                second = gains.sum(axis=1)
            elif concept in ("ks", "egalitarian"):
                scale = (self.ideal - d) / self.scale if concept == "ks" else w
                normalised = gains / scale
                mask = self.individually_rational
                first = np.where(mask, normalised.min(axis=1), -np.inf)
                second = normalised.sum(axis=1)
            else:
                mask = self.individually_rational
                first = np.where(mask, (v / self.scale) @ w, -np.inf)
                second = gains.min(axis=1)
        tol = 1e-9 * max(1.0, float(np.max(np.abs(first[np.isfinite(first)]))))
        top = first >= first.max() - tol
        second = np.where(top, second, -np.inf)
        ties = np.flatnonzero(second >= second.max() - tol)
        k = int(ties[0])
        labels = self.set.outcome_labels
        notes: tuple[str, ...] = ()
        if len(ties) > 1:
            tied = ", ".join(labels[j] for j in ties)
            notes = (f"outcomes {tied} tie; the first is reported (allow lotteries to mix them)",)
        return BargainingSolution(
            concept=concept,
            concept_name=name,
            parties=self.parties,
            agreement_exists=True,
            agreement={"outcome": labels[k]},
            utilities=v[k],
            disagreement_point=d,
            ideal_point=self.ideal,
            weights=w,
            status="optimal",
            solver="enumeration",
            notes=notes,
        )
