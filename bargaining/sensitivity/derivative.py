r"""Comparative statics: derivatives and elasticities of every outcome at the spec's point.

For an outcome :math:`y` and a parameter :math:`\theta` at its value
:math:`\theta_0`,

.. math::

    \frac{\partial y}{\partial \theta} \approx
        \frac{y(\theta_0 + h) - y(\theta_0 - h)}{2h},
    \qquad
    \varepsilon = \frac{\partial y}{\partial \theta}\,\frac{\theta_0}{y(\theta_0)}

(central differences; one-sided at the end of the parameter's range). The
step is a thousandth of the parameter's declared range,
:math:`h = 10^{-3}(\theta_{\max} - \theta_{\min})`, or
:math:`10^{-4}\max(1, |\theta_0|)` without a range: small enough for a
truncation error of order :math:`h^2`, large enough that the solvers'
accuracy (about :math:`10^{-9}`) adds an error of order :math:`10^{-9}/h`.
Where the two one-sided slopes disagree (a kink: a constraint starts to bind,
a discrete level switches) the row says so; where a level switches inside the
step the derivative of that issue is undefined.

Where the model has a closed form the derivative is exact: for alternating
offers (spec kind ``rubinstein``) the equilibrium shares are sympy formulas in
the discount factors, the breakdown probability and the options, themselves
formulas in the parameters, and the chain rule is applied by
:func:`sympy.diff` on their composition. For a frontier (spec kind
``frontier``) the Nash, egalitarian and utilitarian points solve an equation
:math:`G(u_1, \theta) = 0`, differentiated implicitly (see
:func:`exact_derivatives`).

Examples
--------
Divide a dollar with a disagreement value :math:`d_a` for ``a``: the Nash share
is :math:`d_a + (1 - d_a - d_b)/2`, so its derivative is :math:`1/2`.

>>> from bargaining.model.issue_space import BargainingProblem, Party, ContinuousIssue, Parameter
>>> dollar = BargainingProblem(
...     [Party("a", "share", disagreement="d_a"), Party("b", "1 - share")],
...     [ContinuousIssue("share")], [Parameter("d_a", 0.2, (0, 0.6))])
>>> table = derivatives(dollar, solution="nash")
>>> round(table.get("nash.share", "d_a").derivative, 6)
0.5
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from typing import Any

from bargaining.display import text_html
from bargaining.errors import InvalidGameError
from bargaining.frames import to_frame
from bargaining.sensitivity.outcomes import Row, is_number, resolve_outcome
from bargaining.sensitivity.ranges import parameter_of
from bargaining.sensitivity.runner import run_points

__all__ = ["Derivative", "DerivativeTable", "derivatives", "exact_derivatives", "step_size"]

#: The step as a share of the parameter's declared range.
RELATIVE_STEP = 1e-3


@dataclass(frozen=True, slots=True)
class Derivative:
    r"""The derivative of one outcome with respect to one parameter.

    Attributes
    ----------
    outcome, parameter
        Their names.
    value
        The outcome :math:`y(\theta_0)`.
    parameter_value
        :math:`\theta_0`.
    derivative
        :math:`\partial y/\partial\theta`; ``None`` where undefined (a discrete
        level switches, or a point could not be solved).
    elasticity
        :math:`\varepsilon = (\partial y/\partial\theta)\,\theta_0 / y`; ``None``
        where :math:`y = 0` or the derivative is undefined.
    method
        ``"exact"`` (sympy), ``"central"``, ``"forward"`` or ``"backward"``.
    note
        ``"kink"`` where the one-sided slopes differ, ``"jump"`` where the
        outcome changes level, else ``""``.
    """

    outcome: str
    parameter: str
    value: float | None
    parameter_value: float
    derivative: float | None
    elasticity: float | None
    method: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {
            "outcome": self.outcome,
            "parameter": self.parameter,
            "value": self.value,
            "parameter_value": self.parameter_value,
            "derivative": self.derivative,
            "elasticity": self.elasticity,
            "method": self.method,
            "note": self.note,
        }


@dataclass(frozen=True, slots=True)
class DerivativeTable:
    """Derivatives of outcomes with respect to parameters, at one point."""

    rows: tuple[Derivative, ...]
    title: str = ""

    def get(self, outcome: str, parameter: str) -> Derivative:
        """The row for ``outcome`` (a column name, concept prefix optional) and ``parameter``."""
        column = resolve_outcome(outcome, list(dict.fromkeys(r.outcome for r in self.rows)))
        for row in self.rows:
            if row.outcome == column and row.parameter == parameter:
                return row
        parameter_names = sorted({r.parameter for r in self.rows})
        from bargaining.errors import suggest

        raise InvalidGameError(
            f"no derivative with respect to {parameter!r}{suggest(parameter, parameter_names)}"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per row (``pandas.DataFrame(table.to_records())``)."""
        return [r.to_dict() for r in self.rows]

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON."""
        return {"title": self.title, "derivatives": self.to_records()}

    def to_table(self) -> str:
        """A terminal table, a row per (outcome, parameter) with a nonzero or undefined derivative."""
        from bargaining.table import format_table

        rows = [
            [
                r.outcome,
                r.parameter,
                r.value,
                "-" if r.derivative is None else r.derivative,
                "-" if r.elasticity is None else r.elasticity,
                r.method + (f" ({r.note})" if r.note else ""),
            ]
            for r in self.rows
            if r.derivative is None or abs(r.derivative) > 1e-9
        ]
        title = f"{self.title}: derivatives at the spec's values" if self.title else None
        table = format_table(
            ["outcome", "parameter", "value", "derivative", "elasticity", "method"], rows, title
        )
        hidden = len(self.rows) - len(rows)
        if hidden:
            table += f"\n({hidden} derivatives are zero and not shown)"
        return table

    def _repr_html_(self) -> str:
        """The table as HTML, for notebooks (:func:`bargaining.display.text_html`)."""
        return text_html(self.to_table())

    def to_frame(self) -> Any:
        """One row per (outcome, parameter): value, derivative, elasticity, method, as a pandas DataFrame."""
        return to_frame(self.to_records())


def step_size(parameter: Any) -> float:
    r"""The finite-difference step: :math:`10^{-3}` of the range, else :math:`10^{-4}\max(1,|\theta_0|)`."""
    rng = parameter.range
    if rng is not None and rng[1] > rng[0]:
        return RELATIVE_STEP * (float(rng[1]) - float(rng[0]))
    return 1e-4 * max(1.0, abs(float(parameter.value)))


def _varied(model: Any, parameters: Sequence[str] | None) -> list[Any]:
    if parameters is None:
        return [p for p in model.parameters if p.range is None or p.range[1] > p.range[0]]
    return [parameter_of(model, name) for name in parameters]


def derivatives(
    model: Any,
    parameters: Sequence[str] | None = None,
    outcomes: Sequence[str] | None = None,
    *,
    solution: str = "all",
    exact: bool = True,
    executor: Executor | None = None,
    workers: int | None = None,
) -> DerivativeTable:
    r"""Derivatives and elasticities of outcomes with respect to parameters, at the spec's values.

    Parameters
    ----------
    model
        Any spec model.
    parameters
        The parameters to differentiate by; default every parameter whose
        declared range is not a single point.
    outcomes
        The outcomes; default every numeric outcome.
    solution
        The concept(s) to solve.
    exact
        Use closed forms where the model has them (see the module docstring).
    executor, workers
        Where to solve the perturbed points.

    Returns
    -------
    DerivativeTable
    """
    params = _varied(model, parameters)
    base = run_points(model, [{}], solution)[0]
    if "error" in base:
        raise InvalidGameError(f"the model cannot be solved at the spec's values: {base['error']}")
    # numbers, and the levels of discrete issues (whose switches are reported as jumps); other text
    # (descriptions, names) has no derivative
    levels = getattr(model, "spec_kind", None) == "issue_space"
    columns = [
        c
        for c in base
        if is_number(base[c])
        or (levels and isinstance(base[c], str) and "." in c and not c.endswith(".blocking"))
    ]
    if outcomes is not None:
        columns = [resolve_outcome(name, list(base)) for name in outcomes]
    closed = exact_derivatives(model, [p.name for p in params], base) if exact else {}
    points: list[dict[str, float]] = []
    plan: list[tuple[Any, float, int | None, int | None]] = []
    for p in params:
        h = step_size(p)
        lo, hi = p.range if p.range is not None else (float("-inf"), float("inf"))
        down = up = None
        if p.value - h >= lo:
            down = len(points)
            points.append({p.name: p.value - h})
        if p.value + h <= hi:
            up = len(points)
            points.append({p.name: p.value + h})
        plan.append((p, h, down, up))
    rows = run_points(model, points, solution, executor=executor, workers=workers)
    out: list[Derivative] = []
    for p, h, down, up in plan:
        for column in columns:
            key = (column, p.name)
            if key in closed:
                d = closed[key]
                out.append(
                    Derivative(
                        column,
                        p.name,
                        base[column],
                        p.value,
                        d,
                        _elasticity(d, p.value, base[column]),
                        "exact",
                    )
                )
                continue
            out.append(
                _difference(
                    column, p, h, base, None if down is None else rows[down], None if up is None else rows[up]
                )
            )
    return DerivativeTable(tuple(out), getattr(model, "name", "") or "")


def _elasticity(d: float | None, theta: float, y: Any) -> float | None:
    if d is None or not is_number(y) or y == 0:
        return None
    return d * theta / float(y)


def _difference(column: str, p: Any, h: float, base: Row, down: Row | None, up: Row | None) -> Derivative:
    y0 = base[column]
    lower = None if down is None else down.get(column)
    upper = None if up is None else up.get(column)
    if isinstance(y0, str):
        moved = any(v is not None and v != y0 for v in (lower, upper))
        return Derivative(
            column, p.name, None, p.value, None if moved else 0.0, None, "central", "jump" if moved else ""
        )
    unsolved = Derivative(
        column, p.name, y0 if is_number(y0) else None, p.value, None, None, "central", "unsolved"
    )
    numeric = [v is None or is_number(v) for v in (lower, upper)]
    if not all(numeric) or not is_number(y0):
        return unsolved
    note = ""
    if lower is not None and upper is not None:
        d = (float(upper) - float(lower)) / (2 * h)
        method = "central"
        left, right = (float(y0) - float(lower)) / h, (float(upper) - float(y0)) / h
        scale = max(abs(left), abs(right), 1e-6 * max(1.0, abs(float(y0))) / h)
        if abs(left - right) > 0.1 * scale:
            note = "kink"
    elif upper is not None:
        d, method = (float(upper) - float(y0)) / h, "forward"
    elif lower is not None:
        d, method = (float(y0) - float(lower)) / h, "backward"
    else:
        return unsolved
    return Derivative(column, p.name, float(y0), p.value, d, _elasticity(d, p.value, y0), method, note)


def exact_derivatives(
    model: Any, parameters: Sequence[str], base: Row | None = None
) -> dict[tuple[str, str], float]:
    r"""``{(outcome, parameter): derivative}`` from the model's closed form, where it has one.

    * Alternating offers (``rubinstein``): the shares, by the chain rule
      through the formulas of the discount factors, breakdown probability,
      payoffs, options and size.
    * A frontier :math:`u_2 = f(u_1; \theta)` (``frontier``), for the Nash,
      egalitarian and utilitarian solutions at an interior point: implicit
      differentiation of the optimality condition :math:`G(u_1, \theta) = 0`
      (see :mod:`bargaining.solutions.closed_form`),
      :math:`du_1/d\theta = -G_\theta / G_{u_1}`,
      :math:`du_2/d\theta = f_{u_1}\, du_1/d\theta + f_\theta`; ``base`` is the
      outcome row at the spec's values (it locates the solution).

    Other kinds: ``{}``.
    """
    kind = getattr(model, "spec_kind", None)
    if kind == "frontier" and base is not None:
        return _frontier_derivatives(model, parameters, base)
    if kind != "rubinstein":
        return {}
    import sympy

    from bargaining.sequential.spec import alternating_offers_formula

    # The model's own formula() composes the closed form with the spec's formulas,
    # including the floors and one-sided outside options that Piecewise/Max express.
    values = model.parameter_values()
    symbols = {name: sympy.Symbol(name, real=True) for name in values}
    subs = {symbols[name]: value for name, value in values.items()}
    out: dict[tuple[str, str], float] = {}
    for player, formula in zip(model.player_names, alternating_offers_formula(model), strict=True):
        for name in parameters:
            out[(f"shares.{player}", name)] = float(sympy.diff(formula, symbols[name]).subs(subs))
    return out


def _frontier_derivatives(model: Any, parameters: Sequence[str], base: Row) -> dict[tuple[str, str], float]:
    import sympy

    first, second = model.party_names
    values = model.parameter_values()
    symbols = {name: sympy.Symbol(name, real=True) for name in values}
    u = sympy.Symbol(first, real=True)
    f = model.formula.sympy
    fu = sympy.diff(f, u)
    d1, d2 = (e.sympy for e in model.disagreement_point)
    powers = [e.sympy for e in model.bargaining_power]
    lower, upper = (float(e.evaluate(values)) for e in model.domain)
    conditions = {
        "nash": powers[0] * (f - d2) + powers[1] * (u - d1) * fu,
        "egalitarian": (f - d2) - (u - d1),
        "utilitarian": powers[0] + powers[1] * fu,
    }
    out: dict[tuple[str, str], float] = {}
    for name in parameters:
        theta = symbols[name]
        at = {symbols[k]: v for k, v in values.items()}
        dd = [float(sympy.diff(e, theta).subs(at)) for e in (d1, d2)]
        out[(f"{first}.disagreement", name)] = dd[0]
        out[(f"{second}.disagreement", name)] = dd[1]
    for concept, g in conditions.items():
        key = f"{concept}.{first}.utility"
        u1 = base.get(key)
        if not is_number(u1) or base.get(f"{concept}.agreement_exists") is not True:
            continue
        if min(u1 - lower, upper - u1) <= 1e-6 * max(1.0, abs(lower), abs(upper)):
            continue  # a corner solution: the condition does not hold there
        at = {symbols[k]: v for k, v in values.items()}
        at[u] = float(u1)
        g_u = float(sympy.diff(g, u).subs(at))
        if not abs(g_u) > 1e-12 or abs(float(g.subs(at))) > 1e-6:
            continue  # degenerate, or the numerical solution is not where the condition holds
        for name in parameters:
            theta = symbols[name]
            du1 = -float(sympy.diff(g, theta).subs(at)) / g_u
            du2 = float(fu.subs(at)) * du1 + float(sympy.diff(f, theta).subs(at))
            out[(key, name)] = du1
            out[(f"{concept}.{second}.utility", name)] = du2
            out[(f"{concept}.{first}.gain", name)] = du1 - out[(f"{first}.disagreement", name)]
            out[(f"{concept}.{second}.gain", name)] = du2 - out[(f"{second}.disagreement", name)]
    return out
