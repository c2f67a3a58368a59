"""Sensitivity analysis: how the predicted agreement moves with the parameters.

=====================  ==============================================================
module                 what it does
=====================  ==============================================================
:mod:`.sweep`          outcomes along one parameter (sweep) or over two (grid)
:mod:`.derivative`     derivatives and elasticities of every outcome (sympy or differences)
:mod:`.tornado`        every ranged parameter varied alone, ranked by its effect
:mod:`.threshold`      where an outcome crosses a level, or agreement appears or vanishes
:mod:`.compare`        the outcome under the spec's values against other values
:mod:`.montecarlo`     outcome distributions under uncertain parameters
:mod:`.sobol`          variance-based (Sobol) indices of one outcome
:mod:`.outcomes`       a result's ``to_dict()`` as named outcome columns
:mod:`.ranges`         the values a parameter is swept over, checked
:mod:`.runner`         solving many points: in process, on a process pool, any executor
:mod:`.batch`          the Nash solution at many points at once (numpy, certified)
=====================  ==============================================================

Everything here works on any spec model (``issue_space``, ``frontier``,
``rubinstein``, ``war``, ...): outcomes are the flattened ``to_dict()`` of the
kind's solve handler (:mod:`.outcomes`).

Examples
--------
>>> from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party
>>> dollar = BargainingProblem(
...     [Party("a", "share", disagreement="d_a"), Party("b", "1 - share")],
...     [ContinuousIssue("share")], [Parameter("d_a", 0.2, (0, 0.6))])
>>> round(compare(dollar, {"d_a": 0.0}, solution="nash").difference("share"), 6)
0.1
"""

from __future__ import annotations

from bargaining.sensitivity.compare import Comparison, compare
from bargaining.sensitivity.derivative import Derivative, DerivativeTable, derivatives
from bargaining.sensitivity.montecarlo import MonteCarloResult, monte_carlo
from bargaining.sensitivity.outcomes import UnknownOutcomeError, evaluate, flatten_result, resolve_outcome
from bargaining.sensitivity.ranges import Axis, RangeError, axis, parse_axis
from bargaining.sensitivity.runner import Progress
from bargaining.sensitivity.sobol import SobolResult, sobol_indices
from bargaining.sensitivity.sweep import SweepResult, grid, sweep
from bargaining.sensitivity.threshold import ConditionError, Threshold, ThresholdResult, threshold
from bargaining.sensitivity.tornado import TornadoBar, TornadoResult, tornado

__all__ = [
    "Axis",
    "Comparison",
    "ConditionError",
    "Derivative",
    "DerivativeTable",
    "MonteCarloResult",
    "Progress",
    "RangeError",
    "SobolResult",
    "SweepResult",
    "Threshold",
    "ThresholdResult",
    "TornadoBar",
    "TornadoResult",
    "UnknownOutcomeError",
    "axis",
    "compare",
    "derivatives",
    "evaluate",
    "flatten_result",
    "grid",
    "monte_carlo",
    "parse_axis",
    "resolve_outcome",
    "sobol_indices",
    "sweep",
    "threshold",
    "tornado",
]
