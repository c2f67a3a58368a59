r"""Offers in the expected-utility model: classify each pair, pick one offer per receiver.

For receiver :math:`a` and another actor :math:`b` at a different position,
with :math:`e_{ab}` (a challenging b) and :math:`e_{ba}` (b challenging a):

* confrontation when :math:`e_{ba} > e_{ab} > 0`: :math:`a` moves to :math:`x_b`;
* compromise when :math:`e_{ba} > 0 > e_{ab}` and :math:`e_{ba} > |e_{ab}|`:
  :math:`a` moves to :math:`x_a + (x_b - x_a)|e_{ab}/e_{ba}|`;
* capitulation when :math:`e_{ba} > 0 > e_{ab}` and :math:`e_{ba} < |e_{ab}|`
  (switch ``capitulation``): :math:`a` moves to :math:`x_b`.

``offer_choice``: ``scholz_code`` takes the nearest confrontation, else the
compromise with the lowest :math:`(|e_{ab}| x_a + |e_{ba}| x_b)/(|e_{ab}| + |e_{ba}|)`
(what Scholz's code does), else the nearest capitulation; ``least_movement``
the same order with the compromise that moves :math:`a` least;
``highest_eu`` (the paper-based replication) keeps the offers of the largest
:math:`e_{ba} > 0`, the nearest of them, and classifies that one. Exact ties go
to the first actor in table order, as in the sources (the model runs its
actors in :meth:`~bargaining.model.stakeholders.StakeholderTable.canonical_order`
and passes each one's place in the table as ``rank``), and a tie between
offers from different positions is reported.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from bargaining.stakeholders.eu_options import EUOptions

__all__ = ["choose_offers"]

Array = NDArray[np.float64]


_NO_RANK = np.iinfo(np.int64).max


def _first_min(
    key: Array, mask: NDArray[np.bool_], x: Array, rank: NDArray[np.int64]
) -> tuple[NDArray[np.int64], NDArray[np.bool_]]:
    """Per row, the column minimising ``key`` where ``mask`` (-1 if none), the lowest ``rank`` among
    exact minima, and whether another column at a different position ties with it up to rounding
    (so that table order decided)."""
    masked = np.where(mask, key, np.inf)
    best = np.argmin(masked, axis=1)
    rows = np.arange(len(best))
    low = masked[rows, best]
    # ties up to rounding: keys within 1e-9 (relative) of the minimum
    tied_cols = mask & (masked <= (low + 1e-9 * (1 + np.abs(low)))[:, None])
    tied = np.count_nonzero(tied_cols, axis=1) > 1
    for row in np.flatnonzero(tied):  # rare: only rows with near-ties
        exact = tied_cols[row] & (masked[row] == low[row])
        if np.count_nonzero(exact) > 1:
            best[row] = int(np.argmin(np.where(exact, rank, _NO_RANK)))
        tied[row] = np.ptp(x[tied_cols[row]]) > 0
    has = mask.any(axis=1)
    return np.where(has, best, -1), tied & has


def choose_offers(
    x: Array,
    eu_own: Array,
    eu_other: Array,
    o: EUOptions,
    active: NDArray[np.bool_],
    rank: NDArray[np.int64] | None = None,
) -> tuple[tuple[str, ...], NDArray[np.int64], Array, NDArray[np.bool_]]:
    """(kind per actor, counterpart or -1, new positions, tie broken by table order), all receivers at once.

    Only ``active`` actors make offers; ``rank`` is each actor's place in the
    table (default: its index here), which breaks exact ties.
    """
    n = len(x)
    rank = np.arange(n) if rank is None else rank
    eij, eji = eu_own, eu_other
    valid = (x[None, :] != x[:, None]) & active[None, :]
    conf = valid & (eji > eij) & (eij > 0)
    comp = valid & (eji > 0) & (eij < 0) & (eji > np.abs(eij))
    capit = valid & (eji > 0) & (eij < 0) & (eji < np.abs(eij)) & o.capitulation
    distance = np.abs(x[None, :] - x[:, None])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.abs(eij / eji)
        target = x[:, None] + (x[None, :] - x[:, None]) * ratio
    kinds = np.full(n, "", dtype=object)
    offer = np.full(n, -1, dtype=np.int64)
    ties = np.zeros(n, dtype=bool)
    if o.offer_choice == "highest_eu":
        sent = valid & (eji > 0)
        top = np.where(sent, eji, -np.inf).max(axis=1, initial=-np.inf)
        pick, ties = _first_min(distance, sent & (eji == top[:, None]), x, rank)
        rows = np.flatnonzero(pick >= 0)
        cols = pick[rows]
        for label, mask in (("confrontation", conf), ("compromise", comp), ("capitulation", capit)):
            hit = rows[mask[rows, cols]]
            offer[hit] = pick[hit]
            kinds[hit] = label
    else:
        if o.offer_choice == "scholz_code":
            with np.errstate(divide="ignore", invalid="ignore"):
                key = (np.abs(eij) * x[:, None] + np.abs(eji) * x[None, :]) / (np.abs(eij) + np.abs(eji))
        else:
            key = np.abs(target - x[:, None])
        for label, mask, order in (
            ("capitulation", capit, distance),
            ("compromise", comp, key),
            ("confrontation", conf, distance),
        ):  # later labels override earlier ones: confrontation first
            pick, tied = _first_min(order, mask, x, rank)
            hit = np.flatnonzero(pick >= 0)
            offer[hit] = pick[hit]
            kinds[hit] = label
            ties[hit] = tied[hit]
    new = x.copy()
    chosen = np.flatnonzero(offer >= 0)
    cols = offer[chosen]
    is_comp = kinds[chosen] == "compromise"
    new[chosen] = np.where(is_comp, target[chosen, cols], x[cols])
    return tuple(str(k) for k in kinds), offer, new, ties & (offer >= 0)
