"""Spec kind ``legislative`` (bargaining.model.legislative, bargaining.io.legislative,
bargaining.coalitional.legislative_spec): Baron-Ferejohn bargaining from JSON, through the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from strategies import GAMES, run

from bargaining.errors import SpecError
from bargaining.io import loads
from bargaining.io.legislative import from_dict, to_dict
from bargaining.model.legislative import LegislativeBargaining

KURSK = GAMES / "kursk_legislative.json"


def spec(**fields: Any) -> dict[str, Any]:
    return {"format": "bargaining", "version": 1, "kind": "legislative", **fields}


def solve_json(tmp_path: Path, data: dict[str, Any], *extra: str) -> dict[str, Any]:
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    code, out, err = run("solve", str(path), "--format", "json", *extra)
    assert code == 0, err
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.mark.parametrize(("n", "delta"), [(5, 0.8), (7, 0.95)])
def test_symmetric_majority_closed_form_through_the_cli(tmp_path: Path, n: int, delta: float) -> None:
    # Baron and Ferejohn (1989), "Bargaining in legislatures", APSR 83(4), closed rule, majority rule:
    # the proposer keeps 1 - delta (n - 1) / (2n) and everyone's expected payoff is 1/n.
    result = solve_json(tmp_path, spec(parties=n, discount_factor=delta))
    assert result["closed_form"] and result["converged"]
    assert result["proposer_share"]["p1"] == pytest.approx(1 - delta * (n - 1) / (2 * n), abs=1e-12)
    assert list(result["values"].values()) == pytest.approx([1 / n] * n)


def test_veto_player_through_the_cli(tmp_path: Path) -> None:
    # Winter (1996), "Voting and vetoing", APSR 90(4): a veto player gains. Worked by hand for five parties,
    # equal recognition, delta = 0.9, three votes, a with a veto: a is in every coalition, so with
    # v_a = A and the others x, A = (1/5)(1 - 2(0.9 x)) + (4/5)(0.9 A) and A + 4x = 1: x = 2/19, A = 11/19.
    data = spec(parties=list("abcde"), discount_factor=0.9, quota=3, veto=["a"])
    result = solve_json(tmp_path, data)
    assert result["converged"] and not result["closed_form"]
    assert list(result["values"].values()) == pytest.approx([11 / 19, *[2 / 19] * 4], abs=1e-12)


def test_unanimity_gives_each_its_recognition_probability() -> None:
    # Under unanimity every proposer buys every vote: v_i = p_i (1 - delta (1 - v_i)) + (1 - p_i) delta v_i,
    # so v_i (1 - delta) = p_i (1 - delta): v_i = p_i (Baron and Ferejohn 1989, the unanimity case).
    code, out, err = run("solve", str(KURSK), "--set", "signatures_needed=6", "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    weights = {"ukraine": 2, "russia": 2, "us": 3, "eu": 1, "uk": 1, "turkey": 1}
    assert result["converged"]
    assert result["values"] == pytest.approx({k: w / 10 for k, w in weights.items()}, abs=1e-12)


def test_kursk_table_csv_and_a_sweep_of_the_quota() -> None:
    code, out, _ = run("solve", str(KURSK))
    assert code == 0 and "Baron-Ferejohn" in out and "ukraine" in out
    code, out, _ = run("solve", str(KURSK), "--format", "csv")
    assert code == 0 and out.splitlines()[0].startswith("player,value,proposer_share")
    code, out, err = run(
        "sweep", str(KURSK), "-p", "signatures_needed=2:6:5", "--columns", "values.ukraine,converged"
    )
    assert code == 0, err
    last = out.strip().splitlines()[-1].split()
    assert last[0] == "6" and float(last[1]) == pytest.approx(0.2, abs=1e-4) and last[2] == "yes"


def test_round_trip() -> None:
    data = json.loads(KURSK.read_text(encoding="utf-8"))
    model = from_dict(data)
    again = to_dict(model)
    assert from_dict(again).arguments() == model.arguments()
    assert again["veto"] == ["ukraine", "russia"] and again["quota"] == "signatures_needed"
    changed = model.with_parameters(signatures_needed=6)
    assert changed.arguments()["quota"] == 6 and changed.recognition == model.recognition


@pytest.mark.parametrize(
    ("fields", "path", "words"),
    [
        ({"recognition": {"a": 0.5, "b": 0.3, "c": 0.1}}, "recognition", "sum to 0.9"),
        ({"recognition": {"a": 1.2, "b": -0.2, "c": 0}}, "recognition.b", ">= 0"),
        ({"recognition": {"a": 0.5, "b": 0.5}}, "recognition", "missing: c"),
        ({"recognition": {"a": 0.5, "b": 0.5, "x": 0}}, "recognition.x", "unknown party"),
        ({"recognition": 0.5}, "recognition", "expected an object"),
        ({"discount_factor": 1.0}, "discount_factor", "[0, 1)"),
        ({"discount_factor": {"a": 0.9, "b": 0.9, "c": -0.1}}, "discount_factor.c", "[0, 1)"),
        ({"quota": 2.5}, "quota", "whole number in [1, 3]"),
        ({"quota": 4}, "quota", "whole number in [1, 3]"),
        ({"quota": "q"}, "quota", "unknown name 'q'"),
        ({"veto": ["z"]}, "veto[0]", "unknown party 'z'"),
        ({"parties": ["a", "b", "a"]}, "parties[2]", "listed twice"),
        ({"parties": 1}, "parties", "at least two"),
        ({"quorum": 2}, "quorum", "unknown field"),
    ],
)
def test_bad_input_names_its_json_path(fields: dict[str, Any], path: str, words: str) -> None:
    data = spec(parties=["a", "b", "c"], discount_factor=0.9)
    data.update(fields)
    with pytest.raises(SpecError) as info:
        loads(json.dumps(data))
    assert info.value.path == path and words in info.value.message


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(spec(parties=3, discount_factor=0.9, quota=7)), encoding="utf-8")
    for command in ("solve", "validate"):
        code, _, err = run(command, str(path))
        assert code == 2 and "quota" in err and len(err.strip().splitlines()) == 1


def test_python_model_defaults() -> None:
    model = LegislativeBargaining(["a", "b", "c", "d"], discount_factor=0.5)
    assert model.arguments()["quota"] == 3 and model.arguments()["recognition"] is None
