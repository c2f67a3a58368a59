r"""Stochastic bargaining (Merlo & Wilson 1995) as a model with named parameters.

Two players bargain over a pie whose size moves with a finite Markov state
:math:`s \in \{1, \dots, n\}`. Each period the state is known, a proposer is
drawn (player 1 with probability :math:`p(s)`), the proposer offers a split of
the pie :math:`S(s)` and the other accepts or rejects. After a rejection each
player :math:`i` receives the period's fighting payoff :math:`f_i(s)` (negative
for a cost) and the state moves to :math:`s'` with probability
:math:`P_{s s'}`. Payoffs are discounted by :math:`\delta_i \in (0, 1)` per
period; an agreement on :math:`x` in period :math:`t` is worth
:math:`\delta_i^t x_i`.

Every number is a formula over the spec's parameters; each state may also set
some parameters to its own values (``values``: for Kursk, the km² held), and
its pie, fighting payoffs and proposer probability are evaluated there.
:meth:`StochasticBargaining.arguments` gives the arrays; the equilibrium is
computed by :func:`bargaining.dynamic.solve_stochastic_bargaining`.

Examples
--------
>>> m = StochasticBargaining(
...     ("a", "b"), (0.9, 0.9), (MarkovState("now", pie=1),), ((1,),))
>>> m.arguments()["pie"].tolist()
[1.0]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from bargaining.errors import SpecError
from bargaining.expressions.parse import Expression
from bargaining.model.parameters import Parameter, check_name
from bargaining.model.parametrized import (
    Formula,
    Parametrized,
    check_parameters,
    finite_value,
    formula,
    set_fields,
)

__all__ = ["ROW_TOLERANCE", "MarkovState", "StochasticBargaining"]

ROW_TOLERANCE = 1e-9
"""How far a row of the transition matrix may be from summing to one."""


@dataclass(frozen=True, slots=True)
class MarkovState:
    """One state of the war: its own parameter values and what is at stake there.

    Parameters
    ----------
    name
        The state's name (unique).
    pie
        :math:`S(s)`: the total value an agreement in this state divides.
    fighting
        :math:`(f_1(s), f_2(s))`: each player's payoff in a period of fighting
        here (negative for a cost).
    proposer
        :math:`p(s)`: the probability that the first player proposes.
    values
        ``((parameter, value), ...)``: parameters set to other values in this
        state (each must be declared in the model's parameters).
    """

    name: str
    pie: Expression
    fighting: tuple[Expression, Expression]
    proposer: Expression
    values: tuple[tuple[str, float], ...]
    description: str

    def __init__(
        self,
        name: str,
        pie: Formula = 1.0,
        fighting: Sequence[Formula] = (0.0, 0.0),
        proposer: Formula = 0.5,
        values: Iterable[tuple[str, float]] = (),
        description: str = "",
    ) -> None:
        name = check_name(name, "name")
        pie_formula = formula(pie, "pie")
        payoffs = tuple(fighting)
        if len(payoffs) != 2:
            raise SpecError("fighting", f"expected two fighting payoffs, got {len(payoffs)}")
        pair = (formula(payoffs[0], "fighting[0]"), formula(payoffs[1], "fighting[1]"))
        chance = formula(proposer, "proposer")
        pairs = tuple((str(k), float(v)) for k, v in values)
        for k, v in pairs:
            if not math.isfinite(v):
                raise SpecError(f"values.{k}", f"expected a finite number, got {v}")
        set_fields(
            self,
            name=name,
            pie=pie_formula,
            fighting=pair,
            proposer=chance,
            values=pairs,
            description=description,
        )


@dataclass(frozen=True, slots=True, init=False)
class StochasticBargaining(Parametrized):
    r"""Bargaining over a pie that moves with a Markov state (Merlo & Wilson 1995).

    Parameters
    ----------
    player_names
        The two players.
    discounts
        :math:`(\delta_1, \delta_2)`, each in :math:`(0, 1)`.
    states
        The :class:`MarkovState` list.
    transitions
        :math:`P`, one row per state: :math:`P_{s s'}` is the probability that
        a period of fighting in :math:`s` ends in :math:`s'` (rows sum to one).
    initial_state
        Where the talks start (default: the first state).
    parameters, name, description
        As in every spec.

    Raises
    ------
    SpecError
        At the JSON path (``transitions[2]``, ``discounts[0]``,
        ``states[1].proposer``, ...) for a row that does not sum to one, a
        negative probability, a discount outside (0, 1), a non-finite value,
        or an absorbing state whose pie is below the players' values of
        fighting forever there (the parties would be trapped in war).
    """

    player_names: tuple[str, str]
    discounts: tuple[Expression, Expression]
    states: tuple[MarkovState, ...]
    transitions: tuple[tuple[Expression, ...], ...]
    initial_state: str
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "stochastic_bargaining"

    def __init__(
        self,
        player_names: Sequence[str],
        discounts: Sequence[Formula],
        states: Sequence[MarkovState],
        transitions: Sequence[Sequence[Formula]],
        initial_state: str = "",
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        names = tuple(player_names)
        if len(names) != 2:
            raise SpecError("players", f"stochastic bargaining has two players, got {len(names)}")
        first, second = (check_name(n, f"players[{i}].name") for i, n in enumerate(names))
        if first == second:
            raise SpecError("players[1].name", f"both players are called {first!r}; rename one")
        deltas = tuple(discounts)
        if len(deltas) != 2:
            raise SpecError("players", "each of the two players needs a discount factor")
        pair = (formula(deltas[0], "players[0].discount"), formula(deltas[1], "players[1].discount"))
        checked = _check_states(states)
        set_fields(
            self,
            player_names=(first, second),
            discounts=pair,
            states=checked,
            transitions=_check_transitions(transitions, len(checked)),
            initial_state=_check_initial(initial_state, checked),
            parameters=check_parameters(parameters),
            name=name,
            description=description,
        )
        self.arguments()  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"StochasticBargaining({label}{self.summary()})"

    @property
    def party_names(self) -> tuple[str, str]:
        """The two players."""
        return self.player_names

    @property
    def state_names(self) -> tuple[str, ...]:
        """The states, in order."""
        return tuple(s.name for s in self.states)

    def summary(self) -> str:
        """One line: who bargains, over how many states, from where."""
        a = self.arguments()
        d1, d2 = a["discounts"]
        return (
            f"{self.player_names[0]} and {self.player_names[1]} bargain over {len(self.states)} "
            f"Markov state{'s' if len(self.states) != 1 else ''} from {self.initial_state!r}, "
            f"discounts {d1:g} and {d2:g}"
        )

    def arguments(self) -> dict[str, Any]:
        """The arrays of :func:`~bargaining.dynamic.stationary_equilibrium` at the parameter values.

        Returns
        -------
        dict
            ``pie`` (n,), ``fighting`` (n, 2), ``proposer`` (n,), ``transitions``
            (n, n), ``discounts`` (2,), ``initial`` (the initial state's index),
            ``party_names`` and ``state_names``.

        Raises
        ------
        SpecError
            For a value outside its domain, at the path of its field.
        """
        base = self.parameter_values()
        discounts = np.array(
            [finite_value(d, base, f"players[{i}].discount") for i, d in enumerate(self.discounts)]
        )
        for i, d in enumerate(discounts):
            if not 0 < d < 1:
                raise SpecError(f"players[{i}].discount", f"a discount factor must be in (0, 1), got {d:g}")
        n = len(self.states)
        pie, proposer, fighting = np.empty(n), np.empty(n), np.empty((n, 2))
        matrix = np.empty((n, n))
        for k, state in enumerate(self.states):
            values = _state_values(state, base, f"states[{k}]")
            at = f"states[{k}]"
            pie[k] = finite_value(state.pie, values, f"{at}.pie")
            fighting[k] = [
                finite_value(f, values, f"{at}.fighting[{i}]") for i, f in enumerate(state.fighting)
            ]
            proposer[k] = finite_value(state.proposer, values, f"{at}.proposer")
            if not 0 <= proposer[k] <= 1:
                raise SpecError(f"{at}.proposer", f"a probability must be in [0, 1], got {proposer[k]:g}")
            matrix[k] = [
                finite_value(x, values, f"transitions[{k}][{j}]") for j, x in enumerate(self.transitions[k])
            ]
        check_transitions(matrix)
        check_no_trap(pie, fighting, matrix, discounts, self.state_names)
        return {
            "pie": pie,
            "fighting": fighting,
            "proposer": proposer,
            "transitions": matrix,
            "discounts": discounts,
            "initial": self.state_names.index(self.initial_state),
            "party_names": self.player_names,
            "state_names": self.state_names,
        }


def check_transitions(matrix: np.ndarray) -> None:
    """Every entry of ``matrix`` a probability and every row summing to one.

    Raises
    ------
    SpecError
        At ``transitions[i][j]`` for a negative entry, at ``transitions[i]`` for a
        row that does not sum to one.
    """
    bad = np.argwhere(matrix < 0)
    if len(bad):
        i, j = bad[0]
        raise SpecError(f"transitions[{i}][{j}]", f"a probability cannot be negative, got {matrix[i, j]:g}")
    sums = matrix.sum(axis=1)
    off = np.flatnonzero(np.abs(sums - 1) > ROW_TOLERANCE)
    if len(off):
        i = off[0]
        raise SpecError(f"transitions[{i}]", f"the row sums to {sums[i]:.12g}, not 1; rescale it")


def check_no_trap(
    pie: np.ndarray,
    fighting: np.ndarray,
    matrix: np.ndarray,
    discounts: np.ndarray,
    names: tuple[str, ...],
) -> None:
    r"""No absorbing state in which the parties would fight forever.

    In a state :math:`s` with :math:`P_{ss} = 1` fighting forever is worth
    :math:`f_i(s) / (1 - \delta_i)` to player :math:`i`, and the stationary
    equilibrium never agrees there iff :math:`S(s) < \sum_i f_i(s) / (1 - \delta_i)`.

    Raises
    ------
    SpecError
        At ``states[k]`` for such a trap.
    """
    for k in np.flatnonzero(np.isclose(np.diag(matrix), 1.0, rtol=0, atol=ROW_TOLERANCE)):
        forever = float((fighting[k] / (1 - discounts)).sum())
        if pie[k] < forever:
            raise SpecError(
                f"states[{k}]",
                f"the state {names[k]!r} is absorbing and its pie {pie[k]:g} is below the "
                f"{forever:g} the players get by fighting there forever: they would never agree; "
                "give it a way out in the transitions or a larger pie",
            )


def _state_values(state: MarkovState, base: Mapping[str, float], path: str) -> dict[str, float]:
    values = dict(base)
    for name, value in state.values:
        if name not in base:
            raise SpecError(
                f"{path}.values.{name}", f'unknown parameter {name!r}; declare it in "parameters"'
            )
        values[name] = value
    return values


def _check_states(states: Sequence[MarkovState]) -> tuple[MarkovState, ...]:
    """The states as a tuple of uniquely named :class:`MarkovState`."""
    checked = tuple(states)
    if not checked:
        raise SpecError("states", "give at least one state")
    seen: set[str] = set()
    for i, s in enumerate(checked):
        if not isinstance(s, MarkovState):
            raise SpecError(f"states[{i}]", f"expected a state object, got {type(s).__name__}")
        if s.name in seen:
            raise SpecError(f"states[{i}].name", f"the state {s.name!r} is named twice")
        seen.add(s.name)
    return checked


def _check_transitions(
    transitions: Sequence[Sequence[Formula]], n: int
) -> tuple[tuple[Expression, ...], ...]:
    """The transition matrix as an n-by-n tuple of formulas."""
    rows = tuple(tuple(r) for r in transitions)
    if len(rows) != n:
        raise SpecError("transitions", f"expected {n} rows (one per state), got {len(rows)}")
    for i, row in enumerate(rows):
        if len(row) != n:
            raise SpecError(f"transitions[{i}]", f"expected {n} probabilities, got {len(row)}")
    return tuple(
        tuple(formula(x, f"transitions[{i}][{j}]") for j, x in enumerate(row)) for i, row in enumerate(rows)
    )


def _check_initial(initial_state: str, states: tuple[MarkovState, ...]) -> str:
    """The initial state's name (the first state's if none is given)."""
    names = [s.name for s in states]
    if not initial_state:
        return names[0]
    if initial_state not in names:
        raise SpecError("initial_state", f"unknown state {initial_state!r}; the states are {sorted(names)}")
    return initial_state
