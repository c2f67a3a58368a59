"""Sweeps, Monte Carlo and Sobol indices over an actor table's cells (issue 14, item 3).

The compromise forecast has a closed form, :math:`\\sum_i c_i s_i x_i / \\sum_i c_i s_i`: the
sweep is checked against it in exact rational arithmetic (``fractions.Fraction``), and the
Sobol indices against what that form implies (an outcome that depends on one input only has
first-order and total index 1 for it, 0 for any other).
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from strategies import GAMES, run

from bargaining.errors import SpecError
from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable
from bargaining.sensitivity import sweep
from bargaining.sensitivity.montecarlo import monte_carlo
from bargaining.sensitivity.outcomes import evaluate
from bargaining.sensitivity.sobol import sobol_indices
from bargaining.stakeholders import expected_utility_model, weighted_median

ROWS = [("Kyiv", 15, (100, 20), (0.9, 0.4)), ("Washington DC", 35, (45, 70), (0.5, 0.2))]
ROWS.append(("Moscow", 30, (0, 100), (0.95, 0.7)))


def table() -> StakeholderTable:
    actors = [Stakeholder(n, c, [float(p) for p in x], s) for n, c, x, s in ROWS]
    return StakeholderTable(actors, [StakeholderIssue("security"), StakeholderIssue("kursk_returned")])


def exact_compromise(salience_of_kyiv_on_security: float) -> Fraction:
    cells = [(Fraction(c), Fraction(s[0]), Fraction(x[0])) for _, c, x, s in ROWS]
    cells[0] = (cells[0][0], Fraction(salience_of_kyiv_on_security), cells[0][2])
    return sum((c * s * x for c, s, x in cells), Fraction(0)) / sum((c * s for c, s, _ in cells), Fraction(0))


def test_cells_are_parameters_with_their_ranges() -> None:
    t = table()
    names = [p.name for p in t.parameters]
    assert names[:3] == ["Kyiv.capability", "Kyiv.security.position", "Kyiv.security.salience"]
    assert len(names) == 3 * (1 + 2 * 2)
    changed = t.with_parameters({"Washington DC.kursk_returned.position": 10, "Moscow.capability": 5})
    assert changed.actors[1].positions == (45.0, 10.0) and changed.actors[2].capability == 5.0
    assert changed.actors[0] == t.actors[0]
    with pytest.raises(SpecError, match=r"did you mean 'Kyiv.security.salience'"):
        t.with_parameters({"Kyiv.securty.salience": 0.5})
    with pytest.raises(SpecError, match=r"Kyiv.security.salience = 1.5 is off its range \[0, 1\]"):
        t.with_parameters({"Kyiv.security.salience": 1.5})
    with pytest.raises(SpecError, match=r"Moscow.capability = 0 is off its range \(0, inf\)"):
        t.with_parameters({"Moscow.capability": 0})


def test_a_sweep_moves_the_compromise_by_its_closed_form() -> None:
    values = [0.0, 0.1, 0.35, 0.8, 1.0]
    result = sweep(table(), "Kyiv.security.salience", values, solution="compromise")
    got = result.column("compromise.security")
    assert got == pytest.approx([float(exact_compromise(v)) for v in values], rel=1e-14)
    # the issue whose weights did not change stays put; the per-point path gives the same rows
    assert np.ptp(result.column("compromise.kursk_returned")) == 0
    for point, row in zip(result.points, result.rows, strict=True):
        slow = evaluate(table(), point, "compromise")
        assert slow.keys() == row.keys()
        assert [slow[k] for k in slow] == pytest.approx([row[k] for k in row], rel=1e-14)


def test_a_sweep_of_the_simulations_is_the_model_at_each_point() -> None:
    result = sweep(table(), "Moscow.capability", [10.0, 60.0], solution="bdm")
    for point, value in zip(result.points, result.column("bdm.security"), strict=True):
        assert value == expected_utility_model(table().with_parameters(point)).outcome[0]
    result = sweep(table(), "Kyiv.security.position", [0.0, 50.0, 100.0], solution="median")
    for point, value in zip(result.points, result.column("median.security"), strict=True):
        assert value == weighted_median(table().with_parameters(point)).outcome[0]


def test_a_point_off_a_cells_range_is_an_error_row() -> None:
    from bargaining.sensitivity.runner import evaluate_points

    rows = evaluate_points(
        table(), [{"Kyiv.security.salience": 2.0}, {"Kyiv.security.salience": 0.5}], "compromise"
    )
    assert "off its range" in rows[0]["error"] and "compromise.security" in rows[1]


def test_a_seeded_monte_carlo_is_reproducible() -> None:
    dists = {"Kyiv.security.salience": "uniform", "Moscow.security.position": "uniform:0:30"}
    a = monte_carlo(table(), 8, seed=7, distributions=dists, solution="bdm")
    b = monte_carlo(table(), 8, seed=7, distributions=dists, solution="bdm")
    c = monte_carlo(table(), 8, seed=8, distributions=dists, solution="bdm")
    assert a.rows == b.rows and np.array_equal(a.samples, b.samples)
    assert not np.array_equal(a.samples, c.samples)
    assert np.isnan(a.agreement_probability)  # a forecast has no agreement to count
    assert "agreement exists" not in a.to_table() and a.to_dict()["agreement_probability"] is None


def test_sobol_indices_of_an_outcome_that_depends_on_one_input() -> None:
    # compromise.security depends on Kyiv's salience on security only: S = S_T = 1 for it and 0
    # (the total index exactly, since swapping that column changes nothing) for the other input
    dists = {"Kyiv.security.salience": "uniform", "Moscow.kursk_returned.salience": "uniform"}
    result = sobol_indices(
        table(),
        "compromise.security",
        2000,
        seed=3,
        distributions=dists,
        solution="compromise",
        bootstrap=200,
    )
    assert result.first_order[0] == pytest.approx(1, abs=0.08)
    assert result.total[0] == pytest.approx(1, abs=0.08)
    assert result.first_order[1] == pytest.approx(0, abs=0.05)
    assert result.total[1] == 0


def test_the_commands_take_cells() -> None:
    spec = str(GAMES / "kursk_stakeholders.json")
    code, out, _ = run(
        "sweep", spec, "--param", "Kyiv.security.salience=0:1:3", "-s", "compromise", "--format", "json"
    )
    assert code == 0
    records = json.loads(out)["records"]
    assert [r["Kyiv.security.salience"] for r in records] == [0.0, 0.5, 1.0]
    assert records[0]["compromise.security"] < records[2]["compromise.security"]
    code, out, _ = run(
        "montecarlo",
        spec,
        "--dist",
        "Kyiv.security.salience=uniform",
        "-s",
        "compromise",
        "-n",
        "50",
        "--seed",
        "1",
    )
    assert code == 0 and "compromise.security" in out
    code, _, err = run("sweep", spec, "--param", "Kyiv.securty.salience=0:1:3", "-s", "compromise")
    assert code == 2 and "Kyiv.security.salience" in err
    code, _, err = run("sweep", spec, "--param", "Kyiv.security.salience=0:2:3", "-s", "compromise")
    assert code == 2 and "range" in err
    code, _, err = run("sweep", spec, "--param", "Kyiv.security.salience=0:1:3", "-s", "bogus")
    assert code == 2 and "unknown stakeholder model 'bogus'" in err
