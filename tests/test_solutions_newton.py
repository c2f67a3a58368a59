"""bargaining.solutions.newton: the barrier method's stopping rule and its extrapolated stages."""

from __future__ import annotations

import numpy as np

from bargaining.solutions.newton import MU, barrier_newton


class Linear:
    """Maximise :math:`c \\cdot x` over the box (no barrier terms of its own): the optimum is a vertex."""

    def __init__(self, c: list[float]) -> None:
        self.c = np.asarray(c, dtype=float)

    def derivatives(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, ...]:
        r, p = z.shape
        return z @ self.c, np.tile(self.c, (r, 1)), np.zeros((r, p, p))

    def value(self, idx: np.ndarray, z: np.ndarray, mu: float) -> tuple[np.ndarray, np.ndarray]:
        return z @ self.c, np.ones(len(z), dtype=bool)

    def reached(self, idx: np.ndarray, z: np.ndarray) -> np.ndarray:
        return np.zeros(len(z), dtype=bool)


def test_a_start_next_to_the_wrong_bound_is_not_taken_for_the_centre() -> None:
    """max -x on [0, 1000] from 1e-12 below the upper bound: the first steps are as small as that gap.

    The central path of max -x + mu (log x + log(1000 - x)) ends at x = mu (to first order), so the
    answer is near 0; a rule that stops at the first tiny step would stay at 1000 and call it centred.
    """
    lo, hi = np.array([[0.0]]), np.array([[1000.0]])
    z = np.array([[1000.0 - 1e-12]])
    result = barrier_newton(Linear([-1.0]), z, lo, hi, np.array([True]))
    assert result.last[0]
    assert 0 < result.z[0, 0] <= 10 * MU[-1]


def test_the_barrier_optimum_of_a_box_matches_the_central_path_in_closed_form() -> None:
    """max x1 + 2 x2 on [0, 1]^2: each coordinate's centre solves c - mu/(1 - x) + mu/x = 0 exactly.

    The closed form x = ((c - 2 mu) + sqrt(c^2 + 4 mu^2)) / (2 c) at the last weight: within rounding.
    """
    c = np.array([1.0, 2.0])
    lo, hi = np.zeros((3, 2)), np.ones((3, 2))
    z = np.array([[0.5, 0.5], [0.1, 0.9], [0.999, 0.001]])
    result = barrier_newton(Linear(list(c)), z, lo, hi, np.ones(3, dtype=bool))
    mu = MU[-1]
    centre = ((c - 2 * mu) + np.sqrt(c**2 + 4 * mu**2)) / (2 * c)
    assert np.all(result.last)
    np.testing.assert_allclose(result.z, np.tile(centre, (3, 1)), rtol=0, atol=1e-14)


def test_each_row_takes_the_steps_it_takes_alone() -> None:
    """Rows move through the barrier weights at their own pace: a row's end point is bit for bit the
    one it reaches alone, whatever the other rows of the run (here: boxes of other sizes, far starts)."""
    c = [1.0, 2.0]
    lo = np.array([[0.0, 0.0], [0.0, -5.0], [2.0, 2.0]])
    hi = np.array([[1.0, 1.0], [10.0, 5.0], [3.0, 2.5]])
    z = np.array([[0.5, 0.5], [9.999, -4.999], [2.001, 2.499]])
    together = barrier_newton(Linear(c), z, lo, hi, np.ones(3, dtype=bool))
    for r in range(3):
        alone = barrier_newton(Linear(c), z[r : r + 1], lo[r : r + 1], hi[r : r + 1], np.array([True]))
        np.testing.assert_array_equal(together.z[r], alone.z[0])
        assert together.last[r] and alone.last[0]
