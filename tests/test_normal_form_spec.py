"""JSON specs of kind normal_form: both layouts, exactness, round trips, errors with JSON paths."""

from __future__ import annotations

import copy
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import GAMES

from bargaining.errors import GameFormatError, SpecError
from bargaining.games.normal_form import NormalFormGame
from bargaining.io import loads, read_spec
from bargaining.io.games import read_game, write_game
from bargaining.io.normal_form import from_dict, to_dict


def spec() -> dict[str, Any]:
    return {
        "format": "bargaining",
        "version": 1,
        "kind": "normal_form",
        "title": "3-player test",
        "players": [
            {"name": "a", "strategies": ["x", "y"]},
            {"name": "b", "strategies": ["l", "m", "r"]},
            {"name": "c", "strategies": ["u", "d"]},
        ],
        "payoffs": {
            "a": [[[1, 2], [3, 4], [5, 6]], [[7, 8], [9, 10], [11, 12]]],
            "b": [[[0, 0], [0, 0], [0, 0]], [[1, 1], [1, 1], [1, 1]]],
            "c": [[["1/3", 0.1], [0, 0], [0, 0]], [[0, 0], [0, 0], [0, -2]]],
        },
    }


def test_tables_are_indexed_by_the_players_strategies_in_order() -> None:
    game = read_spec(spec())
    assert isinstance(game, NormalFormGame)
    assert game.num_strategies == (2, 3, 2)
    assert game.players == ("a", "b", "c")
    assert game.payoff_array[0, 1, 2, 0] == 11  # a plays y, b plays r, c plays u
    assert game.strategies[1] == ("l", "m", "r")


def test_payoffs_stay_exact() -> None:
    game = read_spec(spec())
    exact = game.exact_payoff_array
    assert exact is not None
    assert exact[2, 0, 0, 0] == Fraction(1, 3)
    assert exact[2, 0, 0, 1] == Fraction(1, 10)  # the decimal as written, not the binary float


def test_outcomes_layout_equals_tables_layout() -> None:
    tables = spec()
    game = read_spec(tables)
    players = [p["name"] for p in tables["players"]]
    names = [p["strategies"] for p in tables["players"]]
    outcomes = []
    for profile in np.ndindex(*game.num_strategies):
        payoffs = {}
        for player in players:
            value: Any = tables["payoffs"][player]
            for k in profile:
                value = value[k]
            payoffs[player] = value
        outcomes.append(
            {
                "profile": {p: names[i][k] for i, (p, k) in enumerate(zip(players, profile, strict=True))},
                "payoffs": payoffs,
                "description": "Assumption: for the test.",
            }
        )
    layout = {key: value for key, value in tables.items() if key != "payoffs"}
    layout["outcomes"] = outcomes[::-1]  # any order
    assert read_spec(layout) == game
    layout["outcomes"][0]["payoffs"] = list(layout["outcomes"][0]["payoffs"].values())  # a list works too
    assert read_spec(layout) == game


@pytest.mark.parametrize(
    "name", ["kursk_strategic.json", "prisoners_dilemma.json", "kursk_strategic_us.json"]
)
def test_round_trip_of_shipped_games(name: str, tmp_path: Path) -> None:
    game = read_game(GAMES / name)
    assert from_dict(json.loads(json.dumps(to_dict(game)))) == game
    write_game(game, tmp_path / "again.json")
    assert read_game(tmp_path / "again.json") == game


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 3), st.integers(1, 3)),
    data=st.data(),
)
def test_round_trip_of_random_exact_games(shape: tuple[int, int], data: st.DataObject) -> None:
    size = 2 * shape[0] * shape[1]
    values = data.draw(st.lists(st.fractions(-20, 20, max_denominator=9), min_size=size, max_size=size))
    game = NormalFormGame(np.array(values, dtype=object).reshape(2, *shape), title="t")
    text = json.dumps(to_dict(game))
    assert loads(text) == game


def test_float_round_trip() -> None:
    game = NormalFormGame(np.array([[[0.1, 1 / 3]], [[2.5, -7.0]]]))
    assert (
        read_spec(json.loads(json.dumps(to_dict(game)))).payoff_array.tolist() == game.payoff_array.tolist()
    )


def mutate(change: Any) -> dict[str, Any]:
    data = spec()
    change(data)
    return data


ERRORS = [
    (
        "ragged row",
        lambda d: d["payoffs"]["a"][1].append([1, 2]),
        "payoffs.a[1]",
        "expected a list of 3 items",
    ),
    ("ragged leaf", lambda d: d["payoffs"]["b"][0][2].pop(), "payoffs.b[0][2]", "expected a list of 2 items"),
    ("nan", lambda d: d["payoffs"]["a"][0][1].__setitem__(0, float("nan")), "payoffs.a[0][1][0]", "finite"),
    ("text", lambda d: d["payoffs"]["c"][1][0].__setitem__(1, "two"), "payoffs.c[1][0][1]", "not a number"),
    ("boolean", lambda d: d["payoffs"]["c"][1][0].__setitem__(1, True), "payoffs.c[1][0][1]", "the boolean"),
    ("too few levels", lambda d: d["players"].pop(), "payoffs.a", "nests 3 deep but there are 2 players"),
    (
        "extra player",
        lambda d: d["players"].append({"name": "e", "strategies": ["z"]}),
        "payoffs.a",
        "nests 3 deep but there are 4 players",
    ),
    ("missing table", lambda d: d["payoffs"].pop("b"), "payoffs.b", "missing required field"),
    ("unknown table", lambda d: d["payoffs"].__setitem__("bb", []), "payoffs.bb", "did you mean 'b'"),
    (
        "repeated strategy",
        lambda d: d["players"][1]["strategies"].__setitem__(2, "l"),
        "players[1].strategies[2]",
        "'l' is repeated",
    ),
    (
        "repeated player",
        lambda d: d["players"][2].__setitem__("name", "a"),
        "players[2].name",
        "'a' is repeated",
    ),
    (
        "no strategies",
        lambda d: d["players"][0].__setitem__("strategies", []),
        "players[0].strategies",
        "at least 1",
    ),
    (
        "empty name",
        lambda d: d["players"][0]["strategies"].__setitem__(0, " "),
        "players[0].strategies[0]",
        "non-empty",
    ),
    ("no payoffs", lambda d: d.pop("payoffs"), "payoffs", "exactly one of the two"),
    ("typo", lambda d: d.__setitem__("titel", "x"), "titel", "did you mean 'title'"),
]


@pytest.mark.parametrize(("label", "change", "path", "words"), ERRORS, ids=[e[0] for e in ERRORS])
def test_errors_name_the_json_path(label: str, change: Any, path: str, words: str) -> None:
    with pytest.raises(SpecError) as info:
        read_spec(mutate(change))
    assert info.value.path == path
    assert words in info.value.message


def outcomes_spec() -> dict[str, Any]:
    return {
        "format": "bargaining",
        "version": 1,
        "kind": "normal_form",
        "players": [{"name": "u", "strategies": ["a", "b"]}, {"name": "r", "strategies": ["c"]}],
        "outcomes": [
            {"profile": {"u": "a", "r": "c"}, "payoffs": {"u": 1, "r": 2}},
            {"profile": {"u": "b", "r": "c"}, "payoffs": {"u": 3, "r": 4}},
        ],
    }


OUTCOME_ERRORS = [
    (
        "unknown strategy",
        lambda d: d["outcomes"][1]["profile"].__setitem__("u", "bb"),
        "outcomes[1].profile.u",
        "no strategy 'bb'",
    ),
    (
        "repeated profile",
        lambda d: d["outcomes"][1]["profile"].__setitem__("u", "a"),
        "outcomes[1].profile",
        "outcomes[0]",
    ),
    (
        "missing profile",
        lambda d: d["outcomes"].pop(),
        "outcomes",
        "1 of the 2 strategy profiles have no outcome",
    ),
    (
        "wrong payoff count",
        lambda d: d["outcomes"][0].__setitem__("payoffs", [1, 2, 3]),
        "outcomes[0].payoffs",
        "expected 2 payoffs",
    ),
    ("missing payoff", lambda d: d["outcomes"][0]["payoffs"].pop("r"), "outcomes[0].payoffs.r", "missing"),
    (
        "nan payoff",
        lambda d: d["outcomes"][0]["payoffs"].__setitem__("r", float("inf")),
        "outcomes[0].payoffs.r",
        "finite",
    ),
    ("missing player", lambda d: d["outcomes"][0]["profile"].pop("r"), "outcomes[0].profile.r", "missing"),
]


@pytest.mark.parametrize(
    ("label", "change", "path", "words"), OUTCOME_ERRORS, ids=[e[0] for e in OUTCOME_ERRORS]
)
def test_outcome_errors_name_the_json_path(label: str, change: Any, path: str, words: str) -> None:
    data = outcomes_spec()
    read_spec(copy.deepcopy(data))  # the unchanged spec is valid
    change(data)
    with pytest.raises(SpecError) as info:
        read_spec(data)
    assert info.value.path == path
    assert words in info.value.message


def test_nan_in_json_text_is_a_format_error() -> None:
    text = json.dumps(spec()).replace("0.1", "NaN")
    with pytest.raises(GameFormatError, match="NaN"):
        loads(text)


def test_read_game_checks_kind_and_suffix(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"format": "bargaining", "version": 1, "kind": "nope"}), encoding="utf-8")
    with pytest.raises(SpecError, match="unknown kind"):
        read_game(other)
    with pytest.raises(GameFormatError, match="suffix"):
        read_game(tmp_path / "game.txt")
