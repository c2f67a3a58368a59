r"""Check an optimum the solver calls inaccurate, instead of passing its doubt on.

Clarabel reports ``optimal_inaccurate`` when it stops short of its (tight)
tolerances, which happens on exact textbook answers too: divide the dollar,
:math:`u_2 = 1 - u_1^2`. The answer is then checked by its own optimality
condition, with a program the solver solves accurately (a linear objective).

**Nash.** With normalised powers :math:`\bar w_i = w_i / \sum_j w_j`, the
logarithm of the Nash product :math:`L(u) = \sum_i \bar w_i \log(u_i - d_i)` is
concave, so at the returned utilities :math:`u^*` (gains :math:`g_i = u_i^* - d_i > 0`)

.. math:: L(u) - L(u^*) \le \nabla L(u^*) \cdot (u - u^*)
          = \sum_i \frac{\bar w_i}{g_i} (u_i - u_i^*) \quad \text{for every } u \in S.

The weighted utilitarian program with weights :math:`c_i = \bar w_i / g_i`
gives :math:`\varepsilon = \max_{u \in S} c \cdot u - c \cdot u^*`, so no point of
the piece has a Nash product more than a factor :math:`e^{\varepsilon}` above the
answer's. With :math:`\varepsilon \le 10^{-6}` the answer is certified and its
status is ``"optimal"``; otherwise it stays ``"optimal_inaccurate"`` with a note
that gives :math:`\varepsilon` and what to do.
"""

from __future__ import annotations

import numpy as np

from bargaining.solutions.convex import ConvexModel

__all__ = ["NASH_GAP", "certify_nash", "inaccurate_note"]

#: The largest first-order gap :math:`\varepsilon` of a certified Nash answer.
NASH_GAP = 1e-6


def certify_nash(
    model: ConvexModel, utilities: np.ndarray, d: np.ndarray, w: np.ndarray
) -> tuple[bool, float]:
    r"""Whether :math:`u^*` passes the first-order check on ``model``'s piece, and :math:`\varepsilon`.

    Returns ``(False, nan)`` where the check cannot be made (a gain that is
    not positive, or the linear program not solved to the solver's accuracy).
    """
    gains = np.asarray(utilities, dtype=float) - np.asarray(d, dtype=float)
    if not np.all(np.isfinite(gains)) or np.any(gains <= 0):
        return False, float("nan")
    c = (np.asarray(w, dtype=float) / float(np.sum(w))) / gains
    result = model.utilitarian(d, c)
    if result.status != "optimal":
        return False, float("nan")
    gap = max(0.0, float(result.value) - float(c @ utilities))
    return gap <= NASH_GAP, gap


def inaccurate_note(concept: str, gap: float) -> str:
    """The note on an answer whose inaccurate optimum the check did not clear."""
    if concept == "nash" and np.isfinite(gap):
        return (
            f"the solver reports an inaccurate optimum and the Nash product's first-order "
            f"condition fails by {gap:.2g} (some agreement may improve the product by a factor "
            f"up to e^{gap:.2g}); compare with method 'newton' (Python: method='newton'), or "
            "rescale the utilities so that they are of order 1"
        )
    return (
        "the solver reports an inaccurate optimum that could not be checked; compare the answer "
        "with a re-solve after rescaling the utilities to order 1, or with another concept"
    )
