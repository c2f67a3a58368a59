"""The double auction (Chatterjee & Samuelson 1983): bilateral trade with private values.

The linear equilibrium and the Myerson-Satterthwaite bound live in
:mod:`bargaining.auction.chatterjee_samuelson`, the exact integrals in
:mod:`bargaining.auction.geometry`, the result in :mod:`bargaining.auction.results`
and the spec model in :mod:`bargaining.model.double_auction`.
"""

from __future__ import annotations

from bargaining.auction.chatterjee_samuelson import (
    linear_equilibrium,
    second_best_threshold,
    solve_double_auction,
)
from bargaining.auction.results import DoubleAuctionSolution, LinearStrategy
from bargaining.model.double_auction import DoubleAuction, Trader

__all__ = [
    "DoubleAuction",
    "DoubleAuctionSolution",
    "LinearStrategy",
    "Trader",
    "linear_equilibrium",
    "second_best_threshold",
    "solve_double_auction",
]
