"""Exact Rubinstein derivatives where an outside option or the offer floor binds (Muthoo 1999, thm 5.1)."""

from __future__ import annotations

import pytest

from bargaining.io import read_spec
from bargaining.sensitivity import derivatives


def spec(outside: dict[str, object], inside: float = 0.0) -> dict[str, object]:
    return {
        "format": "bargaining",
        "version": 1,
        "kind": "rubinstein",
        "description": "Test case.",
        "parameters": [
            {"name": "delta", "value": 0.9, "range": [0.5, 0.99], "description": "Assumption."},
            {"name": "w", "value": 0.7, "range": [0.0, 0.95], "description": "Assumption."},
        ],
        "players": [
            {"name": "a", "discount_factor": "delta", "inside_option": inside, **outside},
            {"name": "b", "discount_factor": "delta"},
        ],
        "first_proposer": "a",
    }


@pytest.mark.parametrize(
    "case",
    [
        spec({"outside_option": "w"}),  # only one player has an outside option; it binds
        spec({"outside_option": "w"}, inside=-0.05),  # a negative inside option: the floor at 0 applies
    ],
    ids=["one-sided outside option", "floor"],
)
def test_exact_derivatives_match_central_differences(case: dict[str, object]) -> None:
    model = read_spec(case)
    exact = derivatives(model, ["w", "delta"], exact=True)
    numeric = derivatives(model, ["w", "delta"], exact=False)
    checked = 0
    for row in exact.rows:
        if row.derivative is None or not row.outcome.startswith("shares."):
            continue
        assert row.method == "exact", row
        other = numeric.get(row.outcome, row.parameter)
        assert other.derivative == pytest.approx(row.derivative, abs=1e-5), (row.outcome, row.parameter)
        checked += 1
    # two players' shares, each differentiated in w and in delta: a test that skipped every row would pass
    assert checked >= 4, f"only {checked} exact share derivatives were checked"
