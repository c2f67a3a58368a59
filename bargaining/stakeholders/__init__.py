"""Stakeholder forecasting: who moves where, on one actor table.

=================================  ======================================================
module                             what it computes
=================================  ======================================================
:mod:`.baselines`                  compromise (weighted mean) and weighted median
:mod:`.expected_utility`           Bueno de Mesquita's expected-utility model (Scholz et al. 2011)
:mod:`.eu_options`                 its switches and the replications' presets
:mod:`.nash`                       the Nash bargaining solution on the table
:mod:`.forecast`                   every model side by side (the ``stakeholders`` kind's solver)
=================================  ======================================================
"""

from __future__ import annotations

from bargaining.stakeholders.baselines import compromise, weighted_median
from bargaining.stakeholders.eu_options import PRESETS, EUOptions, preset
from bargaining.stakeholders.expected_utility import expected_utility_model
from bargaining.stakeholders.results import Move, StakeholderForecast

__all__ = [
    "PRESETS",
    "EUOptions",
    "Move",
    "StakeholderForecast",
    "compromise",
    "expected_utility_model",
    "preset",
    "weighted_median",
]
