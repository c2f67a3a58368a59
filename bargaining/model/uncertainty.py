r"""Uncertainty about parameters: distributions for Monte Carlo analysis.

A parameter's ``distribution`` in a spec (or ``--dist`` on the command line)
says how uncertain its value is:

==============  ===========================================  ===========================
type            fields                                       command line
==============  ===========================================  ===========================
``uniform``     ``low``, ``high`` (default: the range)       ``uniform[:low:high]``
``normal``      ``mean``, ``sd``                             ``normal:mean:sd``
``triangular``  ``low``, ``mode``, ``high``                  ``triangular:low:mode:high``
``beta``        ``alpha``, ``beta``, ``low``, ``high``       ``beta:alpha:beta[:low:high]``
                (on ``[low, high]``, default: the range)
==============  ===========================================  ===========================

A draw never leaves the parameter's declared range: a normal distribution is
*truncated* to it (the density renormalised on the range, not piled up at its
ends), and the other distributions must lie inside it. Draws are made by
inverting the cumulative distribution function,

.. math:: \theta = F^{-1}(U), \qquad U \sim \mathrm{Uniform}(0, 1),

and for the truncated normal on :math:`[a, b]`,
:math:`F^{-1}(U) = \mu + \sigma\,\Phi^{-1}\big(\Phi(\alpha) + U(\Phi(\beta) - \Phi(\alpha))\big)` with
:math:`\alpha = (a - \mu)/\sigma`, :math:`\beta = (b - \mu)/\sigma`; so a seed
gives the same draws everywhere.

Examples
--------
>>> from bargaining.model.issue_space import Parameter
>>> p = Parameter("holding_cost", 0.15, (0, 0.5))
>>> d = parse_distribution("normal:0.15:0.05", p)
>>> d
Distribution('normal', mean=0.15, sd=0.05, on [0, 0.5])
>>> round(float(d.ppf(0.5)), 4)  # the median, a little above the mean: the range cuts the left tail
0.1501
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from bargaining.errors import InvalidGameError

__all__ = [
    "Distribution",
    "DistributionError",
    "check_distribution",
    "distribution_from_spec",
    "parse_distribution",
]

#: type -> its fields, in command-line order
FIELDS: dict[str, tuple[str, ...]] = {
    "uniform": ("low", "high"),
    "normal": ("mean", "sd"),
    "triangular": ("low", "mode", "high"),
    "beta": ("alpha", "beta", "low", "high"),
}


class DistributionError(InvalidGameError):
    """A distribution that is malformed or does not fit its parameter's range."""


@dataclass(frozen=True, slots=True)
class Distribution:
    """The uncertainty about one parameter.

    Attributes
    ----------
    kind
        ``"uniform"``, ``"normal"``, ``"triangular"`` or ``"beta"``.
    args
        The fields of :data:`FIELDS` ``[kind]`` by name.
    low, high
        Where draws can fall: the support, within the parameter's range
        (for a normal, the range it is truncated to; infinite if none).
    """

    kind: str
    args: Mapping[str, float]
    low: float
    high: float

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v:g}" for k, v in self.args.items())
        return f"Distribution({self.kind!r}, {args}, on [{self.low:g}, {self.high:g}])"

    def ppf(self, u: Any) -> np.ndarray:
        """The quantile function :math:`F^{-1}(u)`, elementwise for ``u`` in :math:`[0, 1]`."""
        from scipy import stats

        q = np.asarray(u, dtype=float)
        a = self.args
        if self.kind == "uniform":
            out = a["low"] + q * (a["high"] - a["low"])
        elif self.kind == "normal":
            lo = stats.norm.cdf((self.low - a["mean"]) / a["sd"])
            hi = stats.norm.cdf((self.high - a["mean"]) / a["sd"])
            out = a["mean"] + a["sd"] * stats.norm.ppf(lo + q * (hi - lo))
        elif self.kind == "triangular":
            width = a["high"] - a["low"]
            c = (a["mode"] - a["low"]) / width
            out = stats.triang.ppf(q, c, loc=a["low"], scale=width)
        else:
            out = a["low"] + (a["high"] - a["low"]) * stats.beta.ppf(q, a["alpha"], a["beta"])
        return np.clip(out, self.low, self.high)

    def sample(self, n: int, rng: np.random.Generator) -> np.ndarray:
        """``n`` independent draws."""
        return self.ppf(rng.random(n))

    def mean(self) -> float:
        """The mean (of the truncated distribution, for a normal), numerically."""
        grid = (np.arange(20_000) + 0.5) / 20_000
        return float(np.mean(self.ppf(grid)))

    def to_dict(self) -> dict[str, Any]:
        """The spec's form: ``{"type": ..., fields...}``."""
        return {"type": self.kind, **{k: float(v) for k, v in self.args.items()}}


def _finite(value: Any, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise DistributionError(f"{what} must be a number, got {value!r}")
    if not math.isfinite(value):
        raise DistributionError(f"{what} must be a finite number, got {value!r}")
    return float(value)


def _build(kind: str, values: Mapping[str, Any], parameter: Any) -> Distribution:
    name = parameter.name
    rng = parameter.range
    lo, hi = (float(rng[0]), float(rng[1])) if rng is not None else (-math.inf, math.inf)
    if kind not in FIELDS:
        from bargaining.errors import suggest

        raise DistributionError(
            f"{name}: unknown distribution {kind!r}{suggest(kind, list(FIELDS))} "
            f"(choose from {', '.join(FIELDS)})"
        )
    args: dict[str, float] = {}
    for field_name in FIELDS[kind]:
        if field_name in values and values[field_name] is not None:
            args[field_name] = _finite(values[field_name], f"{name}: {kind} {field_name}")
        elif field_name in ("low", "high") and kind in ("uniform", "beta"):
            if rng is None:
                raise DistributionError(
                    f"{name}: give the {kind} distribution's {field_name} (the parameter declares no range)"
                )
            args[field_name] = lo if field_name == "low" else hi
        else:
            raise DistributionError(
                f"{name}: a {kind} distribution needs {', '.join(FIELDS[kind])}; {field_name} is missing"
            )
    if kind == "normal":
        if args["sd"] <= 0:
            raise DistributionError(f"{name}: the normal sd must be positive, got {args['sd']:g}")
        from scipy import stats

        mass = stats.norm.cdf((hi - args["mean"]) / args["sd"]) - stats.norm.cdf(
            (lo - args["mean"]) / args["sd"]
        )
        if mass < 1e-9:
            raise DistributionError(
                f"{name}: normal({args['mean']:g}, {args['sd']:g}) puts almost no probability on the "
                f"parameter's range [{lo:g}, {hi:g}]; move the mean into the range"
            )
        return Distribution(kind, args, lo, hi)
    if kind == "beta" and (args["alpha"] <= 0 or args["beta"] <= 0):
        raise DistributionError(
            f"{name}: beta alpha and beta must be positive, got {args['alpha']:g}, {args['beta']:g}"
        )
    low, high = args["low"], args["high"]
    if not low < high:
        raise DistributionError(
            f"{name}: the {kind} distribution's low ({low:g}) must be below its high ({high:g})"
        )
    if kind == "triangular" and not low <= args["mode"] <= high:
        raise DistributionError(
            f"{name}: the triangular mode {args['mode']:g} must lie in [{low:g}, {high:g}]"
        )
    if low < lo or high > hi:
        raise DistributionError(
            f"{name}: the {kind} distribution on [{low:g}, {high:g}] leaves the parameter's range "
            f"[{lo:g}, {hi:g}]; keep it inside"
        )
    return Distribution(kind, args, low, high)


def distribution_from_spec(data: Any, parameter: Any) -> Distribution:
    """The :class:`Distribution` of a spec's ``distribution`` object for ``parameter``.

    Raises
    ------
    DistributionError
        For a missing or unknown ``type``, a missing, unknown or non-numeric
        field, or a distribution that does not fit the parameter's range.
    """
    if not isinstance(data, Mapping):
        raise DistributionError(f'{parameter.name}: a distribution is an object with a "type", got {data!r}')
    kind = data.get("type")
    if not isinstance(kind, str):
        raise DistributionError(
            f'{parameter.name}: the distribution needs a "type" ({", ".join(FIELDS)}), got {kind!r}'
        )
    unknown = set(data) - {"type", *FIELDS.get(kind, ())}
    if kind in FIELDS and unknown:
        raise DistributionError(
            f"{parameter.name}: unknown field(s) {', '.join(sorted(unknown))} for a {kind} distribution "
            f"(fields: {', '.join(FIELDS[kind])})"
        )
    return _build(kind, data, parameter)


def parse_distribution(text: str, parameter: Any) -> Distribution:
    """A :class:`Distribution` from command-line text such as ``normal:0.15:0.05``.

    Raises
    ------
    DistributionError
        For an unknown type, the wrong number of fields, or a field that is
        not a number.
    """
    parts = [p.strip() for p in text.split(":")]
    kind = parts[0].lower()
    fields = FIELDS.get(kind)
    if fields is None:
        return _build(kind, {}, parameter)  # raises, with a suggestion
    given = parts[1:]
    optional = 2 if kind in ("uniform", "beta") else 0
    if len(given) not in (len(fields), len(fields) - optional):
        usage = ":".join([kind, *fields])
        raise DistributionError(f"{parameter.name}: {text!r} is not {usage}")
    values: dict[str, float] = {}
    for field_name, item in zip(fields, given, strict=False):
        try:
            values[field_name] = float(item)
        except ValueError:
            raise DistributionError(
                f"{parameter.name}: {kind} {field_name} {item!r} is not a number"
            ) from None
    return _build(kind, values, parameter)


def check_distribution(parameter: Any, path: str = "distribution") -> None:
    """Validate ``parameter.distribution`` (if any) as a spec reader would, at the JSON ``path``.

    For spec readers: ``check_distribution(param, f"parameters[{i}].distribution")``
    reports a bad distribution when the spec is loaded rather than when a
    Monte Carlo analysis first uses it.

    Raises
    ------
    SpecError
        At ``path``, with the message of :class:`DistributionError`.
    """
    from bargaining.errors import SpecError

    if parameter.distribution is None:
        return
    try:
        distribution_from_spec(parameter.distribution, parameter)
    except DistributionError as exc:
        message = str(exc).removeprefix(f"{parameter.name}: ")
        raise SpecError(path, message) from None
