"""Gambit .nfg files: reading both versions, writing, round trips, malformed files."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import GAMES

from bargaining.errors import GameFormatError
from bargaining.games.normal_form import NormalFormGame
from bargaining.io.nfg import parse_nfg, read_nfg, to_nfg, write_nfg

# Gambit's documentation example (Selten 1975, Figure 2), in both versions
SELTEN_PAYOFF = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
{ "Player 1" "Player 2" } { 3 2 }

1 1 0 2 0 2 1 1 0 3 2 0
"""
SELTEN_OUTCOME = """NFG 1 R "Selten (IJGT, 75), Figure 2, normal form" { "Player 1" "Player 2" }

{
{ "1" "2" "3" }
{ "1" "2" }
}

{
{ "" 1, 1 }
{ "" 0, 2 }
{ "" 0, 2 }
{ "" 1, 1 }
{ "" 0, 3 }
{ "" 2, 0 }
}
1 2 3 4 5 6
"""


def test_payoff_version_orders_profiles_with_the_first_player_fastest() -> None:
    game = parse_nfg(SELTEN_PAYOFF)
    assert game.players == ("Player 1", "Player 2")
    assert game.num_strategies == (3, 2)
    # profiles (1,1) (2,1) (3,1) (1,2) (2,2) (3,2)
    np.testing.assert_array_equal(game.payoff_array[0], [[1, 1], [0, 0], [0, 2]])
    np.testing.assert_array_equal(game.payoff_array[1], [[1, 1], [2, 3], [2, 0]])
    assert game.strategies == (("s0", "s1", "s2"), ("s0", "s1"))


def test_outcome_version_is_the_same_game() -> None:
    payoff, outcome = parse_nfg(SELTEN_PAYOFF), parse_nfg(SELTEN_OUTCOME)
    np.testing.assert_array_equal(payoff.payoff_array, outcome.payoff_array)
    assert outcome.strategies == (("1", "2", "3"), ("1", "2"))


def test_outcome_zero_is_the_null_outcome_and_outcomes_may_repeat() -> None:
    text = 'NFG 1 R "t" { "A" "B" } { { "x" "y" } { "u" } } { { "win" 3, -3 } } 1 0'
    game = parse_nfg(text)
    np.testing.assert_array_equal(game.payoff_array[:, :, 0], [[3, 0], [-3, 0]])


def test_numbers_stay_exact() -> None:
    game = parse_nfg('NFG 1 R "" { "A" "B" } { 1 2 } 1/3 0.1 -2.5e-1 7')
    exact = game.exact_payoff_array
    assert exact is not None
    assert exact[0, 0, 0] == Fraction(1, 3)
    assert exact[1, 0, 0] == Fraction(1, 10)
    assert exact[0, 0, 1] == Fraction(-1, 4)


def test_escaped_quotes_in_names() -> None:
    game = parse_nfg(r'NFG 1 R "a \"quoted\" title" { "P\"1" "P2" } { 1 1 } 0 0')
    assert game.title == 'a "quoted" title'
    assert game.players[0] == 'P"1'
    assert parse_nfg(to_nfg(game)) == game


@pytest.mark.parametrize("outcomes", [False, True])
@pytest.mark.parametrize("name", ["mckelvey_mclennan_2x2x2.nfg", "gambit_3x3x3.nfg"])
def test_round_trip_of_shipped_files(name: str, outcomes: bool, tmp_path: Path) -> None:
    game = read_nfg(GAMES / name)
    path = tmp_path / "game.nfg"
    write_nfg(game, path, outcomes=outcomes)
    again = read_nfg(path)
    assert again == game
    assert again.exact_payoff_array is not None


small_games = st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 2)).flatmap(
    lambda shape: st.lists(
        st.fractions(min_value=-50, max_value=50, max_denominator=12),
        min_size=3 * shape[0] * shape[1] * shape[2],
        max_size=3 * shape[0] * shape[1] * shape[2],
    ).map(lambda values: np.array(values, dtype=object).reshape(3, *shape))
)


@settings(max_examples=40, deadline=None)
@given(payoffs=small_games, outcomes=st.booleans())
def test_round_trip_keeps_exact_payoffs(payoffs: np.ndarray, outcomes: bool) -> None:
    game = NormalFormGame(payoffs, title="random")
    again = parse_nfg(to_nfg(game, outcomes=outcomes))
    assert again == game
    assert np.all(again.rational_payoff_array() == game.rational_payoff_array())


def test_float_payoffs_are_written_as_decimals() -> None:
    game = NormalFormGame(np.array([[[0.1, 2.5]], [[-1.25, 3.0]]]))
    text = to_nfg(game)
    assert text.splitlines()[-1] == "0.1 -1.25 2.5 3"
    np.testing.assert_array_equal(parse_nfg(text).payoff_array, game.payoff_array)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("EFG 2 R", 1, "expected the header 'NFG 1 R'"),
        ('NFG 2 R "t" { "A" } { 1 } 0', 1, "version 2 is not supported"),
        ('NFG 1 R "t"\n{ "A" "B" }\n{ 2 }\n0 0 0 0', 3, "strategies are given for 1 players but 2"),
        ('NFG 1 R "t"\n{ "A" "B" } { 2 2 }\n1 2 3\n4 5 x 7 8', 4, "expected a payoff"),
        ('NFG 1 R "t"\n{ "A" "B" } { 1 1 }\n1 2 3', 3, "after the last payoff"),
        ('NFG 1 R "t"\n{ "A" "B" } { 1 1 }\n1', 3, "the end of the file"),
        ('NFG 1 R "t" { "A" "B" }\n{ { "x" "y" "x" } { "u" } }\n0 0 0 0 0 0', 2, "'x' is repeated"),
        ('NFG 1 R "t" { "A" "A" } { 1 1 } 0 0', 1, "'A' is repeated"),
        ('NFG 1 R "t" { "A" "B" } { 1 1 }\n{ { "" 1 2 3 } }\n1', 2, "outcome 1 has 3 payoffs"),
        ('NFG 1 R "t" { "A" "B" } { 2 1 }\n{ { "" 1 2 } }\n1 2', 3, "outcome 2 is not defined"),
        ('NFG 1 R "t" { "A" "B" } { 0 1 } 0', 1, "an integer >= 1"),
        ('NFG 1 R "unterminated { "A" } { 1 } 0', 1, "not closed"),
        ('NFG 1 R "t" { "A" "B" } { 1 1 }\n\n1/0 1', 3, "divides by zero"),
    ],
)
def test_malformed_files_name_the_line(text: str, line: int, words: str) -> None:
    with pytest.raises(GameFormatError) as info:
        parse_nfg(text)
    assert info.value.location == f"line {line}"
    assert words in info.value.message


def test_read_nfg_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "bad.nfg"
    path.write_text('NFG 1 R "t" { "A" } { 1 }\n', encoding="utf-8")
    with pytest.raises(GameFormatError, match=r"line 2: .*bad\.nfg: expected a payoff"):
        read_nfg(path)
    with pytest.raises(GameFormatError, match="no such file"):
        read_nfg(tmp_path / "missing.nfg")


@pytest.mark.gambit
def test_pygambit_reads_what_we_write(tmp_path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    game = read_nfg(GAMES / "gambit_3x3x3.nfg")
    for outcomes in (False, True):
        path = tmp_path / f"game{outcomes}.nfg"
        write_nfg(game, path, outcomes=outcomes)
        theirs = gbt.read_nfg(str(path))
        for profile in np.ndindex(*game.num_strategies):
            for i, player in enumerate(theirs.players):
                assert Fraction(str(theirs[list(profile)][player])) == game.exact_payoff_array[(i, *profile)]
