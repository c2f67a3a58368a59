"""Stochastic bargaining (Merlo & Wilson 1995, Econometrica 63(2), 371-399): known answers and independent
checks.

The independent references are plain-Python loops written here (the one-shot deviation conditions and a
finite-horizon backward induction), exact fractions, this package's Rubinstein solver, and a Monte Carlo
chi-square test against the exact absorbing-chain distribution.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from bargaining.cli import cli
from bargaining.dynamic import simulate, stationary_equilibrium
from bargaining.errors import SpecError
from bargaining.io.stochastic_bargaining import from_dict, to_dict
from bargaining.sequential.rubinstein import rubinstein_solution

GAMES = Path(__file__).resolve().parents[1] / "games"


def alternating(d1: float, d2: float) -> Any:
    """Rubinstein (1982) as a two-state chain: in state 0 player 1 proposes, in state 1 player 2; a rejection
    moves to the other state. The pie (1) and the fighting payoffs (0) never change."""
    return stationary_equilibrium([1, 1], [[0, 0], [0, 0]], [1, 0], [[0, 1], [1, 0]], [d1, d2])


@pytest.mark.parametrize(("d1", "d2"), [(0.9, 0.8), (0.5, 0.5), (0.99, 0.6), (0.3, 0.95)])
def test_constant_state_gives_rubinstein_shares(d1: float, d2: float) -> None:
    # Rubinstein (1982), Econometrica 50(1): the first proposer gets (1 - d2) / (1 - d1 d2).
    result = alternating(d1, d2)
    formula = (1 - d2) / (1 - d1 * d2)
    assert result.values[0, 0] == pytest.approx(formula, abs=1e-12)
    assert result.values[0, 1] == pytest.approx(1 - formula, abs=1e-12)
    ours = rubinstein_solution((d1, d2), first_proposer=0).shares
    assert result.values[0] == pytest.approx(ours, abs=1e-12)
    assert result.agree.all() and result.expected_delay[0] == 0


@pytest.mark.parametrize(
    ("p", "d1", "d2"), [("1/2", "9/10", "9/10"), ("1/3", "4/5", "9/10"), ("3/4", "1/2", "7/8")]
)
def test_single_state_random_proposer_matches_exact_fractions(p: str, d1: str, d2: str) -> None:
    # One constant state, proposer drawn each period (Binmore, Rubinstein & Wolinsky 1986, random proposer;
    # Merlo & Wilson 1995 with one state): v_i (1 - d_i) = p_i G and G = 1 / (1 + sum_i d_i p_i / (1 - d_i)).
    pf, a, b = Fraction(p), Fraction(d1), Fraction(d2)
    gap = 1 / (1 + a * pf / (1 - a) + b * (1 - pf) / (1 - b))
    exact = (pf * gap / (1 - a), (1 - pf) * gap / (1 - b))
    result = stationary_equilibrium([1], [[0, 0]], [float(pf)], [[1]], [float(a), float(b)])
    assert result.values[0] == pytest.approx([float(x) for x in exact], abs=1e-12)


def growing_pie(low: float = 1.0) -> Any:
    return stationary_equilibrium(
        [low, 2.0],
        [[0, 0], [0, 0]],
        [0.5, 0.5],
        [[0.5, 0.5], [0, 1]],
        [0.9, 0.9],
        state_names=("low", "high"),
    )


def test_expected_growth_of_the_pie_delays_agreement() -> None:
    # Merlo & Wilson (1995): delay can be the (unique) stationary outcome when the surplus is expected to
    # grow. By hand: in 'high' (absorbing, pie 2, p = 1/2, d = 0.9) each gets 1. If the parties wait in
    # 'low', v_i(low) = d [(1 - q) v_i(low) + q * 1] with q = 0.5, so v_i(low) = 0.45 / 0.55 = 9/11, and
    # w_1 + w_2 = 18/11 > 1 = S(low): no offer the responder accepts leaves the proposer its continuation,
    # so they wait. Agreeing in 'low' is no equilibrium either: then v_1 + v_2 = 1 there and
    # w_1 + w_2 = 0.9 (0.5 * 1 + 0.5 * 2) = 1.35 > 1. Expected delay 1/q = 2 periods; agreement always in
    # 'high'.
    result = growing_pie()
    assert not result.agree[0] and result.agree[1]
    assert result.values[0] == pytest.approx([9 / 11, 9 / 11], abs=1e-12)
    assert result.values[1] == pytest.approx([1, 1], abs=1e-12)
    assert result.expected_delay[0] == pytest.approx(2.0, abs=1e-12)
    assert result.at_agreement[0] == pytest.approx([0, 1], abs=1e-12)
    assert result.delay_states == ("low",)
    assert "no deal in states: low" in result.to_table()


def test_a_state_without_a_feasible_agreement_is_an_answer_not_an_error() -> None:
    # Issue 12: a state in which no agreement is feasible (a negative pie) but which the parties can leave
    # is reported ("no deal in states ..."); they wait for 'high' (values 1 each there, 9/11 in 'low').
    result = growing_pie(low=-1.0)
    assert not result.agree[0] and result.delay_states == ("low",)
    assert result.values[0] == pytest.approx([9 / 11, 9 / 11], abs=1e-12)
    assert "no deal in states: low" in result.to_table()


def test_a_large_enough_pie_today_is_taken_at_once() -> None:
    # Same example with S(low) above 18/11 (the value of waiting): agreement at once, no delay.
    result = growing_pie(low=1.7)
    assert result.agree.all() and result.expected_delay[0] == 0


# ------------------------------------------------------------------ independent checks on random models
def random_model(rng: np.random.Generator, n: int) -> dict[str, Any]:
    matrix = rng.random((n, n)) ** 3
    matrix /= matrix.sum(axis=1, keepdims=True)
    return {
        "pie": rng.uniform(0, 2, n),
        "fighting": rng.uniform(-0.2, 0.1, (n, 2)),
        "proposer": rng.random(n),
        "transitions": matrix,
        "discounts": rng.uniform(0.5, 0.95, 2),
    }


def one_shot_residual(model: dict[str, Any], values: np.ndarray) -> float:
    """The largest violation of the one-shot deviation conditions, in plain Python loops.

    In state s the responder j accepts an offer x_j iff x_j >= w_j (rejecting is worth w_j); the proposer i
    best offers w_j if S - w_j >= w_i and otherwise makes no acceptable offer (worth w_i). The value v_i(s)
    must equal the expectation over who proposes."""
    n = len(model["pie"])
    worst = 0.0
    for s in range(n):
        w = [
            model["fighting"][s][i]
            + model["discounts"][i] * sum(model["transitions"][s][t] * values[t][i] for t in range(n))
            for i in range(2)
        ]
        for i in range(2):
            j = 1 - i
            as_proposer = max(model["pie"][s] - w[j], w[i])  # best deviation: any offer, or none
            as_responder = w[i]  # offered exactly its continuation, or the proposer fights: w_i either way
            p_i = model["proposer"][s] if i == 0 else 1 - model["proposer"][s]
            expected = p_i * as_proposer + (1 - p_i) * as_responder
            worst = max(worst, abs(expected - values[s][i]))
    return worst


def backward_induction(model: dict[str, Any], horizon: int) -> list[list[float]]:
    """Values of the game that ends with 0 to both after ``horizon`` periods, by plain backward induction."""
    n = len(model["pie"])
    values = [[0.0, 0.0] for _ in range(n)]
    for _ in range(horizon):
        new = []
        for s in range(n):
            w = [
                model["fighting"][s][i]
                + model["discounts"][i] * sum(model["transitions"][s][t] * values[t][i] for t in range(n))
                for i in range(2)
            ]
            p = (model["proposer"][s], 1 - model["proposer"][s])
            row = []
            for i in range(2):
                j = 1 - i
                agree = model["pie"][s] >= w[0] + w[1]
                row.append(p[i] * (model["pie"][s] - w[j] if agree else w[i]) + p[j] * w[i])
            new.append(row)
        values = new
    return values


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 2**32 - 1), st.integers(1, 8))
def test_values_satisfy_the_one_shot_deviation_conditions(seed: int, n: int) -> None:
    model = random_model(np.random.default_rng(seed), n)
    result = stationary_equilibrium(**model)
    assert result.residual < 1e-10
    assert one_shot_residual(model, result.values.tolist()) < 1e-10


def test_finite_horizon_backward_induction_converges_to_the_values() -> None:
    model = random_model(np.random.default_rng(7), 6)
    result = stationary_equilibrium(**model)
    beta = float(max(model["discounts"]))
    errors = [
        float(np.abs(np.array(backward_induction(model, t)) - result.values).max()) for t in (5, 20, 80, 320)
    ]
    assert errors == sorted(errors, reverse=True)
    assert errors[-1] < 1e-10
    scale = 2 + 0.2 / (1 - beta)
    for t, e in zip((5, 20, 80, 320), errors, strict=True):
        assert e <= 2 * beta**t * scale + 1e-14  # the contraction bound


def test_large_model_converges_with_a_reported_residual() -> None:
    model = random_model(np.random.default_rng(3), 300)
    model["discounts"] = np.array([0.99, 0.98])
    result = stationary_equilibrium(**model)
    assert result.residual < 1e-10 and result.error_bound < 1e-8
    assert result.modulus == 0.99


# ------------------------------------------------------------------ Monte Carlo against the exact chain
def branching() -> tuple[Any, np.ndarray]:
    matrix = np.array(
        [[0.5, 0.3, 0.2, 0.0], [0.0, 1.0, 0.0, 0.0], [0.0, 0.0, 0.5, 0.5], [0.0, 0.0, 0.0, 1.0]]
    )
    result = stationary_equilibrium(
        [0.5, 3.0, 0.5, 2.0],
        np.zeros((4, 2)),
        [0.5] * 4,
        matrix,
        [0.9, 0.9],
        state_names=("a", "b", "c", "d"),
    )
    return result, matrix


def test_exact_distribution_at_agreement_matches_the_chain_run_long() -> None:
    result, matrix = branching()
    assert result.agreement_states == ("b", "d")
    stopped = matrix.copy()
    for k in np.flatnonzero(result.agree):
        stopped[k] = np.eye(4)[k]
    limit = np.linalg.matrix_power(stopped, 2000)[0]
    assert result.at_agreement[0] == pytest.approx(limit, abs=1e-12)
    assert result.at_agreement[0] == pytest.approx([0, 0.6, 0, 0.4], abs=1e-12)


def test_monte_carlo_state_at_agreement_passes_a_chi_square_test() -> None:
    from scipy.stats import chisquare

    result, matrix = branching()
    paths = simulate(result, matrix, periods=60, runs=10_000, seed=12345)
    counts = paths.state_counts[result.agree]
    assert counts.sum() == 10_000  # 0.5^60: no run still fighting
    expected = result.at_agreement[0][result.agree] * 10_000
    assert chisquare(counts, expected).pvalue > 0.01
    assert paths.mean_delay == pytest.approx(result.expected_delay[0], rel=0.05)


# ------------------------------------------------------------------ specs and bad input
def spec(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "format": "bargaining",
        "version": 1,
        "kind": "stochastic_bargaining",
        "parameters": [{"name": "q", "value": 0.5}],
        "players": [{"name": "a", "discount": 0.9}, {"name": "b", "discount": 0.9}],
        "states": [{"name": "low", "pie": 1}, {"name": "high", "pie": 2}],
        "transitions": [["1 - q", "q"], [0, 1]],
    }
    data.update(changes)
    return data


def test_spec_round_trips_and_solves_like_the_arrays() -> None:
    model = from_dict(spec())
    assert from_dict(to_dict(model)) == model
    assert from_dict(json.loads(json.dumps(to_dict(model)))) == model
    from bargaining.dispatch import solve_model

    assert solve_model(model).values == pytest.approx(growing_pie().values, abs=1e-12)


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"transitions": [[0.5, 0.4], [0, 1]]}, "transitions[0]"),
        ({"transitions": [[1.5, -0.5], [0, 1]]}, "transitions[0][1]"),
        ({"players": [{"name": "a", "discount": 1}, {"name": "b", "discount": 0.9}]}, "players[0].discount"),
        ({"players": [{"name": "a", "discount": 0.9}, {"name": "b", "discount": 0}]}, "players[1].discount"),
        (
            {"states": [{"name": "low", "pie": 1}, {"name": "high", "pie": 2, "fighting": {"a": 1}}]},
            "states[1]",
        ),
        ({"states": [{"name": "low", "pie": 1}, {"name": "high", "proposer": 2}]}, "states[1].proposer"),
        ({"fighting": {"a": "nope"}}, "fighting.a"),
        ({"transitions": [[1, 0]]}, "transitions"),
        ({"initial_state": "middle"}, "initial_state"),
        # an absorbing state without a feasible agreement (pie -1 below the 0 of fighting forever)
        ({"states": [{"name": "low", "pie": 1}, {"name": "high", "pie": -1}]}, "states[1]"),
    ],
)
def test_bad_input_names_its_json_path(changes: dict[str, Any], path: str) -> None:
    with pytest.raises(SpecError) as info:
        from_dict(spec(**changes))
    assert info.value.path == path


def test_cli_exits_2_with_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spec(transitions=[[0.5, 0.4], [0, 1]])))
    for command in (["solve", str(bad)], ["simulate", str(bad)]):
        out = CliRunner().invoke(cli, command)
        assert out.exit_code == 2, out.output
        assert len(out.output.strip().splitlines()) == 1 and "transitions[0]" in out.output


# ------------------------------------------------------------------ the shipped Kursk scenario
def test_kursk_over_time_fighting_forever_is_worth_kursk_json_disagreement() -> None:
    # The documented mapping: f_i(s) / (1 - delta) is games/kursk.json's disagreement utility at the
    # state's km².
    from bargaining.io import read

    over_time = read(GAMES / "kursk_over_time.json")
    static = read(GAMES / "kursk.json")
    a = over_time.arguments()
    for k, state in enumerate(over_time.states):
        held = dict(state.values)["kursk_held"]
        d = static.with_parameters(kursk_held=held).disagreement_point()
        assert a["fighting"][k] / (1 - a["discounts"]) == pytest.approx(d, abs=1e-12)


def test_kursk_over_time_table_and_simulation() -> None:
    out = CliRunner().invoke(cli, ["solve", str(GAMES / "kursk_over_time.json")])
    assert out.exit_code == 0 and "peak (start)" in out.output
    out = CliRunner().invoke(
        cli,
        ["simulate", str(GAMES / "kursk_over_time.json"), "--runs", "500", "--seed", "1", "--format", "json"],
    )
    assert out.exit_code == 0
    data = json.loads(out.output)
    assert data["runs"] == 500 and data["share_agreed_by_period"][-1] == 1.0


def test_sweeping_the_counterattack_rate_lowers_ukraines_value_of_the_chip() -> None:
    # The sensitivity commands work on the kind through the registry: a faster counterattack erodes the
    # chip sooner, so Ukraine's value at the peak falls (and at counterattack 0 it keeps the peak forever).
    out = CliRunner().invoke(
        cli,
        [
            "sweep",
            str(GAMES / "kursk_over_time.json"),
            "--param",
            "counterattack=0:1:3",
            "--columns",
            "states.0.values.ukraine",
            "--format",
            "json",
        ],
    )
    assert out.exit_code == 0, out.output
    values = [r["states.0.values.ukraine"] for r in json.loads(out.output)["records"]]
    assert values[0] > values[1] > values[2]


def test_the_shipped_kursk_equilibrium_passes_the_independent_checks() -> None:
    # Every computed equilibrium is checked independently (issue 12): the shipped Kursk model, not only
    # random ones, against the plain-Python one-shot deviation conditions and backward induction.
    from bargaining.io import read

    a = read(GAMES / "kursk_over_time.json").arguments()
    model = {k: a[k] for k in ("pie", "fighting", "proposer", "transitions", "discounts")}
    result = stationary_equilibrium(**model)
    assert result.residual < 1e-10
    assert one_shot_residual(model, result.values.tolist()) < 1e-10
    errors = [
        float(np.abs(np.array(backward_induction(model, t)) - result.values).max()) for t in (50, 200, 1000)
    ]
    assert errors == sorted(errors, reverse=True) and errors[-1] < 1e-10


@pytest.mark.parametrize(("weight_ukraine", "weight_russia"), [(0.05, 0.3), (0.1, 0.2)])
def test_threshold_finds_where_holding_the_chip_stops_paying(
    weight_ukraine: float, weight_russia: float
) -> None:
    # By hand, for games/kursk_over_time.json (proposer probability 1/2, agreement in every state, a pie
    # that does not depend on the state): v_ukraine(s) = (S + D(s)) / 2 with D = v_u - v_r solving
    # D = f_u - f_r + delta P D. The km² held enter f_u - f_r only through
    # (1 - delta) (kursk_weight_ukraine - holding_cost + kursk_weight_russia) held / peak, so holding stops
    # paying (Ukraine's value at the peak equals its value once the chip is lost) exactly at
    # holding_cost = kursk_weight_ukraine + kursk_weight_russia, in every state at once.
    from bargaining.dispatch import solve_model
    from bargaining.io import read
    from bargaining.sensitivity.threshold import threshold

    model = read(GAMES / "kursk_over_time.json").with_parameters(
        kursk_weight_ukraine=weight_ukraine, kursk_weight_russia=weight_russia
    )
    lost = float(solve_model(model).values[-1][0])
    found = threshold(model, "holding_cost", f"states.0.values.ukraine = {lost!r}", num=11, solution="all")
    assert [t.direction for t in found.thresholds] == ["falls"]
    assert found.thresholds[0].value == pytest.approx(weight_ukraine + weight_russia, abs=1e-9)
    below = solve_model(model.with_parameters(holding_cost=weight_ukraine + weight_russia - 0.01)).values
    assert below[0][0] > lost  # cheaper to hold: the chip is worth holding


def test_threshold_command_works_on_the_kind_with_its_default_solution() -> None:
    # `bargain threshold` defaults to --solution nash; the kind has one equilibrium and ignores the name
    # (as the war kinds do) instead of failing with "unknown outcome ... (outcomes: error)".
    out = CliRunner().invoke(
        cli,
        [
            "threshold",
            str(GAMES / "kursk_over_time.json"),
            "--param",
            "holding_cost",
            "--when",
            "states.0.values.ukraine = 0.217",
        ],
    )
    assert out.exit_code == 0, out.output
    assert "holding_cost = 0.35: states.0.values.ukraine goes below 0.217" in out.output


def test_kursk_over_time_public_figures_carry_their_dates_and_sources() -> None:
    # The figures the states take from the public record, with the statement each rests on (checked
    # against news reports: Syrskyi on 12 and 27 August 2024, UNN / The Kyiv Independent / Ukrinform; Russia's
    # General Staff on 26 April 2025, Al Jazeera, disputed by Ukraine's General Staff). The other
    # representative values are labelled assumptions.
    data = json.loads((GAMES / "kursk_over_time.json").read_text())
    states = {s["name"]: s for s in data["states"]}
    assert [s["values"]["kursk_held"] for s in data["states"]] == [1294, 1000, 600, 200, 0]
    assert "1,294 km², Syrskyi's figure of 27 August 2024" in states["peak"]["description"]
    assert "about 1,000 km², Syrskyi's figure of 12 August 2024" in states["held_1000"]["description"]
    for name in ("held_600", "held_200"):
        assert "is an assumption" in states[name]["description"]
    assert "disputed" in states["lost"]["description"] and "26 April 2025" in states["lost"]["description"]
    for point in ("6 August 2024", "12 August 2024", "27 August 2024", "23 November 2024", "13 March 2025"):
        assert point in data["source"]
    assert "One side's claim, disputed" in data["source"]
