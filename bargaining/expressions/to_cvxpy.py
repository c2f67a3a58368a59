r"""Compile parsed formulas to cvxpy, once, with parameters as ``cvxpy.Parameter``.

A formula such as ``w_t*sqrt(territory) - holding_cost*kursk_held/kursk_peak``
mixes *variables* (the continuous issues, decided by the optimisation) with
*parameters* (named numbers, and the levels of discrete issues, which are fixed
while one optimisation runs). cvxpy's disciplined parametrized programming
(DPP) re-solves a problem for new parameter values without rebuilding it, but
only if parameters enter affinely: a product of two parameters
(``holding_cost*kursk_held``) is not DPP.

So the compiler finds every maximal sub-formula that involves no variable,
evaluates it with numpy, and feeds it to cvxpy as one *derived* parameter. The
formula above becomes ``p1*sqrt(territory) + p2`` with ``p1 = w_t`` and
``p2 = -holding_cost*kursk_held/kursk_peak``, which is DPP. New parameter values
only update ``p1.value`` and ``p2.value``.

cvxpy needs the sign of a parameter that multiplies a nonlinear term to know
the term's curvature, so each derived parameter is declared ``nonneg`` or
``nonpos`` after its value when compiled. :meth:`Compiler.update` reports when
a new value flips a sign; the caller then compiles again (rare in practice: a
sweep that crosses zero).

The translation of sympy nodes to cvxpy atoms:

===================  ===============================
formula              cvxpy
===================  ===============================
``a + b``, ``a*b``   ``+``, ``*`` (one factor constant or a parameter)
``x**p``             ``sqrt``, ``square``, ``inv_pos`` or ``power(x, p)``
``sqrt log exp``     ``sqrt``, ``log``, ``exp``
``abs min max``      ``abs``, ``minimum``, ``maximum``
===================  ===============================
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import ConvexityError, ExpressionError
from bargaining.expressions.build import MAX_EXPONENT
from bargaining.expressions.tree import evaluate_sympy

__all__ = ["Compiler", "DerivedParameter", "evaluate_sympy"]


@dataclass
class DerivedParameter:
    """A variable-free sub-formula fed to cvxpy as one parameter."""

    expr: Any  # sympy expression
    parameter: Any  # cvxpy.Parameter
    sign: int  # +1: declared nonneg, -1: nonpos, 0: any sign


class Compiler:
    """Translates sympy formulas into cvxpy expressions over given variables.

    Parameters
    ----------
    variables
        ``{name: cvxpy expression}`` for every continuous issue.
    values
        Initial values of every parameter (and discrete issue) name; they set
        the derived parameters' values and signs.
    """

    def __init__(self, variables: Mapping[str, Any], values: Mapping[str, float]) -> None:
        import cvxpy as cp

        self.cp = cp
        self.variables = dict(variables)
        self.values = dict(values)
        self.derived: dict[Any, DerivedParameter] = {}

    # ------------------------------------------------------------------ parameters

    def update(self, values: Mapping[str, float]) -> bool:
        """Set new parameter values; ``False`` if a derived parameter changed sign.

        When it returns ``False`` the compiled expressions are no longer valid
        for these values (cvxpy would reject the value); compile again.
        """
        self.values.update(values)
        for derived in self.derived.values():
            value = self._evaluate(derived.expr)
            if value * derived.sign < 0:
                return False
            derived.parameter.value = value
        return True

    def _evaluate(self, expr: Any) -> float:
        with np.errstate(all="ignore"):
            value = float(evaluate_sympy(expr, self.values))
        if not np.isfinite(value):
            shown = ", ".join(f"{s.name}={self.values[s.name]:g}" for s in sorted(expr.free_symbols, key=str))
            raise ExpressionError(f"{expr} is not finite at {shown} (a division by zero?)")
        return value

    def _parameter(self, expr: Any, signed: bool) -> Any:
        """The derived parameter of a variable-free sub-formula.

        ``signed`` declares its sign (needed when it multiplies a nonlinear
        term); an unsigned parameter takes any value.
        """
        if not expr.free_symbols:
            return float(expr)
        key = (expr, signed)
        if key in self.derived:
            return self.derived[key].parameter
        value = self._evaluate(expr)
        sign = (1 if value >= 0 else -1) if signed else 0
        parameter = self.cp.Parameter(nonneg=sign > 0, nonpos=sign < 0, name=_short(expr))
        parameter.value = value
        self.derived[key] = DerivedParameter(expr, parameter, sign)
        return parameter

    # ------------------------------------------------------------------ formulas

    def compile(self, expr: Any) -> Any:
        """The cvxpy expression (or a float, for a constant) of a sympy formula."""
        names = {s.name for s in expr.free_symbols}
        if not names & self.variables.keys():
            return float(expr) if not names else self._parameter(expr, signed=False)
        if expr.is_Symbol:
            return self.variables[expr.name]
        cp = self.cp
        if expr.is_Add:
            fixed = [a for a in expr.args if not self._has_variable(a)]
            terms = [self.compile(a) for a in expr.args if self._has_variable(a)]
            if fixed:
                terms.append(self.compile(expr.func(*fixed)))
            return cp.sum(terms) if len(terms) > 1 else terms[0]
        if expr.is_Mul:
            fixed = [a for a in expr.args if not self._has_variable(a)]
            varying = [a for a in expr.args if self._has_variable(a)]
            if len(varying) > 1:
                raise ConvexityError(
                    f"the product {expr} multiplies issue terms; the solvers need utilities concave in the "
                    "issues, which a product of issues is not in general. Rewrite it, e.g. as "
                    "exp(log(a) + log(b)) for a Cobb-Douglas term, or use a discrete issue"
                )
            if not fixed:
                return self.compile(varying[0])
            coefficient = expr.func(*fixed)
            if varying[0].is_Add:
                # c*(x - p) -> c*x - c*p: a parameter times a parameter-dependent sum is not DPP.
                return self.compile(varying[0].func(*[coefficient * term for term in varying[0].args]))
            body = self.compile(varying[0])
            signed = not (_is_constant(body) or body.is_affine())
            return self._parameter(coefficient, signed) * body
        if expr.is_Pow:
            return self.power(expr)
        import sympy as sp

        if isinstance(expr, sp.exp):
            return cp.exp(self.compile(expr.args[0]))
        if isinstance(expr, sp.log):
            return cp.log(self.compile(expr.args[0]))
        if isinstance(expr, sp.Abs):
            return cp.abs(self.compile(expr.args[0]))
        if isinstance(expr, sp.Min):
            return cp.minimum(*[self.compile(a) for a in expr.args])
        if isinstance(expr, sp.Max):
            return cp.maximum(*[self.compile(a) for a in expr.args])
        raise ExpressionError(f"cannot compile {expr} for the optimiser")  # pragma: no cover

    def power(self, expr: Any) -> Any:
        """The cvxpy form of ``base**p`` for a constant ``p`` within :data:`MAX_EXPONENT`."""
        base, exponent = expr.args
        if self._has_variable(exponent):
            raise ConvexityError(f"{expr}: an issue in an exponent is not supported")
        p = float(exponent)
        if not abs(p) <= MAX_EXPONENT:  # (x**2*y)**999 is x**1998*y**999 to sympy
            raise ConvexityError(
                f"{_short(expr)}: the exponent {p:g} is beyond the limit of {MAX_EXPONENT} in size, "
                "which the solver cannot take; use a smaller exponent or rescale the formula"
            )
        b = self.compile(base)
        cp = self.cp
        if p == 1:
            return b
        if p == 0.5:
            return cp.sqrt(b)
        if p == 2:
            return cp.square(b)
        if p == -1:
            return cp.inv_pos(b)
        return cp.power(b, p)

    def _has_variable(self, expr: Any) -> bool:
        return any(s.name in self.variables for s in expr.free_symbols)

    def concave(self, expr: Any, what: str) -> Any:
        """Compile a formula that must be concave (a utility to maximise).

        Raises
        ------
        ConvexityError
            Naming ``what`` and the first term that is not concave.
        """
        compiled = self.compile(expr)
        if _is_constant(compiled) or compiled.is_concave():
            return compiled
        raise ConvexityError(f"{what} is not concave: {_culprit(self, expr, 'concave')}{_CONCAVE_HINT}")

    def convex(self, expr: Any, what: str) -> Any:
        """Compile a formula that must be convex (the left side of ``g(x) <= 0``)."""
        compiled = self.compile(expr)
        if _is_constant(compiled) or compiled.is_convex():
            return compiled
        raise ConvexityError(
            f"{what} does not define a convex set: {_culprit(self, expr, 'convex')}; "
            "a constraint 'g <= h' needs g convex and h concave (e.g. linear)"
        )

    def affine(self, expr: Any, what: str) -> Any:
        """Compile a formula that must be affine (an equality constraint)."""
        compiled = self.compile(expr)
        if _is_constant(compiled) or compiled.is_affine():
            return compiled
        raise ConvexityError(f"{what}: an equality constraint must be linear in the issues; use <= or >=")


_CONCAVE_HINT = (
    ". The solvers need each utility concave in the continuous issues (linear, sqrt, log, min, "
    "-x**2, ...); make the issue discrete or change the term"
)


def _is_constant(expr: Any) -> bool:
    return isinstance(expr, float | int) or not expr.variables()


def _culprit(compiler: Compiler, expr: Any, needed: str) -> str:
    """The first additive term of ``expr`` that lacks the needed curvature."""
    terms = expr.args if expr.is_Add else (expr,)
    for term in terms:
        if not compiler._has_variable(term):
            continue
        compiled = compiler.compile(term)
        ok = compiled.is_concave() if needed == "concave" else compiled.is_convex()
        if not ok:
            curvature = str(compiled.curvature).lower()
            if curvature == "unknown":
                curvature = "neither concave nor convex (as cvxpy's rules can tell)"
            return f"the term {term} is {curvature}"
    return f"{expr} is not {needed}"  # pragma: no cover


def _short(expr: Any) -> str:
    text = str(expr)
    return text if len(text) <= 40 else text[:37] + "..."
