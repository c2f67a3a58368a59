r"""Baron-Ferejohn legislative bargaining as a model with named parameters (spec kind ``legislative``).

:class:`LegislativeBargaining` holds the parties, their recognition
probabilities :math:`p_k`, discount factors :math:`\delta_i`, the quota
:math:`q` (votes needed, the proposer's included) and the veto players
(Winter 1996), each number a formula over the spec's parameters. It is
validated at construction (every name declared, every value in its domain,
each error at its JSON path) and never solves itself:
:func:`bargaining.coalitional.legislative_spec.solve_legislative` does.

Examples
--------
>>> model = LegislativeBargaining(["a", "b", "c"], discount_factor=0.9)
>>> model.arguments()["quota"], model.arguments()["discount_factor"]
(2, [0.9, 0.9, 0.9])
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from bargaining.errors import SpecError, suggest
from bargaining.expressions.parse import Expression
from bargaining.model.parameters import Parameter, check_name
from bargaining.model.parametrized import (
    Formula,
    Parametrized,
    check_parameters,
    finite_value,
    formula,
    set_fields,
)

__all__ = ["LegislativeBargaining"]


def _per_party(
    values: Formula | Mapping[str, Formula] | Sequence[Formula], parties: tuple[str, ...], field: str
) -> Any:
    """One formula for all (a 1-tuple) or one per party (in the parties' order), errors at ``field.name``.

    Takes a formula, ``{name: formula}``, or a sequence of one formula or one per party (the stored form).
    """
    if isinstance(values, Sequence) and not isinstance(values, str):
        if len(values) not in (1, len(parties)):
            raise SpecError(field, f"expected one value or {len(parties)}, one per party, got {len(values)}")
        if len(values) == 1:
            return (formula(values[0], field),)
        return tuple(formula(v, f"{field}.{p}") for p, v in zip(parties, values, strict=True))
    if not isinstance(values, Mapping):
        return (formula(values, field),)
    for name in values:
        if name not in parties:
            raise SpecError(f"{field}.{name}", f"unknown party {name!r}{suggest(str(name), list(parties))}")
    missing = [p for p in parties if p not in values]
    if missing:
        raise SpecError(field, f"give a value for every party; missing: {', '.join(missing)}")
    return tuple(formula(values[p], f"{field}.{p}") for p in parties)


@dataclass(frozen=True, slots=True, init=False)
class LegislativeBargaining(Parametrized):
    r"""Baron-Ferejohn bargaining over a unit surplus (closed rule), with named parameters.

    Parameters
    ----------
    parties
        The parties' names (at least two), or their number ``n`` (named ``p1`` ... ``pn``).
    recognition
        :math:`p_k` per party, ``{name: formula}``; ``None``: equal (:math:`1/n`).
    discount_factor
        :math:`\delta`: one formula for all, or ``{name: formula}``; each in :math:`[0, 1)`.
    quota
        :math:`q`, the votes a proposal needs, the proposer's included (a whole
        number in :math:`[1, n]`); ``None``: a simple majority, :math:`\lfloor n/2 \rfloor + 1`.
    veto
        Parties whose vote every proposal needs (Winter 1996).
    parameters, name, description
        As in every spec.

    Raises
    ------
    SpecError
        With the JSON path, for a repeated or unknown party, a negative
        recognition probability or ones that do not sum to 1, a discount factor
        outside :math:`[0, 1)`, or a quota that is not a whole number in :math:`[1, n]`.
    """

    parties: tuple[str, ...]
    recognition: tuple[Expression, ...] | None
    discount_factor: tuple[Expression, ...]
    quota: Expression | None
    veto: tuple[str, ...]
    parameters: tuple[Parameter, ...]
    name: str
    description: str

    spec_kind: ClassVar[str] = "legislative"

    def __init__(
        self,
        parties: Sequence[str] | int,
        recognition: Mapping[str, Formula] | Sequence[Formula] | None = None,
        discount_factor: Formula | Mapping[str, Formula] | Sequence[Formula] = 0.9,
        quota: Formula | None = None,
        veto: Sequence[str] = (),
        parameters: Sequence[Parameter] = (),
        name: str = "",
        description: str = "",
    ) -> None:
        if isinstance(parties, bool):
            raise SpecError("parties", "expected the parties' names or their number, got a boolean")
        listed = [f"p{i + 1}" for i in range(parties)] if isinstance(parties, int) else list(parties)
        names = tuple(check_name(p, f"parties[{i}]") for i, p in enumerate(listed))
        if len(names) < 2:
            raise SpecError("parties", f"legislative bargaining needs at least two parties, got {len(names)}")
        for i, p in enumerate(names):
            if p in names[:i]:
                raise SpecError(f"parties[{i}]", f"the party {p!r} is listed twice; names must be unique")
        for i, p in enumerate(veto):
            if p not in names:
                raise SpecError(f"veto[{i}]", f"unknown party {p!r}{suggest(str(p), list(names))}")
        shares = None if recognition is None else _per_party(recognition, names, "recognition")
        if shares is not None and len(shares) != len(names):
            raise SpecError("recognition", "give a probability for every party: {name: p, ...}")
        set_fields(
            self,
            parties=names,
            recognition=shares,
            discount_factor=_per_party(discount_factor, names, "discount_factor"),
            quota=None if quota is None else formula(quota, "quota"),
            veto=tuple(veto),
            parameters=check_parameters(parameters),
            name=name,
            description=description,
        )
        self.arguments()  # validates every value

    def __repr__(self) -> str:
        label = f"{self.name!r}, " if self.name else ""
        return f"LegislativeBargaining({label}{self.summary()})"

    @property
    def party_names(self) -> tuple[str, ...]:
        """The parties' names, in order."""
        return self.parties

    def summary(self) -> str:
        """One line: the parties, the quota, the veto players."""
        args = self.arguments()
        veto = f", veto: {', '.join(self.veto)}" if self.veto else ""
        return f"{len(self.parties)} parties ({', '.join(self.parties)}), quota {args['quota']}{veto}"

    def arguments(self) -> dict[str, Any]:
        """The arguments of :func:`~bargaining.coalitional.legislative.legislative_bargaining` at the values.

        Raises
        ------
        SpecError
            For a value outside its domain, at the JSON path of its field.
        """
        values = self.parameter_values()
        n = len(self.parties)
        paths = [f"discount_factor.{p}" for p in self.parties] if len(self.discount_factor) > 1 else None
        delta = []
        for i, expr in enumerate(self.discount_factor):
            path = paths[i] if paths else "discount_factor"
            d = finite_value(expr, values, path)
            if not 0 <= d < 1:
                raise SpecError(path, f"a discount factor must be in [0, 1), got {d:g}")
            delta.append(d)
        recognition = None
        if self.recognition is not None:
            recognition = []
            for party, expr in zip(self.parties, self.recognition, strict=True):
                p = finite_value(expr, values, f"recognition.{party}")
                if p < 0:
                    raise SpecError(f"recognition.{party}", f"a probability must be >= 0, got {p:g}")
                recognition.append(p)
            if not math.isclose(sum(recognition), 1.0, abs_tol=1e-9):
                raise SpecError(
                    "recognition", f"the recognition probabilities sum to {sum(recognition):.12g}, not 1"
                )
        return {
            "players": list(self.parties),
            "recognition": recognition,
            "discount_factor": delta if len(delta) == n else delta * n,
            "quota": self._quota(values, n),
            "veto": list(self.veto),
        }

    def _quota(self, values: Mapping[str, float], n: int) -> int:
        if self.quota is None:
            return n // 2 + 1
        q = finite_value(self.quota, values, "quota")
        if q != round(q) or not 1 <= q <= n:
            raise SpecError(
                "quota",
                f"the quota is the number of votes a proposal needs, the proposer's included: a whole "
                f"number in [1, {n}], got {q:g}",
            )
        return int(round(q))
