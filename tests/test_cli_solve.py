"""The command line: bargain solve, validate and schema, through click's CliRunner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from strategies import ROOT, run

from bargaining.errors import GameFormatError

KURSK = str(ROOT / "games" / "kursk.json")


def test_solve_kursk_table() -> None:
    code, out, _ = run("solve", KURSK)
    assert code == 0
    for word in (
        "Nash",
        "Kalai-Smorodinsky",
        "egalitarian",
        "utilitarian",
        "territory_returned",
        "u(ukraine)",
    ):
        assert word in out


def test_solve_json_is_machine_readable_and_matches_the_library() -> None:
    import bargaining as bg

    code, out, _ = run("solve", KURSK, "--solution", "nash", "--set", "kursk_held=500", "--format", "json")
    assert code == 0
    data = json.loads(out)
    [solution] = data["solutions"]
    direct = bg.nash_bargaining_solution(bg.load(KURSK).with_parameters(kursk_held=500), method="auto")
    assert solution["concept"] == "nash"
    assert solution["parties"]["ukraine"]["utility"] == pytest.approx(direct.utility("ukraine"), abs=1e-9)
    assert solution["agreement"]["kursk_returned"] <= 500 + 1e-9


def test_no_agreement_is_an_answer() -> None:
    spec = str(ROOT / "games" / "divide_the_dollar.json")
    code, out, _ = run("solve", spec, "--set", "d_alice=0.7", "--set", "d_bob=0.7")
    assert code == 0
    assert "no agreement" in out and "blocked by alice, bob" in out


def test_validate_and_schema() -> None:
    code, out, _ = run("validate", KURSK)
    assert code == 0 and "valid issue_space spec" in out
    code, out, _ = run("schema")
    assert code == 0 and json.loads(out)["title"] == "bargaining spec"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["solve", "missing.json"], "no such file"),
        (["solve", KURSK, "--set", "kursk_hel=3"], "did you mean 'kursk_held'"),
        (["solve", KURSK, "--set", "kursk_held=abc"], "is not a number"),
        (["solve", KURSK, "--set", "kursk_held=nan"], "not a finite number"),
        (["solve", KURSK, "--set", "kursk_held"], "is not NAME=VALUE"),
        (["solve", KURSK, "--set", "kursk_held=5000"], "outside its range"),
        (["solve", KURSK, "--solution", "nahs"], "did you mean 'nash'"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    code, out, err = run(*args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_bad_spec_reports_json_path(tmp_path: Path) -> None:
    spec = json.loads(Path(KURSK).read_text())
    spec["parties"][0]["utility"] = "0.6*territroy_returned"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(spec))
    code, _, err = run("solve", str(bad))
    assert code == 2
    assert "parties[0].utility: unknown name 'territroy_returned'; did you mean 'territory_returned'?" in err
    bad.write_text("{not json")
    code, _, err = run("validate", str(bad))
    assert code == 2 and "not valid JSON" in err and "line 1" in err


def test_cli_shim_and_console_script_agree() -> None:
    shim = subprocess.run(
        [sys.executable, str(ROOT / "cli.py"), "solve", str(ROOT / "games" / "divide_the_dollar.json")],
        capture_output=True,
        text=True,
        check=True,
    )
    code, out, _ = run("solve", str(ROOT / "games" / "divide_the_dollar.json"))
    assert code == 0 and shim.stdout.strip() == out.strip()


def test_help_imports_no_heavy_library() -> None:
    probe = (
        "import sys; from bargaining.cli import main; sys.argv=['bargain','--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('cvxpy', 'sympy', 'numpy', 'scipy', 'matplotlib') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("[]")


def test_every_public_name_resolves() -> None:
    import bargaining

    for name in bargaining.__all__:
        assert getattr(bargaining, name) is not None, name


def test_validate_reports_a_utility_that_is_not_concave(tmp_path: Path) -> None:
    spec = json.loads(Path(KURSK).read_text())
    spec["parties"][1]["utility"] = "territory_returned**2 - security"
    bad = tmp_path / "convex.json"
    bad.write_text(json.dumps(spec))
    code, _, err = run("validate", str(bad))
    assert code == 2
    assert "parties[1].utility: the utility of 'russia' is not concave: the term territory_returned**2" in err


@pytest.mark.parametrize("name", ["gambit_3x3x3.nfg", "selten_horse.efg"])
def test_solve_and_validate_read_gambit_files(name: str) -> None:
    path = str(ROOT / "games" / name)
    code, out, _ = run("solve", path)
    assert code == 0 and "equilibri" in out
    code, out, _ = run("validate", path)
    assert code == 0 and "valid" in out


def test_read_game_reads_efg_as_its_reduced_normal_form() -> None:
    from bargaining.io.games import read_game, write_game

    game = read_game(ROOT / "games" / "selten_horse.efg")
    assert game.num_players == 3
    with pytest.raises(GameFormatError, match="cannot be written as a game tree"):
        write_game(game, ROOT / "unused.efg")


def test_one_door_reads_every_format_by_suffix() -> None:
    from bargaining.games.extensive_form import ExtensiveFormGame
    from bargaining.games.normal_form import NormalFormGame
    from bargaining.io import load, read

    assert read(KURSK).summary() == load(KURSK).summary()
    assert isinstance(read(ROOT / "games" / "gambit_3x3x3.nfg"), NormalFormGame)
    assert isinstance(read(ROOT / "games" / "selten_horse.efg"), ExtensiveFormGame)


def test_one_door_writes_specs_games_trees_and_results(tmp_path: Path) -> None:
    from bargaining.io import read, write
    from bargaining.io.nfg import to_nfg
    from bargaining.sensitivity import sweep

    game = read(ROOT / "games" / "chicken.json")
    write(game, tmp_path / "chicken.nfg")
    assert (tmp_path / "chicken.nfg").read_text(encoding="utf-8") == to_nfg(game)
    assert read(tmp_path / "chicken.nfg") == game
    write(game, tmp_path / "chicken.json")
    assert read(tmp_path / "chicken.json") == game
    tree = read(ROOT / "games" / "selten_horse.efg")
    write(tree, tmp_path / "horse.efg")
    assert read(tmp_path / "horse.efg") == tree
    write(game, tmp_path / "as_text.txt", format="nfg")
    assert (tmp_path / "as_text.txt").read_text(encoding="utf-8") == to_nfg(game)
    result = sweep(read(ROOT / "games" / "divide_the_dollar.json"), "d_alice", num=3, solution="nash")
    write(result, tmp_path / "sweep.csv")
    assert (tmp_path / "sweep.csv").read_text(encoding="utf-8") == result.to_csv()
    write(result, tmp_path / "sweep.json")
    assert json.loads((tmp_path / "sweep.json").read_text(encoding="utf-8")) == result.to_dict()


def test_one_door_refuses_what_does_not_fit(tmp_path: Path) -> None:
    from bargaining.io import read, write

    game = read(ROOT / "games" / "chicken.json")
    with pytest.raises(GameFormatError, match=r"cannot write a NormalFormGame to .*\.png"):
        write(game, tmp_path / "chicken.png")
    with pytest.raises(GameFormatError, match="cannot write"):
        write(game, tmp_path / "no" / "such" / "folder.json")


def test_figures_are_written_through_the_door(tmp_path: Path) -> None:
    from bargaining.io import read, write
    from bargaining.plotting.sweep import plot_sweep
    from bargaining.sensitivity import sweep

    dollar = read(ROOT / "games" / "divide_the_dollar.json")
    figure = plot_sweep(sweep(dollar, "d_alice", num=3, solution="nash"), model=dollar)
    for suffix in (".png", ".svg", ".pdf"):
        write(figure, tmp_path / f"sweep{suffix}")
        assert (tmp_path / f"sweep{suffix}").stat().st_size > 1000
    with pytest.raises(GameFormatError, match=r"use a \.png, \.svg or \.pdf file name"):
        write(figure, tmp_path / "sweep.json")


def test_schema_is_read_by_io_and_printed_unchanged() -> None:
    from bargaining.io import schema_text

    code, out, _ = run("schema")
    assert code == 0
    assert out == schema_text() + "\n"
    assert json.loads(schema_text())["$schema"]


def test_the_cli_reads_and_writes_files_only_through_io() -> None:
    # open(), Path.read_text/write_text and savefig belong to bargaining.io alone.
    import re

    for path in (ROOT / "bargaining").rglob("*.py"):
        if path.parent.name == "io":
            continue
        text = path.read_text(encoding="utf-8")
        found = re.findall(r"\.write_text\(|\.read_text\(|\.savefig\(|\bopen\(", text)
        assert not found, f"{path.relative_to(ROOT)} touches files: {found}"


def test_bargain_solve_answers_kursk_without_sympy_or_cvxpy_and_as_the_conic_path_does() -> None:
    # The default --method auto: every concept by certified Newton steps (issue 8, item 7).
    script = (
        "import sys; sys.argv = ['bargain', 'solve', 'games/kursk.json'];"
        "from bargaining.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', sorted(m for m in ('sympy', 'cvxpy') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert "LOADED []" in done.stdout
    code, conic, _ = run("solve", str(ROOT / "games" / "kursk.json"), "--method", "conic")
    assert code == 0 and done.stdout.split("LOADED")[0] == conic
