"""Game models: :class:`NormalFormGame` (strategic games of n players).

Models hold payoffs and names only; solvers live elsewhere
(:mod:`bargaining.equilibrium`) and take a model as their argument.
"""

from __future__ import annotations

from bargaining.games.normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
