"""Sweeps and grids: each point agrees with solving that point alone; records, CSV, JSON; bad ranges."""

from __future__ import annotations

import csv
import io
import json
from functools import partial

import numpy as np
import pytest
from strategies import ROOT
from strategies import dollar as shared_dollar

from bargaining.io import load
from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party
from bargaining.sensitivity import RangeError, UnknownOutcomeError, flatten_result, grid, parse_axis, sweep
from bargaining.sensitivity.batch import fast_row
from bargaining.sensitivity.runner import evaluate_points
from bargaining.sequential import solve_alternating_offers
from bargaining.solutions.concepts import solve, solve_all
from bargaining.war import solve_war

KURSK = load(ROOT / "games" / "kursk.json")


# Divide the dollar with disagreement values d_a, d_b: Nash share d_a + (1 - d_a - d_b)/2.
dollar = partial(shared_dollar, unit="dollars", name="dollar")


def test_kursk_sweep_agrees_point_by_point_with_solving_each_point_alone() -> None:
    result = sweep(KURSK, "kursk_held", [0.0, 300.0, 1000.0, 1294.0], solution="all")
    for value, row in zip([0.0, 300.0, 1000.0, 1294.0], result.rows, strict=True):
        alone = solve_all(KURSK.with_parameters(kursk_held=value))
        expected = flatten_result(alone.to_dict())
        assert set(row) == set(expected)
        for key, v in expected.items():
            if isinstance(v, float):
                assert row[key] == pytest.approx(v, abs=1e-9), key
            else:
                assert row[key] == v, key


def test_nash_sweep_uses_the_batch_solver_and_agrees_with_solve() -> None:
    # The batch solver (numpy barrier method) and cvxpy agree to solver accuracy; where they differ (by up
    # to about 1e-6: the Nash product is flat near its maximum), the batch answer has the larger product.
    values = np.linspace(0, 1294, 7)
    result = sweep(KURSK, "kursk_held", values, solution="nash")
    for value, row in zip(values, result.rows, strict=True):
        point = KURSK.with_parameters(kursk_held=float(value))
        alone = solve(point, "nash", method="conic")
        assert row["agreement_exists"] == alone.agreement_exists
        for issue, v in alone.agreement.items():
            if isinstance(v, str):
                assert row[f"nash.{issue}"] == v
            else:
                assert row[f"nash.{issue}"] == pytest.approx(v, abs=2e-6, rel=2e-6)
        for i, party in enumerate(alone.parties):
            assert row[f"nash.{party}.utility"] == pytest.approx(alone.utilities[i], abs=1e-6)
        d = point.disagreement_point()
        ours = point.utilities_at({k: row[f"nash.{k}"] for k in alone.agreement})
        assert np.sum(np.log(ours - d)) >= np.sum(np.log(alone.utilities - d)) - 1e-12


def test_batch_solver_agrees_with_cvxpy_at_random_points_with_and_without_agreement() -> None:
    from bargaining.sensitivity.batch import BatchNash

    rng = np.random.default_rng(11)
    ranged = [p for p in KURSK.parameters if p.range is not None and p.range[1] > p.range[0]]
    points = [{p.name: float(rng.uniform(*p.range)) for p in ranged} for _ in range(40)]
    points.append({"kursk_held": 0.0})  # a bound that pins an issue (kursk_returned in [0, 0])
    points.append(
        {
            "war_cost_ukraine": 0.1,
            "war_cost_russia": 0.05,
            "us_support": 1.0,
            "us_aid_value": 0.5,
            "kursk_held": 0.0,
        }
    )  # little to gain from a deal
    # US pressure that makes war pay for Russia (d_russia > 0 >= any utility of Russia): no agreement
    points.append({"us_support": -1.0, "us_cost_to_russia": 0.3, "war_cost_russia": 0.05, "kursk_held": 0.0})
    solver = BatchNash.for_problem(KURSK)
    assert solver is not None
    rows = solver.rows(KURSK, points)
    last = rows[-1]
    assert last is not None and last["agreement_exists"] is False and last["nash.blocking"] == "russia"
    assert sum(r is not None for r in rows) >= 30  # most points are decided by the batch solver
    for point, row in zip(points, rows, strict=True):
        reference = fast_row(KURSK, point)
        if row is None:
            continue
        assert row.keys() == reference.keys()
        for key, v in reference.items():
            if isinstance(v, float):
                assert row[key] == pytest.approx(v, abs=2e-6, rel=2e-6), key
            else:
                assert row[key] == v, key


def test_the_sweep_fallback_is_the_conic_nash_of_solve() -> None:
    # Points the Newton path leaves to cvxpy get the one conic Nash (no second Nash program).
    rng = np.random.default_rng(5)
    ranged = [p for p in KURSK.parameters if p.range is not None and p.range[1] > p.range[0]]
    for _ in range(4):
        point = {p.name: float(rng.uniform(*p.range)) for p in ranged}
        row = fast_row(KURSK, point)
        full = solve(KURSK.with_parameters(point), "nash", method="conic")
        expected = flatten_result(full.to_dict())
        assert row == {k: v for k, v in expected.items() if not k.endswith(".ideal")}


def test_the_sweep_fallback_reports_who_blocks_where_no_agreement_exists() -> None:
    problem = dollar(0.7, 0.6)
    row, full = fast_row(problem, {}), solve(problem, "nash", method="conic")
    assert row["agreement_exists"] is False and not full.agreement_exists
    assert row["nash.blocking"] == ", ".join(full.blocking) == "a, b"


def test_dollar_sweep_matches_the_closed_form_and_marks_no_agreement() -> None:
    values = np.linspace(-1, 1, 21)
    for solution in ("nash", "all"):
        result = sweep(dollar(d_b=0.3), "d_a", values, solution=solution)
        exists = result.column("agreement_exists").astype(bool)
        np.testing.assert_array_equal(exists, values + 0.3 < 1 - 1e-9)
        share = result.column("nash.share")
        expected = np.clip(values + (1 - values - 0.3) / 2, 0, 1)  # the share cannot go below 0
        np.testing.assert_allclose(share[exists], expected[exists], atol=1e-7)
        assert np.all(np.isnan(share[~exists]))


def test_grid_is_row_major_and_agrees_with_solving_each_pair() -> None:
    result = grid(dollar(), {"d_a": [0.0, 0.2, 0.4], "d_b": [-0.2, 0.1]}, solution="nash")
    assert result.shape == (3, 2)
    share = result.column("nash.share")
    assert share.shape == (3, 2)
    for i, a in enumerate([0.0, 0.2, 0.4]):
        for j, b in enumerate([-0.2, 0.1]):
            alone = solve(dollar(a, b), "nash", method="conic")
            assert share[i, j] == pytest.approx(alone.agreement["share"], abs=1e-7)
            assert result.points[i * 2 + j] == {"d_a": a, "d_b": b}


def test_records_csv_and_json_carry_the_same_table() -> None:
    result = sweep(dollar(), "d_a", [0.0, 0.5, 0.9], solution="nash")
    records = result.to_records()
    assert [r["d_a"] for r in records] == [0.0, 0.5, 0.9]
    assert all(isinstance(v, int | float | str | bool) or v is None for r in records for v in r.values())
    rows = list(csv.DictReader(io.StringIO(result.to_csv())))
    assert len(rows) == 3
    for row, record in zip(rows, records, strict=True):
        assert float(row["nash.share"]) == pytest.approx(record["nash.share"], abs=0)
        assert row["agreement_exists"] == ("true" if record["agreement_exists"] else "false")
    data = json.loads(result.to_json())
    assert data["records"] == records
    assert data["shape"] == [3]
    assert data["parameters"][0] == {"name": "d_a", "unit": "dollars", "values": [0.0, 0.5, 0.9]}
    table = result.to_table()
    assert "d_a (dollars)" in table and "nash.share" in table


def test_sweeps_work_for_other_spec_kinds() -> None:
    war = load(ROOT / "games" / "kursk_war.json")
    result = sweep(war, "kursk_held", [0.0, 650.0, 1300.0])
    for value, row in zip([0.0, 650.0, 1300.0], result.rows, strict=True):
        alone = solve_war(war.with_parameters(kursk_held=value))
        assert row["shares.ukraine"] == alone.shares[0]
        assert row["war_probability"] == alone.war_probability
    rub = load(ROOT / "games" / "kursk_rubinstein.json")
    result = sweep(rub, "kursk_held", [0.0, 1300.0])
    assert (
        result.rows[1]["shares.ukraine"]
        == solve_alternating_offers(rub.with_parameters(kursk_held=1300.0)).shares[0]
    )


def test_points_where_the_model_is_invalid_are_recorded_not_fatal() -> None:
    from bargaining.model.alternating_offers import AlternatingOffers, Bargainer

    game = AlternatingOffers(
        [Bargainer("a", discount_factor=0.9, breakdown_payoff="b"), Bargainer("b", discount_factor=0.9)],
        breakdown_probability=0.5,
        parameters=[Parameter("b", 0.0, (0, 3))],
    )
    result = sweep(game, "b", [0.0, 3.0])
    assert "error" not in result.rows[0]
    assert "gains from trade" in result.rows[1]["error"]
    assert "could not be solved" in result.to_table()


def test_parse_axis() -> None:
    assert parse_axis("d_a=0:1:5", dollar()).values.tolist() == [0.0, 0.25, 0.5, 0.75, 1.0]
    assert parse_axis("d_a=-0.5:0.5", dollar()).values.size == 21
    whole = parse_axis("d_a", dollar())
    assert whole.values[0] == -1 and whole.values[-1] == 1
    assert parse_axis("kursk_held=0:1294:3", KURSK).label == "kursk_held (km²)"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("kursk_hold=0:1:3", "did you mean 'kursk_held'"),
        ("kursk_held=0:2000:3", "outside the parameter's declared range [0, 1294]"),
        ("kursk_held=500:500:3", "is empty"),
        ("kursk_held=900:100:3", "reversed; write 100:900"),
        ("kursk_held=0:100:1", "at least 2 points"),
        ("kursk_held=0:x:3", "must be numbers"),
        ("kursk_held=0:1:2.5", "whole number"),
        ("kursk_held 0 1", "is not NAME=LOW:HIGH:NUM"),
        ("kursk_peak", "declares no range"),
    ],
)
def test_bad_ranges_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(RangeError, match=message.replace("[", r"\[").replace("]", r"\]")):
        parse_axis(text, KURSK)


def test_unknown_outcome_suggests_the_closest() -> None:
    result = sweep(dollar(), "d_a", [0.0, 0.1], solution="nash")
    assert result.outcome("a.gain") == "nash.a.gain"
    with pytest.raises(UnknownOutcomeError, match="did you mean 'nash.share'"):
        result.column("nash.shares")


def test_evaluate_points_is_the_same_serially() -> None:
    points = [{"d_a": 0.1}, {"d_a": 0.3}]
    assert evaluate_points(dollar(), points, "nash") == list(
        sweep(dollar(), "d_a", [0.1, 0.3], solution="nash").rows
    )


def test_bargaining_power_sweep_matches_the_asymmetric_nash_closed_form() -> None:
    # Asymmetric Nash on a dollar with d = 0: share_a = w_a / (w_a + w_b).
    problem = BargainingProblem(
        [Party("a", "share", bargaining_power="w_a"), Party("b", "1 - share")],
        [ContinuousIssue("share", 0, 1)],
        [Parameter("w_a", 1.0, (0.25, 4))],
    )
    weights = np.array([0.25, 0.5, 1.0, 2.0, 4.0])
    result = sweep(problem, "w_a", weights, solution="nash")
    np.testing.assert_allclose(result.column("nash.share"), weights / (weights + 1), atol=1e-8)


def test_batch_solver_is_used_only_where_it_applies() -> None:
    from bargaining.model.issue_space import Constraint
    from bargaining.sensitivity.batch import BatchNash

    assert BatchNash.for_problem(dollar()) is not None
    constrained = BargainingProblem(
        [Party("a", "x"), Party("b", "y")],
        [ContinuousIssue("x"), ContinuousIssue("y")],
        constraints=[Constraint("x + y <= 1")],
    )
    assert BatchNash.for_problem(constrained) is None
    alone = solve(constrained, "nash")
    row = evaluate_points(constrained, [{}], "nash")[0]
    assert row["nash.x"] == pytest.approx(alone.agreement["x"], abs=1e-7)


def test_progress_bar_goes_to_stderr_only(capsys: pytest.CaptureFixture[str]) -> None:
    from bargaining.cli.progress import ClickProgress

    sweep(dollar(), "d_a", [0.0, 0.1, 0.2], solution="nash", progress=ClickProgress())
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "sweeping d_a" in captured.err


class RecordedProgress:
    """A :class:`bargaining.sensitivity.Progress` that writes down what it is told."""

    def __init__(self) -> None:
        self.calls: list[str] = []
        self.started: tuple[int, str] | None = None
        self.done = 0

    def start(self, total: int, label: str) -> None:
        self.calls.append("start")
        self.started = (total, label)

    def advance(self, done: int) -> None:
        self.calls.append("advance")
        self.done += done

    def finish(self) -> None:
        self.calls.append("finish")


def test_progress_is_told_start_every_point_and_finish() -> None:
    progress = RecordedProgress()
    sweep(dollar(), "d_a", [0.0, 0.1, 0.2], solution="nash", progress=progress)
    assert progress.started == (3, "sweeping d_a")
    assert progress.calls[0] == "start" and progress.calls[-1] == "finish"
    assert progress.done == 3


def test_a_sweep_from_the_library_loads_neither_click_nor_matplotlib() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "import bargaining.sensitivity as s\n"
        "from bargaining.io import read\n"
        f"model = read({str(ROOT / 'games' / 'kursk.json')!r})\n"
        "result = s.sweep(model, 'kursk_held', num=3, solution='nash')\n"
        "s.evaluate(model, {}, 'nash')\n"
        "assert len(result.rows) == 3\n"
        "print(sorted(m for m in ('click', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_points_where_a_utility_stops_being_concave_are_left_to_cvxpy() -> None:
    # c * sqrt(x) is concave for c >= 0 only: there the batch solver may answer; below, cvxpy reports it.
    problem = BargainingProblem(
        [Party("a", "c * sqrt(x) + x"), Party("b", "1 - x")],
        [ContinuousIssue("x", 0, 1)],
        [Parameter("c", 0.5, (-1, 1))],
    )
    values = [-0.5, 0.0, 0.5, 1.0]
    result = sweep(problem, "c", values, solution="nash")
    for value, row in zip(values, result.rows, strict=True):
        alone = evaluate_points(problem.with_parameters(c=value), [{}], "nash")[0]
        if "error" in alone:
            assert row == alone
        else:
            assert row["nash.x"] == pytest.approx(alone["nash.x"], abs=1e-6)
    assert "error" in result.rows[0] and "concave" in result.rows[0]["error"]


def test_batch_solver_matches_the_asymmetric_closed_form_on_random_dollars() -> None:
    # share = clip(d_a + w_a/(w_a + w_b) (1 - d_a - d_b), 0, 1) when d_a + d_b < 1, else no agreement;
    # one batch of 400 random problems (same structure, other parameter values).
    problem = BargainingProblem(
        [
            Party("a", "share", disagreement="d_a", bargaining_power="w_a"),
            Party("b", "1 - share", disagreement="d_b", bargaining_power="w_b"),
        ],
        [ContinuousIssue("share", 0, 1)],
        [
            Parameter("d_a", 0.0, (-1, 1)),
            Parameter("d_b", 0.0, (-1, 1)),
            Parameter("w_a", 1.0, (0.1, 10)),
            Parameter("w_b", 1.0, (0.1, 10)),
        ],
    )
    rng = np.random.default_rng(3)
    d = rng.uniform(-1, 1, (400, 2))
    w = np.exp(rng.uniform(np.log(0.1), np.log(10), (400, 2)))
    points = [{"d_a": a, "d_b": b, "w_a": x, "w_b": y} for (a, b), (x, y) in zip(d, w, strict=True)]
    rows = evaluate_points(problem, points, "nash")
    exists = d.sum(axis=1) < 1
    share = np.clip(d[:, 0] + w[:, 0] / w.sum(axis=1) * (1 - d.sum(axis=1)), 0, 1)
    for k, row in enumerate(rows):
        assert row["agreement_exists"] == exists[k]
        if exists[k]:
            assert row["nash.share"] == pytest.approx(share[k], abs=1e-7), points[k]
    from bargaining.sensitivity.batch import BatchNash

    solver = BatchNash.for_problem(problem)
    assert solver is not None
    batch = solver.rows(problem, points)
    assert all(row is not None for row, e in zip(batch, exists, strict=True) if e)
    # without agreement: who blocks, as cvxpy finds it (best gain with the other at its value <= 0)
    from bargaining.sensitivity.batch import fast_row

    answered = [
        (p, row) for p, row, e in zip(points, batch, exists, strict=True) if not e and row is not None
    ]
    assert len(answered) >= 0.8 * (~exists).sum()
    for point, row in answered[:15]:
        reference = fast_row(problem, point)
        assert row["nash.blocking"] == reference["nash.blocking"], point
        assert row["nash.a.utility"] == pytest.approx(reference["nash.a.utility"], abs=1e-12)


@pytest.mark.slow
def test_batch_solver_against_cvxpy_at_300_random_kursk_points() -> None:
    # Same agreement levels and existence; issue values within 1e-4 of their range and utilities within
    # 5e-5: the Nash product is so flat at its maximum that cvxpy's answers are up to ~2e-5 off in the
    # issues at some points; there the batch answer has the larger Nash product (it is never smaller).
    from bargaining.sensitivity.batch import BatchNash

    rng = np.random.default_rng(2024)
    ranged = [p for p in KURSK.parameters if p.range is not None and p.range[1] > p.range[0]]
    points = [{p.name: float(rng.uniform(*p.range)) for p in ranged} for _ in range(300)]
    solver = BatchNash.for_problem(KURSK)
    assert solver is not None
    rows = solver.rows(KURSK, points)
    assert sum(r is None for r in rows) <= 15
    for point, row in zip(points, rows, strict=True):
        if row is None:
            continue
        reference = fast_row(KURSK, point)
        assert row.keys() == reference.keys()
        problem = KURSK.with_parameters(point)
        width = {"territory_returned": 1.0, "kursk_returned": max(1.0, problem.parameter("kursk_held").value)}
        for key, v in reference.items():
            issue = key.partition(".")[2]
            if isinstance(v, float) and issue in width:
                assert row[key] == pytest.approx(v, abs=1e-4 * width[issue]), (key, point)
            elif isinstance(v, float):
                assert row[key] == pytest.approx(v, abs=5e-5), (key, point)
            else:
                assert row[key] == v, (key, point)
        if row["agreement_exists"]:
            assert _log_nash_product(problem, row) >= _log_nash_product(problem, reference) - 1e-12


def _log_nash_product(problem: BargainingProblem, row: dict) -> float:
    agreement = {k: row[f"nash.{k}"] for k in problem.issue_names}
    return float(np.sum(np.log(problem.utilities_at(agreement) - problem.disagreement_point())))
