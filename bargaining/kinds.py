"""The one registry of model kinds: what each kind is, who reads it, who solves it.

A kind is a line of :data:`KINDS`. Entries are dotted names, imported only
when a model of that kind is read (:mod:`bargaining.io`) or solved
(:mod:`bargaining.dispatch`), so this module imports nothing and loading it
costs nothing. A new model family adds one line here, a reader in
:mod:`bargaining.io` and a solver in its own folder.

=================  ==========================================  ==========================================
kind               reader (``from_dict``/``to_dict``)          solver ``(model, solution) -> result``
=================  ==========================================  ==========================================
``issue_space``    :mod:`bargaining.io.issue_space`            :func:`bargaining.solutions.solve_all`
``utility_set``    :mod:`bargaining.io.utility_space`          :func:`bargaining.solutions.solve_all`
``frontier``       :mod:`bargaining.io.utility_space`          :func:`bargaining.solutions.solve_all`
``normal_form``    :mod:`bargaining.io.normal_form`            :func:`bargaining.equilibrium.solve_game`
``rubinstein``     :mod:`bargaining.io.rubinstein`             ``bargaining.sequential.spec``
``war``            :mod:`bargaining.io.war`                    ``bargaining.war.fearon``
``extensive_form`` :mod:`bargaining.io.extensive_form`         ``bargaining.equilibrium.backward_induction``
``bayesian``       :mod:`bargaining.io.bayesian`               ``bargaining.equilibrium.bayesian``
``double_auction`` :mod:`bargaining.io.double_auction`         ``bargaining.auction.chatterjee_samuelson``
``stochastic_...`` :mod:`bargaining.io.stochastic_bargaining`  ``bargaining.dynamic.merlo_wilson``
``coalitional``    :mod:`bargaining.io.coalitional`            ``bargaining.coalitional.solve``
``shifting_power`` :mod:`bargaining.io.shifting_power`         ``bargaining.war.commitment``
``learning_...``   :mod:`bargaining.io.learning_while_fighting` ``bargaining.war.learning``
``stakeholders``   :mod:`bargaining.io.stakeholders`           ``bargaining.stakeholders.forecast``
``legislative``    :mod:`bargaining.io.legislative`            ``bargaining.coalitional.legislative_spec``
=================  ==========================================  ==========================================
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["KINDS", "Kind"]


@dataclass(frozen=True, slots=True)
class Kind:
    """One model kind.

    Parameters
    ----------
    description
        One line, for messages and the schema.
    reader
        The module with ``from_dict(data)`` and ``to_dict(model)``.
    solver
        ``"module:function"``; the function takes ``(model, solution=...)`` and
        returns a result with ``to_table()`` and ``to_dict()``.
    methods
        The ``method=`` values the solver also takes (the first is what
        ``bargain solve`` uses by default); empty if it takes none.
    """

    description: str
    reader: str
    solver: str
    methods: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "issue_space": Kind(
        "bargaining over issues: shares, levels, utilities",
        "bargaining.io.issue_space",
        "bargaining.solutions.concepts:solve_all",
        ("auto", "conic", "newton"),
    ),
    "utility_set": Kind(
        "a finite set of utility vectors",
        "bargaining.io.utility_space",
        "bargaining.solutions.concepts:solve_all",
        ("auto", "conic", "newton"),
    ),
    "frontier": Kind(
        "two parties and a frontier u2 = f(u1)",
        "bargaining.io.utility_space",
        "bargaining.solutions.concepts:solve_all",
        ("auto", "conic", "newton"),
    ),
    "normal_form": Kind(
        "a strategic game in normal form",
        "bargaining.io.normal_form",
        "bargaining.equilibrium:solve_game",
    ),
    "rubinstein": Kind(
        "alternating-offers bargaining (Rubinstein 1982)",
        "bargaining.io.rubinstein",
        "bargaining.sequential.spec:solve_alternating_offers",
    ),
    "war": Kind(
        "the bargaining model of war (Fearon 1995)",
        "bargaining.io.war",
        "bargaining.war.fearon:solve_war",
    ),
    "extensive_form": Kind(
        "a game tree with chance and information sets",
        "bargaining.io.extensive_form",
        "bargaining.equilibrium.backward_induction:solve_tree",
    ),
    "bayesian": Kind(
        "a Bayesian game: private types and a common prior",
        "bargaining.io.bayesian",
        "bargaining.equilibrium.bayesian:solve_bayesian",
    ),
    "double_auction": Kind(
        "a double auction: a buyer and a seller with private values (Chatterjee-Samuelson 1983)",
        "bargaining.io.double_auction",
        "bargaining.auction.chatterjee_samuelson:solve_double_auction",
    ),
    "stochastic_bargaining": Kind(
        "bargaining while a Markov state of the war moves (Merlo-Wilson 1995)",
        "bargaining.io.stochastic_bargaining",
        "bargaining.dynamic.merlo_wilson:solve_stochastic_bargaining",
    ),
    "coalitional": Kind(
        "a coalitional (TU) game: coalition values, weighted voting, claims, gloves",
        "bargaining.io.coalitional",
        "bargaining.coalitional.solve:solve_coalitional",
    ),
    "shifting_power": Kind(
        "shifting power and the commitment problem (Powell 2006)",
        "bargaining.io.shifting_power",
        "bargaining.war.commitment:solve_shifting_power",
    ),
    "learning_while_fighting": Kind(
        "bargaining and learning while fighting, finitely many types (after Powell 2004)",
        "bargaining.io.learning_while_fighting",
        "bargaining.war.learning:solve_learning_while_fighting",
    ),
    "stakeholders": Kind(
        "an actor table: capability, positions and saliences (stakeholder forecasting)",
        "bargaining.io.stakeholders",
        "bargaining.stakeholders.forecast:solve_stakeholders",
    ),
    "legislative": Kind(
        "legislative bargaining: recognition, a quota, vetoes (Baron-Ferejohn 1989, Winter 1996)",
        "bargaining.io.legislative",
        "bargaining.coalitional.legislative_spec:solve_legislative",
    ),
}
