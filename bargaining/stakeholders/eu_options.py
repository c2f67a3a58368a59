"""The switches of Bueno de Mesquita's expected-utility model, and presets for its replications.

Scholz, Calbert and Smith (2011) formalise the model; two open replications
read it differently at ten points (``../shared/stakeholder/models.md`` §2.4).
Each point is a switch here. The defaults follow the paper where it is
unambiguous and say which reading was chosen where it is not (see
docs/stakeholders.md):

=====================  ==================================  =================  ==================
switch                 values                              default (paper)    replications
=====================  ==================================  =================  ==================
``probability``        paper, scholz_code, net_margin      paper              A: scholz_code, B: net_margin
``risk_perspective``   receiver, own                       receiver           A: receiver, B: own
``offer_choice``       least_movement, scholz_code,        least_movement     A: scholz_code, B: highest_eu
                       highest_eu
``capitulation``       True, False                         True               A: False (typo), B: True
``position_range``     data, scale                         data               A: data, B: scale
``status_quo_terms``   paper, q_only, gdm_sign             paper              A: q_only, B: gdm_sign
``reference_point``    weighted_median, mean, gdm_two_pass weighted_median    B: gdm_two_pass
``companion_salience`` target, as_printed                  target             A, B: target
``risk_basis``         across_actors                       across_actors      A, B: across_actors
``stop``               no_movement, fixed_rounds           no_movement        A, B: fixed_rounds
``zero_salience``      abstains, acts                      abstains           A, B: acts
=====================  ==================================  =================  ==================

``zero_salience="abstains"`` (not in the sources; the paper is silent): an
actor with salience 0 on an issue neither challenges, nor adds to anyone's
danger, nor sets the data range there; it can still be moved. With ``acts``
(the sources) such an actor challenges like any other, so a bystander who does
not care can move the others.

``q`` and ``t`` are the paper's :math:`Q` and :math:`T` (both 1 in every
shipped run of the sources).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from typing import Any

from bargaining.errors import InvalidGameError

__all__ = ["PRESETS", "EUOptions", "preset"]

_CHOICES: dict[str, tuple[Any, ...]] = {
    "probability": ("paper", "scholz_code", "net_margin"),
    "risk_perspective": ("receiver", "own"),
    "offer_choice": ("least_movement", "scholz_code", "highest_eu"),
    "capitulation": (True, False),
    "position_range": ("data", "scale"),
    "status_quo_terms": ("paper", "q_only", "gdm_sign"),
    "reference_point": ("weighted_median", "mean", "gdm_two_pass"),
    "companion_salience": ("target", "as_printed"),
    "risk_basis": ("across_actors",),
    "stop": ("no_movement", "fixed_rounds"),
    "zero_salience": ("abstains", "acts"),
}


@dataclass(frozen=True, slots=True)
class EUOptions:
    """The switches of :func:`~bargaining.stakeholders.expected_utility.expected_utility_model`.

    See the module docstring for the values; ``rounds`` is the most rounds
    run, ``tolerance`` the largest move (as a share of the issue's range)
    at or below which ``stop="no_movement"`` ends the run.
    """

    probability: str = "paper"
    risk_perspective: str = "receiver"
    offer_choice: str = "least_movement"
    capitulation: bool = True
    position_range: str = "data"
    status_quo_terms: str = "paper"
    reference_point: str = "weighted_median"
    companion_salience: str = "target"
    risk_basis: str = "across_actors"
    stop: str = "no_movement"
    zero_salience: str = "abstains"
    q: float = 1.0
    t: float = 1.0
    rounds: int = 100
    tolerance: float = 1e-6

    def __post_init__(self) -> None:
        for name, allowed in _CHOICES.items():
            value = getattr(self, name)
            if value not in allowed or (isinstance(value, bool) != isinstance(allowed[0], bool)):
                raise InvalidGameError(f"{name}: expected one of {list(allowed)}, got {value!r}")
        for name in ("q", "t"):
            value = getattr(self, name)
            if not 0 <= value <= 1:
                raise InvalidGameError(f"{name}: expected a number in [0, 1], got {value!r}")
        if (
            isinstance(self.rounds, bool)
            or not isinstance(self.rounds, int)
            or not 1 <= self.rounds <= 10_000
        ):
            raise InvalidGameError(f"rounds: expected an integer in [1, 10000], got {self.rounds!r}")

    def to_dict(self) -> dict[str, Any]:
        """The switches as plain values."""
        return asdict(self)

    def with_changes(self, **changes: Any) -> EUOptions:
        """A copy with some switches changed (validated again)."""
        return replace(self, **changes)


#: The replications as presets: ``scholz_code`` (jmckib's bdm-scholz-expected-utility-model and
#: dmasad's Python 3 port, "faithful to Scholz' original code") and ``gdm`` (dmasad's
#: BDM_DecisionModel_Replication GroupDecisionModel.py, a reading of the paper).
PRESETS: dict[str, EUOptions] = {
    "paper": EUOptions(),
    "scholz_code": EUOptions(
        probability="scholz_code",
        risk_perspective="receiver",
        offer_choice="scholz_code",
        capitulation=False,
        position_range="data",
        status_quo_terms="q_only",
        stop="fixed_rounds",
        zero_salience="acts",
        rounds=10,
    ),
    "gdm": EUOptions(
        probability="net_margin",
        risk_perspective="own",
        offer_choice="highest_eu",
        capitulation=True,
        position_range="scale",
        status_quo_terms="gdm_sign",
        reference_point="gdm_two_pass",
        stop="fixed_rounds",
        zero_salience="acts",
        rounds=10,
    ),
}


def preset(name: str, **changes: Any) -> EUOptions:
    """The preset called ``name`` (``paper``, ``scholz_code``, ``gdm``) with ``changes``."""
    if name not in PRESETS:
        raise InvalidGameError(f"unknown preset {name!r} (known: {', '.join(PRESETS)})")
    return PRESETS[name].with_changes(**changes)
