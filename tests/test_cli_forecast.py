"""bargain forecast: every model on an actor table, who moved when and why, JSON, CSV and a figure."""

from __future__ import annotations

import json
from pathlib import Path

from strategies import run

CSV = "Actor,Capability,Position1,Salience1\nA,1,0,1\nB,2,10,0.5\nC,1,4,0.5\n"


def test_forecast_table_json_csv_and_plot(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.csv"
    spec.write_text(CSV)
    code, out, _ = run("forecast", str(spec))
    assert code == 0
    assert "compromise  4.8" in out and "median      4 " in out  # Thomson et al.'s baselines, by hand
    code, out, _ = run("forecast", str(spec), "--format", "json", "--model", "bdm", "--rounds", "5")
    data = json.loads(out)
    assert [f["model"] for f in data["forecasts"]] == ["bdm"] and data["forecasts"][0]["rounds"] <= 5
    code, out, _ = run("forecast", str(spec), "--format", "csv", "--model", "compromise")
    assert out.splitlines() == ["model,issue,forecast,rounds,converged", "compromise,issue_1,4.8,0,True"]
    figure = tmp_path / "positions.png"
    code, _, err = run("forecast", str(spec), "--plot", str(figure), "--model", "bdm")
    assert code == 0 and figure.stat().st_size > 1000


def test_forecast_explains_the_moves_of_the_ec_example(tmp_path: Path) -> None:
    """Scholz et al.'s EC example under the Scholz-code preset: round 1 as in its Example.log."""
    rows = [
        ("Netherlands", 0.08, 4, 0.8),
        ("Belgium", 0.08, 7, 0.4),
        ("Luxembourg", 0.03, 4, 0.2),
        ("Germany", 0.16, 4, 0.8),
        ("France", 0.16, 10, 0.6),
        ("Italy", 0.16, 10, 0.6),
        ("UK", 0.16, 10, 0.9),
        ("Ireland", 0.05, 7, 0.1),
        ("Denmark", 0.05, 4, 1.0),
        ("Greece", 0.08, 7, 0.7),
    ]
    spec = tmp_path / "ec.csv"
    spec.write_text(
        "Actor,Capability,Position1,Salience1\n" + "".join(f"{a},{c},{x},{s}\n" for a, c, x, s in rows)
    )
    code, out, _ = run("forecast", str(spec), "--model", "bdm", "--preset", "scholz_code", "--rounds", "1")
    assert code == 0
    assert "round 1: Belgium compromised with France on issue_1: 7 -> 8.416" in out
    assert "round 1: Luxembourg lost a confrontation with Belgium on issue_1: 4 -> 7" in out
    assert "round 1: Ireland lost a confrontation with Luxembourg on issue_1: 7 -> 4" in out


def test_forecast_bad_options_exit_2(tmp_path: Path) -> None:
    spec = tmp_path / "tiny.csv"
    spec.write_text(CSV)
    code, _, err = run("forecast", str(spec), "--switch", "offer_choice=nearest")
    assert code == 2 and "offer_choice" in err and err.count("\n") == 1
    code, _, err = run("forecast", str(spec), "--switch", "nonsense")
    assert code == 2 and "NAME=VALUE" in err


def test_forecast_runs_ktab_on_a_ktab_csv(tmp_path: Path) -> None:
    """KTAB's own CSV layout, its default switches; a switch changed with --smp."""
    spec = tmp_path / "tiny3.csv"
    spec.write_text(
        "Tiny3,hand-made,3,1,\nActor,Desc,Power,Pos,Sal,\nA,a,100,20,90,\nB,b,70,60,50,\nC,c,40,90,70,\n"
    )
    code, out, _ = run("forecast", str(spec), "--model", "smp", "--format", "json")
    assert code == 0
    result = json.loads(out)["forecasts"][0]
    # ktab_tiny3_1d of the reference runs: 29 states, A ends at 42.40, C at 43.83
    assert result["rounds"] == 28 and round(result["positions"]["A"]["Pos"][-1], 2) == 42.4
    code, out, _ = run(
        "forecast", str(spec), "--model", "smp", "--smp", "VotingRule=Cubic", "--format", "json"
    )
    assert code == 0 and json.loads(out)["forecasts"][0]["options"]["voting_rule"] == "Cubic"
    code, _, err = run("forecast", str(spec), "--model", "smp", "--smp", "VotingRule=Loud")
    assert code == 2 and "voting_rule" in err
