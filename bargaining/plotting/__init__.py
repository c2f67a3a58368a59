"""Figures: the only part of :mod:`bargaining` that imports matplotlib.

Functions return a matplotlib figure; :func:`bargaining.io.write` saves one by
suffix (``.png``, ``.svg``, ``.pdf``).

======================  ==============================================================
module                  what it draws
======================  ==============================================================
:mod:`.sweep`           outcomes along one parameter, a line per concept
:mod:`.grid`            a heatmap of one outcome over two parameters
:mod:`.tornado`         parameters ranked by the swing of an outcome
:mod:`.montecarlo`      histograms of Monte Carlo draws, Sobol indices
:mod:`.simulation`      fan charts of simulated paths of the war and the talks
:mod:`.series`          the data a figure draws, read off a result
:mod:`.style`           colours, labels, the blank figure, :class:`~.style.PlotError`
:mod:`.sensitivity`     all four ``plot_*`` functions by name
:mod:`.utility_space`   the feasible set in utility space, d, the ideal point, the solutions
:mod:`.utility_samples` the feasible set sampled (pieces, hulls, the Pareto frontier)
:mod:`.labels`          agreements in words, tags that do not overlap
:mod:`.palette`         the colour-blind-safe palette and marks of the model figures
:mod:`.parallel`        three or more parties: the solutions in parallel coordinates
:mod:`.payoff_table`    a normal-form game's payoff table, equilibria marked
:mod:`.game_tree`       a game tree, the subgame-perfect path highlighted
:mod:`.bayesian`        a Bayesian game: what each type plays in each equilibrium
:mod:`.double_auction`  the double auction: strategies, region of trade, the bounds
:mod:`.stochastic`      stochastic bargaining: deal or fight, offers and values per state
:mod:`.coalitional`     a coalitional game: each concept per player, the core
:mod:`.actors`          a stakeholder table per issue, each model's forecast
:mod:`.legislative`     Baron-Ferejohn: payoffs, proposer shares, whom each proposer includes
:mod:`.figures`         the figure of each model kind (what ``bargain plot`` draws)
:mod:`.war`             Fearon's bargaining range, the demand, the belief about the other's cost
:mod:`.commitment`      shifting power: p over time, Powell's condition, the periods of war
:mod:`.learning`        learning while fighting: offers, the war, beliefs by round
:mod:`.rubinstein`      alternating offers: the split, and the share as the discount factors move
======================  ==============================================================
"""

from __future__ import annotations

from bargaining.plotting.utility_space import plot_utility_space

__all__ = ["plot_utility_space"]
