r"""The result of a Sobol analysis, and the checks that flag estimator noise.

True Sobol indices satisfy :math:`0 \le S_i \le S_{T_i} \le 1`; estimates that
break this are noise of the estimator (too few base samples), and are flagged
in the result's ``warnings`` and the table's note column rather than shown as
findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["SobolResult", "noise_flag", "sobol_warnings"]


@dataclass(frozen=True, slots=True)
class SobolResult:
    """First-order and total Sobol indices of one outcome.

    Attributes
    ----------
    outcome
        The outcome's column name.
    parameters
        The uncertain parameters, in order.
    first_order, total
        :math:`S_i` and :math:`S_{T_i}` per parameter (``nan`` if the outcome does not vary).
    first_order_interval, total_interval
        95% bootstrap percentile intervals ``(low, high)``: the base draws
        (rows of :math:`A`, :math:`B` and every :math:`A_B^{(i)}` together) resampled.
    base_samples
        :math:`N` (the model was solved :math:`N(k+2)` times).
    warnings
        Estimates the data do not support: an index outside :math:`[0, 1]`, or a
        first order above the total, is estimator noise, not a finding.
    """

    outcome: str
    parameters: tuple[str, ...]
    first_order: tuple[float, ...]
    total: tuple[float, ...]
    first_order_interval: tuple[tuple[float, float], ...]
    total_interval: tuple[tuple[float, float], ...]
    base_samples: int
    warnings: tuple[str, ...] = ()

    def notes(self) -> tuple[str, ...]:
        """Per parameter, a short flag for the table (``""`` where the estimates are consistent)."""
        return tuple(
            noise_flag(s, st, si, sti)
            for s, st, si, sti in zip(
                self.first_order, self.total, self.first_order_interval, self.total_interval, strict=True
            )
        )

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON (``None`` for an undefined index)."""
        return {
            "outcome": self.outcome,
            "base_samples": self.base_samples,
            "interval": "95% bootstrap percentile",
            "indices": [
                {
                    "parameter": p,
                    "first_order": _plain(s),
                    "first_order_interval": [_plain(v) for v in si],
                    "total": _plain(t),
                    "total_interval": [_plain(v) for v in ti],
                    "note": note,
                }
                for p, s, t, si, ti, note in zip(
                    self.parameters,
                    self.first_order,
                    self.total,
                    self.first_order_interval,
                    self.total_interval,
                    self.notes(),
                    strict=True,
                )
            ],
            "warnings": list(self.warnings),
        }

    def to_table(self) -> str:
        """Parameters by total index, largest first, with the warnings below."""
        from bargaining.table import format_number, format_table

        order = np.argsort([-t if np.isfinite(t) else 0.0 for t in self.total], kind="stable")
        notes = self.notes()

        def interval(pair: tuple[float, float]) -> str:
            return f"[{format_number(pair[0])}, {format_number(pair[1])}]"

        rows = [
            [
                self.parameters[i],
                self.first_order[i],
                interval(self.first_order_interval[i]),
                self.total[i],
                interval(self.total_interval[i]),
                notes[i],
            ]
            for i in order
        ]
        title = f"Sobol indices of {self.outcome} ({self.base_samples} base samples, 95% bootstrap intervals)"
        headers = ["parameter", "first order", "95% interval", "total", "95% interval", "note"]
        table = format_table(headers, rows, title)
        return "\n".join([table, *(f"warning: {w}" for w in self.warnings)])

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        from bargaining.display import text_html

        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per parameter (the index): first-order and total indices, as a pandas DataFrame."""
        from bargaining.frames import to_frame

        return to_frame(self.to_dict()["indices"], index="parameter")


def _plain(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def noise_flag(
    first: float, total: float, first_interval: tuple[float, float], total_interval: tuple[float, float]
) -> str:
    r"""What is impossible about one parameter's estimates, or ``""``.

    True indices satisfy :math:`0 \le S_i \le S_{T_i} \le 1`. An estimate
    outside that is noise; ``"beyond interval"`` is added when the 95% interval
    does not reach back to the admissible values either.

    Examples
    --------
    >>> noise_flag(1.5, 1.5, (1.49, 1.51), (1.49, 1.51))
    'S > 1, S_T > 1 (beyond interval)'
    >>> noise_flag(0.2, 0.3, (0.1, 0.3), (0.2, 0.4))
    ''
    """
    if not (np.isfinite(first) and np.isfinite(total)):
        return "undefined"
    flags = []
    beyond = False
    for name, value, (low, high) in (("S", first, first_interval), ("S_T", total, total_interval)):
        if value < 0:
            flags.append(f"{name} < 0")
            beyond |= high < 0
        elif value > 1:
            flags.append(f"{name} > 1")
            beyond |= low > 1
    if first > total:
        flags.append("S > S_T")
        beyond |= first_interval[0] > total_interval[1]
    if not flags:
        return ""
    return ", ".join(flags) + (" (beyond interval)" if beyond else "")


def sobol_warnings(
    names: list[str],
    first: np.ndarray,
    total: np.ndarray,
    first_interval: tuple[tuple[float, float], ...],
    total_interval: tuple[tuple[float, float], ...],
) -> tuple[str, ...]:
    r"""One sentence per parameter whose estimates break :math:`0 \le S_i \le S_{T_i} \le 1`."""
    if not np.all(np.isfinite(first)):
        return ("the outcome does not vary over the draws: its Sobol indices are undefined",)
    out = []
    for name, s, st, si, sti in zip(names, first, total, first_interval, total_interval, strict=True):
        flag = noise_flag(float(s), float(st), si, sti)
        if flag:
            out.append(
                f"{name}: {flag} is estimator noise (true indices satisfy 0 <= S <= S_T <= 1), "
                "not a finding; draw more base samples (bargain montecarlo: a larger --draws)"
            )
    return tuple(out)
