"""Every file shipped in games/: it validates, solves and serialises, and its known answer (or a stated
property) holds. Each known answer cites its source; most are also printed in the file's description."""

from __future__ import annotations

import json
import math
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from strategies import GAMES, disagreements, dollar

from bargaining.dispatch import solver_for
from bargaining.io import load
from bargaining.io.games import read_game
from bargaining.solutions.concepts import solve

SPECS = sorted(GAMES.glob("*.json"))
FILES = sorted(p for p in GAMES.iterdir() if p.suffix in {".json", ".nfg", ".efg"})


@cache
def model_of(name: str) -> Any:
    path = GAMES / name
    return load(path) if path.suffix == ".json" else read_game(path)


@cache
def solved(name: str) -> tuple[Any, Any]:
    """(model, result of solving it with every concept) for one shipped file, solved once per session."""
    model = model_of(name)
    return model, solver_for(model.spec_kind)(model, solution="all")


def data(name: str) -> dict[str, Any]:
    return solved(name)[1].to_dict()


def profiles(equilibria: list[dict[str, Any]]) -> set[tuple[tuple[float, ...], ...]]:
    """Each equilibrium as its players' probability vectors, rounded to compare with fractions."""
    return {
        tuple(tuple(round(p, 6) + 0.0 for p in s.values()) for s in e["strategies"].values())
        for e in equilibria
    }


def fractions(*players: tuple[float, ...]) -> tuple[tuple[float, ...], ...]:
    return tuple(tuple(round(p, 6) + 0.0 for p in s) for s in players)


def concepts(name: str) -> dict[str, dict[str, Any]]:
    return {s["concept"]: s for s in data(name)["solutions"]}


def utilities(solution: dict[str, Any]) -> list[float]:
    return [p["utility"] for p in solution["parties"].values()]


# ------------------------------------------------------------------ every file
@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_file_validates_solves_and_serialises(path: Path) -> None:
    model, result = solved(path.name)
    assert model.summary()
    assert result.to_table().strip()
    json.dumps(result.to_dict(), allow_nan=False)


@pytest.mark.parametrize("path", SPECS, ids=[p.name for p in SPECS])
def test_spec_describes_itself(path: Path) -> None:
    spec = json.loads(path.read_text(encoding="utf-8"))
    assert spec.get("format") == "bargaining" and spec.get("version") == 1
    assert spec.get("description"), "every shipped spec says what it is and where its numbers come from"


STRATEGIC = [p for p in FILES if model_of(p.name).spec_kind == "normal_form"]


@pytest.mark.parametrize("path", STRATEGIC, ids=[p.name for p in STRATEGIC])
def test_every_equilibrium_passes_a_best_response_check(path: Path) -> None:
    """No player gains by a pure deviation (an independent check on the game's own payoff tables)."""
    game, result = solved(path.name)
    assert result.equilibria
    for equilibrium in result.equilibria:
        assert equilibrium.is_nash(game, tol=1e-6), equilibrium.describe(0)
        assert max(equilibrium.regrets(game)) <= 1e-6


BARGAINING = [p for p in SPECS if model_of(p.name).spec_kind in {"issue_space", "utility_set", "frontier"}]


@pytest.mark.parametrize("path", BARGAINING, ids=[p.name for p in BARGAINING])
def test_every_solution_is_individually_rational_and_below_the_ideal_point(path: Path) -> None:
    for solution in data(path.name)["solutions"]:
        if not solution["agreement_exists"]:
            continue
        for party, values in solution["parties"].items():
            assert values["utility"] >= values["disagreement"] - 1e-6, (solution["concept"], party)
            assert values["utility"] <= values["ideal"] + 1e-6, (solution["concept"], party)


# ------------------------------------------------------------------ bargaining problems
def test_nash_1950_bill_and_jack() -> None:
    # Nash (1950), "The bargaining problem", Econometrica 18(2), p. 161: Bill gives book, whip, ball, bat;
    # Jack gives pen, toy, knife; utilities (12, 5) in Nash's units.
    nash = concepts("nash1950_bill_jack.json")["nash"]
    traded = {good for good, share in nash["agreement"].items() if share > 0.5}
    assert traded == {"book", "whip", "ball", "bat", "pen", "toy", "knife"}
    assert utilities(nash) == pytest.approx([12.0, 5.0], abs=1e-6)


def test_kalai_smorodinsky_1975() -> None:
    # Kalai & Smorodinsky (1975), Econometrica 43(3), p. 515: on the hull of (0,0), (1,0), (0,1), (1,0.7)
    # Nash gives (1, 0.7) and KS u1 = u2 = 1/1.3.
    solutions = concepts("kalai_smorodinsky_1975.json")
    assert utilities(solutions["nash"]) == pytest.approx([1.0, 0.7], abs=1e-6)
    assert utilities(solutions["ks"]) == pytest.approx([1 / 1.3, 1 / 1.3], abs=1e-6)


def test_divide_the_dollar_is_split_equally() -> None:
    # Nash (1950); Osborne & Rubinstein (1990), sect. 2.3: linear utilities, d = 0: (1/2, 1/2) for every
    # concept.
    for concept, solution in concepts("divide_the_dollar.json").items():
        assert utilities(solution) == pytest.approx([0.5, 0.5], abs=1e-6), concept


@settings(max_examples=15, deadline=None)
@given(disagreements)
def test_divide_the_dollar_for_any_disagreement_point(d: tuple[float, float]) -> None:
    # Nash (1950): linear utilities split the surplus 1 - d_a - d_b equally: share d_a + (1 - d_a - d_b)/2.
    # Where the split lands on the bound with a flat Nash product (d = (-1, 0): share 0), the conic
    # solver's tolerance of about 1e-10 on the product allows about 1e-5 on the share; hence 1e-4 here.
    solution = solve(dollar(*d), "nash")
    # The product (s - d_a)(1 - s - d_b) is concave in s, so on the range [0, 1] the split is clipped.
    expected = min(max(d[0] + (1 - d[0] - d[1]) / 2, 0.0), 1.0)
    assert solution.agreement["share"] == pytest.approx(expected, abs=1e-4)


def test_asymmetric_power_gives_the_shares_of_the_powers() -> None:
    # Kalai (1977); Roth (1979); Muthoo (1999), sect. 2.5: powers (w, 1 - w), linear utilities, d = 0
    # give the shares (w, 1 - w).
    nash = concepts("asymmetric_power.json")["nash"]
    weights = [p["weight"] for p in nash["parties"].values()]
    assert utilities(nash) == pytest.approx(weights, abs=1e-6)
    # symmetric concepts ignore the powers: equal split (Pareto optimal: the shares add up to 1)
    assert utilities(concepts("asymmetric_power.json")["ks"]) == pytest.approx([0.5, 0.5], abs=1e-6)


def test_curved_frontier() -> None:
    # u2 = 1 - u1^2, d = 0: Nash maximises u1 (1 - u1^2) at u1 = 1/sqrt(3), u2 = 2/3; KS and egalitarian
    # solve u = 1 - u^2, u = (sqrt(5) - 1)/2 (both on the frontier, so Pareto optimal).
    solutions = concepts("curved_frontier.json")
    assert utilities(solutions["nash"]) == pytest.approx([1 / math.sqrt(3), 2 / 3], abs=1e-6)
    golden = (math.sqrt(5) - 1) / 2
    for concept in ("ks", "egalitarian"):
        assert utilities(solutions[concept]) == pytest.approx([golden, golden], abs=1e-6), concept
    for solution in solutions.values():
        u1, u2 = utilities(solution)
        assert u2 == pytest.approx(1 - u1**2, abs=1e-6), solution["concept"]


def test_kursk_matches_the_readme() -> None:
    # README.md, "What `bargain solve games/kursk.json` says" (printed to 4 significant figures).
    readme = {
        "nash": (0.113, "bilateral_treaties", 0.4267, 0.704, -0.1375, 0.3944),
        "ks": (0.1814, "bilateral_treaties", 0.4805, 0.7578, -0.1717, 0.3602),
        "egalitarian": (0.03928, "assurances", 0.2189, 0.4962, -0.03564, 0.4962),
        "utilitarian": (0.36, "european_troops", 0.71, 0.9873, -0.376, 0.1558),
    }
    solutions = concepts("kursk.json")
    for concept, (territory, security, u_ua, g_ua, u_ru, g_ru) in readme.items():
        s = solutions[concept]
        assert s["agreement"]["territory_returned"] == pytest.approx(territory, rel=5e-3), concept
        assert s["agreement"]["kursk_returned"] == pytest.approx(1000, rel=1e-6), concept
        assert s["agreement"]["security"] == security, concept
        ua, ru = s["parties"]["ukraine"], s["parties"]["russia"]
        got = [ua["utility"], ua["gain"], ru["utility"], ru["gain"]]
        assert got == pytest.approx([u_ua, g_ua, u_ru, g_ru], rel=5e-3), concept
    nash = solutions["nash"]["parties"]
    assert [nash["ukraine"]["disagreement"], nash["russia"]["disagreement"]] == pytest.approx(
        [-0.2773, -0.5318], abs=1e-4
    )
    assert [nash["ukraine"]["ideal"], nash["russia"]["ideal"]] == pytest.approx([0.8417, 0.0], abs=1e-4)


# ------------------------------------------------------------------ sequential models
def test_rubinstein_classic() -> None:
    # Rubinstein (1982), Econometrica 50(1): the first proposer gets (1 - d2)/(1 - d1 d2) = 0.2/0.28 = 5/7.
    d = data("rubinstein_classic.json")
    assert d["shares"] == pytest.approx([5 / 7, 2 / 7], abs=1e-12)
    # the responder's share when proposing: (1 - d1)/(1 - d1 d2) = 0.1/0.28
    assert d["proposer_shares"][1] == pytest.approx(0.1 / 0.28, abs=1e-12)


def test_kursk_rubinstein_shares_are_a_division() -> None:
    # Stated property (Rubinstein 1982): the equilibrium is an immediate agreement dividing the whole surplus,
    # the first proposer getting its proposer share.
    d = data("kursk_rubinstein.json")
    assert sum(d["shares"]) == pytest.approx(1.0, abs=1e-12)
    assert 0 < d["shares"][0] < 1 and d["shares"][0] == pytest.approx(d["proposer_shares"][0])
    assert d["shares"] == pytest.approx([0.38644061424734016, 0.6135593857526598], abs=1e-9)


def test_kursk_war_fearon_identities() -> None:
    # Fearon (1995), "Rationalist explanations for war", IO 49(3): war payoffs (p - c_0, 1 - p - c_1); the
    # bargaining range is [p - c_0, p + c_1]; with Ukraine's cost uniform on [lo, hi] and Russia demanding x,
    # Ukraine fights iff 1 - x < p - c_0, i.e. with probability (p - (1 - x) - lo)/(hi - lo).
    d = data("kursk_war.json")
    p, (c0, c1) = d["win_probability"], d["cost"]
    assert d["war_payoffs"] == pytest.approx([p - c0, 1 - p - c1], abs=1e-12)
    assert d["bargaining_range"] == pytest.approx([p - c0, p + c1], abs=1e-12)
    assert sum(d["shares"]) == pytest.approx(1.0) and d["shares"][1] == pytest.approx(d["demand"])
    lo, hi = 0.13, 0.43  # the belief, "uniform on [0.13, 0.43]"
    assert d["belief"] == "uniform on [0.13, 0.43]"
    assert d["war_probability"] == pytest.approx((p - (1 - d["demand"]) - lo) / (hi - lo), abs=1e-9)


@pytest.mark.parametrize("held", [1000.0, 500.0])
def test_kursk_double_auction_is_chatterjee_samuelson_scaled_by_the_area(held: float) -> None:
    # Chatterjee & Samuelson (1983), Operations Research 31(5), scaled: with both types uniform
    # on [0, h] (h = kursk_held / 1000), bids 2/3 v + h/12, asks 2/3 c + h/4, a deal iff v >= c + h/4
    # (probability 9/32), gains 9/64 h against h/6 at the first best; 9/64 h is also the
    # Myerson-Satterthwaite (1983) bound.
    from bargaining.auction import solve_double_auction

    h = held / 1000
    d = solve_double_auction(model_of("kursk_double_auction.json").with_parameters(kursk_held=held)).to_dict()
    assert d["exists"] and d["parties"] == ["russia", "ukraine"]
    assert (d["bid"]["slope"], d["bid"]["intercept"]) == pytest.approx((2 / 3, h / 12), abs=1e-12)
    assert (d["ask"]["slope"], d["ask"]["intercept"]) == pytest.approx((2 / 3, h / 4), abs=1e-12)
    assert d["trade_condition"] == pytest.approx({"intercept": h / 4, "slope": 1.0}, abs=1e-12)
    assert d["trade_probability"] == pytest.approx(9 / 32, abs=1e-12)
    assert d["gains_from_trade"] == pytest.approx(9 / 64 * h, abs=1e-12)
    assert d["first_best_gains"] == pytest.approx(h / 6, abs=1e-12)
    assert d["second_best_gains"] == pytest.approx(9 / 64 * h, abs=1e-12)


# ------------------------------------------------------------------ strategic games
def test_prisoners_dilemma() -> None:
    # Tucker (1950); Osborne (2004), sect. 2.2: (defect, defect) is the unique equilibrium, payoffs (1, 1).
    d = data("prisoners_dilemma.json")
    assert profiles(d["equilibria"]) == {fractions((0, 1), (0, 1))}
    assert d["equilibria"][0]["payoffs"] == {"row": 1.0, "column": 1.0}


def test_matching_pennies() -> None:
    # von Neumann & Morgenstern (1944); Osborne (2004), sect. 4.1: unique equilibrium (1/2, 1/2), value 0.
    d = data("matching_pennies.json")
    assert profiles(d["equilibria"]) == {fractions((0.5, 0.5), (0.5, 0.5))}
    assert list(d["equilibria"][0]["payoffs"].values()) == pytest.approx([0, 0], abs=1e-12)


def test_battle_of_the_sexes() -> None:
    # Luce & Raiffa (1957); Osborne (2004), sect. 4.3: two pure equilibria and the mixed
    # (2/3, 1/3), (1/3, 2/3) with payoffs (2/3, 2/3).
    d = data("battle_of_the_sexes.json")
    assert profiles(d["equilibria"]) == {
        fractions((1, 0), (1, 0)),
        fractions((2 / 3, 1 / 3), (1 / 3, 2 / 3)),
        fractions((0, 1), (0, 1)),
    }
    mixed = next(e for e in d["equilibria"] if not e["pure"])
    assert list(mixed["payoffs"].values()) == pytest.approx([2 / 3, 2 / 3])


def test_chicken() -> None:
    # The file's description: (swerve, straight), (straight, swerve), each swerving with probability 9/10.
    d = data("chicken.json")
    assert profiles(d["equilibria"]) == {
        fractions((1, 0), (0, 1)),
        fractions((0.9, 0.1), (0.9, 0.1)),
        fractions((0, 1), (1, 0)),
    }


def test_coordination_3x3_has_one_equilibrium_per_support() -> None:
    # The file's description: mixing over S with probabilities proportional to 1/a_k (a = 3, 2, 1).
    d = data("coordination_3x3.json")
    expected = [(1, 0, 0), (0, 1, 0), (0, 0, 1), (2 / 5, 3 / 5, 0), (1 / 4, 0, 3 / 4), (0, 1 / 3, 2 / 3)]
    expected.append((2 / 11, 3 / 11, 6 / 11))
    assert profiles(d["equilibria"]) == {fractions(s, s) for s in expected}


def test_entry_deterrence_segment() -> None:
    # The file's description (Selten 1978's chain-store stage game): (enter, accommodate) and the segment
    # (out, fight with probability in [1/2, 1]), whose extreme points are listed.
    d = data("entry_deterrence.json")
    assert d["degenerate"] is True
    assert profiles(d["equilibria"]) == {
        fractions((0, 1), (0, 1)),
        fractions((1, 0), (1, 0)),
        fractions((1, 0), (0.5, 0.5)),
    }
    assert sorted(len(c) for c in d["components"]) == [1, 2]


MCKELVEY_MCLENNAN = {
    # McKelvey & McLennan (1997), "The maximal number of regular totally mixed Nash equilibria", JET 72;
    # the file's description lists the nine (probabilities of strategies 1 and 2).
    fractions((1, 0), (1, 0), (1, 0)),
    fractions((1, 0), (0, 1), (0, 1)),
    fractions((0, 1), (1, 0), (0, 1)),
    fractions((0, 1), (0, 1), (1, 0)),
    fractions((1 / 2, 1 / 2), (1 / 2, 1 / 2), (1, 0)),
    fractions((1 / 3, 2 / 3), (1, 0), (1 / 4, 3 / 4)),
    fractions((0, 1), (1 / 4, 3 / 4), (1 / 3, 2 / 3)),
    fractions((1 / 2, 1 / 2), (2 / 5, 3 / 5), (1 / 4, 3 / 4)),
    fractions((2 / 5, 3 / 5), (1 / 2, 1 / 2), (1 / 3, 2 / 3)),
}


@pytest.mark.parametrize("name", ["mckelvey_mclennan_2x2x2.json", "mckelvey_mclennan_2x2x2.nfg"])
def test_mckelvey_mclennan_nine_equilibria(name: str) -> None:
    assert profiles(data(name)["equilibria"]) == MCKELVEY_MCLENNAN


def test_gambit_3x3x3_five_equilibria_two_pure() -> None:
    # The file's title (from Gambit's contrib/games):
    # "Three person 3x3x3 game with five equilibria (two pure)".
    d = data("gambit_3x3x3.nfg")
    assert d["count"] == 5 and sum(e["pure"] for e in d["equilibria"]) == 2


def test_kursk_strategic_matches_the_docs() -> None:
    # docs/games.md: one equilibrium, Ukraine 2/3 hold, 1/3 withdraw; Russia 4/7 press Donbas, 3/7 talks;
    # payoffs 36/7 and 5.
    d = data("kursk_strategic.json")
    assert profiles(d["equilibria"]) == {fractions((2 / 3, 1 / 3, 0), (0, 4 / 7, 3 / 7))}
    assert list(d["equilibria"][0]["payoffs"].values()) == pytest.approx([36 / 7, 5])


def test_kursk_strategic_us_three_equilibria() -> None:
    # Stated property: the complete support enumeration finds three equilibria (each passes the best-response
    # check above); the first has the US backing Kyiv.
    d = data("kursk_strategic_us.json")
    assert d["complete"] is True and d["count"] == 3


@pytest.mark.parametrize("name", ["selten_horse.json", "selten_horse.efg"])
def test_selten_horse_two_components(name: str) -> None:
    # Selten (1975), IJGT 4, Figure 1: one component (D, L, c with probability q), one (C, c, R with
    # probability >= 3/4). Player 1 prefers D to C iff 3 >= q + 4 (1 - q), i.e. q >= 1/3 (so q in [1/3, 1]);
    # player 2 prefers c iff 1 >= 4 P(L), i.e. P(R) >= 3/4.
    d = data(name)
    equilibria = d["nash"]["equilibria"] if "nash" in d else d["equilibria"]
    first, second = 0, 0
    for e in equilibria:
        (p1_c, _), (p2_c, _), (p3_l, p3_r) = (tuple(s.values()) for s in e["strategies"].values())
        if p1_c == pytest.approx(0) and p3_l == pytest.approx(1):
            assert p2_c >= 1 / 3 - 1e-9
            first += 1
        else:
            assert p1_c == pytest.approx(1) and p2_c == pytest.approx(1) and p3_r >= 3 / 4 - 1e-9
            second += 1
    assert first >= 2 and second >= 2  # both ends of each component


# ------------------------------------------------------------------ trees and Bayesian games
def test_entry_deterrence_tree() -> None:
    # Osborne (2004), sect. 5.2 (the entry game): the subgame perfect equilibrium is (in, acquiesce), payoffs
    # (2, 1); the Nash equilibria of its strategic form also include (out, fight with prob >= 1/2).
    d = data("entry_deterrence_tree.json")
    spe = d["subgame_perfect"]["equilibria"]
    assert len(spe) == 1 and spe[0]["strategies"] == {
        "challenger": {"challenge": "in"},
        "incumbent": {"respond": "acquiesce"},
    }
    assert spe[0]["payoffs"] == {"challenger": 2.0, "incumbent": 1.0}
    assert d["nash"]["count"] == 3


def test_kursk_tree_backward_induction_by_hand() -> None:
    # Backward induction on the file's payoffs: the US presses after talks (7 > 5) and after a failed
    # counter-attack (6 > 5); Russia compares talks (6) with a counter-attack 0.6*5 + 0.4*5 = 5 and
    # negotiates; Ukraine holds (6 > 3). Payoffs (6, 6, 7).
    d = data("kursk_tree.json")
    spe = d["subgame_perfect"]["equilibria"]
    assert len(spe) == 1
    assert spe[0]["strategies"]["ukraine"] == {"hold_or_withdraw": "hold"}
    assert spe[0]["strategies"]["russia"] == {"russian_response": "negotiate"}
    assert spe[0]["payoffs"] == {"ukraine": 6.0, "russia": 6.0, "us": 7.0}


def test_bos_uncertain_preferences() -> None:
    # Osborne (2004), sect. 9.2 (the file's description): the unique pure Bayesian equilibrium is player 1 B,
    # player 2 B if it wishes to meet and S if it wishes to avoid; player 1's expected payoff is 1.
    equilibria = data("bos_uncertain_preferences.json")["equilibria"]["equilibria"]
    pure = [e for e in equilibria if e["pure"]]
    assert len(pure) == 1
    assert pure[0]["behaviour"] == {
        "player_1": {"known": {"B": 1.0, "S": 0.0}},
        "player_2": {"meet": {"B": 1.0, "S": 0.0}, "avoid": {"B": 0.0, "S": 1.0}},
    }
    assert pure[0]["payoffs"]["player_1"] == pytest.approx(1.0)


def test_kursk_ambiguity_ex_ante_payoff_is_the_prior_average() -> None:
    # Stated property (Harsanyi 1967-68): a type's ex-ante payoff is the prior-weighted average of its interim
    # payoffs; the file's prior over Ukraine's aims is chip 1/2, buffer 3/10, diversion 1/5.
    prior = {"bargaining_chip": 0.5, "buffer_zone": 0.3, "diversion": 0.2}
    d = data("kursk_ambiguity.json")["equilibria"]
    assert d["count"] == 6
    for e in d["equilibria"]:
        interim = e["interim_payoffs"]["ukraine"]
        assert e["payoffs"]["ukraine"] == pytest.approx(sum(prior[t] * v for t, v in interim.items()))
