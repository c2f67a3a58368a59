"""Game models and their transformations.

Models hold payoffs and names only (:mod:`.normal_form`, :mod:`.extensive_form`
with :mod:`.tree_nodes` and :mod:`.tree_checks`, :mod:`.bayesian`); the
transformations turn one game into another (:mod:`.reduced`: a tree's reduced
normal form; :mod:`.induced`: a Bayesian game's induced normal form). Solvers
live elsewhere (:mod:`bargaining.equilibrium`) and take a model as their argument.
"""

from __future__ import annotations

from bargaining.games.normal_form import NormalFormGame

__all__ = ["NormalFormGame"]
