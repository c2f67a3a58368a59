"""Distributions on parameters, Monte Carlo (reproducible, exact per draw), Sobol estimators."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats
from strategies import dollar as shared_dollar

from bargaining.model.issue_space import BargainingProblem, Parameter
from bargaining.model.uncertainty import DistributionError, distribution_from_spec, parse_distribution
from bargaining.sensitivity.montecarlo import distributions_of, monte_carlo
from bargaining.sensitivity.sobol import sobol_estimates, sobol_indices

P = Parameter("holding_cost", 0.15, (0, 0.5))


def dollar(distribution: dict | None = None) -> BargainingProblem:
    return shared_dollar(0.0, 0.3, ranges=((0, 0.8), (-1, 1)), distribution=distribution)


def test_truncated_normal_stays_in_range_and_has_the_truncated_mean() -> None:
    d = parse_distribution("normal:0.05:0.1", P)
    draws = d.sample(20_000, np.random.default_rng(0))
    assert draws.min() >= 0 and draws.max() <= 0.5
    a, b = (0 - 0.05) / 0.1, (0.5 - 0.05) / 0.1
    assert d.mean() == pytest.approx(stats.truncnorm.mean(a, b, loc=0.05, scale=0.1), rel=1e-4)
    assert draws.mean() == pytest.approx(stats.truncnorm.mean(a, b, loc=0.05, scale=0.1), abs=3e-3)


@pytest.mark.parametrize(
    ("text", "quantile", "expected"),
    [
        ("uniform", 0.25, 0.125),
        ("uniform:0.1:0.3", 0.5, 0.2),
        ("triangular:0:0.1:0.4", 1.0, 0.4),
        ("beta:2:2", 0.5, 0.25),
        ("beta:2:5:0.1:0.3", 0.0, 0.1),
    ],
)
def test_quantiles(text: str, quantile: float, expected: float) -> None:
    assert float(parse_distribution(text, P).ppf(quantile)) == pytest.approx(expected)


def test_spec_form_round_trips() -> None:
    d = distribution_from_spec({"type": "triangular", "low": 0, "mode": 0.1, "high": 0.4}, P)
    assert d.to_dict() == {"type": "triangular", "low": 0.0, "mode": 0.1, "high": 0.4}
    assert distribution_from_spec(d.to_dict(), P) == d


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ({"type": "normall", "mean": 0, "sd": 1}, "did you mean 'normal'"),
        ({"mean": 0.1, "sd": 1}, 'needs a "type"'),
        ({"type": "normal", "mean": 0.1}, "sd is missing"),
        ({"type": "normal", "mean": 0.1, "sd": 0}, "sd must be positive"),
        ({"type": "normal", "mean": 5, "sd": 0.01}, "almost no probability"),
        ({"type": "normal", "mean": 0.1, "sd": "x"}, "must be a number"),
        ({"type": "normal", "mean": 0.1, "sd": 0.1, "scale": 2}, "unknown field"),
        ({"type": "uniform", "low": 0.3, "high": 0.1}, "must be below"),
        ({"type": "uniform", "low": 0, "high": 0.9}, "leaves the parameter's range"),
        ({"type": "triangular", "low": 0, "mode": 0.45, "high": 0.4}, "mode 0.45 must lie"),
        ({"type": "beta", "alpha": -1, "beta": 2}, "must be positive"),
        ("normal", "is an object"),
    ],
)
def test_bad_distributions(spec: object, message: str) -> None:
    with pytest.raises(DistributionError, match=message):
        distribution_from_spec(spec, P)


@pytest.mark.parametrize(
    ("text", "message"),
    [("normal:0.1", "is not normal:mean:sd"), ("normal:a:0.1", "is not a number"), ("poisson:1", "unknown")],
)
def test_bad_command_line_distributions(text: str, message: str) -> None:
    with pytest.raises(DistributionError, match=message):
        parse_distribution(text, P)


def test_no_uncertain_parameter_is_an_error() -> None:
    with pytest.raises(DistributionError, match="no parameter is uncertain"):
        distributions_of(dollar())
    assert set(distributions_of(dollar(), uniform_ranges=True)) == {"d_a", "d_b"}


def test_monte_carlo_is_exact_per_draw_and_reproducible() -> None:
    model = dollar({"type": "uniform"})
    result = monte_carlo(model, 60, seed=3)
    d_a = result.column("d_a")
    assert d_a.min() >= 0 and d_a.max() <= 0.8
    exists = result.column("agreement_exists").astype(bool)
    np.testing.assert_array_equal(exists, d_a + 0.3 < 1)
    share = result.column("nash.share")
    np.testing.assert_allclose(share[exists], (0.5 + d_a / 2 - 0.15)[exists], atol=1e-7)
    assert result.agreement_probability == pytest.approx(np.mean(d_a < 0.7))
    np.testing.assert_allclose(result.quantiles("share", (0.5,)), [np.median(share[exists])])
    again = monte_carlo(model, 60, seed=3)
    assert again.to_records() == result.to_records()
    other = monte_carlo(model, 60, seed=4)
    assert other.to_records() != result.to_records()
    table = result.to_table()
    assert "probability that an agreement exists" in table and "d_a ~ uniform(0, 0.8)" in table


def test_command_line_distribution_overrides_the_spec() -> None:
    model = dollar({"type": "uniform"})
    result = monte_carlo(model, 20, seed=1, distributions={"d_a": "triangular:0.1:0.2:0.3"})
    assert result.distributions["d_a"].kind == "triangular"
    assert result.column("d_a").min() >= 0.1 and result.column("d_a").max() <= 0.3


def test_sobol_estimators_on_a_function_with_known_indices() -> None:
    # Y = x1 + 2 x2 + x1 x3 on independent U(-1, 1): Var = 1/3 + 4/3 + 1/9 = 16/9,
    # S1 = (1/3)/(16/9) = 3/16, S2 = 12/16, S3 = 0; ST1 = S1 + (1/9)/(16/9) = 4/16, ST3 = 1/16.
    rng = np.random.default_rng(1)
    n = 200_000
    a, b = rng.uniform(-1, 1, (n, 3)), rng.uniform(-1, 1, (n, 3))

    def f(x: np.ndarray) -> np.ndarray:
        return x[:, 0] + 2 * x[:, 1] + x[:, 0] * x[:, 2]

    ab = np.array([f(np.where(np.arange(3) == i, b, a)) for i in range(3)])
    first, total = sobol_estimates(f(a), f(b), ab)
    np.testing.assert_allclose(first, [3 / 16, 12 / 16, 0], atol=0.01)
    np.testing.assert_allclose(total, [4 / 16, 12 / 16, 1 / 16], atol=0.01)


def test_sobol_indices_of_a_model_with_additive_effects() -> None:
    # Nash share 0.5 + d_a/2 - d_b/2 (no agreement excluded): with d_a ~ U(0, 0.4), d_b ~ U(-0.2, 0):
    # Var(d_a/2) = 0.16/48, Var(d_b/2) = 0.04/48 -> S = (0.8, 0.2), and S_T = S (no interaction).
    model = BargainingProblem(
        dollar().parties,
        dollar().issues,
        [
            Parameter("d_a", 0.0, (0, 0.4), distribution={"type": "uniform"}),
            Parameter("d_b", 0.0, (-0.2, 0), distribution={"type": "uniform"}),
        ],
    )
    result = sobol_indices(model, "share", 128, seed=2, bootstrap=200)
    assert result.parameters == ("d_a", "d_b")
    np.testing.assert_allclose(result.total, [0.8, 0.2], atol=0.06)
    np.testing.assert_allclose(result.first_order, [0.8, 0.2], atol=0.12)
    assert "Sobol indices of nash.share" in result.to_table()


def test_check_distribution_reports_the_json_path() -> None:
    from bargaining.errors import SpecError
    from bargaining.model.uncertainty import check_distribution

    check_distribution(Parameter("x", 0.1, (0, 1), distribution={"type": "uniform"}))
    check_distribution(Parameter("x", 0.1, (0, 1)))
    bad = Parameter("x", 0.1, (0, 1), distribution={"type": "normal", "mean": 0.1, "sd": -1})
    with pytest.raises(SpecError, match=r"parameters\[3\]\.distribution: the normal sd must be positive"):
        check_distribution(bad, "parameters[3].distribution")
