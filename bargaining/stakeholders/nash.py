r"""The Nash bargaining solution on the actor table, beside the simulations.

Actor :math:`i`'s utility for an outcome :math:`z` (one point per issue) falls
linearly with its salience-weighted distance from its position, on scales
normalised to [0, 1]:

.. math::

    u_i(z) = 1 - \frac{\sum_d s_{id} |z_d - x_{id}| / (\text{upper}_d - \text{lower}_d)}{\sum_d s_{id}},

so :math:`u_i` is 1 at its own position and 0 only at the far end of every
scale. With the disagreement utility 0 (an assumption: no agreement is as bad
as the worst outcome on every issue) and bargaining power :math:`c_i`
(capability), the asymmetric Nash solution is

.. math:: z^* = \arg\max_{z \in \prod_d [\text{lower}_d, \text{upper}_d]} \sum_i c_i \log u_i(z).

It is a concave program, solved with cvxpy; actors with no salience
anywhere are indifferent and drop out.
"""

from __future__ import annotations

import numpy as np

from bargaining.errors import SolverError
from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.results import StakeholderForecast

__all__ = ["nash_on_table"]


def nash_on_table(table: StakeholderTable) -> StakeholderForecast:
    """The capability-weighted Nash bargaining solution (see the module docstring)."""
    import cvxpy as cp

    lo, hi = table.lower, table.upper
    x = (table.positions - lo) / (hi - lo)
    s = table.saliences
    total = s.sum(axis=1)
    keep = total > 0
    if not keep.any():
        raise SolverError("no actor cares about any issue: every outcome is as good as any other")
    a = s[keep] / total[keep, None]
    c = table.capabilities[keep]
    z = cp.Variable(x.shape[1])
    utilities = [1 - a[i] @ cp.abs(z - x[keep][i]) for i in range(a.shape[0])]
    objective = cp.Maximize(sum(c[i] * cp.log(u) for i, u in enumerate(utilities)))
    problem = cp.Problem(objective, [z >= 0, z <= 1])
    try:
        problem.solve()
    except cp.error.SolverError as exc:  # pragma: no cover - solver failure
        raise SolverError(f"the Nash program failed: {exc}") from None
    if problem.status not in ("optimal", "optimal_inaccurate") or z.value is None:
        raise SolverError(f"the Nash program ended with status {problem.status!r}")
    point = lo + np.clip(np.asarray(z.value, dtype=float), 0, 1) * (hi - lo)
    notes: tuple[str, ...] = (
        "disagreement utility 0 and bargaining power = capability (assumptions, see docs/stakeholders.md)",
    )
    if problem.status != "optimal":
        notes += ("the solver reports an inaccurate optimum",)
    return StakeholderForecast(
        "nash",
        table.actors_names,
        table.issue_names,
        tuple(float(v) for v in point),
        table.positions[None],
        notes=notes,
        stopped_by="concave program (cvxpy)",
    )
