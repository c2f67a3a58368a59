"""Formulas: the whitelisted expression language of specs.

==================  ============================================================
module              what it does
==================  ============================================================
:mod:`.parse`       spec text to an :class:`Expression` (whitelist over ``ast``)
:mod:`.build`       the whitelist and the limits: ``ast`` to the expression tree
:mod:`.tree`        the expression tree: names, numpy evaluation, sympy on demand
:mod:`.curvature`   convex, concave or affine by the DCP rules, without cvxpy
:mod:`.jets`        values, gradients and Hessians with numpy (forward mode)
:mod:`.to_cvxpy`    an expression compiled to a cvxpy expression (DPP)
==================  ============================================================
"""

from __future__ import annotations

from bargaining.expressions.parse import Expression, Inequality, parse_comparison, parse_expression

__all__ = ["Inequality", "Expression", "parse_comparison", "parse_expression"]
