"""Two-party readers share one check of their sides (bargaining.io.sides): two, differently named.

Each shipped file of a two-party kind is read with its sides renamed alike, with a third side and
with a proposer that names no side; every one is a SpecError at the JSON path of the mistake.
"""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from strategies import ROOT

from bargaining.errors import SpecError
from bargaining.io import read_spec as from_dict

#: file, the list of sides, the field that names a proposer (None: the kind has none)
TWO_SIDED = (
    ("kursk_rubinstein.json", "players", "first_proposer"),
    ("kursk_war.json", "parties", "proposer"),
    ("kursk_shifting_power.json", "parties", None),
    ("kursk_learning.json", "parties", None),
    ("kursk_over_time.json", "players", None),
)


def _spec(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ROOT / "games" / name).read_text())
    return data


@pytest.mark.parametrize(("name", "key", "_proposer"), TWO_SIDED)
def test_sides_with_one_name_are_refused_at_the_second_name(name: str, key: str, _proposer: str) -> None:
    data = _spec(name)
    from_dict(copy.deepcopy(data))  # the shipped file reads
    data[key][1]["name"] = data[key][0]["name"]
    with pytest.raises(SpecError) as caught:
        from_dict(data)
    assert caught.value.path == f"{key}[1].name"
    assert "rename one" in caught.value.message


@pytest.mark.parametrize(("name", "key", "_proposer"), TWO_SIDED)
def test_a_third_side_is_refused_at_the_list(name: str, key: str, _proposer: str) -> None:
    data = _spec(name)
    data[key].append({**data[key][1], "name": "third"})
    with pytest.raises(SpecError) as caught:
        from_dict(data)
    assert caught.value.path == key
    assert "got 3" in caught.value.message


@pytest.mark.parametrize(("name", "key", "proposer"), [t for t in TWO_SIDED if t[2]])
def test_a_proposer_that_names_no_side_is_refused_with_the_sides_named(
    name: str, key: str, proposer: str
) -> None:
    data = _spec(name)
    first = data[key][0]["name"]
    data[proposer] = first[:-1] + "X"
    with pytest.raises(SpecError) as caught:
        from_dict(data)
    assert caught.value.path == proposer
    assert f"did you mean {first!r}" in caught.value.message
    data[proposer] = 2
    with pytest.raises(SpecError, match=r"name or index \(0 or 1\), got"):
        from_dict(data)
