r"""Monte Carlo paths of the war and the talks under the stationary equilibrium.

Each run starts in the initial state. In each period the state's equilibrium
action is played: in an agreement state the proposer (drawn with
:math:`p(s)`) makes its equilibrium offer and it is accepted; otherwise the
parties fight and the state moves by one draw from the row :math:`P_{s\cdot}`.
All runs advance together as numpy arrays (one inverse-CDF draw per live run
and period), so 10,000 runs of 36 periods take milliseconds.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.dynamic.results import StochasticBargainingSolution
from bargaining.errors import InvalidGameError
from bargaining.table import format_table

__all__ = ["SimulationResult", "simulate"]


@dataclass(frozen=True, slots=True, eq=False)
class SimulationResult:
    """Summary of simulated paths.

    Attributes
    ----------
    state_names, party_names
        As in the solution.
    periods, runs, seed
        The horizon, the number of runs and the seed (``None``: unseeded).
    agreement_period
        (runs,): the period (0-based) of agreement, -1 if none within the horizon.
    agreement_state
        (runs,): the state index at agreement, -1 if none.
    deal
        (runs, 2): the split agreed (``nan`` without agreement).
    occupancy
        (periods, n): the share of runs in each state at the start of each
        period, the agreed runs frozen in their state at agreement.
    exact_at_agreement
        (n,): the exact distribution of the state at agreement (infinite horizon).
    """

    state_names: tuple[str, ...]
    party_names: tuple[str, str]
    periods: int
    runs: int
    seed: int | None
    agreement_period: np.ndarray
    agreement_state: np.ndarray
    deal: np.ndarray
    occupancy: np.ndarray
    exact_at_agreement: np.ndarray

    @property
    def share_agreed_by_period(self) -> np.ndarray:
        """(periods,): the share of runs with a deal by the end of each period."""
        agreed = self.agreement_period[self.agreement_period >= 0]
        counts = np.bincount(agreed, minlength=self.periods)[: self.periods]
        return np.cumsum(counts) / self.runs

    @property
    def mean_delay(self) -> float:
        """Mean periods of fighting before agreement, among runs that agree within the horizon."""
        agreed = self.agreement_period[self.agreement_period >= 0]
        return float(agreed.mean()) if len(agreed) else float("nan")

    @property
    def state_counts(self) -> np.ndarray:
        """(n,): how many runs agree in each state."""
        hit = self.agreement_state[self.agreement_state >= 0]
        return np.bincount(hit, minlength=len(self.state_names))

    def to_dict(self) -> dict[str, Any]:
        """The summary as plain numbers."""
        agreed = self.state_counts.sum()
        return {
            "model": "stochastic_bargaining_simulation",
            "periods": self.periods,
            "runs": self.runs,
            "seed": self.seed,
            "share_agreed_by_period": self.share_agreed_by_period.tolist(),
            "share_never_agreed": float(1 - agreed / self.runs),
            "mean_delay": None if agreed == 0 else self.mean_delay,
            "mean_deal": dict(zip(self.party_names, map(float, np.nanmean(self.deal, axis=0)), strict=True))
            if agreed
            else None,
            "state_at_agreement": {
                "simulated": dict(
                    zip(self.state_names, (self.state_counts / self.runs).tolist(), strict=True)
                ),
                "exact": dict(zip(self.state_names, self.exact_at_agreement.tolist(), strict=True)),
            },
        }

    def to_table(self) -> str:
        """Two tables: deals by period, and the state at agreement (simulated against exact)."""
        shares = self.share_agreed_by_period
        shown = sorted({0, 1, 2, 5, 11, 23, 35, self.periods - 1} & set(range(self.periods)))
        by_period = format_table(
            ["by the end of period", "share with a deal"],
            [[t + 1, float(shares[t])] for t in shown],
            f"Simulated talks: {self.runs} runs of {self.periods} periods (seed {self.seed})",
        )
        counts = self.state_counts / self.runs
        rows = [
            [n, float(c), float(e)]
            for n, c, e in zip(self.state_names, counts, self.exact_at_agreement, strict=True)
            if c > 0 or e > 0
        ]
        at = format_table(["state at agreement", "simulated", "exact (no horizon)"], rows, "")
        return f"{by_period}\nmean delay among deals: {self.mean_delay:.4g} periods\n{at}"

    def __repr__(self) -> str:
        return (
            f"SimulationResult({self.runs} runs of {self.periods} periods, "
            f"{float(self.share_agreed_by_period[-1]):.4g} agreed, mean delay {self.mean_delay:.4g})"
        )

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per period: the share of runs agreed by then, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(
            {"period": t, "share_agreed": float(s)} for t, s in enumerate(self.share_agreed_by_period)
        )


def simulate(
    solution: StochasticBargainingSolution,
    transitions: Any,
    *,
    periods: int = 24,
    runs: int = 10_000,
    seed: int | None = None,
    progress: Any = None,
) -> SimulationResult:
    """Simulate ``runs`` paths of ``periods`` periods of the equilibrium ``solution``.

    ``progress`` (optional) is told ``start(periods, label)``, ``advance(1)``
    after each period and ``finish()`` (the command line's progress bar).

    Raises
    ------
    InvalidGameError
        For ``periods`` or ``runs`` below 1.
    """
    if periods < 1 or runs < 1:
        raise InvalidGameError(f"periods and runs must be at least 1, got {periods} and {runs}")
    matrix = np.asarray(transitions, float)
    n = len(solution.state_names)
    cumulative = np.cumsum(matrix, axis=1)
    cumulative[:, -1] = np.inf
    rng = np.random.default_rng(seed)
    state = np.full(runs, solution.initial, dtype=np.int64)
    period = np.full(runs, -1, dtype=np.int64)
    occupancy = np.zeros((periods, n))
    live = np.ones(runs, dtype=bool)
    if progress is not None:
        progress.start(periods, f"simulating {runs} runs")
    try:
        for t in range(periods):
            occupancy[t] = np.bincount(state, minlength=n) / runs
            stop = live & solution.agree[state]
            period[stop] = t
            live &= ~stop
            idx = np.flatnonzero(live)
            u = rng.random(len(idx))
            rows = cumulative[state[idx]]
            state[idx] = (u[:, None] >= rows).sum(axis=1)
            if progress is not None:
                progress.advance(1)
    finally:
        if progress is not None:
            progress.finish()
    agreed = period >= 0
    who = (rng.random(runs) >= solution.proposer[state]).astype(np.int64)
    offers = np.array([[solution.offer(k, w) for w in (0, 1)] for k in range(n)])
    deal = np.where(agreed[:, None], offers[state, who], np.nan)
    return SimulationResult(
        state_names=solution.state_names,
        party_names=solution.party_names,
        periods=periods,
        runs=runs,
        seed=seed,
        agreement_period=period,
        agreement_state=np.where(agreed, state, -1),
        deal=deal,
        occupancy=occupancy,
        exact_at_agreement=solution.at_agreement[solution.initial],
    )
