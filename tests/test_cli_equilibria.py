"""``bargain equilibria``, ``bargain convert`` and ``bargain solve`` on strategic games."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from strategies import GAMES, run

from bargaining.io.games import read_game


def test_equilibria_table_exact() -> None:
    code, out, _ = run("equilibria", str(GAMES / "kursk_strategic.json"), "--exact")
    assert code == 0
    assert "2/3 hold_kursk, 1/3 withdraw_to_donbas" in out
    assert "4/7 press_donbas, 3/7 open_talks" in out


def test_equilibria_json_of_an_nfg_file() -> None:
    code, out, _ = run(
        "equilibria", str(GAMES / "mckelvey_mclennan_2x2x2.nfg"), "--format", "json", "--exact"
    )
    assert code == 0
    data = json.loads(out)
    assert data["count"] == 9 and data["complete"] and data["exact"]
    assert data["equilibria"][0]["strategies"]["player_1"] == {"1": 1.0, "2": 0.0}


def test_equilibria_methods() -> None:
    code, out, _ = run(
        "equilibria", str(GAMES / "kursk_strategic_us.json"), "-m", "logit", "--format", "json"
    )
    assert code == 0
    assert json.loads(out)["method"] == "logit"
    code, out, _ = run("equilibria", str(GAMES / "chicken.json"), "--method", "pure")
    assert code == 0 and out.count("pure") >= 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["equilibria", str(GAMES / "chicken.json"), "-m", "nope"], "unknown method 'nope'"),
        (["equilibria", "missing.json"], "no such file"),
        (["equilibria", str(GAMES / "chicken.json").replace(".json", ".txt")], "suffix"),
        (["convert", "missing.nfg", "--to", "json"], "no such file"),
    ],
)
def test_bad_input_exits_2_with_one_line(args: list[str], words: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert words in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err + out


def test_malformed_files_report_line_and_path(tmp_path: Path) -> None:
    nfg = tmp_path / "bad.nfg"
    nfg.write_text('NFG 1 R "t" { "A" "B" } { 2 2 }\n1 2 3\n4 x', encoding="utf-8")
    code, _, err = run("equilibria", str(nfg))
    assert code == 2 and "line 3" in err and "expected a payoff" in err
    spec = json.loads((GAMES / "chicken.json").read_text(encoding="utf-8"))
    spec["payoffs"]["driver_2"][1] = [1]
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spec), encoding="utf-8")
    code, _, err = run("equilibria", str(bad))
    assert code == 2 and "payoffs.driver_2[1]" in err
    assert len(err.strip().splitlines()) == 1


@pytest.mark.parametrize("outcomes", [[], ["--outcomes"]])
def test_convert_json_to_nfg_and_back(tmp_path: Path, outcomes: list[str]) -> None:
    source = GAMES / "kursk_strategic_us.json"
    target = tmp_path / "kursk.nfg"
    code, out, _ = run("convert", str(source), "--to", "nfg", "-o", str(target), *outcomes)
    assert code == 0 and "wrote" in out
    assert read_game(target) == read_game(source)
    code, out, _ = run("convert", str(target), "--to", "json")
    assert code == 0
    back = tmp_path / "back.json"
    back.write_text(out, encoding="utf-8")
    assert read_game(back) == read_game(source)


def test_convert_needs_a_known_target() -> None:
    code, _, err = run("convert", str(GAMES / "chicken.json"), "--to", "efg")
    assert code == 2 and "efg" in err


def test_solve_dispatches_normal_form_specs() -> None:
    code, out, _ = run("solve", str(GAMES / "battle_of_the_sexes.json"))
    assert code == 0
    assert "3 extreme equilibria" in out
    code, out, _ = run(
        "solve", str(GAMES / "battle_of_the_sexes.json"), "-s", "lemke-howson", "--format", "json"
    )
    assert code == 0 and json.loads(out)["method"] == "lemke-howson"


def test_help_does_not_import_numpy() -> None:
    code = (
        "import sys\n"
        "from bargaining.cli import main\n"
        "try:\n"
        "    main(['equilibria', '--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('numpy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "--method" in done.stdout
    assert done.stdout.strip().endswith("False")


def test_eliminate_then_solve_keeps_the_equilibria() -> None:
    spec = str(GAMES / "kursk_strategic_us.json")
    code, out, _ = run("equilibria", spec, "--format", "json", "--exact")
    full = json.loads(out)
    code, out, _ = run("equilibria", spec, "--eliminate", "strict", "--format", "json", "--exact")
    assert code == 0
    reduced = json.loads(out)
    assert [e["strategy"] for e in reduced["dominance"]["eliminated"]] == [
        "push_further",
        "counter_attack_kursk",
        "stay_out",
    ]

    def named(data: dict[str, Any]) -> list[str]:
        # the positive probabilities by name: the same in the full and the reduced game
        return sorted(
            json.dumps(
                {p: {s: v for s, v in d.items() if v != "0"} for p, d in eq["exact"]["strategies"].items()}
            )
            for eq in data["equilibria"]
        )

    assert named(reduced) == named(full)
    code, out, _ = run("equilibria", spec, "--eliminate", "strict")
    assert "Remaining:" in out and "3 equilibria" in out
