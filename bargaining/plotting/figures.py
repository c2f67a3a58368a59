"""Which figure draws a model, by its kind: what ``bargain plot`` calls.

=================  ===============================================================
kind               figure
=================  ===============================================================
``issue_space``    :func:`~.utility_space.plot_utility_space` (parallel coordinates
``utility_set``    for three or more parties, :func:`~.parallel.plot_parallel`)
``frontier``
``normal_form``    :func:`~.payoff_table.plot_payoff_table`
``extensive_form`` :func:`~.game_tree.plot_game_tree`
``war``            :func:`~.war.plot_war`
``shifting_power`` :func:`~.commitment.plot_commitment`
``learning_...``   :func:`~.learning.plot_learning` (``learning_while_fighting``)
``rubinstein``     :func:`~.rubinstein.plot_rubinstein`
``bayesian``       :func:`~.bayesian.plot_bayesian`
``double_auction`` :func:`~.double_auction.plot_double_auction`
``stochastic_...`` :func:`~.stochastic.plot_stochastic`
``coalitional``    :func:`~.coalitional.plot_coalitional`
``stakeholders``   :func:`~.actors.plot_actors`
``legislative``    :func:`~.legislative.plot_legislative`
=================  ===============================================================

Entries are dotted names, imported when a model of that kind is drawn (as in
:data:`bargaining.kinds.KINDS`). A kind not listed has no figure:
:func:`plot_model` refuses it in one line that names the kinds it draws.
"""

from __future__ import annotations

import importlib
from typing import Any

from bargaining.plotting.style import PlotError

__all__ = ["FIGURES", "figure_for", "plot_model"]

#: kind -> (``"module:function"``, what the figure shows)
FIGURES: dict[str, tuple[str, str]] = {
    "issue_space": ("bargaining.plotting.utility_space:plot_utility_space", "utility space"),
    "utility_set": ("bargaining.plotting.utility_space:plot_utility_space", "utility space"),
    "frontier": ("bargaining.plotting.utility_space:plot_utility_space", "utility space"),
    "normal_form": ("bargaining.plotting.payoff_table:plot_payoff_table", "payoff table"),
    "extensive_form": ("bargaining.plotting.game_tree:plot_game_tree", "game tree"),
    "war": ("bargaining.plotting.war:plot_war", "bargaining range"),
    "shifting_power": ("bargaining.plotting.commitment:plot_commitment", "power over time"),
    "learning_while_fighting": ("bargaining.plotting.learning:plot_learning", "offers and beliefs by round"),
    "rubinstein": ("bargaining.plotting.rubinstein:plot_rubinstein", "alternating-offers split"),
    "bayesian": ("bargaining.plotting.bayesian:plot_bayesian", "equilibrium strategies per type"),
    "double_auction": ("bargaining.plotting.double_auction:plot_double_auction", "bids, asks, trade region"),
    "stochastic_bargaining": ("bargaining.plotting.stochastic:plot_stochastic", "deal or wait per state"),
    "coalitional": ("bargaining.plotting.coalitional:plot_coalitional", "values per player"),
    "stakeholders": ("bargaining.plotting.actors:plot_actors", "actor table and forecasts"),
    "legislative": ("bargaining.plotting.legislative:plot_legislative", "payoffs and coalitions"),
}


def figure_for(kind: str) -> Any:
    """The function that draws models of ``kind``.

    Raises
    ------
    PlotError
        For a kind without a figure, naming the kinds that have one.
    """
    if kind not in FIGURES:
        drawn = ", ".join(f"{k} ({what})" for k, (_, what) in FIGURES.items())
        raise PlotError(f"no figure for a model of kind {kind!r}; the kinds with a figure are {drawn}")
    module, _, name = FIGURES[kind][0].partition(":")
    return getattr(importlib.import_module(module), name)


def plot_model(model: Any) -> Any:
    """The figure of ``model``, chosen by its kind (``model.spec_kind``); solved as it needs."""
    return figure_for(getattr(model, "spec_kind", type(model).__name__))(model)
