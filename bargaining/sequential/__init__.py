"""Sequential bargaining: Rubinstein's alternating offers and its extensions.

The closed forms live in :mod:`bargaining.sequential.closed_forms`, the equilibrium in
:mod:`bargaining.sequential.rubinstein` (result: :mod:`bargaining.sequential.results`), the spec
model in :mod:`bargaining.model.alternating_offers`. Importing this package does not
import sympy; only symbolic requests do.
"""

from __future__ import annotations

from bargaining.sequential.limit import rubinstein_limit
from bargaining.sequential.rubinstein import (
    RubinsteinSolution,
    breakdown_probability,
    discount_factor,
    limit_bargaining_power,
    rubinstein_shares,
    rubinstein_solution,
)
from bargaining.sequential.spec import (
    alternating_offers_derivative,
    alternating_offers_formula,
    solve_alternating_offers,
)

__all__ = [
    "RubinsteinSolution",
    "alternating_offers_derivative",
    "alternating_offers_formula",
    "breakdown_probability",
    "discount_factor",
    "limit_bargaining_power",
    "rubinstein_limit",
    "rubinstein_shares",
    "rubinstein_solution",
    "solve_alternating_offers",
]
