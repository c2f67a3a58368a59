"""``bargain solve`` of spec kind ``legislative``: Baron-Ferejohn bargaining from a spec.

Examples
--------
>>> from bargaining.model.legislative import LegislativeBargaining
>>> eq = solve_legislative(LegislativeBargaining(5, discount_factor=0.8))
>>> round(eq.proposer_share[0], 6), eq.closed_form
(0.68, True)
"""

from __future__ import annotations

from bargaining.coalitional.legislative import legislative_bargaining
from bargaining.coalitional.legislative_result import LegislativeEquilibrium
from bargaining.model.legislative import LegislativeBargaining

__all__ = ["solve_legislative"]


def solve_legislative(model: LegislativeBargaining, solution: str = "all") -> LegislativeEquilibrium:
    """The stationary equilibrium of ``model`` at its parameter values (``solution`` is ignored).

    :func:`~bargaining.coalitional.legislative.legislative_bargaining` at
    :meth:`~bargaining.model.legislative.LegislativeBargaining.arguments`.
    """
    return legislative_bargaining(**model.arguments())
