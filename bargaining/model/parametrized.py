"""Formulas over named parameters, for models whose numbers come from a spec.

The alternating-offers and war models take each number (a discount factor,
a probability of victory, a cost) as a formula over the spec's
:class:`~bargaining.model.parameters.Parameter` list, so a scenario can say how holding
territory shifts the odds and be re-solved for other values
(``with_parameters``). These helpers parse, check and evaluate such formulas,
and every error names the field's JSON path; :class:`Parametrized` gives the
three models (issue space, alternating offers, war) their one
``parameter_values`` / ``with_parameters``.
"""

from __future__ import annotations

import dataclasses
import math
import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any, Self, TypeAlias

from bargaining.errors import ExpressionError, SpecError, suggest
from bargaining.expressions.parse import Expression, parse_expression
from bargaining.model.parameters import Parameter, same_name_note

__all__ = [
    "Formula",
    "Parametrized",
    "check_pair",
    "check_parameters",
    "finite_value",
    "formula",
    "replace_values",
    "set_fields",
    "value_of",
]

#: What a number field of a model accepts: a parsed formula, its text, or a number.
#: The field itself always holds the parsed :class:`~bargaining.expressions.parse.Expression`.
Formula: TypeAlias = Expression | str | float


def set_fields(model: object, **values: object) -> None:
    """Set the fields of a frozen dataclass from its own ``__init__``.

    The models take their inputs in any accepted form (:data:`Formula`, any
    sequence) and hold them normalised (an ``Expression``, a tuple); the
    ``__init__`` that normalises them sets each field once, here.
    """
    for name, value in values.items():
        object.__setattr__(model, name, value)


def formula(text: Any, path: str) -> Expression:
    """``text`` (a formula or a number) parsed, or a :class:`SpecError` at ``path``."""
    try:
        return parse_expression(text)
    except ExpressionError as exc:
        raise SpecError(path, str(exc)) from None


def check_parameters(parameters: Sequence[Any]) -> tuple[Parameter, ...]:
    """The parameters as a tuple, each a :class:`Parameter` with a unique name."""
    params = tuple(parameters)
    seen: dict[str, int] = {}
    for i, p in enumerate(params):
        if not isinstance(p, Parameter):
            raise SpecError(f"parameters[{i}]", f"expected a parameter object, got {type(p).__name__}")
        if p.name in seen:
            raise SpecError(
                f"parameters[{i}].name",
                f"the name {p.name!r} is used twice, here and at parameters[{seen[p.name]}].name"
                f"{same_name_note(p.name)}; names must be unique",
            )
        seen[p.name] = i
    return params


def value_of(expr: Expression, values: Mapping[str, float], path: str) -> float:
    """The value of ``expr`` at the parameter ``values``; errors name ``path``."""
    for name in sorted(expr.names):
        if name not in values:
            raise SpecError(
                path,
                f'unknown name {name!r} in {expr.source!r}; declare it in "parameters"'
                f"{suggest(name, sorted(values))}",
            )
    try:
        return float(expr.evaluate(values))
    except ExpressionError as exc:
        raise SpecError(path, str(exc)) from None


def finite_value(expr: Expression, values: Mapping[str, float], path: str) -> float:
    """:func:`value_of`, refusing a value that is not finite (``inf``, ``nan``) at ``path``."""
    x = value_of(expr, values, path)
    if not math.isfinite(x):
        raise SpecError(path, f"expected a finite number, got {x}")
    return x


def replace_values(parameters: Sequence[Parameter], updates: Mapping[str, float]) -> tuple[Parameter, ...]:
    """``parameters`` with some values changed (checked against their ranges).

    Raises
    ------
    SpecError
        For an unknown parameter (with a suggestion) or a value outside the
        parameter's range (at ``parameters[i].value``).
    """
    names = [p.name for p in parameters]
    # Names are stored in NFKC form (see check_name): --set with a micro sign finds the mu.
    updates = {unicodedata.normalize("NFKC", k) if isinstance(k, str) else k: v for k, v in updates.items()}
    for name in updates:
        if name not in names:
            raise SpecError("parameters", f"unknown parameter {name!r}{suggest(name, names)}")
    out = []
    for i, p in enumerate(parameters):
        if p.name in updates:
            try:
                p = dataclasses.replace(p, value=updates[p.name])
            except SpecError as exc:
                raise SpecError(f"parameters[{i}].{exc.path}", exc.message) from None
        out.append(p)
    return tuple(out)


def check_pair(items: Sequence[Any], kind: type, field: str, model: str) -> tuple[Any, Any]:
    """Exactly two distinctly named ``kind`` objects (the two sides of a two-party model).

    Parameters
    ----------
    items
        The objects, e.g. the players of alternating offers.
    kind
        The class each must be.
    field
        The spec field that holds them (``"players"``, ``"parties"``), for error paths.
    model
        How to name the model in a message, e.g. ``"alternating offers"``.

    Raises
    ------
    SpecError
        For a count other than two, an object of another class, or a repeated name.
    """
    pair = tuple(items)
    noun = field[:-1] if field.endswith("s") else field
    if len(pair) != 2:
        raise SpecError(field, f"{model} has two {field}, got {len(pair)}")
    for i, item in enumerate(pair):
        if not isinstance(item, kind):
            raise SpecError(f"{field}[{i}]", f"expected a {noun} object, got {type(item).__name__}")
    if pair[0].name == pair[1].name:
        raise SpecError(f"{field}[1].name", f"both {field} are called {pair[0].name!r}; rename one")
    return pair[0], pair[1]


class Parametrized:
    """The parameter protocol shared by the models with named parameters (a mixin).

    A frozen dataclass with a ``parameters`` field (a tuple of
    :class:`~bargaining.model.parameters.Parameter`) gets
    :meth:`parameter_values` and :meth:`with_parameters`; ``dataclasses.replace``
    runs the model's validation again.
    """

    __slots__ = ()

    parameters: Sequence[Parameter]

    def parameter_values(self) -> dict[str, float]:
        """``{name: value}`` of every parameter."""
        return {p.name: p.value for p in self.parameters}

    def with_parameters(self, values: Mapping[str, float] | None = None, **kwargs: float) -> Self:
        """A copy with some parameters set to other values (validated again).

        Raises
        ------
        SpecError
            For an unknown parameter (with a suggestion) or a value outside the
            parameter's range (at ``parameters[i].value``).
        """
        updates = {**(values or {}), **kwargs}
        model: Any = self  # a dataclass: the class that mixes this in is one
        changed: Self = dataclasses.replace(model, parameters=replace_values(self.parameters, updates))
        return changed

    def _repr_html_(self) -> str:
        """The model field by field as HTML, for notebooks (:func:`bargaining.display.model_html`)."""
        from bargaining.display import model_html

        return model_html(self)
