"""The result of stochastic bargaining (:func:`bargaining.dynamic.stationary_equilibrium`)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.table import format_table

__all__ = ["StochasticBargainingSolution"]


def _number(x: float) -> float | None:
    return float(x) if math.isfinite(x) else None


@dataclass(frozen=True, slots=True, eq=False)
class StochasticBargainingSolution:
    r"""The stationary subgame-perfect equilibrium, state by state.

    Attributes
    ----------
    party_names, state_names
        The two players and the states.
    initial
        The index of the state the talks start in.
    pie
        :math:`S(s)`.
    values
        (n, 2): :math:`v_i(s)`, each player's equilibrium value at the start of
        a period in :math:`s`.
    continuation
        (n, 2): :math:`w_i(s)`, the value of rejecting (fight one period, go on).
    surplus
        :math:`G(s) = S(s) - w_1(s) - w_2(s)`: what agreeing now gains over
        fighting on; the deal is struck at once iff :math:`G(s) \ge 0`.
    agree
        (n,) booleans: agreement at once.
    proposer
        :math:`p(s)`: the first player's probability of proposing.
    discounts
        :math:`(\delta_1, \delta_2)`.
    expected_delay
        Expected periods of fighting before agreement, from each state.
    at_agreement
        (n, n): the distribution of the state at agreement, from each state.
    never
        The probability of never agreeing, from each state.
    iterations, residual, error_bound, modulus
        The fixed point: iterations run, :math:`\|Tv - v\|_\infty`, the bound
        :math:`\|v - v^*\|_\infty \le \|Tv - v\| / (1 - \beta)`, and the
        contraction modulus :math:`\beta = \max_i \delta_i`.
    """

    party_names: tuple[str, str]
    state_names: tuple[str, ...]
    initial: int
    pie: np.ndarray
    values: np.ndarray
    continuation: np.ndarray
    surplus: np.ndarray
    agree: np.ndarray
    proposer: np.ndarray
    discounts: tuple[float, float]
    expected_delay: np.ndarray
    at_agreement: np.ndarray
    never: np.ndarray
    iterations: int
    residual: float
    error_bound: float
    modulus: float

    def offer(self, state: int, proposer: int) -> tuple[float, float]:
        """The split proposed by ``proposer`` (0 or 1) in ``state`` (``nan`` where they fight)."""
        if not self.agree[state]:
            return math.nan, math.nan
        responder = 1 - proposer
        out = [0.0, 0.0]
        out[responder] = float(self.continuation[state, responder])
        out[proposer] = float(self.pie[state] - self.continuation[state, responder])
        return out[0], out[1]

    @property
    def agreement_states(self) -> tuple[str, ...]:
        """The states in which the deal is struck at once."""
        return tuple(n for n, a in zip(self.state_names, self.agree, strict=True) if a)

    @property
    def delay_states(self) -> tuple[str, ...]:
        """The states in which the parties fight on."""
        return tuple(n for n, a in zip(self.state_names, self.agree, strict=True) if not a)

    def to_dict(self) -> dict[str, Any]:
        """Plain floats, strings and lists (``None`` for an infinite delay)."""
        states = []
        for k, name in enumerate(self.state_names):
            states.append(
                {
                    "state": name,
                    "pie": float(self.pie[k]),
                    "agree": bool(self.agree[k]),
                    "surplus": float(self.surplus[k]),
                    "values": dict(zip(self.party_names, map(float, self.values[k]), strict=True)),
                    "continuation": dict(
                        zip(self.party_names, map(float, self.continuation[k]), strict=True)
                    ),
                    "offers": {
                        who: [_number(x) for x in self.offer(k, i)] for i, who in enumerate(self.party_names)
                    },
                    "proposer_probability": float(self.proposer[k]),
                    "expected_delay": _number(float(self.expected_delay[k])),
                    "never_agree": float(self.never[k]),
                    "state_at_agreement": dict(
                        zip(self.state_names, map(float, self.at_agreement[k]), strict=True)
                    ),
                }
            )
        return {
            "model": "stochastic_bargaining",
            "concept": "stationary subgame-perfect equilibrium (Merlo & Wilson 1995)",
            "parties": list(self.party_names),
            "discounts": list(self.discounts),
            "initial_state": self.state_names[self.initial],
            "agreement_states": list(self.agreement_states),
            "delay_states": list(self.delay_states),
            "states": states,
            "fixed_point": {
                "iterations": self.iterations,
                "residual": self.residual,
                "error_bound": self.error_bound,
                "contraction_modulus": self.modulus,
            },
        }

    def to_table(self) -> str:
        """One row per state: deal or wait, the offers, the values and the cost of waiting."""
        a, b = self.party_names
        headers = [
            "state",
            "deal now",
            "pie",
            f"{a} offers ({a}, {b})",
            f"{b} offers ({a}, {b})",
            f"v {a}",
            f"v {b}",
            "waiting loses",
            "expected delay",
        ]
        rows: list[list[Any]] = []
        for k, name in enumerate(self.state_names):
            marker = " (start)" if k == self.initial else ""
            offers = [self.offer(k, i) for i in range(2)]
            rows.append(
                [
                    name + marker,
                    "yes" if self.agree[k] else "no: fight",
                    float(self.pie[k]),
                    "-" if not self.agree[k] else f"({offers[0][0]:.4g}, {offers[0][1]:.4g})",
                    "-" if not self.agree[k] else f"({offers[1][0]:.4g}, {offers[1][1]:.4g})",
                    float(self.values[k, 0]),
                    float(self.values[k, 1]),
                    float(max(self.surplus[k], 0.0)),
                    "never" if not math.isfinite(self.expected_delay[k]) else float(self.expected_delay[k]),
                ]
            )
        title = (
            "Stochastic bargaining (Merlo & Wilson 1995): stationary subgame-perfect equilibrium\n"
            f"fixed point: {self.iterations} iterations of a contraction of modulus {self.modulus:.4g}, "
            f"residual {self.residual:.2g}, error bound {self.error_bound:.2g}"
        )
        footer = self._footer()
        return format_table(headers, rows, title) + "\n" + footer

    def _footer(self) -> str:
        k = self.initial
        at = {n: p for n, p in zip(self.state_names, self.at_agreement[k], strict=True) if p > 5e-5}
        where = ", ".join(f"{n} {p:.4g}" for n, p in at.items()) or "none"
        lines = [
            "waiting loses: S - w_1 - w_2, the joint value lost by fighting one more period",
            f"from {self.state_names[k]!r}: state at agreement {where}",
        ]
        if self.never[k] > 0:
            lines.append(f"probability of never agreeing: {self.never[k]:.4g}")
        if self.delay_states:
            lines.append("no deal in states: " + ", ".join(self.delay_states))
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def __repr__(self) -> str:
        k = self.initial
        return (
            f"StochasticBargainingSolution({len(self.state_names)} states, deal at once in "
            f"{int(self.agree.sum())}, expected delay from {self.state_names[k]!r} "
            f"{self.expected_delay[k]:.4g}, residual {self.residual:.2g})"
        )

    def to_frame(self) -> Any:
        """One row per state: agree or wait, values, offers, expected delay, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["states"], index="state")
