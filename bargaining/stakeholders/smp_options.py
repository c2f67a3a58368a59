"""The switches of KTAB's Spatial Model of Politics, with KTAB's defaults (``SMPModel``, kmodel.h, smp.h)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from bargaining.errors import InvalidGameError

__all__ = ["SMPOptions"]

#: switch -> allowed values, in KTAB's enum order (the first is not always the default)
CHOICES: dict[str, tuple[str, ...]] = {
    "victory_prob_model": ("Linear", "Square", "Quartic", "Octic", "Binary"),
    "pce_model": ("Conditional", "MarkovIncentive", "MarkovUniform"),
    "state_transitions": ("Deterministic", "Stochastic"),
    "voting_rule": ("Binary", "PropBin", "Prop", "PropCbc", "Cubic", "ASymProsp"),
    "big_r_adjust": ("None", "OneThird", "Half", "TwoThirds", "Full"),
    "big_r_range": ("Min", "Mid", "Max"),
    "third_party_commit": ("NoCommit", "SemiCommit", "FullCommit"),
    "inter_vec_brgn": ("S1P1", "S2P2", "S2PMax"),
    "bargn_model": ("InitOnlyInterp", "InitRcvrInterp", "PWCompInterp"),
    "sanity_checks": ("off", "ktab"),
    "salience_sum": ("normalise", "refuse"),
}

#: KTAB's XML tags for the switches
XML_TAGS = {
    "VictoryProbModel": "victory_prob_model",
    "PCEModel": "pce_model",
    "StateTransitions": "state_transitions",
    "VotingRule": "voting_rule",
    "BigRAdjust": "big_r_adjust",
    "BigRRange": "big_r_range",
    "ThirdPartyCommit": "third_party_commit",
    "InterVecBrgn": "inter_vec_brgn",
    "BargnModel": "bargn_model",
}


@dataclass(frozen=True, slots=True)
class SMPOptions:
    """KTAB's SMP switches (defaults: KTAB's), the seed, the ideal adjustment and the stop rule.

    Parameters
    ----------
    victory_prob_model, pce_model, state_transitions, voting_rule, big_r_adjust,
    big_r_range, third_party_commit, inter_vec_brgn, bargn_model
        As KTAB names them (docs/stakeholders.md); defaults Linear, Conditional,
        Deterministic, Prop, OneThird, Mid, SemiCommit, S2P2, InitOnlyInterp.
    seed
        For ``Stochastic`` transitions: numpy's generator, seeded (KTAB's own
        stochastic runs are not reproducible, even with its seed).
    ideal_adjustment
        ``(adjusting, reference, adjust)`` index triples on the identity matrix
        (KTAB's XML ``IdealAdjustment``); empty: ideals follow positions.
    sanity_checks
        ``"ktab"`` raises where KTAB's checks do (BigRAdjust=Full always
        fails them); ``"off"`` (default) does not check.
    salience_sum
        KTAB needs each actor's saliences to sum to at most 1: ``"normalise"``
        (default) divides a larger sum down to 1 and notes it; ``"refuse"`` raises.
    max_iterations, min_iterations, min_delta_ratio
        KTAB's stop rule: 100, 2, 0.02.
    """

    victory_prob_model: str = "Linear"
    pce_model: str = "Conditional"
    state_transitions: str = "Deterministic"
    voting_rule: str = "Prop"
    big_r_adjust: str = "OneThird"
    big_r_range: str = "Mid"
    third_party_commit: str = "SemiCommit"
    inter_vec_brgn: str = "S2P2"
    bargn_model: str = "InitOnlyInterp"
    seed: int = 15455440707583219804
    ideal_adjustment: tuple[tuple[int, int, float], ...] | Sequence[tuple[int, int, float]] = field(
        default_factory=tuple
    )
    sanity_checks: str = "off"
    salience_sum: str = "normalise"
    max_iterations: int = 100
    min_iterations: int = 2
    min_delta_ratio: float = 0.02

    def __post_init__(self) -> None:
        for name, allowed in CHOICES.items():
            if getattr(self, name) not in allowed:
                raise InvalidGameError(
                    f"{name}: expected one of {list(allowed)}, got {getattr(self, name)!r}"
                )
        object.__setattr__(self, "ideal_adjustment", tuple(tuple(p) for p in self.ideal_adjustment))
        if not 1 <= self.max_iterations <= 10_000:
            raise InvalidGameError(f"max_iterations: expected 1 to 10000, got {self.max_iterations!r}")

    def to_dict(self) -> dict[str, Any]:
        """The switches as plain values."""
        data = asdict(self)
        data["ideal_adjustment"] = [list(p) for p in self.ideal_adjustment]
        return data

    @classmethod
    def from_ktab(cls, switches: dict[str, str], **extra: Any) -> SMPOptions:
        """Options from KTAB's XML tags (``{"VotingRule": "Cubic", ...}``)."""
        changes: dict[str, Any] = {}
        for tag, value in switches.items():
            if tag not in XML_TAGS:
                raise InvalidGameError(
                    f"ModelParameters/{tag}: unknown switch (known: {', '.join(XML_TAGS)})"
                )
            changes[XML_TAGS[tag]] = value
        return cls(**changes, **extra)
