"""JSON specs: round trips, and a clear error with its JSON path for every kind of bad input."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from strategies import ROOT

import bargaining as bg
from bargaining.io import dumps, loads, read_spec

KURSK = json.loads((ROOT / "games" / "kursk.json").read_text())


def edited(path: list[Any], value: Any) -> dict[str, Any]:
    spec = copy.deepcopy(KURSK)
    target = spec
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return spec


@pytest.mark.parametrize(
    "name",
    [
        "kursk.json",
        "divide_the_dollar.json",
        "curved_frontier.json",
        "kalai_smorodinsky_1975.json",
        "nash1950_bill_jack.json",
        "asymmetric_power.json",
    ],
)
def test_round_trip(name: str) -> None:
    model = bg.load(ROOT / "games" / name)
    again = loads(dumps(model))
    assert again == model
    assert dumps(again) == dumps(model)


@pytest.mark.parametrize(
    ("spec", "path", "message"),
    [
        (
            edited(["parties", 0, "utility"], "0.6*territroy_returned"),
            "parties[0].utility",
            "unknown name 'territroy_returned'; did you mean 'territory_returned'?",
        ),
        (
            edited(["parameters", 0, "value"], "1000"),
            "parameters[0].value",
            "expected a number, got the string",
        ),
        (edited(["parameters", 0, "value"], 5000), "parameters[0].value", "outside its range [0, 1294]"),
        (edited(["parameters", 0, "range"], [1294, 0]), "parameters[0].range", "reversed"),
        (edited(["parties", 1, "bargaining_power"], -1), "parties[1].bargaining_power", "must be positive"),
        (edited(["issues", 0, "lower"], 2), "issues[0]", "bounds of 'territory_returned' contradict"),
        (
            edited(["parties", 0, "utility"], "__import__('os').system('ls')"),
            "parties[0].utility",
            "only the functions sqrt, log, exp, abs, min or max may be called",
        ),
        (
            edited(["parties", 0, "disagreement"], "territory_returned"),
            "parties[0].disagreement",
            "cannot depend on the issue",
        ),
        (edited(["issues", 2, "levels", 1, "name"], "none"), "issues[2].levels[1].name", "appears twice"),
        (edited(["issues", 0, "type"], "continous"), "issues[0].type", "did you mean 'continuous'"),
        (edited(["parties", 0, "bargainig_power"], 1), "parties[0].bargainig_power", "unknown field"),
        (edited(["parties"], [KURSK["parties"][0]]), "parties", "at least 2"),
        (edited(["kind"], "issue_spaces"), "kind", "did you mean 'issue_space'"),
        (edited(["version"], 7), "version", "not supported"),
        (edited(["parameters", 1, "name"], "kursk_held"), "parameters[1].name", "used twice"),
        (edited(["parties", 0, "utility"], None), "parties[0].utility", "missing required"),
        (
            edited(["parameters", 2, "distribution"], {"type": "gaussian"}),
            "parameters[2].distribution",
            "gaussian",
        ),
    ],
)
def test_errors_name_the_json_path(spec: dict[str, Any], path: str, message: str) -> None:
    with pytest.raises(bg.SpecError) as info:
        read_spec(spec)
    assert info.value.path == path
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"format": "bargaining", "version": 1,', "not valid JSON"),
        ('{"format": "bargaining", "version": 1, "x": NaN}', "NaN is not a number JSON allows"),
        ("[1, 2]", "expected an object"),
    ],
)
def test_malformed_json(text: str, message: str) -> None:
    with pytest.raises(bg.BargainingError, match=message):
        loads(text)


def test_nan_in_python_api_is_refused() -> None:
    with pytest.raises(bg.SpecError, match="finite"):
        bg.Parameter("x", float("nan"))


def test_with_parameters_rejects_unknown_and_out_of_range() -> None:
    problem = bg.load(ROOT / "games" / "kursk.json")
    with pytest.raises(bg.SpecError, match="did you mean 'kursk_held'"):
        problem.with_parameters(kursk_hold=1)
    with pytest.raises(bg.SpecError, match=r"parameters\[0\].value"):
        problem.with_parameters(kursk_held=-5)


def test_schema_accepts_every_shipped_spec_of_its_kinds(schema_validator: Any) -> None:
    for path in sorted((ROOT / "games").glob("*.json")):
        spec = json.loads(path.read_text())
        schema_validator.validate(spec)


def test_every_number_in_the_kursk_scenario_is_labelled() -> None:
    """Honest numbers: each parameter and level says it is an assumption or cites a source."""
    for parameter in KURSK["parameters"]:
        text = (parameter.get("description", "") + " " + parameter.get("source", "")).lower()
        assert "assumption" in text or parameter.get("source"), parameter["name"]
    for issue in KURSK["issues"]:
        for level in issue.get("levels", []):
            assert "assumption" in level["description"].lower(), level["name"]
