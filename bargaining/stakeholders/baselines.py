r"""The baselines: the compromise (weighted mean) and the weighted median.

With weights :math:`w_{id} = c_i s_{id}` (capability times salience), issue by
issue:

.. math::

    \text{compromise}_d = \frac{\sum_i w_{id} x_{id}}{\sum_i w_{id}}, \qquad
    \text{median}_d = \min\Big\{x_{kd} : \sum_{i: x_{id} \le x_{kd}} w_{id} \ge \tfrac12 \sum_i w_{id}\Big\}.

The weighted median is the position no capability-times-salience weighted
majority can beat with linear losses: it minimises :math:`\sum_i w_{id}
|x_{id} - p|`. When the cumulative weight equals half the total exactly at
some :math:`x_{kd}`, every point of :math:`[x_{kd}, x_{k+1,d}]` minimises it;
the lower end is returned and the result says so.

Thomson, Stokman, Achen and Koenig, *The European Union Decides* (2006), find
these hard to beat.

Examples
--------
>>> from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable
>>> t = StakeholderTable([Stakeholder("A", 1, [0], [1]), Stakeholder("B", 2, [10], [.5]),
...                       Stakeholder("C", 1, [4], [.5])], [StakeholderIssue("X", 0, 10)])
>>> compromise(t).outcome, weighted_median(t).outcome
((4.8,), (4.0,))
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bargaining.errors import InvalidGameError
from bargaining.model.stakeholders import StakeholderTable
from bargaining.stakeholders.results import StakeholderForecast

__all__ = ["compromise", "median_of", "weighted_median"]


def _check_weights(table: StakeholderTable, weights: NDArray[np.float64]) -> None:
    for d, total in enumerate(weights.sum(axis=0)):
        if total <= 0:
            raise InvalidGameError(
                f"no actor cares about issue {table.issue_names[d]!r} (every salience is 0); "
                "give it a salience or drop the issue"
            )


def compromise(table: StakeholderTable) -> StakeholderForecast:
    r"""The capability-times-salience weighted mean position on each issue.

    .. math:: \bar x_d = \sum_i c_i s_{id} x_{id} / \sum_i c_i s_{id}
    """
    w = table.weights
    _check_weights(table, w)
    x = table.positions
    values = tuple(float(v) for v in (w * x).sum(axis=0) / w.sum(axis=0))
    return StakeholderForecast("compromise", table.actors_names, table.issue_names, values, x[None])


def median_of(x: NDArray[np.float64], w: NDArray[np.float64]) -> tuple[float, tuple[float, float] | None]:
    """The lower weighted median of positions ``x`` with weights ``w`` and the tie interval, if any.

    ``w`` must have a positive sum. The tie interval is ``(x_k, x_next)`` when
    the cumulative weight equals half the total exactly at ``x_k`` (to 1e-12
    relative), so that every point between also minimises the loss.
    """
    order = np.lexsort((w, x))  # by position, then weight: the sums do not depend on the actors' order
    xs, ws = x[order], w[order]
    cumulative = np.cumsum(ws)
    half = cumulative[-1] / 2
    k = int(np.searchsorted(cumulative, half - 1e-12 * cumulative[-1]))
    value = float(xs[k])
    # the weight at or below value, over all actors sharing the position
    at_or_below = float(ws[xs <= value].sum())
    if abs(at_or_below - half) <= 1e-12 * cumulative[-1]:
        above = xs[xs > value]
        if above.size:
            return value, (value, float(above.min()))
    return value, None


def weighted_median(table: StakeholderTable) -> StakeholderForecast:
    r"""The capability-times-salience weighted median on each issue (see the module docstring)."""
    w = table.weights
    _check_weights(table, w)
    x = table.positions
    values, notes = [], []
    for d, name in enumerate(table.issue_names):
        value, tie = median_of(x[:, d], w[:, d])
        values.append(value)
        if tie is not None:
            notes.append(
                f"{name}: a tie; every point of [{tie[0]:g}, {tie[1]:g}] is a weighted median "
                "(the lower end is shown)"
            )
    return StakeholderForecast(
        "median", table.actors_names, table.issue_names, tuple(values), x[None], notes=tuple(notes)
    )
