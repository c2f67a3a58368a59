"""Every strategic game shipped in games/ loads, solves, and has its known equilibria.

The expected equilibria are the ones stated (with their sources) in each
game's ``description``; they are written here as exact fractions, player by
player, in the order of each player's strategies.
"""

from __future__ import annotations

import json
from fractions import Fraction as F
from pathlib import Path

import pytest
from strategies import GAMES

from bargaining.equilibrium import equilibria
from bargaining.equilibrium.dominance import iterated_dominance
from bargaining.io.games import read_game

Profile = tuple[tuple[F, ...], ...]


def pure(*indices_and_sizes: tuple[int, int]) -> Profile:
    return tuple(tuple(F(int(k == s)) for k in range(size)) for s, size in indices_and_sizes)


def mixed(*vectors: tuple[object, ...]) -> Profile:
    return tuple(tuple(F(str(v)) for v in vector) for vector in vectors)


HALF = F(1, 2)

KNOWN: dict[str, set[Profile]] = {
    "prisoners_dilemma.json": {pure((1, 2), (1, 2))},
    "chicken.json": {pure((0, 2), (1, 2)), pure((1, 2), (0, 2)), mixed(("9/10", "1/10"), ("9/10", "1/10"))},
    "ceasefire_chicken.json": {
        pure((0, 2), (1, 2)),
        pure((1, 2), (0, 2)),
        mixed(("2/3", "1/3"), ("2/3", "1/3")),
    },
    "battle_of_the_sexes.json": {
        pure((0, 2), (0, 2)),
        pure((1, 2), (1, 2)),
        mixed(("2/3", "1/3"), ("1/3", "2/3")),
    },
    "matching_pennies.json": {mixed(("1/2", "1/2"), ("1/2", "1/2"))},
    # extreme equilibria; the segment between the first two is a component
    "entry_deterrence.json": {pure((0, 2), (0, 2)), mixed((1, 0), ("1/2", "1/2")), pure((1, 2), (1, 2))},
    "coordination_3x3.json": {
        pure((0, 3), (0, 3)),
        pure((1, 3), (1, 3)),
        pure((2, 3), (2, 3)),
        mixed(("2/5", "3/5", 0), ("2/5", "3/5", 0)),
        mixed(("1/4", 0, "3/4"), ("1/4", 0, "3/4")),
        mixed((0, "1/3", "2/3"), (0, "1/3", "2/3")),
        mixed(("2/11", "3/11", "6/11"), ("2/11", "3/11", "6/11")),
    },
    "kursk_strategic.json": {mixed(("2/3", "1/3", 0), (0, "4/7", "3/7"))},
    "kursk_strategic_us.json": {
        mixed(("5/6", "1/6", 0), (0, "5/7", "2/7"), (0, 1, 0)),
        mixed(("2/3", "1/3", 0), (0, "2/7", "5/7"), (1, 0, 0)),
        mixed(("3/4", "1/4", 0), (0, "1/2", "1/2"), ("1/2", "1/2", 0)),
    },
}
MCKELVEY_MCLENNAN = {
    tuple((p, 1 - p) for p in probabilities)
    for probabilities in [
        (F(1), F(1), F(1)),
        (F(1), F(0), F(0)),
        (F(0), F(1), F(0)),
        (F(0), F(0), F(1)),
        (HALF, HALF, F(1)),
        (F(1, 3), F(1), F(1, 4)),
        (F(0), F(1, 4), F(1, 3)),
        (HALF, F(2, 5), F(1, 4)),
        (F(2, 5), HALF, F(1, 3)),
    ]
}
KNOWN["mckelvey_mclennan_2x2x2.json"] = MCKELVEY_MCLENNAN
KNOWN["mckelvey_mclennan_2x2x2.nfg"] = MCKELVEY_MCLENNAN


def shipped_games() -> list[Path]:
    paths = sorted(GAMES.glob("*.nfg"))
    for path in sorted(GAMES.glob("*.json")):
        if json.loads(path.read_text(encoding="utf-8")).get("kind") == "normal_form":
            paths.append(path)
    return paths


def test_every_shipped_strategic_game_has_known_equilibria_listed() -> None:
    names = {path.name for path in shipped_games()}
    assert names - set(KNOWN) == {"gambit_3x3x3.nfg"}  # irrational equilibria: tested in test_n_player


@pytest.mark.parametrize("path", shipped_games(), ids=lambda p: p.name)
def test_shipped_game_solves(path: Path) -> None:
    game = read_game(path)
    result = equilibria(game, exact=True)
    assert result.complete
    assert result.all_nash()
    if path.name in KNOWN:
        assert result.exact
        found = {eq.exact_probabilities for eq in result}
        assert found == KNOWN[path.name]


@pytest.mark.parametrize("path", [p for p in shipped_games() if p.suffix == ".json"], ids=lambda p: p.name)
def test_every_payoff_is_sourced_or_labelled_an_assumption(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    assert spec.get("description")
    if "outcomes" in spec:
        for outcome in spec["outcomes"]:
            assert "assumption" in outcome.get("description", "").lower() or outcome.get("source")
    else:  # one table per player: the game-level source covers every payoff
        assert spec.get("source")


def test_kursk_dominance_story() -> None:
    """The description of the Kursk game says which strategies dominance removes."""
    result = iterated_dominance(read_game(GAMES / "kursk_strategic.json"))
    assert [(e.player, e.strategy, e.by_mixture) for e in result.eliminated] == [
        ("ukraine", "push_further", True),
        ("russia", "counter_attack_kursk", False),
    ]
