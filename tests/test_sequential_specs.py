"""JSON spec kinds ``rubinstein`` and ``war``: reading, writing, errors with JSON paths, games/."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from strategies import GAMES

from bargaining.dispatch import solver_for
from bargaining.errors import SpecError
from bargaining.io import load, read_spec, to_spec
from bargaining.sequential import (
    alternating_offers_derivative,
    alternating_offers_formula,
    solve_alternating_offers,
)
from bargaining.war import solve_war


def _games_of_kind(*kinds: str) -> list[Path]:
    out = []
    for path in sorted(GAMES.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("kind") in kinds:
            out.append(path)
    return out


RUBINSTEIN: dict[str, Any] = {
    "format": "bargaining",
    "version": 1,
    "kind": "rubinstein",
    "name": "test",
    "parameters": [{"name": "r", "value": 0.05, "range": [0.0, 1.0], "description": "assumption"}],
    "players": [
        {"name": "ua", "discount_rate": "r", "description": "first"},
        {"name": "ru", "discount_factor": 0.8, "outside_option": 0.4},
    ],
    "first_proposer": "ua",
}

WAR: dict[str, Any] = {
    "format": "bargaining",
    "version": 1,
    "kind": "war",
    "parameters": [{"name": "held", "value": 1.0, "range": [0.0, 1.3]}],
    "parties": [{"name": "ukraine", "cost": "0.2 + 0.03 * held"}, {"name": "russia", "cost": 0.15}],
    "win_probability": "0.35 + 0.05 * held",
    "proposer": "russia",
    "uncertainty": {"distribution": "uniform", "low": 0.05, "high": 0.35},
}


@pytest.mark.parametrize("path", _games_of_kind("rubinstein", "war"), ids=lambda p: p.name)
def test_every_game_loads_solves_and_round_trips(path: Path) -> None:
    model = load(path)
    result = solver_for(model.spec_kind)(model, solution="all")
    data = result.to_dict()
    assert json.loads(json.dumps(data)) == data  # plain JSON
    assert result.to_table()
    assert read_spec(to_spec(model)) == model
    # Every parameter says what it is (an assumption or a cited figure).
    for parameter in model.parameters:
        assert parameter.description, parameter.name


def test_the_games_are_there() -> None:
    names = {p.name for p in _games_of_kind("rubinstein", "war")}
    assert {"rubinstein_classic.json", "kursk_rubinstein.json", "kursk_war.json"} <= names


def test_rubinstein_classic_is_rubinsteins_answer() -> None:
    # Rubinstein (1982): (1 - 0.8) / (1 - 0.9 * 0.8) = 5/7.
    result = solve_alternating_offers(load(GAMES / "rubinstein_classic.json"))
    assert result.shares[0] == pytest.approx(5 / 7)


def test_kursk_war_holding_kursk_moves_p_and_costs() -> None:
    model = load(GAMES / "kursk_war.json")
    held, none = solve_war(model), solve_war(model.with_parameters(kursk_held=0))
    assert held.win_probability > none.win_probability
    assert held.cost[0] > none.cost[0] and held.cost[1] > none.cost[1]


def test_kursk_rubinstein_uses_the_monthly_period() -> None:
    model = load(GAMES / "kursk_rubinstein.json")
    args = model.arguments()
    values = model.parameter_values()
    import math

    rate = (
        values["time_preference"]
        + values["burden_weight"] * values["ua_military_burden"]
        + (values["ua_holding_cost"] * values["kursk_held"] / values["kursk_reference"])
    )
    assert args["discount_factor"][0] == pytest.approx(math.exp(-rate / 12))


def test_round_trip_of_inline_specs() -> None:
    for spec in (RUBINSTEIN, WAR):
        model = read_spec(copy.deepcopy(spec))
        assert read_spec(to_spec(model)) == model
    types = copy.deepcopy(WAR)
    types["uncertainty"] = {
        "distribution": "types",
        "types": [
            {"name": "resolute", "cost": 0.05, "probability": 0.3},
            {"name": "weak", "cost": 0.3, "probability": "1 - 0.3"},
        ],
    }
    model = read_spec(types)
    assert read_spec(to_spec(model)) == model
    assert solve_war(model).war_probability == pytest.approx(0.3)
    normal = copy.deepcopy(WAR)
    normal["uncertainty"] = {"distribution": "normal", "mean": "0.2 * held", "sd": 0.1}
    model = read_spec(normal)
    assert read_spec(to_spec(model)) == model
    assert solve_war(model).belief.describe() == "normal(0.2, 0.1) truncated at 0"


def _set(spec: dict[str, Any], path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    out = copy.deepcopy(spec)
    target: Any = out
    for key in path[:-1]:
        target = target[key]
    if value is _DELETE:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return out


_DELETE = object()


def _types(*cost_probability: tuple[float, float]) -> dict[str, Any]:
    types = [{"name": f"t{k}", "cost": c, "probability": q} for k, (c, q) in enumerate(cost_probability)]
    return {"distribution": "types", "types": types}


@pytest.mark.parametrize(
    "spec, path, value, error_path, message",
    [
        (RUBINSTEIN, ("players", 1, "discount_factor"), 1.2, "players[1].discount_factor", r"\(0, 1\)"),
        (RUBINSTEIN, ("players", 1, "discount_factor"), 0, "players[1].discount_factor", r"\(0, 1\)"),
        (RUBINSTEIN, ("players", 0, "discount_rate"), "rr", "players[0].discount_rate", "did you mean 'r'"),
        (RUBINSTEIN, ("players", 0, "discount_rate"), "-r", "players[0].discount_rate", ">= 0"),
        (RUBINSTEIN, ("players", 0, "discount_rat"), 0.1, "players[0].discount_rat", "mean 'discount_rate'"),
        (RUBINSTEIN, ("players", 1, "outside_option"), "max(", "players[1].outside_option", "not a formula"),
        (RUBINSTEIN, ("players", 0, "name"), "ru", "players[1].name", "rename"),
        (RUBINSTEIN, ("players",), [{"name": "a", "discount_factor": 0.5}], "players", "two players"),
        (RUBINSTEIN, ("first_proposer",), "uaa", "first_proposer", "did you mean 'ua'"),
        (RUBINSTEIN, ("first_proposer",), 2, "first_proposer", "name or index"),
        (RUBINSTEIN, ("breakdown_probability",), 1.5, "breakdown_probability", r"\[0, 1\]"),
        (RUBINSTEIN, ("horizon",), 2.5, "horizon", "whole number"),
        (RUBINSTEIN, ("size",), "0", "size", "positive"),
        (RUBINSTEIN, ("hoizon",), 3, "hoizon", "did you mean 'horizon'"),
        (RUBINSTEIN, ("players", 1, "outside_option"), 1.2, "players", "no gains from trade"),
        (RUBINSTEIN, ("parameters", 0, "value"), 2.0, "parameters[0].value", "outside its range"),
        (WAR, ("win_probability",), 1.5, "win_probability", r"\[0, 1\]"),
        (WAR, ("win_probability",), "0.3 + hled", "win_probability", "did you mean 'held'"),
        (WAR, ("win_probability",), _DELETE, "win_probability", "missing required field"),
        (WAR, ("parties", 1, "cost"), -0.1, "parties[1].cost", ">= 0"),
        (WAR, ("parties", 1, "cots"), 0.1, "parties[1].cots", "did you mean 'cost'"),
        (WAR, ("proposer",), "rusia", "proposer", "did you mean 'russia'"),
        (WAR, ("uncertainty", "distribution"), "gamma", "uncertainty.distribution", "expected one of"),
        (
            WAR,
            ("uncertainty",),
            {"distribution": "normal", "mean": 0.2, "sd": "0 * held"},
            "uncertainty.sd",
            "must be positive",
        ),
        (
            WAR,
            ("uncertainty",),
            {"distribution": "normal", "mean": 0.2, "sd": 0.1, "low": 0},
            "uncertainty.low",
            "unknown field",
        ),
        (WAR, ("uncertainty", "high"), 0.01, "uncertainty.high", "high > low"),
        (WAR, ("uncertainty", "low"), -0.1, "uncertainty.low", ">= 0"),
        (WAR, ("uncertainty",), _types((0.1, 0.5), (0.2, 0.4)), "uncertainty.types", "sum to 0.9"),
        (WAR, ("uncertainty",), _types((0.1, 1.2)), "uncertainty.types[0].probability", r"\[0, 1\]"),
        (WAR, ("uncertainty",), _types((-1, 1)), "uncertainty.types[0].cost", ">= 0"),
        (WAR, ("size",), "0 - 1", "size", "positive"),
    ],
)
def test_bad_specs_name_the_json_path(
    spec: dict[str, Any], path: tuple[Any, ...], value: Any, error_path: str, message: str
) -> None:
    with pytest.raises(SpecError, match=message) as info:
        read_spec(_set(spec, path, value))
    assert info.value.path == error_path


def test_with_parameters_and_protocol() -> None:
    model = read_spec(copy.deepcopy(RUBINSTEIN))
    assert model.spec_kind == "rubinstein"
    assert "ua and ru alternate offers" in model.summary()
    assert model.parameter_values() == {"r": 0.05}
    assert (
        solve_alternating_offers(model.with_parameters({"r": 0.5})).shares[0]
        < solve_alternating_offers(model).shares[0]
    )
    with pytest.raises(SpecError, match="did you mean 'r'") as info:
        model.with_parameters(rr=0.1)
    assert info.value.path == "parameters"
    war = read_spec(copy.deepcopy(WAR))
    assert war.spec_kind == "war" and "ukraine against russia" in war.summary()
    with pytest.raises(SpecError, match="outside its range"):
        war.with_parameters(held=5)


NO_OPTION = _set(RUBINSTEIN, ("players", 1, "outside_option"), _DELETE)


@pytest.mark.parametrize(
    "spec",
    [
        _set(RUBINSTEIN, ("players", 1, "outside_option"), 0.1),  # the option does not bind
        _set(_set(NO_OPTION, ("players", 0, "inside_option"), "-r"), ("breakdown_probability",), "r"),
        _set(NO_OPTION, ("horizon",), 3),
    ],
)
def test_model_formula_over_parameters_and_its_derivative(spec: dict[str, Any]) -> None:
    # The shares as formulas over the spec's parameters: equal to the numbers, and their derivative
    # equals a central finite difference of re-solved models.
    import sympy

    model = read_spec(copy.deepcopy(spec))
    formula = alternating_offers_formula(model)
    r = sympy.Symbol("r", real=True)
    assert [float(f.subs(r, 0.05)) for f in formula] == pytest.approx(
        solve_alternating_offers(model).shares, abs=1e-12
    )
    h = 1e-6
    numeric = (
        solve_alternating_offers(model.with_parameters(r=0.05 + h)).shares[0]
        - solve_alternating_offers(model.with_parameters(r=0.05 - h)).shares[0]
    ) / (2 * h)
    assert alternating_offers_derivative(model, "r")[0] == pytest.approx(numeric, abs=1e-6)
    assert (
        alternating_offers_derivative(model, "r")[0] < 0
    )  # a higher discount rate of player 0 lowers its share
    with pytest.raises(SpecError, match="did you mean 'r'"):
        alternating_offers_derivative(model, "rr")


def test_kursk_rubinstein_derivative_in_kursk_held() -> None:
    model = load(GAMES / "kursk_rubinstein.json")
    h = 1.0
    numeric = (
        solve_alternating_offers(model.with_parameters(kursk_held=1001)).shares[0]
        - solve_alternating_offers(model.with_parameters(kursk_held=999)).shares[0]
    ) / (2 * h)
    assert alternating_offers_derivative(model, "kursk_held")[0] == pytest.approx(numeric, rel=1e-6)


def test_a_rubinstein_sweep_solves_each_point_once(monkeypatch: pytest.MonkeyPatch) -> None:
    # The model only checks its domain at construction; the solver the registry names runs once a point.
    import bargaining.sequential.spec as spec
    from bargaining.sensitivity import sweep

    calls: list[float] = []
    solver = spec.rubinstein_solution

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(kwargs["size"])
        return solver(*args, **kwargs)

    monkeypatch.setattr(spec, "rubinstein_solution", counting)
    model = load(GAMES / "kursk_rubinstein.json")
    assert calls == []  # reading and validating the spec solves nothing
    values = [0.0, 500.0, 1000.0, 1300.0]
    result = sweep(model, "kursk_held", values)
    assert len(result.rows) == len(values)
    assert len(calls) == len(values)


def test_the_three_models_share_one_parameter_protocol() -> None:
    from bargaining.model.alternating_offers import AlternatingOffers
    from bargaining.model.issue_space import BargainingProblem
    from bargaining.model.parametrized import Parametrized
    from bargaining.model.war import WarBargaining

    for cls in (BargainingProblem, AlternatingOffers, WarBargaining):
        assert issubclass(cls, Parametrized)
        assert cls.with_parameters is Parametrized.with_parameters
    for name in ("kursk.json", "kursk_rubinstein.json", "kursk_war.json"):
        model = load(GAMES / name)
        with pytest.raises(SpecError, match="unknown parameter 'kursk_hld'; did you mean") as info:
            model.with_parameters(kursk_hld=1.0)
        assert info.value.path == "parameters"
        assert isinstance(model.with_parameters(kursk_held=0.0), type(model))
