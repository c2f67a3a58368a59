r"""The explorer's parameters: one slider per ranged parameter, values checked, the ``--set`` line.

Nothing here imports Panel: the page (:mod:`bargaining.explore.app`) and the
``/solve`` endpoint (:mod:`bargaining.explore.rest`) both check what they are
sent with :func:`check_values`, so a value out of range sent by hand gets the
same message whichever way it comes.

A slider's step is the power of ten just under a thousandth of its range,

.. math:: \text{step} = 10^{\lfloor \log_{10} ((\text{high} - \text{low}) / 1000) \rfloor},

and every value is read to 12 significant figures (:func:`canonical`), so the
``--set`` line shown on the page reproduces exactly what the page solved.

Examples
--------
>>> from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party
>>> dollar = BargainingProblem(
...     [Party("a", "share", disagreement="d_a"), Party("b", "1 - share")],
...     [ContinuousIssue("share")], [Parameter("d_a", 0.2, (0, 0.6), unit="utils")])
>>> [(s.name, s.low, s.high, s.step) for s in sliders(dollar)]
[('d_a', 0.0, 0.6, 0.0001)]
>>> set_line(dollar, {"d_a": 0.30000000000000004}, spec="dollar.json")
'bargain solve dollar.json --set d_a=0.3'
>>> from bargaining.errors import SpecError
>>> try:
...     check_values(dollar, {"d_a": 0.9})
... except SpecError as exc:
...     print(exc.message)
0.9 is outside its range [0, 0.6] (utils); choose a value in the range
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bargaining.errors import SpecError, suggest
from bargaining.model.parameters import Parameter

__all__ = ["Slider", "canonical", "check_values", "parse_query", "set_line", "sliders"]

#: The kinds the explorer shows: those whose solver is ``solve_all`` with ``method=``.
EXPLORABLE = ("issue_space", "utility_set", "frontier")


@dataclass(frozen=True, slots=True)
class Slider:
    """What the page shows for one ranged parameter.

    Attributes
    ----------
    name
        The parameter's name (the ``--set`` name).
    label
        ``name (unit)``, the slider's title.
    low, high, step, value
        The slider's ends, step and starting value (the spec's).
    description
        The parameter's description, as written in the spec.
    source
        Its source, or ``"assumption (no source given)"``.
    """

    name: str
    label: str
    low: float
    high: float
    step: float
    value: float
    description: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        """Plain data (for JSON)."""
        return {
            "name": self.name,
            "label": self.label,
            "low": self.low,
            "high": self.high,
            "step": self.step,
            "value": self.value,
            "description": self.description,
            "source": self.source,
        }


def canonical(value: float) -> float:
    """``value`` read to 12 significant figures: ``0.30000000000000004`` is ``0.3``."""
    return float(f"{float(value):.12g}")


def slider_step(low: float, high: float) -> float:
    """The power of ten just under ``(high - low) / 1000`` (``1.0`` for an empty range)."""
    span = high - low
    return 10.0 ** math.floor(math.log10(span / 1000)) if span > 0 else 1.0


def check_explorable(model: Any) -> None:
    """Raise :class:`SpecError` unless ``model`` is a bargaining problem the explorer solves."""
    kind = getattr(model, "spec_kind", type(model).__name__)
    if kind not in EXPLORABLE:
        raise SpecError(
            "kind",
            f"the explorer shows bargaining problems ({', '.join(EXPLORABLE)}), not {kind!r}; "
            "use bargain solve or the sensitivity commands for this spec",
        )


def sliders(model: Any) -> tuple[Slider, ...]:
    """A :class:`Slider` for each parameter of ``model`` with a range (in the spec's order)."""
    out = []
    for p in getattr(model, "parameters", ()):
        if p.range is None:
            continue
        low, high = p.range
        out.append(
            Slider(
                name=p.name,
                label=f"{p.name} ({p.unit})" if p.unit else p.name,
                low=low,
                high=high,
                step=slider_step(low, high),
                value=p.value,
                description=p.description,
                source=p.source or "assumption (no source given)",
            )
        )
    return tuple(out)


def _by_name(model: Any) -> dict[str, Parameter]:
    return {p.name: p for p in getattr(model, "parameters", ())}


def check_values(model: Any, values: Mapping[str, Any]) -> dict[str, float]:
    """``values`` as ``{name: float}`` (read by :func:`canonical`) if every one is valid for ``model``.

    Raises
    ------
    SpecError
        At ``parameters.NAME``: an unknown name (with a suggestion), a value
        that is not a finite number, or one outside the parameter's range.
    """
    known = _by_name(model)
    out: dict[str, float] = {}
    for name, value in values.items():
        if name not in known:
            listed = ", ".join(known) or "none"
            raise SpecError(
                "parameters",
                f"unknown parameter {name!r}{suggest(str(name), list(known))} (parameters: {listed})",
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise SpecError(f"parameters.{name}", f"expected a number, got {value!r}")
        number = float(value)
        if not math.isfinite(number):
            raise SpecError(f"parameters.{name}", f"expected a finite number, got {value!r}")
        p = known[name]
        if p.range is not None and not p.range[0] <= number <= p.range[1]:
            unit = f" ({p.unit})" if p.unit else ""
            raise SpecError(
                f"parameters.{name}",
                f"{number:g} is outside its range [{p.range[0]:g}, {p.range[1]:g}]{unit}; "
                "choose a value in the range",
            )
        out[name] = canonical(number)
    return out


def parse_query(model: Any, query: Mapping[str, Iterable[str]]) -> dict[str, float]:
    """URL query arguments (``?kursk_held=0``: each name once, text values) checked as :func:`check_values`.

    Raises
    ------
    SpecError
        For a name given twice, a value that is not a number, and everything
        :func:`check_values` refuses.
    """
    values: dict[str, Any] = {}
    for name, texts in query.items():
        given = list(texts)
        if len(given) != 1:
            raise SpecError(f"parameters.{name}", f"give one value, got {len(given)}")
        try:
            values[name] = float(given[0])
        except ValueError:
            raise SpecError(f"parameters.{name}", f"{given[0]!r} is not a number") from None
    return check_values(model, values)


def set_line(model: Any, values: Mapping[str, float], spec: str | None = None) -> str:
    """The ``bargain solve`` command that solves ``model`` at ``values``: only those unlike the spec's.

    ``spec`` is the spec's path (``SPEC`` if unknown).
    """
    known = _by_name(model)
    changed = [
        f"--set {name}={canonical(v):.12g}"
        for name, v in values.items()
        if name in known and canonical(v) != canonical(known[name].value)
    ]
    return " ".join(["bargain solve", spec or "SPEC", *changed])
