"""Cross-validation against Gambit's exact ``enummixed`` on random two-player games.

Gambit (pygambit, a test-only extra) enumerates the extreme equilibria of a
bimatrix game exactly, in rational arithmetic. For every game here we require:

* floating-point ``vertex`` enumeration finds the same set of extreme
  equilibria, each probability within 1e-9;
* ``exact=True`` finds exactly the same set of Fractions;
* every equilibrium passes the independent best-response check ``is_nash``.

Games: sizes m, n in 2..8, payoffs uniform in 0..999 (generic) or in {0, 1, 2}
(degenerate-prone: ties, duplicated rows and columns, continua of equilibria).
200 games run by default; ``pytest -m slow`` adds 100 more of the same kind and
600 more, up to 10x10, and checks ``support`` enumeration too. Gambit lists some extreme equilibria of
degenerate games more than once; its list is de-duplicated first.
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from bargaining.equilibrium import EquilibriumSet, equilibria
from bargaining.games import NormalFormGame

pygambit = pytest.importorskip("pygambit")

pytestmark = pytest.mark.gambit

ExactProfile = tuple[tuple[Fraction, ...], ...]


def random_game(seed: int, max_size: int) -> tuple[np.ndarray, np.ndarray]:
    """Payoffs of game ``seed``: even seeds 0..999, odd seeds {0, 1, 2}; sizes 2..max_size."""
    rng = np.random.default_rng(seed)
    m, n = (int(k) for k in rng.integers(2, max_size + 1, 2))
    high = 1000 if seed % 2 == 0 else 3
    return rng.integers(0, high, (m, n)), rng.integers(0, high, (m, n))


def gambit_equilibria(payoff_a: np.ndarray, payoff_b: np.ndarray) -> set[ExactProfile]:
    """The distinct extreme equilibria from ``pygambit.nash.enummixed_solve(..., rational=True)``."""
    game = pygambit.Game.from_arrays(payoff_a, payoff_b)
    result = pygambit.nash.enummixed_solve(game, rational=True)
    return {
        tuple(
            tuple(Fraction(eq[player][strategy]) for strategy in player.strategies) for player in game.players
        )
        for eq in result.equilibria
    }


def assert_matches(result: EquilibriumSet, reference: set[ExactProfile], game: NormalFormGame) -> None:
    assert len(result) == len(reference), (
        f"{result.method}: {len(result)} equilibria, Gambit {len(reference)}"
    )
    targets = [tuple(np.array([float(v) for v in sigma]) for sigma in profile) for profile in reference]
    matched: set[int] = set()
    for eq in result:
        hits = [
            k
            for k, target in enumerate(targets)
            if all(np.max(np.abs(p - q)) <= 1e-9 for p, q in zip(eq.probabilities, target, strict=True))
        ]
        assert hits, f"{result.method}: {eq} is not among Gambit's equilibria"
        matched.update(hits)
        assert eq.is_nash(game)
    assert len(matched) == len(targets), f"{result.method}: misses {len(targets) - len(matched)} of Gambit's"
    if result.exact:
        assert {eq.exact_probabilities for eq in result} == reference
        assert all(eq.is_nash(game, exact=True) for eq in result)


def check_game(seed: int, max_size: int, methods: tuple[str, ...]) -> None:
    payoff_a, payoff_b = random_game(seed, max_size)
    game = NormalFormGame.from_arrays(payoff_a, payoff_b)
    reference = gambit_equilibria(payoff_a, payoff_b)
    for method in methods:
        assert_matches(equilibria(game, method=method), reference, game)
        assert_matches(equilibria(game, method=method, exact=True), reference, game)


#: Games of the default run; the rest of the first 300 are slow (the default suite's time budget).
DEFAULT_GAMES = 200


@pytest.mark.parametrize(
    "seed", [s if s < DEFAULT_GAMES else pytest.param(s, marks=pytest.mark.slow) for s in range(300)]
)
def test_same_extreme_equilibria_as_gambit(seed: int) -> None:
    check_game(seed, max_size=8, methods=("vertex",))


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(300, 900))
def test_same_extreme_equilibria_as_gambit_larger(seed: int) -> None:
    check_game(seed, max_size=10 if seed % 2 else 8, methods=("vertex", "support"))


def test_the_check_can_fail() -> None:
    """Guard against a vacuous comparison: a missing or a perturbed equilibrium is detected."""
    payoff_a, payoff_b = np.array([[2, 0], [0, 1]]), np.array([[1, 0], [0, 2]])
    game = NormalFormGame.from_arrays(payoff_a, payoff_b)
    reference = gambit_equilibria(payoff_a, payoff_b)
    assert len(reference) == 3
    result = equilibria(game, exact=True)
    assert_matches(result, reference, game)
    fewer = EquilibriumSet(game, "vertex", result.equilibria[:2], exact=True)
    with pytest.raises(AssertionError):
        assert_matches(fewer, reference, game)
    perturbed = EquilibriumSet(game, "vertex", result.equilibria[:2] + (result.equilibria[0],), exact=False)
    with pytest.raises(AssertionError):
        assert_matches(perturbed, reference, game)
