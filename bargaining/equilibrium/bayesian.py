r"""Bayesian Nash equilibria through the induced normal form, and the value of ambiguity.

The induced normal form of a Bayesian game (Harsanyi 1967-68) has, for each
player, one pure strategy per map :math:`s_i : T_i \to A_i` from types to
actions, and the ex-ante payoffs

.. math:: U_i(s) = \sum_t p(t)\, u_i\bigl(t, s_0(t_0), \dots, s_{n-1}(t_{n-1})\bigr).

Its Nash equilibria (:func:`bargaining.equilibrium.equilibria`) are the
Bayesian Nash equilibria. A mixed strategy :math:`\sigma_i` over maps is
reported as what each type does,

.. math:: \beta_i(a \mid t_i) = \sum_{s_i:\, s_i(t_i) = a} \sigma_i(s_i),

with each type's *interim* expected payoff

.. math:: v_i(t_i) = \sum_{t_{-i}} p(t_{-i} \mid t_i) \sum_a
          \Bigl(\prod_j \beta_j(a_j \mid t_j)\Bigr) u_i(t, a).

**The value of ambiguity** to player :math:`i` compares its equilibrium
payoff when the others must guess its type (the Bayesian game, ex ante:
:math:`\sum_{t_i} p(t_i) v_i(t_i)`) with its payoff when its type is common
knowledge (the game :meth:`~bargaining.games.bayesian.BayesianGame.with_type`
for each type :math:`t_i`, averaged over the prior :math:`p(t_i)`). With
several equilibria both sides are ranges, reported at the worst and the
best equilibrium for :math:`i` (for two players the extreme equilibria
attain both, since payoffs are bilinear on each convex set of equilibria).

References
----------
Harsanyi, J. C. (1967-68). Games with incomplete information played by
"Bayesian" players, I-III. *Management Science* 14.
Osborne, M. J. (2004). *An Introduction to Game Theory*, ch. 9.

Examples
--------
>>> from bargaining.games.bayesian import BayesianGame
>>> bos = BayesianGame.from_tables(
...     players=("row", "column"), actions=(("B", "S"), ("B", "S")), types=((), ("meet", "avoid")),
...     prior={("meet",): "1/2", ("avoid",): "1/2"},
...     tables={("meet",): ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
...             ("avoid",): ([[2, 0], [0, 1]], [[0, 2], [1, 0]])})
>>> induced_normal_form(bos).strategies
(('B', 'S'), ('B/B', 'B/S', 'S/B', 'S/S'))
>>> [eq.describe(1) for eq in bayesian_equilibria(bos, exact=True) if eq.is_pure]
['meet: B; avoid: S']
"""

from __future__ import annotations

import itertools
from fractions import Fraction
from typing import TYPE_CHECKING

from bargaining.equilibrium.bayesian_results import (
    AmbiguityReport,
    BayesianEquilibria,
    BayesianEquilibrium,
    BayesianSolution,
    Number,
)
from bargaining.errors import InvalidGameError
from bargaining.games.induced import induced_normal_form, type_plans

if TYPE_CHECKING:
    from bargaining.equilibrium.results import Equilibrium
    from bargaining.games.bayesian import BayesianGame

__all__ = [
    "AmbiguityReport",
    "BayesianEquilibria",
    "BayesianEquilibrium",
    "BayesianSolution",
    "bayesian_equilibria",
    "induced_normal_form",
    "solve_bayesian",
    "value_of_ambiguity",
]


def _interim(
    game: BayesianGame, behaviour: tuple[tuple[tuple[Number, ...], ...], ...]
) -> tuple[tuple[Number, ...], ...]:
    """Each type's expected payoff given its beliefs and everybody's type-contingent actions."""
    exact = all(isinstance(p, Fraction) for player in behaviour for probs in player for p in probs)
    zero: Number = Fraction(0) if exact else 0.0
    result = []
    for i in range(game.num_players):
        values = []
        for k in range(game.num_types[i]):
            total, mass = zero, zero
            for types in game.type_profiles():
                if types[i] != k:
                    continue
                p: Number = game.prior[types] if exact else float(game.prior[types])
                mass += p
                for actions in itertools.product(*(range(a) for a in game.num_actions)):
                    weight = p
                    for j, a in enumerate(actions):
                        weight *= behaviour[j][types[j]][a]
                        if not weight:
                            break
                    if weight:
                        u = game.payoffs[(i, *types, *actions)]
                        total += weight * (u if exact else float(u))
            values.append(total / mass)
        result.append(tuple(values))
    return tuple(result)


def _from_equilibrium(game: BayesianGame, eq: Equilibrium) -> BayesianEquilibrium:
    sigmas: list[tuple[Number, ...]] = [
        tuple(eq.exact_probabilities[i])
        if eq.exact_probabilities is not None
        else tuple(map(float, eq.probabilities[i]))
        for i in range(game.num_players)
    ]
    zero: Number = Fraction(0) if eq.exact_probabilities is not None else 0.0
    behaviour = []
    for i in range(game.num_players):
        per_type = []
        plans = type_plans(game, i)
        for k in range(game.num_types[i]):
            probs = [zero] * game.num_actions[i]
            for plan, p in zip(plans, sigmas[i], strict=True):
                probs[plan[k]] += p
            per_type.append(tuple(probs))
        behaviour.append(tuple(per_type))
    frozen = tuple(behaviour)
    interim = _interim(game, frozen)
    ex_ante = tuple(
        sum(
            (
                (game.marginal(i)[k] if isinstance(v, Fraction) else float(game.marginal(i)[k])) * v
                for k, v in enumerate(interim[i])
            ),
            zero,
        )
        for i in range(game.num_players)
    )
    return BayesianEquilibrium(game, frozen, interim, ex_ante, eq)


def bayesian_equilibria(
    game: BayesianGame, method: str = "auto", exact: bool = False, time_limit: float | None = None
) -> BayesianEquilibria:
    """The Bayesian Nash equilibria of ``game``, by solving its induced normal form.

    Parameters
    ----------
    game
        A :class:`~bargaining.games.bayesian.BayesianGame`.
    method, exact, time_limit
        Passed to :func:`bargaining.equilibrium.equilibria` (for two players
        ``"auto"`` enumerates every extreme equilibrium); the result's
        ``equilibria.guarantee`` says what the list is.
    """
    from bargaining.equilibrium import equilibria

    induced = induced_normal_form(game)
    found = equilibria(induced, method=method, exact=exact, time_limit=time_limit)
    return BayesianEquilibria(game, induced, found, tuple(_from_equilibrium(game, eq) for eq in found))


# --------------------------------------------------------------------------- value of ambiguity
def value_of_ambiguity(
    game: BayesianGame, player: int | str, method: str = "auto", exact: bool = False
) -> AmbiguityReport:
    r"""Compare ``player``'s equilibrium payoff with its type hidden and with its type known.

    Parameters
    ----------
    game
        The Bayesian game; ``player`` should have several types.
    player
        The player whose type is private (a name or an index).
    method, exact
        Passed to :func:`bayesian_equilibria` for each game solved.

    Returns
    -------
    AmbiguityReport
        Hidden: the Bayesian game. Known: for each type :math:`t_i`, the game
        :meth:`~bargaining.games.bayesian.BayesianGame.with_type` ``(player, t_i)``,
        weighted by :math:`p(t_i)`. A positive value means the player gains
        from keeping its aims ambiguous.
    """
    i = game.player_index(player)
    if game.num_types[i] < 2:
        raise InvalidGameError(
            f"{game.players[i]} has a single type, so there is nothing to hide; "
            "give it several types in the spec (players[...].types)"
        )
    hidden = bayesian_equilibria(game, method=method, exact=exact)
    known = tuple(
        bayesian_equilibria(game.with_type(i, t), method=method, exact=exact) for t in game.types[i]
    )
    return AmbiguityReport(game, i, hidden, known)


# --------------------------------------------------------------------------- bargain solve
def solve_bayesian(model: BayesianGame, solution: str = "all") -> BayesianSolution:
    """The handler ``bargain solve`` uses for ``bayesian`` specs.

    ``solution`` is ``"all"`` (the default equilibrium method) or an
    equilibrium method name; the value of ambiguity is reported for every
    player with several types.
    """
    method = "auto" if solution == "all" else solution
    reports = tuple(
        value_of_ambiguity(model, i, method=method)
        for i in range(model.num_players)
        if model.num_types[i] > 1
    )
    return BayesianSolution(bayesian_equilibria(model, method=method), reports)
