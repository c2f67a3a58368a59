"""KTAB's SMP scenario XML (``SMPModel::xmlRead``): the actor table and the model's settings.

Elements read: ``name``, ``desc``, ``prngSeed``, ``Dimensions/dName*``, the
actors (``name``, ``description``, ``capability``, ``Position/dCoord*``,
``Salience/dSal*``), the optional ``ModelParameters`` (all nine switches) and
``IdealAdjustment`` (``iaPair``: ``adjustingIdeal``, ``referencePos``,
``adjust``). Positions and saliences are on 0-100; saliences are checked
(each in [0, 100], an actor's sum at most 100) and divided by 100.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from bargaining.errors import SpecError
from bargaining.model.stakeholders import Stakeholder, StakeholderIssue, StakeholderTable

__all__ = ["from_ktab_xml"]


def _text(node: ET.Element | None, path: str) -> str:
    if node is None or node.text is None or not node.text.strip():
        raise SpecError(path, "missing or empty; give a value")
    return node.text.strip()


def _number(node: ET.Element | None, path: str) -> float:
    text = _text(node, path)
    try:
        return float(text)
    except ValueError:
        raise SpecError(path, f"expected a number, got {text!r}") from None


def _children(node: ET.Element, tag: str) -> list[ET.Element]:
    found = node.find(tag)
    return [] if found is None else list(found)


def _actor(node: ET.Element, k: int, dims: int) -> Stakeholder:
    path = f"Actors/Actor[{k}]"
    coords = _children(node, "Position")
    sals = _children(node, "Salience")
    if len(coords) != dims or len(sals) != dims:
        raise SpecError(path, f"expected {dims} dCoord and dSal values, got {len(coords)} and {len(sals)}")
    positions = [_number(c, f"{path}/Position/{c.tag}[{d}]") for d, c in enumerate(coords)]
    saliences = []
    for d, c in enumerate(sals):
        s = _number(c, f"{path}/Salience/{c.tag}[{d}]")
        if not 0 <= s <= 100:
            raise SpecError(f"{path}/Salience/{c.tag}[{d}]", f"a salience must be in [0, 100], got {s:g}")
        saliences.append(s / 100)
    if sum(saliences) > 1 + 1e-12:
        raise SpecError(f"{path}/Salience", f"the saliences sum to {100 * sum(saliences):g} > 100")
    return Stakeholder(
        _text(node.find("name"), f"{path}/name"),
        _number(node.find("capability"), f"{path}/capability"),
        positions,
        saliences,
        description=(node.findtext("description") or "").strip(),
    )


def from_ktab_xml(text: str) -> tuple[StakeholderTable, dict[str, Any]]:
    """The actor table of a KTAB scenario XML and its settings.

    The settings are ``seed``, ``switches`` (tag -> value) and
    ``ideal_adjustment`` (``(adjusting, reference, adjust)`` index triples).
    """
    try:
        root = ET.fromstring(text)
    except ET.ParseError as exc:
        raise SpecError("xml", f"not well-formed XML: {exc}") from None
    scenario = root if root.find("Actors") is not None else root.find("Scenario")
    if scenario is None or scenario.find("Actors") is None:
        raise SpecError("Actors", "no Actors element: is this a KTAB SMP scenario?")
    dims = [_text(d, f"Dimensions/{d.tag}[{k}]") for k, d in enumerate(_children(scenario, "Dimensions"))]
    if not dims:
        raise SpecError("Dimensions", "give at least one dName")
    positions_max = 100.0
    actors = [_actor(a, k, len(dims)) for k, a in enumerate(_children(scenario, "Actors"))]
    issues = [StakeholderIssue(d, 0.0, positions_max) for d in dims]
    for k, actor in enumerate(actors):  # XML positions are not range-checked by KTAB; here they must fit
        for d, p in enumerate(actor.positions):
            if not 0 <= p <= positions_max:
                raise SpecError(
                    f"Actors/Actor[{k}]/Position/dCoord{d}", f"position {p:g} is outside [0, 100]"
                )
    switches: dict[str, str] = {}
    params = scenario.find("ModelParameters")
    if params is not None:
        switches = {child.tag: _text(child, f"ModelParameters/{child.tag}") for child in params}
    names = [a.name for a in actors]
    pairs = []
    for k, pair in enumerate(scenario.iter("iaPair")):
        where = f"IdealAdjustment/iaPair[{k}]"
        ends = []
        for tag in ("adjustingIdeal", "referencePos"):
            who = _text(pair.find(tag), f"{where}/{tag}")
            if who not in names:
                raise SpecError(f"{where}/{tag}", f"unknown actor {who!r} (actors: {', '.join(names)})")
            ends.append(names.index(who))
        pairs.append((ends[0], ends[1], _number(pair.find("adjust"), f"{where}/adjust")))
    seed = scenario.findtext("prngSeed")
    info = {
        "switches": switches,
        "ideal_adjustment": pairs,
        "seed": int(seed) if seed and seed.strip().isdigit() else None,
    }
    name = (scenario.findtext("name") or "").strip()
    table = StakeholderTable(actors, issues, name=name, description=(scenario.findtext("desc") or "").strip())
    return table, info
