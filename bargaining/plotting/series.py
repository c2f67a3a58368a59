"""The data a figure draws, read off a sweep result: columns by role, regimes, the no-agreement region."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

__all__ = ["agreement_exists", "broken", "isolated", "shade_no_agreement", "structure", "varying"]


def structure(columns: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
    """Concepts, parties and issues of issue-space outcome columns."""
    concepts = [c.split(".")[0] for c in columns if c.endswith(".agreement_exists") and c.count(".") == 1]
    parties = [c.split(".")[0] for c in columns if c.endswith(".disagreement") and c.count(".") == 1]
    issues: list[str] = []
    for c in columns:
        head, _, rest = c.partition(".")
        if (
            head in concepts
            and "." not in rest
            and rest not in ("agreement_exists", "blocking")
            and rest not in issues
        ):
            issues.append(rest)
    return concepts, parties, issues


def shade_no_agreement(ax: Any, x: np.ndarray, exists: np.ndarray, label: bool) -> bool:
    """Shade the x intervals where no agreement exists (half a step beyond the points)."""
    if exists.size == 0 or np.all(exists):
        return False
    edges = np.concatenate([[x[0]], (x[1:] + x[:-1]) / 2, [x[-1]]])
    shaded = False
    k = 0
    while k < len(x):
        if not exists[k]:
            j = k
            while j + 1 < len(x) and not exists[j + 1]:
                j += 1
            ax.axvspan(
                edges[k],
                edges[j + 1],
                color="0.85",
                zorder=0,
                label="no agreement" if label and not shaded else None,
            )
            shaded = True
            k = j + 1
        else:
            k += 1
    return shaded


def agreement_exists(result: Any) -> np.ndarray | None:
    """Whether an agreement exists at each point, if the result says (``agreement_exists``)."""
    if "agreement_exists" not in result.outcomes:
        return None
    return np.array([v is True for v in result.values("agreement_exists")])


def varying(result: Any, columns: Sequence[str]) -> list[str]:
    """The numeric outcome columns that vary over the result's points."""
    out = []
    for c in columns:
        if c.startswith("inputs.") or c == "agreement_exists":
            continue
        values = result.column(c)
        finite = values[np.isfinite(values)]
        if finite.size and np.ptp(finite) > 1e-12 * max(1.0, float(np.max(np.abs(finite)))):
            out.append(c)
    return out


def broken(x: np.ndarray, y: np.ndarray, regimes: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
    """``x, y`` with a gap wherever the regime (the discrete levels agreed) changes.

    A switch of level is a jump of the outcome, not a steep slope: lines are not
    drawn across it.
    """
    xs: list[float] = []
    ys: list[float] = []
    for k in range(len(x)):
        if k and regimes[k] != regimes[k - 1]:
            xs.append(float("nan"))
            ys.append(float("nan"))
        xs.append(float(x[k]))
        ys.append(float(y[k]))
    return np.array(xs), np.array(ys)


def isolated(regimes: Sequence[Any]) -> np.ndarray:
    """Indices of points whose regime differs from both neighbours (a line cannot show them)."""
    n = len(regimes)
    return np.array(
        [
            k
            for k in range(n)
            if (k == 0 or regimes[k] != regimes[k - 1]) and (k == n - 1 or regimes[k] != regimes[k + 1])
        ],
        dtype=int,
    )
