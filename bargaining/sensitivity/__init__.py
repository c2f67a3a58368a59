"""Sensitivity analysis: how the predicted agreement moves with the parameters.

=====================  ==============================================================
module                 what it does
=====================  ==============================================================
:mod:`.sweep`          outcomes along one parameter (sweep) or over two (grid)
:mod:`.derivative`     derivatives and elasticities of every outcome (sympy or differences)
:mod:`.tornado`        every ranged parameter varied alone, ranked by its effect
:mod:`.threshold`      where an outcome crosses a level, or agreement appears or vanishes
:mod:`.compare`        the outcome under the spec's values against other values
:mod:`.montecarlo`     outcome distributions and variance-based (Sobol) indices
:mod:`.plots`          figures (matplotlib, imported only when plotting)
=====================  ==============================================================

Everything here works on any spec model (``issue_space``, ``frontier``,
``rubinstein``, ``war``, ...): outcomes are the flattened ``to_dict()`` of the
kind's solve handler (:mod:`.outcomes`).
"""

from __future__ import annotations

from bargaining.sensitivity.outcomes import UnknownOutcomeError, evaluate, flatten_result, resolve_outcome
from bargaining.sensitivity.ranges import Axis, RangeError, axis, parse_axis
from bargaining.sensitivity.sweep import SweepResult, grid, sweep

__all__ = [
    "Axis",
    "RangeError",
    "SweepResult",
    "UnknownOutcomeError",
    "axis",
    "evaluate",
    "flatten_result",
    "grid",
    "parse_axis",
    "resolve_outcome",
    "sweep",
]
