"""Coalitional specs (bargaining.io.coalitional) and the command line on them."""

from __future__ import annotations

import json
from typing import Any

import pytest
from strategies import GAMES, run

from bargaining.errors import SpecError
from bargaining.io import dumps, loads
from bargaining.model.coalitional import CoalitionalGame


def spec(**fields: Any) -> str:
    base = {"format": "bargaining", "version": 1, "kind": "coalitional", "players": ["ukraine", "us", "eu"]}
    return json.dumps({**base, **fields})


@pytest.mark.parametrize(
    ("fields", "path", "message"),
    [
        ({"coalitions": {"ukraine+usa": 1}}, "coalitions.ukraine+usa", "unknown player 'usa'"),
        ({"coalitions": {"{}": 1}}, "coalitions.{}", "empty coalition must be worth 0"),
        ({"coalitions": {"ukraine+us": 1, "us+ukraine": 2}}, "coalitions.us+ukraine", "listed twice"),
        ({"coalitions": {"us+us": 1}}, "coalitions.us+us", "twice"),
        (
            {"weighted_voting": {"weights": [1, 1, 1], "quota": -1}},
            "weighted_voting.quota",
            "quota must be > 0",
        ),
        ({"weighted_voting": {"weights": [1, 1], "quota": 1}}, "weighted_voting.weights", "one per player"),
        (
            {"weighted_voting": {"weights": [1, 1, 1], "quota": 2, "veto": ["uk"]}},
            "weighted_voting.veto[0]",
            "uk",
        ),
        ({"formula": "us + 1"}, "coalitions", "empty coalition is worth 1"),
        (
            {"bankruptcy": {"estate": 10, "claims": {"ukraine": 1, "us": 1, "eu": 1}}},
            "bankruptcy.estate",
            "exceeds",
        ),
        ({"glove": {"left": ["ukraine"], "right": ["us"]}}, "glove", "neither"),
        ({"coalitions": {}, "formula": "us"}, "", "one way"),
        ({"coalitions": {"us": 1}, "extra": 1}, "extra", "unknown field"),
    ],
)
def test_bad_input_is_one_error_with_its_json_path(fields: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(SpecError, match=message) as info:
        loads(spec(**fields))
    assert info.value.path == path
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "fields",
    [
        {"coalitions": {"ukraine+us": "g", "ukraine+us+eu": 1.5}, "default": 0.1},
        {"formula": "us * ukraine * (1 + eu)"},
        {"weighted_voting": {"weights": {"ukraine": 1, "us": 2, "eu": 1}, "quota": 3, "veto": ["ukraine"]}},
        {"bankruptcy": {"estate": 2, "claims": [1, 2, 3]}},
        {"glove": {"left": ["us"], "right": ["ukraine", "eu"]}},
    ],
)
def test_round_trip(fields: dict[str, Any]) -> None:
    params = [{"name": "g", "value": 1, "description": "Assumption"}] if "coalitions" in fields else []
    game = loads(spec(parameters=params, **fields))
    again = loads(dumps(game))
    assert again == game
    assert again.values is not None and game.values is not None
    assert (again.values == game.values).all()


def test_filled_in_coalitions_are_reported() -> None:
    game = loads(spec(coalitions={"ukraine+us": 1, "ukraine+us+eu": 1}))
    assert [game.coalition_name(m) for m in game.filled_in] == ["ukraine", "us", "eu", "ukraine+eu", "us+eu"]


def test_solve_shows_what_was_filled_in(tmp_path: Any) -> None:
    path = tmp_path / "table.json"
    path.write_text(spec(coalitions={"ukraine+us": 1, "ukraine+us+eu": 1}))
    code, out, _ = run("solve", str(path))
    assert (
        code == 0
        and "filled in with the default value (not listed): ukraine, us, eu, ukraine+eu, us+eu" in out
    )
    code, out, _ = run("solve", str(path), "--format", "json")
    assert json.loads(out)["filled_in"] == ["ukraine", "us", "eu", "ukraine+eu", "us+eu"]


def test_kursk_guarantees_solves_with_every_column(tmp_path: Any) -> None:
    code, out, _ = run("solve", str(GAMES / "kursk_guarantees.json"))
    assert code == 0
    for column in ("shapley", "banzhaf", "nucleolus", "shapley_shubik", "banzhaf_index", "in the core?"):
        assert column in out
    code, out, _ = run("solve", str(GAMES / "kursk_guarantees.json"), "--format", "json")
    data = json.loads(out)
    # both belligerents hold a veto: with the default capacities the core gives them everything
    assert data["nucleolus"]["ukraine"] == pytest.approx(0.5) and data["nucleolus"]["us"] == 0
    assert sum(data["shapley_shubik"].values()) == pytest.approx(1)
    code, out, _ = run("solve", str(GAMES / "kursk_guarantees.json"), "--format", "csv")
    assert out.splitlines()[0].startswith("player,shapley,banzhaf,nucleolus")
    assert len(out.splitlines()) == 7
    code, out, _ = run("validate", str(GAMES / "kursk_guarantees.json"))
    assert code == 0 and "valid coalitional spec" in out


def test_every_parameter_of_kursk_guarantees_is_labelled() -> None:
    data = json.loads((GAMES / "kursk_guarantees.json").read_text())
    for p in data["parameters"]:
        assert p["description"].startswith("Assumption") or p.get("source")


def test_sweep_of_the_quota_moves_the_us_power_index() -> None:
    code, out, _ = run(
        "sweep", str(GAMES / "kursk_guarantees.json"), "--param", "quota=0.1:0.9:3", "--format", "json"
    )
    assert code == 0
    us = [row["shapley_shubik.us"] for row in json.loads(out)["records"]]
    # quota 0.1: any guarantor will do, so the US swings only when it follows both belligerents and
    # precedes the three other guarantors: 2! 3! / 6! = 1/60. The index rises with the quota.
    assert us[0] == pytest.approx(1 / 60)
    assert us[0] < us[1] < us[2]


def test_cli_bad_coalition_is_exit_2(tmp_path: Any) -> None:
    path = tmp_path / "bad.json"
    path.write_text(spec(coalitions={"ukraine+usa": 1}))
    code, _, err = run("solve", str(path))
    assert code == 2
    assert "coalitions.ukraine+usa" in err and len(err.strip().splitlines()) == 1


def test_cli_banzhaf_on_too_many_players_names_the_sampling_option(tmp_path: Any) -> None:
    names = [f"p{i}" for i in range(26)]
    path = tmp_path / "big.json"
    path.write_text(
        json.dumps(
            {
                "format": "bargaining",
                "version": 1,
                "kind": "coalitional",
                "players": names,
                "formula": "p0 * p1",
            }
        )
    )
    code, _, err = run("solve", str(path), "-s", "banzhaf")
    assert code == 2 and "sampling" in err
    code, out, _ = run("solve", str(path), "-s", "shapley")
    assert code == 0 and "estimate" in out


def test_python_constructors_agree_with_the_spec() -> None:
    game = CoalitionalGame.from_table(["ukraine", "us", "eu"], {"ukraine+us": 1})
    assert game == loads(spec(coalitions={"ukraine+us": 1}))
