r"""Exact solutions on a two-party frontier :math:`u_2 = f(u_1)`, with sympy.

On the frontier the concepts reduce to one equation in :math:`u_1`:

=============  ==========================================================
Nash           :math:`w_1 f(u_1) - w_1 d_2 + w_2 (u_1 - d_1) f'(u_1) = 0`
               (the first-order condition of :math:`w_1\log(u_1-d_1) + w_2\log(f(u_1)-d_2)`)
KS             :math:`(f(u_1) - d_2)(a_1 - d_1) = (u_1 - d_1)(a_2 - d_2)`
egalitarian    :math:`(f(u_1) - d_2)\,w_1 = (u_1 - d_1)\,w_2`
utilitarian    :math:`w_1 + w_2 f'(u_1) = 0`
=============  ==========================================================

sympy solves it with every number made rational, so ``1 - u**2`` gives
``sqrt(3)/3`` for Nash. The root kept is the one in the domain that matches the
numerical solution; if sympy finds no closed form (or none that matches), the
result carries none.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

from bargaining.model.utility_space import Frontier
from bargaining.solutions.results import BargainingSolution

__all__ = ["frontier_closed_form"]


def _exact(value: Any) -> Any:
    import sympy as sp

    return sp.nsimplify(value, rational=True)


def frontier_closed_form(
    frontier: Frontier, concept: str, weights: np.ndarray, numeric: BargainingSolution
) -> Mapping[str, str] | None:
    """``{party: closed form}`` of a frontier solution, or ``None`` if sympy finds none.

    Parameters
    ----------
    frontier
        The problem.
    concept
        ``"nash"``, ``"ks"``, ``"egalitarian"`` or ``"utilitarian"``.
    weights
        The weights the numerical solution used.
    numeric
        The numerical solution, used to pick the right root.
    """
    import sympy as sp

    first, second = frontier.party_names
    values = {p.name: _exact(p.value) for p in frontier.parameters}
    u = sp.Symbol(first, real=True)
    f = _rational(frontier.formula.sympy.subs(_symbols(values)))
    f = f.subs(sp.Symbol(first, real=True), u)
    d1, d2 = (_rational(e.sympy.subs(_symbols(values))) for e in frontier.disagreement_point)
    w1, w2 = (_exact(float(x)) for x in weights)
    if concept == "nash":
        equation = w1 * (f - d2) + w2 * (u - d1) * sp.diff(f, u)
    elif concept == "ks":
        a1, a2 = (_exact(float(a)) for a in numeric.ideal_point)
        equation = (f - d2) * (a1 - d1) - (u - d1) * (a2 - d2)
    elif concept == "egalitarian":
        equation = (f - d2) * w1 - (u - d1) * w2
    else:
        equation = w1 + w2 * sp.diff(f, u)
    try:
        roots = sp.solve(sp.Eq(equation, 0), u, rational=True)
    except (NotImplementedError, ValueError, TypeError):
        return None
    target = float(numeric.utilities[0])
    for root in roots:
        if not root.is_real:
            continue
        approx = float(root)
        if abs(approx - target) <= 1e-5 * max(1.0, abs(target)):
            u2 = sp.simplify(f.subs(u, root))
            return {first: str(sp.simplify(root)), second: str(u2)}
    return None


def _symbols(values: Mapping[str, Any]) -> dict[Any, Any]:
    import sympy as sp

    return {sp.Symbol(name, real=True): value for name, value in values.items()}


def _rational(expr: Any) -> Any:
    import sympy as sp

    return expr.xreplace({n: sp.nsimplify(n, rational=True) for n in expr.atoms(sp.Float)})
