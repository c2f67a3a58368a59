"""Bargaining while the war moves: stochastic bargaining (Merlo & Wilson 1995).

The stationary equilibrium lives in :mod:`bargaining.dynamic.merlo_wilson`,
the absorbing-chain computations (delay, state at agreement) in
:mod:`bargaining.dynamic.markov`, the result in :mod:`bargaining.dynamic.results`,
Monte Carlo paths in :mod:`bargaining.dynamic.simulate` and the spec model in
:mod:`bargaining.model.stochastic_bargaining`.
"""

from __future__ import annotations

from bargaining.dynamic.markov import Absorption, absorption
from bargaining.dynamic.merlo_wilson import bellman, solve_stochastic_bargaining, stationary_equilibrium
from bargaining.dynamic.results import StochasticBargainingSolution
from bargaining.dynamic.simulate import SimulationResult, simulate
from bargaining.model.stochastic_bargaining import MarkovState, StochasticBargaining

__all__ = [
    "Absorption",
    "MarkovState",
    "SimulationResult",
    "StochasticBargaining",
    "StochasticBargainingSolution",
    "absorption",
    "bellman",
    "simulate",
    "solve_stochastic_bargaining",
    "stationary_equilibrium",
]
