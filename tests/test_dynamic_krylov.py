"""The large-model path of the stationary equilibrium: policy evaluation by GMRES above DENSE_UP_TO."""

from __future__ import annotations

import numpy as np
import pytest

import bargaining.dynamic.merlo_wilson as mw
from bargaining.dynamic import bellman, stationary_equilibrium


def random_model(n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    matrix = rng.random((n, n)) ** 3
    matrix /= matrix.sum(axis=1, keepdims=True)
    return {
        "pie": rng.uniform(0, 2, n),
        "fighting": rng.uniform(-0.2, 0.1, (n, 2)),
        "proposer": rng.random(n),
        "transitions": matrix,
        "discounts": np.array([0.9, 0.88]),
    }


@pytest.mark.parametrize("seed", [1, 2])
def test_gmres_path_matches_plain_value_iteration(seed: int) -> None:
    m = random_model(mw.DENSE_UP_TO + 20, seed)
    result = stationary_equilibrium(**m)
    # independent: the plain contraction from zero, iterated until it stops moving (no policy evaluation)
    shares = np.column_stack([m["proposer"], 1 - m["proposer"]])
    values = np.zeros((len(m["pie"]), 2))
    for _ in range(2000):
        new, _, _ = bellman(values, m["pie"], m["fighting"], shares, m["transitions"], m["discounts"])
        if np.abs(new - values).max() < 1e-14:
            break
        values = new
    assert result.values == pytest.approx(values, abs=1e-11)
    assert result.residual < 1e-12


def test_gmres_and_dense_policy_evaluation_agree(monkeypatch: pytest.MonkeyPatch) -> None:
    m = random_model(mw.DENSE_UP_TO + 20, 3)
    krylov = stationary_equilibrium(**m)
    monkeypatch.setattr(mw, "DENSE_UP_TO", 10**6)
    dense = stationary_equilibrium(**m)
    assert krylov.values == pytest.approx(dense.values, abs=1e-12)
    assert np.array_equal(krylov.agree, dense.agree)


def test_gmres_solves_the_policy_evaluation_system_itself() -> None:
    """The Krylov answer is the dense one (not merely rescued by the value iteration that follows)."""
    m = random_model(mw.DENSE_UP_TO + 20, 4)
    shares = np.column_stack([m["proposer"], 1 - m["proposer"]])
    agree = m["pie"] > 1.0
    args = (agree, m["pie"], m["fighting"], shares, m["transitions"], m["discounts"])
    dense = mw._evaluate(*args)
    krylov = mw._evaluate_krylov(*args, np.zeros_like(dense))
    assert krylov is not None
    assert krylov == pytest.approx(dense, abs=1e-11)
