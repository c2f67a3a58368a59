"""``bargain rubinstein``, ``bargain war`` and ``bargain solve`` on the sequential kinds (CliRunner)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from strategies import GAMES, invoke


def run(*args: str) -> tuple[int, str]:
    result = invoke(*args)
    return result.exit_code, result.output


def test_rubinstein_table() -> None:
    code, out = run("rubinstein", "--delta", "0.9", "0.8")
    assert code == 0
    assert "0.7143" in out and "0.2857" in out  # (1 - 0.8) / (1 - 0.72) = 5/7


def test_rubinstein_json_with_options() -> None:
    code, out = run("rubinstein", "--delta", "0.9", "0.9", "--outside-option", "0", "0.5", "--format", "json")
    assert code == 0
    data = json.loads(out)
    # Muthoo (1999), thm. 5.1: player 1's outside option 0.5 beats 0.9/1.9, so it is offered 0.5.
    assert data["shares"] == pytest.approx([0.5, 0.5])
    assert data["binding_outside_options"] == [False, True]


def test_rubinstein_first_proposer_horizon_breakdown_rate() -> None:
    _, out = run("rubinstein", "--delta", "0.9", "0.8", "--first", "1", "--format", "json")
    assert json.loads(out)["shares"][1] == pytest.approx(0.1 / 0.28)
    _, out = run("rubinstein", "--delta", "0.9", "0.8", "--horizon", "2", "--format", "json")
    assert json.loads(out)["shares"] == pytest.approx([0.2, 0.8])
    _, out = run("rubinstein", "--delta", "1", "1", "--breakdown", "0.2", "--format", "json")
    assert json.loads(out)["shares"][0] == pytest.approx(1 / 1.8)  # Muthoo (1999), sect. 4.2
    _, out = run("rubinstein", "--rate", "0.1", "0.3", "--period", "0.0001", "--format", "json")
    assert json.loads(out)["shares"][0] == pytest.approx(0.75, abs=1e-4)  # BRW (1986) limit


def test_rubinstein_formula() -> None:
    code, out = run("rubinstein", "--delta", "0.9", "0.8", "--formula")
    assert code == 0
    assert "share of player 0 = (1 - delta_1)/(-delta_0*delta_1 + 1)" in out


@pytest.mark.parametrize(
    "args, message",
    [
        (["--delta", "0.9", "1.2"], "discount_factor of player 1 must be in (0, 1)"),
        (["--delta", "0.9", "0.8", "--breakdown", "2"], "breakdown_probability must be in [0, 1]"),
        (["--delta", "0.9", "0.8", "--outside-option", "0.7", "0.5"], "no gains from trade"),
        ([], "give --delta D0 D1 or --rate R0 R1"),
        (["--delta", "0.9", "0.8", "--horizon", "0"], "--horizon"),
        (["--delta", "0.9", "x"], "'x' is not a valid float"),
    ],
)
def test_rubinstein_bad_input_exits_2_with_one_line(args: list[str], message: str) -> None:
    code, out = run("rubinstein", *args)
    assert code == 2
    assert message in out
    assert "Traceback" not in out


def test_war_table_and_json() -> None:
    code, out = run("war", "--p", "0.6", "--costs", "0.1", "0.2")
    assert code == 0 and "[0.5, 0.8]" in out  # Fearon (1995): [p - c0, p + c1]
    code, out = run(
        "war", "--p", "0.5", "--costs", "0.1", "0.2", "--uniform-cost", "0", "0.3", "--format", "json"
    )
    data = json.loads(out)
    # c_R ~ U[0, 0.3], c_P = 0.1: z* = (0.3 - 0.1)/2 = 0.1; Pr(war) = 0.2/0.6.
    assert data["demand"] == pytest.approx(0.6)
    assert data["war_probability"] == pytest.approx(1 / 3)


def test_war_normal_cost() -> None:
    args = ["war", "--p", "0.6", "--costs", "0.1", "0.2", "--normal-cost", "0.2", "0.1", "--format", "json"]
    code, out = run(*args)
    assert code == 0
    data = json.loads(out)
    assert data["belief"] == "normal(0.2, 0.1) truncated at 0"
    assert 0 < data["war_probability"] < 1
    code, out = run("war", "--p", "0.6", "--costs", "0.1", "0.2", "--normal-cost", "0.2", "0")
    assert code == 2 and "standard deviation must be positive" in out


def test_war_types_proposer_and_names() -> None:
    code, out = run(
        "war",
        "--p",
        "0.5",
        "--costs",
        "0.0",
        "0.2",
        "--proposer",
        "1",
        "--type",
        "0.05",
        "0.3",
        "--type",
        "0.3",
        "0.7",
        "--names",
        "ukraine",
        "russia",
        "--format",
        "json",
    )
    assert code == 0
    data = json.loads(out)
    assert data["proposer"] == "russia"
    assert data["war_probability"] == pytest.approx(0.3)
    assert data["shares"] == pytest.approx([0.2, 0.8])


@pytest.mark.parametrize(
    "args, message",
    [
        (["--p", "1.5", "--costs", "0.1", "0.2"], "win_probability must be in [0, 1]"),
        (["--p", "0.5", "--costs", "0.1", "-0.2"], "cost of party 1 must be in"),
        (["--p", "0.5", "--costs", "0.1", "0.2", "--type", "0.1", "0.5"], "sum to 0.5"),
        (["--p", "0.5", "--costs", "0.1", "0.2", "--uniform-cost", "0.3", "0.1"], "low < high"),
        (["--p", "0.5", "--costs", "0", "0", "--uniform-cost", "0", "1", "--type", "0", "1"], "give one of"),
        (["--costs", "0.1", "0.2"], "Missing option '--p'"),
    ],
)
def test_war_bad_input(args: list[str], message: str) -> None:
    code, out = run("war", *args)
    assert code == 2
    assert message in out


@pytest.mark.parametrize("name", ["rubinstein_classic.json", "kursk_rubinstein.json", "kursk_war.json"])
def test_solve_and_validate_games(name: str) -> None:
    code, out = run("solve", str(GAMES / name), "--format", "json")
    assert code == 0, out
    assert json.loads(out)["model"] in ("rubinstein", "war")
    code, out = run("validate", str(GAMES / name))
    assert code == 0 and "valid" in out


def test_solve_with_set() -> None:
    _, held = run("solve", str(GAMES / "kursk_war.json"), "--format", "json")
    _, none = run("solve", str(GAMES / "kursk_war.json"), "--set", "kursk_held=0", "--format", "json")
    assert json.loads(held)["win_probability"] > json.loads(none)["win_probability"]
    code, out = run("solve", str(GAMES / "kursk_war.json"), "--set", "kursk_hold=0")
    assert code == 2 and "did you mean 'kursk_held'" in out


def test_quick_commands_do_not_import_sympy() -> None:
    code = (
        "import sys; from click.testing import CliRunner; from bargaining.cli import cli; "
        "r = CliRunner().invoke(cli, ['rubinstein', '--delta', '0.9', '0.8']); assert r.exit_code == 0; "
        "r = CliRunner().invoke(cli, "
        "['war', '--p', '0.6', '--costs', '0', '0.2', '--uniform-cost', '0', '1']); "
        "assert r.exit_code == 0, r.output; assert 'sympy' not in sys.modules, 'sympy imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
