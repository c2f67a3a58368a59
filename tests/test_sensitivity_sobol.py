"""Sobol indices are honest: enough base samples, bootstrap percentile intervals that cover, noise flagged."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner
from strategies import GAMES
from strategies import dollar as shared_dollar

from bargaining.cli import cli
from bargaining.errors import InvalidGameError
from bargaining.model.issue_space import BargainingProblem
from bargaining.sensitivity.sobol import (
    MIN_BASE_SAMPLES,
    SobolResult,
    bootstrap_indices,
    check_base_samples,
    noise_flag,
    sobol_indices,
)


def g_function(x: np.ndarray, a: np.ndarray) -> np.ndarray:
    """Sobol's g-function, prod_i (|4 x_i - 2| + a_i) / (1 + a_i), on [0, 1]^k."""
    return np.prod((np.abs(4 * x - 2) + a) / (1 + a), axis=1)


def g_indices(a: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Its exact indices: V_i = 1 / (3 (1 + a_i)^2), V = prod(1 + V_i) - 1.

    Sobol (1993); Saltelli et al. (2010) test their estimators on this function.
    """
    v = 1 / (3 * (1 + a) ** 2)
    total_v = np.prod(1 + v) - 1
    first = v / total_v
    total = np.array([v[i] * np.prod(np.delete(1 + v, i)) for i in range(a.size)]) / total_v
    return first, total


def outputs(a_coef: np.ndarray, n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    k = a_coef.size
    a, b = rng.random((n, k)), rng.random((n, k))
    ab = np.array([g_function(np.where(np.arange(k) == i, b, a), a_coef) for i in range(k)])
    return g_function(a, a_coef), g_function(b, a_coef), ab


def test_g_function_known_indices_lie_in_the_intervals_at_large_n() -> None:
    a_coef = np.array([0.0, 1.0, 9.0])
    first_true, total_true = g_indices(a_coef)
    # hand check of the formula: a = 0 gives V_1 = 1/3, a = 1 gives 1/12, a = 9 gives 1/300
    assert first_true[0] == pytest.approx((1 / 3) / ((4 / 3) * (13 / 12) * (301 / 300) - 1))
    first, total, first_iv, total_iv = bootstrap_indices(
        *outputs(a_coef, 10_000, 0), 100, np.random.default_rng(1)
    )
    np.testing.assert_allclose(first, first_true, atol=0.03)
    np.testing.assert_allclose(total, total_true, atol=0.03)
    for value, (low, high) in zip([*first_true, *total_true], [*first_iv, *total_iv], strict=True):
        assert low - 0.01 <= value <= high + 0.01


def test_percentile_intervals_cover_the_true_index_at_the_minimum_sample_size() -> None:
    # At N = MIN_BASE_SAMPLES, 95% intervals of S_1 and S_T1 should cover the truth in most of 40 runs;
    # the old +-1.96 sd at N = 2 covered nothing (1.508 +- 0.0075 for a true index of 1).
    a_coef = np.array([0.0, 1.0])
    first_true, total_true = g_indices(a_coef)
    covered = 0
    for seed in range(40):
        _, _, first_iv, total_iv = bootstrap_indices(
            *outputs(a_coef, MIN_BASE_SAMPLES, seed), 200, np.random.default_rng(seed + 100)
        )
        covered += first_iv[0][0] <= first_true[0] <= first_iv[0][1]
        covered += total_iv[0][0] <= total_true[0] <= total_iv[0][1]
    assert covered >= 64  # of 80: nominal 76; percentile intervals at small N under-cover a little


def test_too_few_base_samples_is_an_error_that_says_how_many() -> None:
    with pytest.raises(InvalidGameError, match=r"at least 100 base samples.*k = 3 .*at least 500 solves"):
        check_base_samples(2, 3)
    with pytest.raises(InvalidGameError, match="at least 100"):
        check_base_samples(True, 1)
    assert check_base_samples(100, 3) == 100


def model() -> BargainingProblem:
    return shared_dollar(0.0, -0.1, ranges=((0, 0.4), (-0.2, 0)), distribution={"type": "uniform"})


def test_sobol_indices_refuses_too_few_before_solving() -> None:
    with pytest.raises(InvalidGameError, match=r"k = 2 .*400 solves"):
        sobol_indices(model(), "share", 3, seed=3, uniform_ranges=True)


def test_noise_is_flagged_in_the_result_the_table_and_json() -> None:
    result = SobolResult(
        "nash.share",
        ("x", "y"),
        (1.508, 0.3),
        (1.5, 0.2),
        ((1.5, 1.52), (0.1, 0.5)),
        ((1.49, 1.51), (0.1, 0.3)),
        100,
    )
    assert noise_flag(1.508, 1.5, (1.5, 1.52), (1.49, 1.51)) == "S > 1, S_T > 1, S > S_T (beyond interval)"
    assert result.notes() == ("S > 1, S_T > 1, S > S_T (beyond interval)", "S > S_T")
    assert noise_flag(-0.04, 0.1, (-0.2, 0.1), (0.0, 0.2)) == "S < 0"
    assert noise_flag(0.2, 0.3, (0.1, 0.3), (0.2, 0.4)) == ""


def test_sobol_warnings_say_what_to_do() -> None:
    from bargaining.sensitivity.sobol_result import sobol_warnings

    warnings = sobol_warnings(["x"], np.array([-0.1]), np.array([0.2]), ((-0.3, 0.1),), ((0.1, 0.3),))
    assert len(warnings) == 1
    assert "x: S < 0 is estimator noise" in warnings[0] and "--draws" in warnings[0]
    undefined = sobol_warnings(["x"], np.array([np.nan]), np.array([np.nan]), ((0, 0),), ((0, 0),))
    assert "does not vary" in undefined[0]


def test_a_constant_outcome_has_undefined_indices_not_zeros() -> None:
    from bargaining.sensitivity.sobol_result import sobol_warnings

    flat = np.full(MIN_BASE_SAMPLES, 0.35)
    first, total, first_iv, total_iv = bootstrap_indices(
        flat, flat, np.vstack([flat]), 100, np.random.default_rng(0)
    )
    assert np.isnan(first[0]) and np.isnan(total[0])
    warnings = sobol_warnings(["x"], first, total, first_iv, total_iv)
    result = SobolResult("share", ("x",), (first[0],), (total[0],), first_iv, total_iv, 100, warnings)
    assert "does not vary" in result.warnings[0]
    data = json.loads(json.dumps(result.to_dict(), allow_nan=False))
    assert data["indices"][0]["first_order"] is None and data["indices"][0]["note"] == "undefined"
    assert "warning: the outcome does not vary" in result.to_table()


def test_cli_refuses_too_few_draws_in_one_line_before_computing() -> None:
    args = ["montecarlo", str(GAMES / "kursk.json"), "--dist", "holding_cost=uniform", "--draws", "3"]
    result = CliRunner().invoke(cli, [*args, "--seed", "3", "--sobol", "ukraine.utility"])
    assert result.exit_code == 2
    assert "--draws 300 or more (got 3)" in result.output
    assert "1.508" not in result.output and "Traceback" not in result.output
