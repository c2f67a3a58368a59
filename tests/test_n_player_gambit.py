"""Cross-checks of the n-player methods against Gambit (pygambit), on its examples and random games.

Gambit's ``enumpoly`` (16.7) sometimes misses equilibria of 3x3x3 games (it
reports four of the five equilibria of its own ``3x3x3.nfg``), so the check
is: every equilibrium Gambit finds is ours, and every equilibrium of ours
that Gambit lacks passes Gambit's own regret computation.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from strategies import GAMES

from bargaining.equilibrium.n_player import logit_path, mixed_equilibria
from bargaining.games.normal_form import NormalFormGame
from bargaining.io.nfg import to_nfg

gbt = pytest.importorskip("pygambit")
pytestmark = pytest.mark.gambit


def to_gambit(game: NormalFormGame) -> Any:
    """The game in pygambit, passed through our .nfg writer."""
    import os
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".nfg", delete=False, encoding="utf-8") as handle:
        handle.write(to_nfg(game))
    try:
        return gbt.read_nfg(handle.name)
    finally:
        os.unlink(handle.name)


def gambit_profiles(gambit_game: Any, result: Any) -> list[np.ndarray]:
    return [
        np.array([float(eq[s]) for player in gambit_game.players for s in player.strategies])
        for eq in result.equilibria
    ]


def gambit_regret(gambit_game: Any, flat: np.ndarray) -> float:
    profile = gambit_game.mixed_strategy_profile()
    strategies = [s for player in gambit_game.players for s in player.strategies]
    for strategy, p in zip(strategies, flat, strict=True):
        profile[strategy] = float(p)
    return float(profile.max_regret())


def has_ties(game: NormalFormGame) -> bool:
    """Whether some player gets equal payoffs from two strategies against some pure profile."""
    for i in range(game.num_players):
        table = np.sort(np.moveaxis(game.payoff_array[i], i, 0), axis=0)
        if np.any(np.diff(table, axis=0) == 0):
            return True
    return False


def check_against_gambit(game: NormalFormGame) -> tuple[int, int]:
    """(our count, Gambit's count), after asserting Gambit's are ours and ours pass Gambit's regret."""
    gambit_game = to_gambit(game)
    theirs = gambit_profiles(gambit_game, gbt.nash.enumpoly_solve(gambit_game))
    result = mixed_equilibria(game)
    # an unresolved support is a continuum of solutions, which needs a payoff tie
    assert result.complete or has_ties(game)
    ours = [np.concatenate(eq.probabilities) for eq in result]
    scale = float(np.ptp(game.payoff_array))
    for profile in theirs:
        if any(np.max(np.abs(profile - mine)) < 1e-6 for mine in ours):
            continue
        # enumpoly accepts regret up to 1e-4 of the payoff range, so near a degenerate
        # equilibrium it may return a point that is not one: then it must fail Gambit's own check
        assert gambit_regret(gambit_game, profile) > 1e-7 * scale, f"missed {profile}"
    for mine in ours:
        assert gambit_regret(gambit_game, mine) <= 1e-9 * scale
    return len(ours), len(theirs)


@pytest.mark.parametrize(
    "name", ["mckelvey_mclennan_2x2x2.nfg", "gambit_3x3x3.nfg", "kursk_strategic_us.json"]
)
def test_classic_examples(name: str) -> None:
    from bargaining.io.games import read_game

    game = read_game(GAMES / name)
    assert mixed_equilibria(game).complete
    ours, theirs = check_against_gambit(game)
    expected = {"mckelvey_mclennan_2x2x2.nfg": (9, 9), "gambit_3x3x3.nfg": (5, 4)}.get(name)
    if expected is not None:
        assert (ours, theirs) == expected


def random_games(shape: tuple[int, ...], count: int, seed: int, high: int = 1000) -> list[NormalFormGame]:
    rng = np.random.default_rng(seed)
    return [NormalFormGame(rng.integers(0, high, size=(len(shape), *shape))) for _ in range(count)]


@pytest.mark.parametrize("game", random_games((2, 2, 2), 25, seed=1))
def test_random_2x2x2(game: NormalFormGame) -> None:
    check_against_gambit(game)


@pytest.mark.parametrize("game", random_games((3, 3, 3), 4, seed=2))
def test_random_3x3x3(game: NormalFormGame) -> None:
    check_against_gambit(game)


@pytest.mark.slow
@pytest.mark.parametrize("game", random_games((2, 2, 2), 200, seed=11))
def test_random_2x2x2_many(game: NormalFormGame) -> None:
    check_against_gambit(game)


@pytest.mark.slow
@pytest.mark.parametrize("game", random_games((3, 3, 3), 60, seed=12))
def test_random_3x3x3_many(game: NormalFormGame) -> None:
    check_against_gambit(game)


@pytest.mark.parametrize("game", random_games((2, 2, 2), 6, seed=3) + random_games((3, 3, 3), 4, seed=4))
def test_logit_path_ends_where_gambit_logit_does(game: NormalFormGame) -> None:
    """The limit of the principal branch is unique for generic games: both tracers must agree."""
    gambit_game = to_gambit(game)
    (theirs,) = gambit_profiles(gambit_game, gbt.nash.logit_solve(gambit_game))
    ours = np.concatenate(logit_path(game)[0].probabilities)
    assert np.max(np.abs(ours - theirs)) < 1e-4


def test_nau_continuum_example() -> None:
    """Gambit's 2x2x2-nau.nfg: 3 pure, 2 partly mixed equilibria and a continuum (Nau et al. 2004)."""
    values = {
        (0, 0, 0): (0, 0, 2), (1, 0, 0): (3, 0, 0), (0, 1, 0): (0, 3, 0), (1, 1, 0): (0, 0, 0),
        (0, 0, 1): (1, 1, 0), (1, 0, 1): (0, 0, 0), (0, 1, 1): (0, 0, 0), (1, 1, 1): (0, 0, 3),
    }  # fmt: skip
    payoffs = np.zeros((3, 2, 2, 2))
    for profile, u in values.items():
        payoffs[(slice(None), *profile)] = u
    game = NormalFormGame(payoffs)
    gambit_game = to_gambit(game)
    theirs = gambit_profiles(gambit_game, gbt.nash.enumpoly_solve(gambit_game))
    result = mixed_equilibria(game, max_boxes=2000)
    assert not result.complete  # the continuum is reported, not hidden
    ours = [np.concatenate(eq.probabilities) for eq in result]
    for profile in theirs:
        assert any(np.max(np.abs(profile - mine)) < 1e-6 for mine in ours)
    assert all(gambit_regret(gambit_game, mine) <= 1e-9 for mine in ours)


# two more of Gambit's examples: OpenSpiel's three-player matching pennies
# (catalog/open_spiel/matching_pennies_3p.nfg) and contrib/games/2x2x2x2.nfg
MATCHING_PENNIES_3P = """NFG 1 R "Three-Player Matching Pennies" { "Player 0" "Player 1" "Player 2" }

{ { "1" "2" }
{ "1" "2" }
{ "1" "2" }
}
"This game originates from the OpenSpiel game library."

{
{ "" 1, 1, -1 }
{ "" -1, 1, 1 }
{ "" -1, -1, -1 }
{ "" 1, -1, 1 }
{ "" 1, -1, 1 }
{ "" -1, -1, -1 }
{ "" -1, 1, 1 }
{ "" 1, 1, -1 }
}
1 2 3 4 5 6 7 8
"""
FOUR_PLAYERS = """NFG 1 R "Four person, 2x2x2x2 game with 3 Nash equilibria" { "1" "2" "3" "4" }

{ { "1" "2" }
{ "1" "2" }
{ "1" "2" }
{ "1" "2" }
}
""

{
{ "" 1.131, 1.210, 2.426, 2.429 }
{ "" 4.225, 5.277, 4.837, 5.645 }
{ "" 4.452, 4.549, 1.655, 1.347 }
{ "" 7.566, 4.655, 7.076, 4.423 }
{ "" 1.223, 1.358, 2.234, 2.238 }
{ "" 4.483, 5.764, 4.995, 5.754 }
{ "" 4.564, 4.326, 1.762, 1.576 }
{ "" 7.247, 4.943, 7.362, 4.382 }
{ "" 2.326, 2.422, 3.222, 3.024 }
{ "" 1.478, 2.544, 1.973, 7.486 }
{ "" 2.747, 2.243, 3.518, 3.062 }
{ "" 1.759, 2.705, 1.735, 4.043 }
{ "" 5.255, 5.334, 2.643, 2.873 }
{ "" 4.383, 1.436, 4.864, 5.267 }
{ "" 5.634, 5.675, 2.455, 6.523 }
{ "" 4.642, 1.897, 4.042, 3.830 }
}
1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16
"""


@pytest.mark.parametrize(
    ("text", "count"), [(MATCHING_PENNIES_3P, 1), (FOUR_PLAYERS, 3)], ids=["mp3", "2x2x2x2"]
)
def test_more_gambit_examples_give_the_same_set(text: str, count: int) -> None:
    from bargaining.io.nfg import parse_nfg

    game = parse_nfg(text)
    assert check_against_gambit(game) == (count, count)
    assert mixed_equilibria(game, exact=True).exact  # all of these equilibria are rational
