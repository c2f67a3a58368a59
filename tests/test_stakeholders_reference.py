"""Every reference run of the stakeholder models, reproduced to the printed precision.

The runs (``tests/data/stakeholder_reference_runs.json``, a copy of the stakeholder's
``reference_runs.json``) state each number's provenance: the compromise and weighted-median
baselines were computed by running ``mean_position()``/``median_position()`` of
jmckib/bdm-scholz-expected-utility-model @ 55f63e9; the expected-utility runs by running
that replication (the "Scholz-code" reading, its Example.log) and dmasad's
BDM_DecisionModel_Replication @ aa3899a (GroupDecisionModel.py, the paper-based reading)
on the EC car-emission example of Scholz, Calbert and Smith (2011), Table 1.
KTAB's Spatial Model of Politics runs are KTAB's own output (its 2017 reference logs, or its C++
build at lsyaseen/KTAB @ 3b5b063, the mirror of KAPSARC/KTAB master) on its scenarios, under its
defaults and under single-switch variants; they are compared to the printed precision (positions
%.4f on 0-100, win probabilities %.4f, risk attitudes %+.3f, gains %.3f/%.4f).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable
from bargaining.stakeholders import compromise, expected_utility_model, preset, weighted_median
from bargaining.stakeholders.expected_utility import eu_round
from bargaining.stakeholders.smp import smp_run
from bargaining.stakeholders.smp_options import SMPOptions
from bargaining.stakeholders.smp_state import challenge, make_state, utility

DATA = json.loads((Path(__file__).parent / "data" / "stakeholder_reference_runs.json").read_text())
CASES = DATA["cases"]
TOL = 1e-12  # the sources print every digit of a double; equal up to summation order


def table_of(case: dict[str, Any], lower: float = 0.0, upper: float = 100.0) -> StakeholderTable:
    inp = case["input"]
    actors = [Stakeholder(a["name"], a["capability"], a["positions"], a["saliences"]) for a in inp["actors"]]
    names = inp["issues"] if isinstance(inp["issues"][0], str) else [i["name"] for i in inp["issues"]]
    return StakeholderTable(actors, [StakeholderIssue(n, lower, upper) for n in names])


def close(a: Any, b: Any) -> bool:
    return bool(np.allclose(np.asarray(a, dtype=float), np.asarray(b, dtype=float), rtol=TOL, atol=TOL))


def check_baseline(case: dict[str, Any]) -> None:
    table = table_of(case)
    result = compromise(table) if case["model"] == "compromise" else weighted_median(table)
    for d, issue in enumerate(table.issue_names):
        expected = case["expected"]["per_issue"][issue]
        assert result.outcome[d] == pytest.approx(expected["value"], rel=TOL, abs=TOL)
        if "tie" in expected:
            assert any(issue in note for note in result.notes) == expected["tie"]


def check_scholz_code(case: dict[str, Any]) -> None:
    """jmckib's replication: 20 rounds of positions, risk exponents, moves, median and mean."""
    table = table_of(case, 4, 10)
    names = table.actors_names
    rounds = case["expected"]["rounds_1_20"]
    result = expected_utility_model(table, preset("scholz_code", rounds=len(rounds)))
    for t, expected in enumerate(rounds, start=1):
        assert close(result.history[t, :, 0], [expected["positions"][n] for n in names]), t
        detail = result.rounds[t - 1]
        assert close(
            [detail["risk_exponent_r"][n] for n in names], [expected["risk_exponent_r"][n] for n in names]
        )
        assert detail["weighted_median"] == pytest.approx(expected["weighted_median"], rel=TOL)
        assert detail["mean"] == pytest.approx(expected["mean"], rel=TOL)
        moves = [m for m in result.moves if m.round == t]
        assert [(m.actor, m.kind, m.counterpart) for m in moves] == [
            (m["actor"], m["type"], m["with"]) for m in expected["moves"]
        ]
        for m, e in zip(moves, expected["moves"], strict=True):
            assert close(
                [m.end, m.values["eu_ij"], m.values["eu_ji"]], [e["new_pos"], e["eu_ij"], e["eu_ji"]]
            )
    assert case["expected"]["initial"]["median"] == weighted_median(table).outcome[0]
    assert compromise(table).outcome[0] == pytest.approx(case["expected"]["initial"]["mean"], rel=TOL)
    check_scholz_internals(case, table)


def check_scholz_internals(case: dict[str, Any], table: StakeholderTable) -> None:
    """Round 1 inside: dangers, the probability matrix, both expected utilities per pair, the offers."""
    inside = case["expected"]["round1_internals"]
    names = list(table.actors_names)
    x, c, s = table.positions[:, 0], table.capabilities, table.saliences[:, 0]
    step = eu_round(x, c, s, float(x.max() - x.min()), preset("scholz_code"))
    assert close(step.danger, [inside["danger_level_with_r_eq_1"][n] for n in names])
    assert close(step.r, [inside["risk_exponent_r"][n] for n in names])
    order = [names.index(n) for n in inside["prob_i_beats_j"]["names"]]
    # the recorded matrix is the one the dangers use, every r = 1
    assert close(step.risk_probability[np.ix_(order, order)], inside["prob_i_beats_j"]["matrix"])
    for a, row in inside["eu_from_perspective_of_receiver"].items():
        for b, pair in row.items():
            i, j = names.index(a), names.index(b)
            assert close(
                [step.eu_own[i, j], step.eu_other[i, j]],
                [pair["eu_a_challenges_b"], pair["eu_b_challenges_a"]],
            )
    for a, offers in inside["offers"].items():
        i = names.index(a)
        best = offers["best"]
        if best is None:
            assert step.offer[i] == -1, a
        else:
            assert names[step.offer[i]] == best["from"] and step.kind[i] == best["type"], a
            assert step.new_positions[i] == pytest.approx(best["position"], rel=TOL)


def check_gdm(case: dict[str, Any]) -> None:
    """dmasad's paper-based replication: 12 rounds, and round 1's every expected utility and probability."""
    table = table_of(case, case["input"]["switches"]["xmin"], case["input"]["switches"]["xmax"])
    names = list(table.actors_names)
    rounds = case["expected"]["rounds_1_12"]
    result = expected_utility_model(table, preset("gdm", rounds=len(rounds)))
    for t, expected in enumerate(rounds, start=1):
        assert close(result.history[t, :, 0], [expected["positions"][n] for n in names]), t
        detail = result.rounds[t - 1]
        assert close([detail["risk_exponent_r"][n] for n in names], [expected["r"][n] for n in names])
        # vote() returns the weighted median: its largest pairwise margin is M_k - M_j, M = sum w|x - .|
        assert detail["weighted_median"] == pytest.approx(expected["vote_after"], rel=TOL)
        assert detail["mean"] == pytest.approx(expected["find_mean_after"], rel=TOL)
        kinds = {
            "loses confrontation to": "confrontation",
            "compromises with": "compromise",
            "capitulates to": "capitulation",
        }
        printed = []
        for line in expected["moves_printed"]:
            for phrase, kind in kinds.items():
                if phrase in line:
                    who, other = line.split(f" {phrase} ")
                    printed.append((who, kind, other))
        assert [(m.actor, m.kind, m.counterpart) for m in result.moves if m.round == t] == printed
    x, c, s = table.positions[:, 0], table.capabilities, table.saliences[:, 0]
    step = eu_round(x, c, s, 6.0, preset("gdm"))
    for i, row in case["expected"]["round1_all_EU"].items():
        for j, value in row.items():
            assert step.eu_own[names.index(i), names.index(j)] == pytest.approx(value, rel=TOL, abs=TOL)
    for i, row in case["expected"]["round1_all_probs"].items():
        for j, value in row.items():
            assert step.probability[names.index(i), names.index(j)] == pytest.approx(value, rel=TOL, abs=TOL)
    initial = case["expected"]["initial"]
    assert weighted_median(table).outcome[0] == initial["vote"]
    assert compromise(table).outcome[0] == pytest.approx(initial["find_mean"], rel=TOL)


def ktab_inputs(case: dict[str, Any]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray, SMPOptions]:
    inp = case["input"]
    names = [a["name"] for a in inp["actors"]]
    x = np.array([a["positions"] for a in inp["actors"]]) / 100
    s = np.array([a["saliences"] for a in inp["actors"]]) / 100
    c = np.array([a["capability"] for a in inp["actors"]])
    pairs = inp["ideal_adjustment"]
    adjust = (
        []
        if isinstance(pairs, str)
        else [(names.index(p["adjustingIdeal"]), names.index(p["referencePos"]), p["adjust"]) for p in pairs]
    )
    return (
        names,
        x,
        s,
        c,
        SMPOptions.from_ktab(inp["switches"], ideal_adjustment=adjust, seed=int(inp["seed"])),
    )


def within(got: Any, expected: Any, digits: int) -> bool:
    """Equal as printed with ``digits`` decimals (half a unit of the last digit, plus rounding slack)."""
    return bool(
        np.all(np.abs(np.asarray(got, float) - np.asarray(expected, float)) <= 0.5 * 10.0**-digits + 1e-9)
    )


def check_challenges(
    case: dict[str, Any],
    names: list[str],
    states: list[Any],
    s: np.ndarray,
    c: np.ndarray,
    o: SMPOptions,
    run: Any,
) -> None:
    """Each turn's target and gain, and the four estimates KTAB logs for it."""
    turns = case["expected"].get("challenges_by_turn") or case["expected"].get("turn0_challenges")
    estimates = case["expected"].get("turn0_challenge_estimates_4dp", [])
    for entry in turns:
        logged = run.challenges[entry["turn"]][entry["i"]]
        assert logged["j"] == entry["j"], entry
        if entry["j"] is not None:
            assert within(logged["edu"], entry["edu_3dp"], 3), entry
        for est in entry.get("estimates_4dp", []) + [
            e for e in estimates if e["i"] == entry["i"] and entry["turn"] == 0
        ]:
            idx = [np.array([v]) for v in (est["estimator_h"], est["gain_to_k"], entry["i"], entry["j"])]
            phi, gain = challenge(states[entry["turn"]], s.sum(axis=1), c, o, *idx)
            assert within(phi[0], est["p_i_beats_j"], 4) and within(gain[0], est["expected_gain"], 4), est


def check_ktab(case: dict[str, Any]) -> None:
    names, x, s, c, o = ktab_inputs(case)
    e = case["expected"]
    run = smp_run(x, s, c, o)
    states = [make_state(p, y, s, c, o) for p, y in zip(run.positions, run.ideals, strict=True)]
    if "num_states" not in e:  # the stochastic sample: only state 0 and turn 0 are stable in KTAB
        assert within(run.win[0], [e["state0_win_prob_4dp"][n] for n in names], 4)
        assert within(run.risk[0], e["state0_risk_attitudes_3dp"], 3)
        check_challenges(case, names, states, s, c, o, run)
        return
    assert len(run.positions) == e["num_states"] and run.stopped_by == e["stopped_by"]
    assert within(run.ratios, e["fractional_change_by_iteration_4dp"], 4)
    for t in range(e["num_states"]):
        assert within(100 * run.positions[t], [e["positions_by_state_4dp"][n][t] for n in names], 4), t
        assert within(run.win[t], [e["win_prob_by_state_4dp"][n][t] for n in names], 4), t
        assert within(run.risk[t], e["risk_attitudes_by_state_3dp"][t], 3), t
        if "ideals_by_state_4dp" in e:
            assert within(100 * run.ideals[t], [e["ideals_by_state_4dp"][n][t] for n in names], 4), t
    for k, n in enumerate(names):
        assert within(100 * np.array(run.positions)[:, k].T, e["positions_history_1dp"][n], 1)
    if "state0_raw_value_matrix_3dp" in e:
        assert within(1 - states[0].d, e["state0_raw_value_matrix_3dp"], 3)
        assert within(
            utility(states[0].d, states[0].risk[:, None]), e["state0_risk_aware_utility_matrix_4dp"], 4
        )
    check_challenges(case, names, states, s, c, o, run)


def test_ktab_big_r_adjust_full_fails_its_own_check() -> None:
    """KTAB's BigRAdjust=Full always throws (models.md §1.6): reproduced with sanity_checks="ktab"."""
    from bargaining.errors import SolverError

    case = next(c for c in CASES if c["id"] == "ktab_EC10_1d_default")
    names, x, s, c, o = ktab_inputs(case)
    with pytest.raises(SolverError, match="out of valid range"):
        smp_run(x, s, c, o.__class__(**{**o.to_dict(), "big_r_adjust": "Full", "sanity_checks": "ktab"}))
    assert len(smp_run(x, s, c, o.__class__(**{**o.to_dict(), "big_r_adjust": "Full"})).positions) > 1


def test_ktab_full_commit_and_no_commit_run_alike() -> None:
    case = next(c for c in CASES if c["id"] == "ktab_EC10_1d_ThirdPartyCommit=NoCommit")
    names, x, s, c, o = ktab_inputs(case)
    full = smp_run(x, s, c, o.__class__(**{**o.to_dict(), "third_party_commit": "FullCommit"}))
    none = smp_run(x, s, c, o)
    assert np.array_equal(np.array(full.positions), np.array(none.positions))


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_reference_run(case: dict[str, Any]) -> None:
    if case["model"] in ("compromise", "weighted_median"):
        check_baseline(case)
    elif case["id"] == "bdm_scholz_EC10_scholzcode":
        check_scholz_code(case)
    elif case["id"] == "bdm_gdm_EC10":
        check_gdm(case)
    elif case["model"] == "ktab_smp":
        check_ktab(case)
    else:
        pytest.fail(f"no check for reference run {case['id']!r}: add one")
