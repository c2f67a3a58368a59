"""Figures for sensitivity analyses (matplotlib, imported only here, Agg canvas).

=====================  =========================================================
function               figure
=====================  =========================================================
:func:`plot_sweep`     each issue and each party's utility against the parameter,
                       a line per solution concept, the no-agreement region shaded
:func:`plot_grid`      a heatmap of one outcome over two parameters
:func:`plot_tornado`   bars from the outcome at the spec's values to its values at
                       the ends of each parameter's range, largest swing on top
:func:`plot_montecarlo`  histograms of outcomes, and Sobol indices
=====================  =========================================================

Each function returns the :class:`matplotlib.figure.Figure` and, given a path,
saves it in the format of its suffix (``.png``, ``.svg``, ``.pdf``). No
pyplot state is touched, so it is safe in scripts, servers and notebooks.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError

__all__ = ["PlotError", "plot_grid", "plot_montecarlo", "plot_sweep", "plot_tornado"]

FORMATS = (".png", ".svg", ".pdf")
_CONCEPT_NAMES = {
    "nash": "Nash",
    "ks": "Kalai-Smorodinsky",
    "egalitarian": "egalitarian",
    "utilitarian": "utilitarian",
}
_COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#17becf", "#7f7f7f"]
_STYLES = ["-", "--", ":", "-."]


class PlotError(InvalidGameError):
    """A figure that cannot be made (an unknown file type, nothing to plot)."""


def _figure(width: float, height: float) -> Any:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), layout="constrained")
    return fig


def _save(fig: Any, path: str | Path | None) -> None:
    if path is None:
        return
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise PlotError(f"cannot write a figure to {str(path)!r}: use a .png, .svg or .pdf file name")
    fig.savefig(path, dpi=150 if suffix == ".png" else None)


def _pretty(name: str) -> str:
    """A column or parameter name for a label: ``nash.ukraine.gain`` -> ``Nash: ukraine gain``."""
    head, sep, rest = name.partition(".")
    if sep and head in _CONCEPT_NAMES:
        return f"{_CONCEPT_NAMES[head]}: {rest.replace('.', ' ').replace('_', ' ')}"
    return name.replace(".", " ").replace("_", " ")


def _issue_info(model: Any) -> dict[str, tuple[str, tuple[str, ...] | None, str]]:
    """``{issue: (unit, level names or None, description)}`` of an issue-space model."""
    out: dict[str, tuple[str, tuple[str, ...] | None, str]] = {}
    for issue in getattr(model, "issues", ()) or ():
        levels = getattr(issue, "level_names", None)
        out[issue.name] = (
            getattr(issue, "unit", ""),
            tuple(levels) if levels else None,
            getattr(issue, "description", ""),
        )
    return out


def _structure(columns: Sequence[str]) -> tuple[list[str], list[str], list[str]]:
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


def _shade_no_agreement(ax: Any, x: np.ndarray, exists: np.ndarray, label: bool) -> bool:
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


def plot_sweep(
    result: Any, path: str | Path | None = None, *, model: Any = None, outcomes: Sequence[str] | None = None
) -> Any:
    """Each issue and utility against the swept parameter, a line per concept.

    Parameters
    ----------
    result
        A one-parameter :class:`~bargaining.sensitivity.sweep.SweepResult`.
    path
        Where to save the figure (``.png``, ``.svg``, ``.pdf``); ``None``: don't.
    model
        The model swept, for the issues' units and level order (optional).
    outcomes
        Plot these outcomes instead (one panel each), e.g. for other kinds.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if len(result.axes) != 1:
        raise PlotError("plot_sweep draws a one-parameter sweep; use plot_grid for a grid")
    axis = result.axes[0]
    x = np.asarray(axis.values)
    columns = list(result.outcomes)
    concepts, parties, issues = _structure(columns)
    if outcomes is None and concepts:
        return _plot_issue_sweep(result, path, model, x, concepts, parties, issues)
    chosen = [result.outcome(o) for o in outcomes] if outcomes else _varying(result, columns)[:6]
    if not chosen:
        raise PlotError("no numeric outcome varies along the sweep; nothing to plot")
    fig = _figure(6.4, 2.2 * len(chosen) + 0.6)
    axes = fig.subplots(len(chosen), 1, sharex=True, squeeze=False)[:, 0]
    exists = _exists(result)
    for ax, column in zip(axes, chosen, strict=True):
        ax.plot(x, result.column(column), color=_COLORS[0], lw=1.8, label=_pretty(column))
        if exists is not None:
            _shade_no_agreement(ax, x, exists, True)
        ax.set_ylabel(_pretty(column))
        ax.grid(alpha=0.3)
    axes[-1].set_xlabel(_pretty(axis.label))
    fig.suptitle(f"{result.title or 'Sweep'}: outcomes against {_pretty(axis.name)}", fontsize=11)
    _save(fig, path)
    return fig


def _exists(result: Any) -> np.ndarray | None:
    if "agreement_exists" not in result.outcomes:
        return None
    return np.array([v is True for v in result.values("agreement_exists")])


def _varying(result: Any, columns: Sequence[str]) -> list[str]:
    out = []
    for c in columns:
        if c.startswith("inputs.") or c == "agreement_exists":
            continue
        values = result.column(c)
        finite = values[np.isfinite(values)]
        if finite.size and np.ptp(finite) > 1e-12 * max(1.0, float(np.max(np.abs(finite)))):
            out.append(c)
    return out


def _broken(x: np.ndarray, y: np.ndarray, regimes: Sequence[Any]) -> tuple[np.ndarray, np.ndarray]:
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


def _isolated(regimes: Sequence[Any]) -> np.ndarray:
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


def _plot_issue_sweep(
    result: Any,
    path: str | Path | None,
    model: Any,
    x: np.ndarray,
    concepts: list[str],
    parties: list[str],
    issues: list[str],
) -> Any:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    info = _issue_info(model)
    axis = result.axes[0]
    panels = [*issues, "__utility__"]
    fig = _figure(7.6, 1.9 * len(panels) + 1.4)
    axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
    exists = _exists(result)
    shaded = False
    discrete = [
        name
        for name in issues
        if any(isinstance(v, str) for c in concepts for v in result.values(f"{c}.{name}"))
    ]
    regimes = {
        c: list(zip(*(result.values(f"{c}.{name}") for name in discrete), strict=True))
        if discrete
        else [()] * len(x)
        for c in concepts
    }
    for ax, panel in zip(axes, panels, strict=True):
        if exists is not None:
            shaded = _shade_no_agreement(ax, x, exists, False) or shaded
        if panel == "__utility__":
            for j, party in enumerate(parties):
                style = _STYLES[j % len(_STYLES)]
                for i, concept in enumerate(concepts):
                    y = result.column(f"{concept}.{party}.utility")
                    xs, ys = _broken(x, y, regimes[concept])
                    ax.plot(xs, ys, color=_COLORS[i % len(_COLORS)], ls=style, lw=1.6)
                    lone = _isolated(regimes[concept])
                    ax.plot(x[lone], y[lone], "o", color=_COLORS[i % len(_COLORS)], ms=3)
                ax.plot(x, result.column(f"{party}.disagreement"), color="black", ls=style, lw=1.0, alpha=0.7)
            handles = [
                Line2D([], [], color="0.3", ls=_STYLES[j % len(_STYLES)], label=party)
                for j, party in enumerate(parties)
            ]
            handles.append(
                Line2D([], [], color="black", lw=1.0, alpha=0.7, label="disagreement\n(no deal: war)")
            )
            ax.legend(
                handles=handles, fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False
            )
            ax.set_ylabel("utility", fontsize=9)
        else:
            unit, levels, _ = info.get(panel, ("", None, ""))
            values = [result.values(f"{c}.{panel}") for c in concepts]
            categorical = any(isinstance(v, str) for vs in values for v in vs)
            if categorical:
                seen = [v for vs in values for v in vs if isinstance(v, str)]
                order = list(levels) if levels else list(dict.fromkeys(seen))
                for i, vs in enumerate(values):
                    y = np.array(
                        [order.index(v) if isinstance(v, str) and v in order else np.nan for v in vs]
                    )
                    offset = (i - (len(concepts) - 1) / 2) * 0.08
                    ax.step(x, y + offset, where="mid", color=_COLORS[i % len(_COLORS)], lw=1.6)
                ax.set_yticks(range(len(order)), [_pretty(o) for o in order], fontsize=7)
                ax.set_ylim(-0.5, len(order) - 0.5)
            else:
                for i, concept in enumerate(concepts):
                    y = result.column(f"{concept}.{panel}")
                    xs, ys = _broken(x, y, regimes[concept])
                    ax.plot(xs, ys, color=_COLORS[i % len(_COLORS)], lw=1.6)
                    lone = _isolated(regimes[concept])
                    ax.plot(x[lone], y[lone], "o", color=_COLORS[i % len(_COLORS)], ms=3)
            ax.set_ylabel(_pretty(panel) + (f"\n({unit})" if unit else ""), fontsize=9)
        ax.grid(alpha=0.3)
    axes[-1].set_xlabel(_pretty(axis.label))
    legend: list[Any] = [
        Line2D([], [], color=_COLORS[i % len(_COLORS)], lw=1.6, label=_CONCEPT_NAMES.get(c, c))
        for i, c in enumerate(concepts)
    ]
    if shaded:
        legend.append(Patch(color="0.85", label="no agreement"))
    axes[0].legend(
        handles=legend,
        loc="lower center",
        bbox_to_anchor=(0.5, 1.0),
        ncol=len(legend),
        fontsize=8,
        frameon=False,
    )
    title = result.title or "Sweep"
    fig.suptitle(f"{title}: predicted agreement against {_pretty(axis.name)}", fontsize=11)
    _save(fig, path)
    return fig


def plot_grid(
    result: Any, path: str | Path | None = None, *, outcome: str | None = None, model: Any = None
) -> Any:
    """A heatmap of one outcome over a two-parameter grid; no agreement in grey.

    Parameters
    ----------
    result
        A two-parameter :class:`~bargaining.sensitivity.sweep.SweepResult`.
    path
        Where to save the figure; ``None``: don't.
    outcome
        The outcome to show; default the first concept's first issue.
    model
        The model, for the issue's unit and level order (optional).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.colors import BoundaryNorm, ListedColormap

    if len(result.axes) != 2:
        raise PlotError("plot_grid draws a two-parameter grid")
    columns = list(result.outcomes)
    if outcome is None:
        concepts, _, issues = _structure(columns)
        numeric = _varying(result, columns)
        outcome = f"{concepts[0]}.{issues[0]}" if concepts and issues else (numeric[0] if numeric else None)
        if outcome is None:
            raise PlotError("no outcome to plot; give one")
    column = result.outcome(outcome)
    ax_y, ax_x = result.axes  # rows: first parameter; columns: second
    raw = np.array(result.values(column), dtype=object).reshape(result.shape)
    fig = _figure(6.6, 5.0)
    ax = fig.subplots()
    x, y = np.asarray(ax_x.values), np.asarray(ax_y.values)
    exists = _exists(result)
    categorical = any(isinstance(v, str) for v in raw.ravel())
    info = _issue_info(model)
    issue = column.split(".", 1)[-1]
    unit, levels, _ = info.get(issue, ("", None, ""))
    if categorical:
        seen = [v for v in raw.ravel() if isinstance(v, str)]
        order = list(levels) if levels else list(dict.fromkeys(seen))
        order = [o for o in order if o in seen] or order
        codes = np.array(
            [order.index(v) if isinstance(v, str) and v in order else np.nan for v in raw.ravel()]
        )
        z = codes.reshape(result.shape)
        cmap = ListedColormap([_COLORS[i % len(_COLORS)] for i in range(len(order))])
        norm = BoundaryNorm(np.arange(len(order) + 1) - 0.5, len(order))
        mesh = ax.pcolormesh(x, y, np.ma.masked_invalid(z), cmap=cmap, norm=norm, shading="nearest")
        bar = fig.colorbar(mesh, ax=ax, ticks=range(len(order)))
        bar.ax.set_yticklabels([_pretty(o) for o in order], fontsize=8)
    else:
        z = result.column(column)
        mesh = ax.pcolormesh(x, y, np.ma.masked_invalid(z), cmap="viridis", shading="nearest")
        bar = fig.colorbar(mesh, ax=ax)
        # contour lines, unless a discrete issue switches level inside the grid (the outcome jumps there)
        head = column.split(".", 1)[0]
        jumps = any(
            len({v for v in result.values(c) if isinstance(v, str)}) > 1
            for c in columns
            if c.startswith(head + ".") and any(isinstance(v, str) for v in result.values(c))
        )
        if not jumps and np.isfinite(z).sum() > 3 and np.ptp(z[np.isfinite(z)]) > 0:
            contours = ax.contour(x, y, z, levels=6, colors="white", linewidths=0.7)
            ax.clabel(contours, fontsize=7, fmt="%.3g")
    bar.set_label(_pretty(column) + (f" ({unit})" if unit else ""))
    if exists is not None:
        missing = ~exists.reshape(result.shape)
        if missing.any():
            ax.pcolormesh(
                x,
                y,
                np.ma.masked_where(~missing, np.ones(result.shape)),
                cmap=ListedColormap(["0.8"]),
                shading="nearest",
            )
            from matplotlib.patches import Patch

            ax.legend(handles=[Patch(color="0.8", label="no agreement")], loc="upper right", fontsize=8)
    ax.set_xlabel(_pretty(ax_x.label))
    ax.set_ylabel(_pretty(ax_y.label))
    ax.set_title(
        f"{result.title or 'Grid'}\n{_pretty(column)} over {_pretty(ax_y.name)} and {_pretty(ax_x.name)}",
        fontsize=10,
    )
    _save(fig, path)
    return fig


def plot_tornado(result: Any, path: str | Path | None = None, *, model: Any = None, top: int = 15) -> Any:
    """A tornado chart: the outcome at the low and high end of each parameter's range.

    Parameters
    ----------
    result
        A :class:`~bargaining.sensitivity.tornado.TornadoResult`.
    path
        Where to save the figure; ``None``: don't.
    model
        Unused (kept for a uniform signature).
    top
        Show at most this many parameters (largest swings).

    Returns
    -------
    matplotlib.figure.Figure
    """
    from matplotlib.patches import Patch

    bars = list(result.bars)[:top]
    if not bars:
        raise PlotError("the tornado has no bars")
    fig = _figure(7.2, 0.42 * len(bars) + 1.6)
    ax = fig.subplots()
    base = result.base
    for k, bar in enumerate(reversed(bars)):
        for value, color in ((bar.outcome_low, "#1f77b4"), (bar.outcome_high, "#d62728")):
            if value is None:
                continue
            ax.barh(k, value - base, left=base, color=color, height=0.6, alpha=0.85)
    ax.axvline(base, color="black", lw=1)
    labels = [
        f"{_pretty(b.parameter)}  [{b.low:g}, {b.high:g}{' ' + b.unit if b.unit else ''}]"
        for b in reversed(bars)
    ]
    ax.set_yticks(range(len(bars)), labels, fontsize=8)
    ax.set_xlabel(f"{_pretty(result.outcome)} (spec's value {base:.3g})")
    ax.legend(
        handles=[
            Patch(color="#1f77b4", label="parameter at the low end of its range"),
            Patch(color="#d62728", label="parameter at the high end of its range"),
        ],
        fontsize=8,
        loc="upper center",
        bbox_to_anchor=(0.5, -0.1),
        ncol=2,
        frameon=False,
    )
    ax.grid(axis="x", alpha=0.3)
    title = result.title or "Tornado"
    ax.set_title(
        f"{title}\nwhat moves {_pretty(result.outcome)}\n(each parameter over its range, the others "
        "at the spec's values)",
        fontsize=10,
    )
    _save(fig, path)
    return fig


def plot_montecarlo(
    result: Any, path: str | Path | None = None, *, outcomes: Sequence[str] | None = None, sobol: Any = None
) -> Any:
    """Histograms of outcomes over the draws (and Sobol indices, if given).

    Parameters
    ----------
    result
        A :class:`~bargaining.sensitivity.montecarlo.MonteCarloResult`.
    path
        Where to save the figure; ``None``: don't.
    outcomes
        The outcomes to show; default up to four that vary.
    sobol
        A :class:`~bargaining.sensitivity.montecarlo.SobolResult` to add as a bar chart.

    Returns
    -------
    matplotlib.figure.Figure
    """
    if outcomes is None:
        chosen = []
        for name in result.outcomes:
            values = result.column(name)
            finite = values[np.isfinite(values)]
            if name == "agreement_exists" or name.endswith(".agreement_exists") or finite.size < 2:
                continue
            if np.ptp(finite) > 1e-9 * max(1.0, float(np.max(np.abs(finite)))) and name.count(".") >= 1:
                chosen.append(name)
        chosen = chosen[:4]
    else:
        chosen = [result.outcomes[result.outcomes.index(o)] if o in result.outcomes else o for o in outcomes]
    panels = len(chosen) + (1 if sobol is not None else 0)
    if panels == 0:
        raise PlotError("no outcome varies over the draws; nothing to plot")
    cols = 2 if panels > 1 else 1
    rows = -(-panels // cols)
    fig = _figure(4.0 * cols, 3.0 * rows + 0.6)
    axes = np.atleast_1d(fig.subplots(rows, cols, squeeze=False).ravel())
    for ax, name in zip(axes, chosen, strict=False):
        values = result.column(name)
        finite = values[np.isfinite(values)]
        ax.hist(finite, bins=40, color="#1f77b4", alpha=0.85)
        for q, ls in zip(result.quantiles(name, (0.05, 0.5, 0.95)), (":", "-", ":"), strict=True):
            ax.axvline(q, color="black", ls=ls, lw=1)
        ax.set_xlabel(_pretty(name))
        ax.set_ylabel("draws")
        ax.grid(alpha=0.3)
    if sobol is not None:
        ax = axes[len(chosen)]
        k = np.arange(len(sobol.parameters))
        ax.bar(
            k - 0.2, sobol.first_order, 0.4, yerr=sobol.first_order_ci, label="first order", color="#1f77b4"
        )
        ax.bar(k + 0.2, sobol.total, 0.4, yerr=sobol.total_ci, label="total", color="#d62728")
        ax.set_xticks(k, [_pretty(p) for p in sobol.parameters], rotation=35, ha="right", fontsize=7)
        ax.set_ylabel(f"Sobol index of\n{_pretty(sobol.outcome)}", fontsize=8)
        ax.set_ylim(bottom=min(0.0, float(np.min(sobol.first_order)) - 0.05))
        ax.legend(fontsize=7, frameon=False)
        ax.grid(axis="y", alpha=0.3)
    for ax in axes[panels:]:
        ax.set_visible(False)
    probability = result.agreement_probability
    uncertain = ", ".join(_pretty(n) for n in result.distributions)
    fig.suptitle(
        f"{result.title or 'Monte Carlo'}: {result.draws} draws of {uncertain}\n"
        f"P(agreement exists) = {probability:.3g}; lines: 5%, median, 95%",
        fontsize=10,
    )
    _save(fig, path)
    return fig
