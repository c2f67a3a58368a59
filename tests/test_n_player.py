"""n-player equilibria: pure (vectorized), support enumeration, the logit path."""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable
from fractions import Fraction as F
from typing import cast

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from strategies import GAMES

from bargaining.equilibrium import equilibria
from bargaining.equilibrium.logit import LogitPath, trace_logit_path
from bargaining.equilibrium.n_player import logit_path, mixed_equilibria, pure_equilibria
from bargaining.equilibrium.pure import pure_equilibrium_profiles
from bargaining.equilibrium.support_n import SupportSearch, search_supports, support_profiles
from bargaining.errors import InvalidGameError
from bargaining.games.normal_form import NormalFormGame
from bargaining.io.games import read_game


def brute_force_pure(payoffs: np.ndarray) -> list[tuple[int, ...]]:
    """Pure equilibria by checking every unilateral deviation of every profile."""
    n = payoffs.shape[0]
    found = []
    for profile in itertools.product(*[range(a) for a in payoffs.shape[1:]]):
        stable = True
        for i in range(n):
            for t in range(payoffs.shape[1 + i]):
                deviation = list(profile)
                deviation[i] = t
                if payoffs[(i, *deviation)] > payoffs[(i, *profile)]:
                    stable = False
        if stable:
            found.append(profile)
    return found


shapes = st.lists(st.integers(1, 3), min_size=1, max_size=4).map(tuple)


@settings(max_examples=60, deadline=None)
@given(data=st.data(), shape=shapes)
def test_pure_equilibria_match_brute_force(data: st.DataObject, shape: tuple[int, ...]) -> None:
    payoffs = data.draw(arrays(np.int64, (len(shape), *shape), elements=st.integers(0, 2)))  # many ties
    expected = brute_force_pure(payoffs)
    assert [tuple(row) for row in pure_equilibrium_profiles(payoffs)] == expected


def test_pure_equilibria_compare_exact_payoffs_exactly() -> None:
    # 1/3 and 0.3333333333333333 differ; as floats they would tie
    third = F(1, 3)
    close = F(3333333333333333, 10**16)
    game = NormalFormGame(np.array([[[third], [close]], [[0], [0]]], dtype=object))
    assert [eq.supports for eq in pure_equilibria(game)] == [((0,), (0,))]


def test_pure_equilibria_of_a_million_profiles() -> None:
    rng = np.random.default_rng(7)
    payoffs = rng.random((3, 100, 100, 100))
    payoffs[:, 17, 42, 99] = 2.0  # a planted equilibrium: everyone's best payoff
    found = pure_equilibrium_profiles(payoffs)
    assert [17, 42, 99] in found.tolist()
    for row in found[:20]:
        assert tuple(row) in brute_force_subset(payoffs, tuple(row))


def brute_force_subset(payoffs: np.ndarray, profile: tuple[int, ...]) -> set[tuple[int, ...]]:
    """{profile} if it is an equilibrium (checked deviation by deviation), else empty."""
    for i in range(payoffs.shape[0]):
        index = list(profile)
        index[i] = slice(None)
        if payoffs[(i, *index)].max() > payoffs[(i, *profile)]:
            return set()
    return {profile}


def test_support_profiles_are_all_nonempty_subsets() -> None:
    profiles = list(support_profiles((2, 3)))
    assert len(profiles) == 3 * 7
    assert len(set(profiles)) == len(profiles)
    assert profiles[0] == ((0,), (0,))


# the nine equilibria of McKelvey & McLennan's 2x2x2 game (probabilities of strategy 1)
MCKELVEY_MCLENNAN = {
    (F(1), F(1), F(1)),
    (F(1), F(0), F(0)),
    (F(0), F(1), F(0)),
    (F(0), F(0), F(1)),
    (F(1, 2), F(1, 2), F(1)),
    (F(1, 3), F(1), F(1, 4)),
    (F(0), F(1, 4), F(1, 3)),
    (F(1, 2), F(2, 5), F(1, 4)),
    (F(2, 5), F(1, 2), F(1, 3)),
}


@pytest.mark.parametrize("name", ["mckelvey_mclennan_2x2x2.json", "mckelvey_mclennan_2x2x2.nfg"])
def test_mckelvey_mclennan_nine_equilibria_exactly(name: str) -> None:
    game = read_game(GAMES / name)
    result = mixed_equilibria(game, exact=True)
    assert result.complete and result.exact
    found = set()
    for eq in result:
        assert eq.is_nash(game, exact=True)
        assert eq.exact_probabilities is not None
        found.add(tuple(sigma[0] for sigma in eq.exact_probabilities))
    assert found == MCKELVEY_MCLENNAN


def test_gambit_3x3x3_has_five_equilibria_two_pure() -> None:
    game = read_game(GAMES / "gambit_3x3x3.nfg")
    result = equilibria(game)
    assert result.method == "support-n" and result.complete
    assert len(result) == 5
    assert [eq.supports for eq in result.pure] == [((0,), (1,), (0,)), ((1,), (2,), (2,))]
    assert result.all_nash()


def random_game(rng: np.random.Generator, shape: tuple[int, ...]) -> NormalFormGame:
    return NormalFormGame(rng.integers(0, 1000, size=(len(shape), *shape)))


@pytest.mark.parametrize("seed", range(12))
def test_random_2x2x2_games_have_an_odd_number_of_verified_equilibria(seed: int) -> None:
    # Wilson (1971): a generic game has an odd number of equilibria; an even
    # count would reveal a missed (or spurious) one.
    game = random_game(np.random.default_rng(seed), (2, 2, 2))
    result = mixed_equilibria(game)
    assert result.complete
    assert len(result) % 2 == 1
    assert all(eq.is_nash(game, tol=1e-9) for eq in result)
    assert {eq.supports for eq in pure_equilibria(game)} == {eq.supports for eq in result.pure}


@pytest.mark.parametrize("seed", range(3))
def test_random_3x3x3_games(seed: int) -> None:
    game = random_game(np.random.default_rng(100 + seed), (3, 3, 3))
    result = mixed_equilibria(game)
    assert result.complete
    assert len(result) % 2 == 1
    assert result.all_nash()


@pytest.mark.parametrize("seed", range(8))
def test_two_player_games_agree_with_vertex_enumeration(seed: int) -> None:
    """An independent algorithm: the two-player vertex enumeration (non-degenerate random games)."""
    rng = np.random.default_rng(200 + seed)
    shape = (int(rng.integers(2, 5)), int(rng.integers(2, 5)))
    game = NormalFormGame(rng.integers(0, 1000, size=(2, *shape)))
    ours = sorted(np.concatenate(eq.probabilities).round(9).tolist() for eq in mixed_equilibria(game))
    theirs = sorted(np.concatenate(eq.probabilities).round(9).tolist() for eq in equilibria(game, "vertex"))
    assert np.allclose(ours, theirs, atol=1e-8)


def test_equilibria_are_invariant_under_affine_payoff_maps_and_relabelling() -> None:
    rng = np.random.default_rng(3)
    payoffs = rng.integers(0, 100, size=(3, 2, 3, 2)).astype(float)
    base = search_supports(payoffs).profiles
    scaled = (
        payoffs * np.array([2.0, 0.5, 7.0])[:, None, None, None]
        + np.array([-3.0, 10.0, 1.0])[:, None, None, None]
    )
    assert _as_set(search_supports(scaled).profiles) == _as_set(base)
    # swap players 0 and 2: move their payoff tables and their axes
    swapped = payoffs[[2, 1, 0]].transpose(0, 3, 2, 1)
    relabelled = {tuple(np.round(np.concatenate(p[::-1]), 8)) for p in search_supports(swapped).profiles}
    assert relabelled == _as_set(base)


def _as_set(profiles: list[tuple[np.ndarray, ...]]) -> set[tuple[float, ...]]:
    return {tuple(np.round(np.concatenate(p), 8)) for p in profiles}


def test_a_continuum_is_reported_as_incomplete() -> None:
    # Nau et al. (2004): 3 pure equilibria, 2 partly mixed ones, and a continuum
    values = {
        (0, 0, 0): (0, 0, 2), (1, 0, 0): (3, 0, 0), (0, 1, 0): (0, 3, 0), (1, 1, 0): (0, 0, 0),
        (0, 0, 1): (1, 1, 0), (1, 0, 1): (0, 0, 0), (0, 1, 1): (0, 0, 0), (1, 1, 1): (0, 0, 3),
    }  # fmt: skip
    payoffs = np.zeros((3, 2, 2, 2))
    for profile, u in values.items():
        payoffs[(slice(None), *profile)] = u
    game = NormalFormGame(payoffs)
    result = mixed_equilibria(game, max_boxes=2000)
    assert not result.complete
    assert result.degenerate
    assert "Incomplete" in result.to_table()
    assert len(result.pure) == 3
    assert result.all_nash()


def test_exact_mode_leaves_irrational_equilibria_in_floating_point() -> None:
    game = read_game(GAMES / "gambit_3x3x3.nfg")
    result = mixed_equilibria(game, exact=True)
    assert not result.exact
    exact = [eq for eq in result if eq.is_exact]
    assert all(eq.is_nash(game, exact=True) for eq in exact)
    assert any(not eq.is_exact for eq in result)  # the totally mixed one is irrational


def test_logit_path_ends_at_an_equilibrium() -> None:
    game = read_game(GAMES / "mckelvey_mclennan_2x2x2.json")
    result = logit_path(game, exact=True)
    assert len(result) == 1 and not result.complete
    assert result[0].is_nash(game, exact=True)
    # the limiting logit equilibrium of this game (also Gambit's logit_solve)
    assert result[0].exact_probabilities == ((F(1, 2), F(1, 2)), (F(1, 2), F(1, 2)), (F(1), F(0)))


@pytest.mark.parametrize("shape", [(4, 4, 4), (6, 5, 4), (3, 3, 3, 3), (25, 25)])
def test_logit_path_on_larger_games(shape: tuple[int, ...]) -> None:
    game = random_game(np.random.default_rng(sum(shape)), shape)
    traced = trace_logit_path(game.payoff_array, LogitPath())
    profile = traced.profile
    assert traced.polished
    result = equilibria(game, method="logit") if len(shape) > 2 else logit_path(game)
    assert result[0].is_nash(game)
    assert np.allclose(np.concatenate(result[0].probabilities), np.concatenate(profile))


def test_methods_through_the_dispatcher() -> None:
    game = read_game(GAMES / "kursk_strategic_us.json")
    assert len(equilibria(game, method="pure")) == 0
    everything = equilibria(game, exact=True)
    assert len(everything) == 3 and everything.exact
    one = equilibria(game, method="logit")[0]
    assert any(
        np.allclose(np.concatenate(one.probabilities), np.concatenate(eq.probabilities)) for eq in everything
    )


def test_search_reports_its_work() -> None:
    search = search_supports(np.zeros((2, 2, 2)) + np.eye(2)[None], SupportSearch())
    assert search.supports_tried == 9
    assert search.complete


def test_one_player_games() -> None:
    strict = NormalFormGame(np.array([[1.0, 3.0, 2.0]]))
    for method in (pure_equilibria, mixed_equilibria, logit_path):
        assert [eq.supports for eq in method(strict)] == [((1,),)]
    tie = NormalFormGame(np.array([[3.0, 3.0, 2.0]]))
    result = mixed_equilibria(tie, max_boxes=500)
    assert [eq.supports for eq in result] == [((0,),), ((1,),)]  # the end points of the segment
    assert not result.complete
    assert logit_path(tie)[0].is_nash(tie)


def test_logit_path_on_a_game_of_ties() -> None:
    game = NormalFormGame(np.zeros((3, 2, 2, 2)))
    (eq,) = logit_path(game)
    assert eq.is_nash(game)


def test_exact_mode_solves_linear_supports_exactly() -> None:
    """With at most two players mixing the support equations are linear: exact even for huge denominators."""
    rng = np.random.default_rng(8)
    largest = 0
    for _ in range(6):
        game = NormalFormGame(rng.integers(0, 10**9, size=(3, 3, 3, 3)))
        for eq in mixed_equilibria(game, exact=True):
            if sum(len(support) > 1 for support in eq.supports) <= 2:
                assert eq.is_exact and eq.is_nash(game, exact=True)
                assert eq.exact_probabilities is not None
                exact = [float(p) for sigma in eq.exact_probabilities for p in sigma]
                assert np.allclose(np.concatenate(eq.probabilities), exact)
                largest = max(largest, *(p.denominator for sigma in eq.exact_probabilities for p in sigma))
    assert largest > 10**6  # beyond what rounding to nearby fractions would find


def test_search_options_are_frozen_and_results_carry_the_diagnostics() -> None:
    options = SupportSearch(max_boxes=500)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(options, "max_boxes", 10)  # noqa: B010
    tie = np.array([[3.0, 3.0, 2.0]])
    search = search_supports(tie, options)
    assert search.options is options and not search.complete
    assert search.unresolved == (((0, 1),),) and search.boxes_examined > 500
    data = search.to_dict()
    assert data["method"] == "support-n" and data["options"] == {"max_boxes": 500, "tol": 1e-8}
    assert data["complete"] is False and data["unresolved"] == [[[0, 1]]]
    assert len(data["profiles"]) == len(search.profiles) == 2
    with pytest.raises(ValueError):
        search.profiles[0][0][0] = 0.5  # read-only arrays


@pytest.mark.parametrize(
    "make",
    [
        lambda: SupportSearch(max_boxes=0),
        lambda: SupportSearch(max_boxes=cast(int, 2.5)),
        lambda: SupportSearch(tol=0.0),
        lambda: LogitPath(max_lambda=-1.0),
        lambda: LogitPath(max_steps=0),
        lambda: LogitPath(tol=-1e-8),
    ],
)
def test_bad_search_options_are_refused(make: Callable[[], object]) -> None:
    with pytest.raises(InvalidGameError):
        make()


def test_logit_result_records_its_path() -> None:
    game = read_game(GAMES / "mckelvey_mclennan_2x2x2.json")
    options = LogitPath(max_lambda=100.0)
    traced = trace_logit_path(game.payoff_array, options)
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(traced, "steps", 0)  # noqa: B010
    assert traced.options is options and traced.final_lambda >= 100.0 and traced.steps > 0
    assert traced.arc_length >= traced.final_lambda  # lambda is one coordinate of the path
    data = traced.to_dict()
    assert data["method"] == "logit" and data["options"]["max_lambda"] == 100.0
    assert data["steps"] == traced.steps and data["polished"] is traced.polished
    assert np.allclose(np.concatenate(data["profile"]), np.concatenate(traced.profile))


def test_search_work_on_the_mckelvey_mclennan_game_as_documented() -> None:
    """docs/games.md: 27 supports tried, 123 boxes examined, complete, 9 equilibria."""
    search = search_supports(read_game(GAMES / "mckelvey_mclennan_2x2x2.json").payoff_array)
    assert (search.supports_tried, search.boxes_examined, search.complete) == (27, 123, True)
    assert len(search.profiles) == 9
