"""Bayesian games: the induced normal form, Bayesian Nash equilibria, the value of ambiguity, specs.

Known answers, with their sources:

* Osborne (2004), An Introduction to Game Theory, chapter 9: in the Battle of
  the Sexes where player 1 does not know whether player 2 wishes to meet her or
  to avoid her (prior 1/2 each), the unique pure Bayesian Nash equilibrium is
  (B, (B if meet, S if avoid)).
* Harsanyi (1967-68), Management Science 14, part III, Table 1 (as in Gambit's
  e07.efg): a zero-sum game with two-sided private information and a
  correlated prior, cross-checked against pygambit on Harsanyi's tree.

Every equilibrium is also checked by an independent interim best-response
test written here from the definition (Osborne 2004, chapter 9): each
type with positive probability plays only actions that maximise its expected
payoff given its beliefs p(t_-i | t_i) and the others' type-contingent play.
"""

from __future__ import annotations

import copy
import itertools
import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from strategies import ROOT

from bargaining.cli import cli
from bargaining.equilibrium.backward_induction import extensive_equilibria
from bargaining.equilibrium.bayesian import (
    BayesianEquilibrium,
    bayesian_equilibria,
    solve_bayesian,
    value_of_ambiguity,
)
from bargaining.errors import InvalidGameError, SpecError
from bargaining.games.bayesian import BayesianGame
from bargaining.games.induced import induced_normal_form
from bargaining.games.normal_form import NormalFormGame
from bargaining.games.reduced import reduced_normal_form
from bargaining.io import load, read_spec, to_spec
from bargaining.io.bayesian import from_dict

SPECS = sorted(
    p for p in (ROOT / "games").glob("*.json") if json.loads(p.read_text()).get("kind") == "bayesian"
)


def bos_spec() -> dict[str, Any]:
    return json.loads((ROOT / "games" / "bos_uncertain_preferences.json").read_text())


def harsanyi() -> BayesianGame:
    """Harsanyi (1967-68, part III, Table 1): zero-sum, types a1/a2 and b1/b2, a correlated prior."""
    prior = {("a1", "b1"): "2/5", ("a1", "b2"): "1/10", ("a2", "b1"): "1/5", ("a2", "b2"): "3/10"}
    # player 1's payoffs (rows y1, y2; columns z1, z2); player 2 gets the negative
    row = {
        ("a1", "b1"): [[2, 5], [-1, 20]],
        ("a1", "b2"): [[-24, -36], [0, 24]],
        ("a2", "b1"): [[28, 15], [40, 4]],
        ("a2", "b2"): [[12, 20], [2, 13]],
    }
    tables = {key: (table, [[-v for v in r] for r in table]) for key, table in row.items()}
    return BayesianGame.from_tables(
        ("player_1", "player_2"), (("y1", "y2"), ("z1", "z2")), (("a1", "a2"), ("b1", "b2")), prior, tables
    )


def interim_best_responses(game: BayesianGame, eq: BayesianEquilibrium) -> bool:
    """Each type plays only actions that are best given its beliefs (exact arithmetic)."""
    behaviour = [[[Fraction(p) for p in probs] for probs in player] for player in eq.behaviour]
    for i in range(game.num_players):
        for k in range(game.num_types[i]):
            values = []
            for own in range(game.num_actions[i]):
                total = Fraction(0)
                for types in itertools.product(*(range(n) for n in game.num_types)):
                    if types[i] != k or game.prior[types] == 0:
                        continue
                    others = [range(n) if j != i else [own] for j, n in enumerate(game.num_actions)]
                    for actions in itertools.product(*others):
                        weight = game.prior[types]
                        for j, a in enumerate(actions):
                            if j != i:
                                weight *= behaviour[j][types[j]][a]
                        total += weight * game.payoffs[(i, *types, *actions)]
                values.append(total)
            best = max(values)
            if any(p > 0 and values[a] != best for a, p in enumerate(behaviour[i][k])):
                return False
    return True


# --------------------------------------------------------------------------- known answers
class TestBattleOfTheSexes:
    def test_induced_normal_form_by_hand(self) -> None:
        game = induced_normal_form(load(ROOT / "games" / "bos_uncertain_preferences.json"))
        assert game.strategies == (("B", "S"), ("B/B", "B/S", "S/B", "S/S"))
        exact = game.exact_payoff_array
        assert exact is not None
        # (B, B if meet / S if avoid): player 1 meets the 'meet' type only: 1/2 * 2 + 1/2 * 0
        # player 2 gets 1 as 'meet' (B, B) and 2 as 'avoid' (B, S): 1/2 * 1 + 1/2 * 2
        assert (exact[0, 0, 1], exact[1, 0, 1]) == (1, Fraction(3, 2))
        # (S, S/B): player 1 gets 1/2 * 1 + 1/2 * 0, player 2 gets 1/2 * 2 + 1/2 * 1
        assert (exact[0, 1, 2], exact[1, 1, 2]) == (Fraction(1, 2), Fraction(3, 2))

    def test_unique_pure_equilibrium(self) -> None:
        game = load(ROOT / "games" / "bos_uncertain_preferences.json")
        result = bayesian_equilibria(game, exact=True)
        assert result.equilibria.all_nash()
        assert all(interim_best_responses(game, eq) for eq in result)
        pure = [eq for eq in result if eq.is_pure]
        assert len(pure) == 1
        assert pure[0].describe(0) == "B"
        assert pure[0].describe(1) == "meet: B; avoid: S"
        assert pure[0].ex_ante == (1, Fraction(3, 2))
        assert pure[0].interim[1] == (1, 2)

    def test_value_of_ambiguity_by_hand(self) -> None:
        game = load(ROOT / "games" / "bos_uncertain_preferences.json")
        report = value_of_ambiguity(game, "player_2", exact=True)
        # hidden: the pure equilibrium gives player 2 3/2; the mixed ones (player 1 mixing 2/3 B,
        # 'meet' indifferent, 'avoid' playing S, or the mirror image) give it 1
        assert report.hidden_payoff == (1.0, 1.5)
        # known 'meet': the BoS equilibria give player 2 1, 2 or 2/3; known 'avoid': matching-pennies-like,
        # a unique mixed equilibrium worth 2/3; averaged: worst 2/3, best (2 + 2/3) / 2 = 4/3
        assert report.known_payoff == pytest.approx((2 / 3, 4 / 3))
        assert report.value == pytest.approx((1 / 3, 1 / 6))
        data = report.to_dict()
        assert data["by_type"]["avoid"]["known"] == pytest.approx({"worst": 2 / 3, "best": 2 / 3})
        assert "Value of ambiguity to player_2" in report.to_table()

    def test_single_type_has_nothing_to_hide(self) -> None:
        with pytest.raises(InvalidGameError, match="single type"):
            value_of_ambiguity(load(ROOT / "games" / "bos_uncertain_preferences.json"), "player_1")


class TestHarsanyi:
    def test_conditional_prior_of_a_known_type(self) -> None:
        known = harsanyi().with_type("player_1", "a1")
        assert known.types[0] == ("a1",)
        assert known.marginal("player_2") == (Fraction(4, 5), Fraction(1, 5))

    def test_induced_normal_form_is_the_reduced_form_of_harsanyis_tree(self) -> None:
        game = harsanyi()
        tree = game.to_extensive_form()
        assert tree.has_perfect_recall
        induced, reduced = induced_normal_form(game), reduced_normal_form(tree).game
        assert induced.strategies == reduced.strategies
        assert np.array_equal(induced.exact_payoff_array, reduced.exact_payoff_array)

    def test_zero_sum_value_matches_gambit(self, tmp_path: Path) -> None:
        gbt = pytest.importorskip("pygambit")
        from bargaining.io.efg import write_efg

        game = harsanyi()
        result = bayesian_equilibria(game, exact=True)
        assert all(interim_best_responses(game, eq) for eq in result)
        values = {eq.ex_ante for eq in result}
        assert len(values) == 1  # a zero-sum game has one value
        write_efg(game.to_extensive_form(), tmp_path / "harsanyi.efg")
        theirs = gbt.read_efg(str(tmp_path / "harsanyi.efg"))
        found = gbt.nash.enummixed_solve(theirs, rational=True).equilibria
        assert {tuple(Fraction(str(eq.payoff(p))) for p in theirs.players) for eq in found} == values
        # and the tree's own equilibria agree
        assert {
            eq.exact_payoffs for eq in extensive_equilibria(game.to_extensive_form(), exact=True)
        } == values


class TestKursk:
    def test_types_known_give_the_per_type_tables(self) -> None:
        spec = json.loads((ROOT / "games" / "kursk_ambiguity.json").read_text())
        game = load(ROOT / "games" / "kursk_ambiguity.json")
        actions = [p["actions"] for p in spec["players"]]
        for entry in spec["type_profiles"]:
            direct = np.zeros((2, 3, 3), dtype=object)
            for outcome in entry["outcomes"]:
                index = tuple(
                    actions[i].index(outcome["profile"][p]) for i, p in enumerate(("ukraine", "russia"))
                )
                direct[(0, *index)] = outcome["payoffs"]["ukraine"]
                direct[(1, *index)] = outcome["payoffs"]["russia"]
            known = induced_normal_form(game.with_type("ukraine", entry["types"]["ukraine"]))
            assert np.array_equal(known.exact_payoff_array, direct)

    def test_equilibria_and_value_of_ambiguity(self) -> None:
        game = load(ROOT / "games" / "kursk_ambiguity.json")
        report = value_of_ambiguity(game, "ukraine", exact=True)
        for result in (report.hidden, *report.known):
            assert result.equilibria.all_nash()
            assert all(interim_best_responses(result.game, eq) for eq in result)
        # the ex-ante payoff is the prior-weighted interim payoff, and the known average is prior-weighted
        prior = game.marginal("ukraine")
        for eq in report.hidden:
            assert eq.ex_ante[0] == sum(p * v for p, v in zip(prior, eq.interim[0], strict=True))
        worst = sum(
            float(p) * min(float(eq.ex_ante[0]) for eq in r) for p, r in zip(prior, report.known, strict=True)
        )
        assert report.known_payoff[0] == pytest.approx(worst)

    def test_every_number_is_labelled(self) -> None:
        spec = json.loads((ROOT / "games" / "kursk_ambiguity.json").read_text())
        for player in spec["players"]:
            for entry in player.get("types", []):
                assert "assumption" in entry["description"].lower()
        for entry in spec["type_profiles"]:
            for outcome in entry["outcomes"]:
                assert outcome["rationale"].startswith("Assumption:")


# --------------------------------------------------------------------------- validation
def _error(spec: dict[str, Any]) -> SpecError:
    with pytest.raises(SpecError) as info:
        from_dict(spec)
    return info.value


class TestValidation:
    def test_type_probabilities_not_summing_to_one(self) -> None:
        spec = bos_spec()
        spec["players"][1]["types"][1]["probability"] = "1/3"
        error = _error(spec)
        assert error.path == "players[1].types"
        assert "sum to 5/6" in error.message

    def test_joint_prior_not_summing_to_one(self) -> None:
        spec = bos_spec()
        for entry in spec["players"][1]["types"]:
            del entry["probability"]
        spec["prior"] = [
            {"types": {"player_2": "meet"}, "probability": 0.5},
            {"types": {"player_2": "avoid"}, "probability": 0.4},
        ]
        error = _error(spec)
        assert error.path == "prior"
        assert "sum to 9/10" in error.message

    def test_zero_probability_type(self) -> None:
        spec = bos_spec()
        spec["players"][1]["types"][0]["probability"] = 0
        spec["players"][1]["types"][1]["probability"] = 1
        assert _error(spec).path == "players[1].types[0].probability"

    def test_unknown_type_in_a_profile(self) -> None:
        spec = bos_spec()
        spec["type_profiles"][1]["types"]["player_2"] = "avoids"
        error = _error(spec)
        assert error.path == "type_profiles[1].types.player_2"
        assert "did you mean 'avoid'" in error.message

    def test_missing_and_repeated_type_profiles(self) -> None:
        spec = bos_spec()
        del spec["type_profiles"][1]
        error = _error(spec)
        assert error.path == "type_profiles" and "avoid" in error.message
        spec = bos_spec()
        spec["type_profiles"][1]["types"]["player_2"] = "meet"
        assert _error(spec).path == "type_profiles[1].types"

    def test_ragged_table_and_bad_payoff(self) -> None:
        spec = bos_spec()
        spec["type_profiles"][0]["payoffs"]["player_2"][1] = [0]
        assert _error(spec).path == "type_profiles[0].payoffs.player_2[1]"
        spec = bos_spec()
        spec["type_profiles"][0]["payoffs"]["player_1"][0][0] = "two"
        assert _error(spec).path == "type_profiles[0].payoffs.player_1[0][0]"

    def test_missing_probabilities_and_both_priors(self) -> None:
        spec = bos_spec()
        del spec["players"][1]["types"][0]["probability"]
        assert _error(spec).path == "players[1].types"
        spec = bos_spec()
        spec["prior"] = [{"types": {"player_2": "meet"}, "probability": 1}]
        assert _error(spec).path == "prior"

    def test_python_constructor_validates_the_prior(self) -> None:
        with pytest.raises(SpecError, match="sum to") as info:
            BayesianGame(("a",), (("x", "y"),), (("l", "r"),), ["1/2", "1/3"], [[[1, 0], [0, 1]]])
        assert info.value.path == "prior"


# --------------------------------------------------------------------------- specs and CLI
@pytest.mark.parametrize("path", SPECS, ids=[p.name for p in SPECS])
def test_shipped_specs_round_trip_and_solve(path: Path) -> None:
    game = load(path)
    assert read_spec(json.loads(json.dumps(to_spec(game)))) == game
    result = solve_bayesian(game)
    assert result.equilibria.equilibria.all_nash()
    assert result.ambiguity  # every shipped game has a player with several types
    json.dumps(result.to_dict(), allow_nan=False)
    assert result.to_table()


def test_correlated_prior_round_trips() -> None:
    game = harsanyi()
    spec = to_spec(game)
    assert "prior" in spec and "probability" not in spec["players"][0]["types"][0]
    assert from_dict(copy.deepcopy(spec)) == game


def test_complete_information_game_is_the_normal_form() -> None:
    spec = bos_spec()
    del spec["players"][1]["types"]
    spec["type_profiles"] = [spec["type_profiles"][0]]
    del spec["type_profiles"][0]["types"]
    game = from_dict(spec)
    expected = NormalFormGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert np.array_equal(induced_normal_form(game).payoff_array, expected.payoff_array)
    assert len(bayesian_equilibria(game)) == 3  # the Battle of the Sexes: two pure, one mixed


def test_cli_solve() -> None:
    result = CliRunner().invoke(
        cli, ["solve", str(ROOT / "games" / "bos_uncertain_preferences.json"), "--format", "json"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["value_of_ambiguity"]["player_2"]["value_of_ambiguity"] == pytest.approx(
        {"worst": 1 / 3, "best": 1 / 6}
    )


def test_value_of_ambiguity_needs_an_equilibrium() -> None:
    # the known-type 'avoid' game is like matching pennies: no pure equilibrium
    game = load(ROOT / "games" / "bos_uncertain_preferences.json")
    with pytest.raises(InvalidGameError, match="found no equilibrium"):
        value_of_ambiguity(game, "player_2", method="pure")


@pytest.mark.parametrize("seed", range(6))
def test_random_bayesian_games(seed: int) -> None:
    """Induced normal form = reduced form of Harsanyi's tree; every equilibrium passes the interim check."""
    rng = np.random.default_rng(seed)
    n = 2 + seed % 2
    num_types = tuple(int(k) for k in rng.integers(1, 3, size=n))
    num_actions = tuple(int(k) for k in rng.integers(2, 3 if n == 3 else 4, size=n))
    weights = rng.integers(1, 5, size=num_types)  # a correlated prior with full support
    prior = np.array([Fraction(int(w), int(weights.sum())) for w in weights.flat], dtype=object).reshape(
        num_types
    )
    payoffs = rng.integers(-3, 4, size=(n, *num_types, *num_actions))
    game = BayesianGame(
        tuple(f"p{i}" for i in range(n)),
        tuple(tuple(f"t{k}" for k in range(m)) for m in num_types),
        tuple(tuple(f"a{k}" for k in range(m)) for m in num_actions),
        prior,
        payoffs,
    )
    induced = induced_normal_form(game)
    reduced = reduced_normal_form(game.to_extensive_form()).game
    assert np.array_equal(induced.exact_payoff_array, reduced.exact_payoff_array)
    if n == 2:  # all extreme equilibria, exactly (three-player support enumeration takes seconds)
        result = bayesian_equilibria(game, exact=True)
        assert len(result) >= 1
        assert all(eq.is_exact and interim_best_responses(game, eq) for eq in result)
