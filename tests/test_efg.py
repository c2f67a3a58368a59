"""Gambit's .efg format: round trips, the format's optional parts, errors with line numbers,
and a cross-check of reduced normal forms and equilibria against pygambit where installed.

Format: The Gambit Project, "Game representation formats", the extensive game (.efg) format.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest
from strategies import ROOT

from bargaining.equilibrium.backward_induction import extensive_equilibria
from bargaining.errors import GameFormatError
from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame, TerminalNode
from bargaining.games.reduced import reduced_normal_form
from bargaining.io import load
from bargaining.io.efg import parse_efg, read_efg, to_efg, write_efg

TREES = sorted(
    p for p in (ROOT / "games").glob("*.json") if json.loads(p.read_text()).get("kind") == "extensive_form"
)


def signalling_game() -> ExtensiveFormGame:
    """A small signalling game (illustrative numbers): chance, imperfect information, a 1/3 prior."""
    nodes = {
        "nature": ChanceNode(("strong", "weak"), ("s", "w"), ("1/3", "2/3")),
        "s": DecisionNode("sender", ("hold", "trade"), ("s_hold", "s_trade"), "sender_strong"),
        "w": DecisionNode("sender", ("hold", "trade"), ("w_hold", "w_trade"), "sender_weak"),
        "s_hold": DecisionNode("receiver", ("attack", "talk"), ("sha", "sht"), "after_hold"),
        "w_hold": DecisionNode("receiver", ("attack", "talk"), ("wha", "wht"), "after_hold"),
        "s_trade": DecisionNode("receiver", ("attack", "talk"), ("sta", "stt"), "after_trade"),
        "w_trade": DecisionNode("receiver", ("attack", "talk"), ("wta", "wtt"), "after_trade"),
        "sha": TerminalNode((2, -1)),
        "sht": TerminalNode((3, 0)),
        "wha": TerminalNode((-2, 2)),
        "wht": TerminalNode((3, 0)),
        "sta": TerminalNode((0, -1)),
        "stt": TerminalNode((1, 1)),
        "wta": TerminalNode((-1, 1)),
        "wtt": TerminalNode((1, 1)),
    }
    return ExtensiveFormGame(("sender", "receiver"), nodes, "nature", "Signalling")


GAMES = [*(load(p) for p in TREES), signalling_game()]
IDS = [*(p.name for p in TREES), "signalling"]


@pytest.mark.parametrize("game", GAMES, ids=IDS)
def test_round_trip(game: ExtensiveFormGame, tmp_path: Path) -> None:
    assert parse_efg(to_efg(game)) == game
    write_efg(game, tmp_path / "game.efg")
    assert read_efg(tmp_path / "game.efg") == game


def test_example_file_is_the_json_game() -> None:
    assert read_efg(ROOT / "games" / "selten_horse.efg") == load(ROOT / "games" / "selten_horse.json")


def test_optional_parts_of_the_format() -> None:
    """Infoset names and actions at the first node only, outcomes by number and on the way, no commas."""
    text = """EFG 2 R "Optional parts" { "A" "B" }
c "" 1 "" { "h" 1/4 "t" .75 } 1 "entry fee" { -1 0 }
p "" 1 1 "" { "l" "r" } 0
t "" 2 "x" { 2, 3 }
t "" 3 "y" { 0 1 }
p "" 1 1 0
t "" 2
t "" 3 "y again"
"""
    game = parse_efg(text)
    assert list(game.nodes) == [f"node_{k}" for k in range(1, 8)]
    chance = game.nodes["node_1"]
    assert isinstance(chance, ChanceNode) and chance.probabilities == (Fraction(1, 4), Fraction(3, 4))
    # the entry fee on the chance node is paid at every terminal node below it
    assert game.nodes["node_3"] == TerminalNode((1, 3))
    assert game.nodes["node_7"] == TerminalNode((-1, 1))
    (infoset,) = game.infosets
    assert infoset.nodes == ("node_2", "node_5") and infoset.actions == ("l", "r")
    # A never sees the coin, but both nodes have the same (empty) own history: recall is perfect
    assert game.has_perfect_recall


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ('NFG 1 R "x" { "A" }', 1, "header"),
        ('EFG 2 R "x" { "A" }\n\nq "" 1', 3, "node type"),
        ('EFG 2 R "x" { "A" }\np "" 2 1 "" { "a" } 0\nt "" 1 "" { 1 }', 2, "player 2 does not exist"),
        (
            'EFG 2 R "x" { "A" }\nc "" 1 "" { "a" 1/2 "b" 1/3 } 0\nt "" 1 "" { 1 }\nt "" 2 "" { 2 }',
            2,
            "sum to 5/6",
        ),
        ('EFG 2 R "x" { "A" }\np "" 1 1 0\nt "" 1 "" { 1 }', 2, "without its actions"),
        (
            'EFG 2 R "x" { "A" }\nc "" 1 "" { "a" 1/2 "b" 1/2 } 0\np "" 1 1 "" { "l" "r" } 0\n'
            't "" 1 "" { 1 }\nt "" 2 "" { 2 }\np "" 1 1 "" { "l" } 0\nt "" 3 "" { 3 }',
            6,
            "same actions",
        ),
        ('EFG 2 R "x" { "A" "B" }\nt "" 1 "" { 1 }', 2, "1 payoffs but there are 2"),
        ('EFG 2 R "x" { "A" }\np "" 1 1 "" { "a" "b" } 0\nt "" 1 "" { 1 }', 2, "ends before the tree"),
        ('EFG 2 R "x" { "A" }\nt "" 1 "" { 1 }\nt "" 2 "" { 2 }', 3, "after the end of the tree"),
        ('EFG 2 R "x" { "A" }\nt "" 4', 2, "used before its payoffs"),
        ('EFG 2 R "x" { "A" }\n\nt "" 1 "" { one }', 3, "payoff"),
    ],
    ids=[
        "header",
        "node-type",
        "player",
        "probabilities",
        "no-actions",
        "infoset-actions",
        "payoff-count",
        "truncated",
        "trailing",
        "undefined-outcome",
        "not-a-number",
    ],
)
def test_errors_name_the_line(text: str, line: int, message: str) -> None:
    with pytest.raises(GameFormatError, match=message) as info:
        parse_efg(text)
    assert info.value.location == f"line {line}"


def test_read_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(GameFormatError, match="no such file"):
        read_efg(tmp_path / "missing.efg")
    (tmp_path / "bad.efg").write_text('EFG 2 R "x" { "A" }\nt "" 1 "" { 1, 2 }')
    with pytest.raises(GameFormatError, match="bad.efg") as info:
        read_efg(tmp_path / "bad.efg")
    assert info.value.location == "line 2"


# --------------------------------------------------------------------------- pygambit cross-check
def _payoff_profiles(arrays: list[object]) -> list[tuple[Fraction, ...]]:
    import numpy as np

    stacked = [np.asarray(a, dtype=object) for a in arrays]
    return sorted(tuple(Fraction(str(t[index])) for t in stacked) for index in np.ndindex(stacked[0].shape))


@pytest.mark.parametrize("game", GAMES, ids=IDS)
def test_reduced_normal_form_matches_gambit(game: ExtensiveFormGame, tmp_path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    write_efg(game, tmp_path / "game.efg")
    theirs = gbt.read_efg(str(tmp_path / "game.efg"))
    assert [p.label for p in theirs.players] == list(game.players)
    assert [len(p.infosets) for p in theirs.players] == [
        len(game.infosets_of(i)) for i in range(game.num_players)
    ]
    assert bool(theirs.is_perfect_recall) == game.has_perfect_recall
    reduced = reduced_normal_form(game).game
    assert [len(p.strategies) for p in theirs.players] == list(reduced.num_strategies)
    ours = reduced.exact_payoff_array
    assert ours is not None
    assert _payoff_profiles(list(theirs.to_arrays())) == _payoff_profiles(
        [ours[i] for i in range(game.num_players)]
    )
    # and what Gambit writes, this reader reads as the same game (up to names)
    again = parse_efg(theirs.to_efg())
    assert _payoff_profiles(list(reduced_normal_form(again).game.exact_payoff_array)) == _payoff_profiles(
        [ours[i] for i in range(game.num_players)]
    )


@pytest.mark.parametrize("game", [g for g in GAMES if g.num_players == 2], ids=lambda g: g.title or "game")
def test_two_player_equilibrium_payoffs_match_gambit(game: ExtensiveFormGame, tmp_path: Path) -> None:
    gbt = pytest.importorskip("pygambit")
    write_efg(game, tmp_path / "game.efg")
    theirs = gbt.read_efg(str(tmp_path / "game.efg"))
    found = gbt.nash.enummixed_solve(theirs, rational=True).equilibria
    gambit_payoffs = {tuple(Fraction(str(eq.payoff(p))) for p in theirs.players) for eq in found}
    ours = extensive_equilibria(game, exact=True)
    assert ours.equilibria.all_nash()
    assert {eq.exact_payoffs for eq in ours} == gambit_payoffs
    assert len(ours) == len(found)


def test_cli_tree_reads_efg_and_converts() -> None:
    from click.testing import CliRunner

    from bargaining.cli import cli

    runner = CliRunner()
    result = runner.invoke(cli, ["tree", str(ROOT / "games" / "selten_horse.efg"), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["subgame_perfect"] is None and data["nash"]["perfect_recall"] is True
    result = runner.invoke(cli, ["tree", str(ROOT / "games" / "kursk_tree.json"), "--convert", "efg"])
    assert result.exit_code == 0 and parse_efg(result.output) == load(ROOT / "games" / "kursk_tree.json")
    bos = str(ROOT / "games" / "bos_uncertain_preferences.json")
    result = runner.invoke(cli, ["tree", bos, "-m", "vertex"])
    assert result.exit_code == 0 and "player_2:meet" in result.output
    result = runner.invoke(cli, ["tree", str(ROOT / "games" / "chicken.json")])
    assert result.exit_code == 2 and "not an extensive_form" in result.output


@pytest.mark.parametrize("seed", range(8))
def test_random_trees_match_gambit(seed: int, tmp_path: Path) -> None:
    """Random trees with chance and information sets (tests/test_extensive_form.py): round trip and Gambit."""
    gbt = pytest.importorskip("pygambit")
    from test_extensive_form import random_tree

    game = random_tree(200 + seed, merge=True)
    assert parse_efg(to_efg(game)) == game
    write_efg(game, tmp_path / "game.efg")
    theirs = gbt.read_efg(str(tmp_path / "game.efg"))
    assert bool(theirs.is_perfect_recall) == game.has_perfect_recall
    reduced = reduced_normal_form(game).game  # Gambit agrees with or without perfect recall
    assert [len(p.strategies) for p in theirs.players] == list(reduced.num_strategies)
    ours = reduced.exact_payoff_array
    assert ours is not None
    assert _payoff_profiles(list(theirs.to_arrays())) == _payoff_profiles(
        [ours[i] for i in range(game.num_players)]
    )
