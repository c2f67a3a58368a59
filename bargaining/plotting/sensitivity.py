"""Figures for sensitivity analyses, by name (each lives in its own module).

=======================  =========================================================
function                 figure
=======================  =========================================================
:func:`plot_sweep`       each issue and each party's utility against the parameter,
                         a line per solution concept, the no-agreement region shaded
:func:`plot_grid`        a heatmap of one outcome over two parameters
:func:`plot_tornado`     bars from the outcome at the spec's values to its values at
                         the ends of each parameter's range, largest swing on top
:func:`plot_montecarlo`  histograms of outcomes, and Sobol indices
=======================  =========================================================

Each function returns the :class:`matplotlib.figure.Figure`; save it with
:func:`bargaining.io.write`, which picks the format by suffix (``.png`` at 150
dpi, ``.svg``, ``.pdf``). No pyplot state is touched, so it is safe in
scripts, servers and notebooks.
"""

from __future__ import annotations

from bargaining.plotting.grid import plot_grid
from bargaining.plotting.montecarlo import plot_montecarlo
from bargaining.plotting.style import PlotError
from bargaining.plotting.sweep import plot_sweep
from bargaining.plotting.tornado import plot_tornado

__all__ = ["PlotError", "plot_grid", "plot_montecarlo", "plot_sweep", "plot_tornado"]
