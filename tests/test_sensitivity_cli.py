"""bargain sweep, grid, derivative, tornado, threshold, compare, montecarlo through click's CliRunner."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from strategies import ROOT, run

from bargaining.io import load
from bargaining.solutions.concepts import solve

KURSK = str(ROOT / "games" / "kursk.json")
DOLLAR = str(ROOT / "games" / "divide_the_dollar.json")


def test_sweep_table_csv_json_agree_with_solve() -> None:
    code, out, _ = run("sweep", KURSK, "--param", "kursk_held=0:1294:3", "-s", "nash")
    assert code == 0
    assert "kursk_held (km²)" in out and "nash.territory_returned" in out
    code, out, _ = run("sweep", KURSK, "--param", "kursk_held=0:1294:3", "-s", "nash", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [float(r["kursk_held"]) for r in rows] == [0.0, 647.0, 1294.0]
    alone = solve(load(KURSK).with_parameters(kursk_held=647.0), "nash")
    assert float(rows[1]["nash.territory_returned"]) == pytest.approx(
        alone.agreement["territory_returned"], abs=1e-7
    )
    assert rows[1]["nash.security"] == alone.agreement["security"]
    code, out, _ = run("sweep", KURSK, "--param", "kursk_held=0:1294:3", "-s", "nash", "--format", "json")
    data = json.loads(out)
    assert data["shape"] == [3] and len(data["records"]) == 3


def test_sweep_with_set_and_columns() -> None:
    code, out, _ = run(
        "sweep",
        DOLLAR,
        "-p",
        "d_alice=0:0.8:5",
        "--set",
        "d_bob=0.3",
        "-s",
        "nash",
        "--columns",
        "alice_share,agreement_exists",
    )
    assert code == 0
    lines = out.strip().splitlines()
    assert "nash.alice_share" in lines[1] and "agreement_exists" in lines[1]
    assert lines[-1].split()[-1] == "no"  # d_alice = 0.8 with d_bob = 0.3: nothing beats disagreement


def test_sweep_plot_writes_a_png(tmp_path: Path) -> None:
    target = tmp_path / "sweep.png"
    code, _, err = run("sweep", DOLLAR, "-p", "d_alice=0:0.8:5", "-s", "nash", "--plot", str(target))
    assert code == 0, err
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_grid() -> None:
    code, out, _ = run(
        "grid", DOLLAR, "-p", "d_alice=0:0.5:2", "-p", "d_bob=0:0.5:3", "-s", "nash", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["shape"] == [2, 3]
    assert [(r["d_alice"], r["d_bob"]) for r in data["records"]][:3] == [(0.0, 0.0), (0.0, 0.25), (0.0, 0.5)]
    code, _, err = run("grid", DOLLAR, "-p", "d_alice=0:0.5:2", "-s", "nash")
    assert code == 2 and "exactly two --param" in err


def test_derivative_tornado_threshold_compare() -> None:
    code, out, _ = run("derivative", DOLLAR, "-s", "nash", "--format", "json")
    assert code == 0
    rows = {(r["outcome"], r["parameter"]): r for r in json.loads(out)["derivatives"]}
    assert rows[("nash.alice_share", "d_alice")]["derivative"] == pytest.approx(0.5, abs=1e-6)
    code, out, _ = run("tornado", KURSK, "--outcome", "ukraine.gain", "-s", "nash")
    assert code == 0 and "swing" in out
    code, out, _ = run(
        "threshold", DOLLAR, "--param", "d_alice", "--when", "agreement", "--set", "d_bob=0.25"
    )
    assert code == 0
    assert "d_alice = 0.75: agreement becomes impossible" in out
    code, out, _ = run("compare", KURSK, "--set", "kursk_held=0", "-s", "nash")
    assert code == 0
    assert "spec (kursk_held=1000)" in out and "kursk_held=0" in out


def test_montecarlo_is_reproducible_with_a_seed() -> None:
    args = (
        "montecarlo",
        DOLLAR,
        "--dist",
        "d_alice=uniform:0:0.9",
        "--set",
        "d_bob=0.2",
        "--draws",
        "40",
        "--seed",
        "7",
        "--format",
        "json",
    )
    code, out, err = run(*args)
    assert code == 0, err
    first = json.loads(out)
    assert first["seed"] == 7 and first["draws"] == 40
    draws = [r["d_alice"] for r in first["records"]]
    assert first["agreement_probability"] == pytest.approx(sum(d < 0.8 for d in draws) / 40)
    assert json.loads(run(*args)[1]) == first
    code, out, _ = run(
        "montecarlo", DOLLAR, "--dist", "d_alice=uniform:0:0.9", "--draws", "20", "--seed", "1"
    )
    assert code == 0 and "probability that an agreement exists" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("sweep", KURSK, "--param", "kursk_hold=0:1:3"), "did you mean 'kursk_held'"),
        (("sweep", KURSK, "--param", "kursk_held=0:5000:3"), "outside the parameter's declared range"),
        (("sweep", KURSK, "--param", "kursk_held=10:10:3"), "is empty"),
        (("sweep", KURSK, "--param", "kursk_held=100:0:3"), "reversed"),
        (("tornado", KURSK, "--outcome", "ukraine.gian", "-s", "nash"), "did you mean 'nash.ukraine.gain'"),
        (
            ("threshold", KURSK, "--param", "holding_cost", "--when", "ukraine.gain > 0"),
            "cannot read the condition",
        ),
        (("threshold", KURSK, "--param", "holding_cost", "--when", "ukraine.gian = 0"), "unknown outcome"),
        (("montecarlo", KURSK, "--dist", "holding_cost=normal:0.1"), "is not normal:mean:sd"),
        (("montecarlo", KURSK, "--dist", "holding_cst=normal:0.1:0.1"), "did you mean 'holding_cost'"),
        (("montecarlo", KURSK), "no parameter is uncertain"),
        (("compare", KURSK, "--set", "kursk_held=-1"), "outside its range"),
        (("sweep", KURSK, "--param", "kursk_held=0:1:3", "--plot", "out.txt"), ".png, .svg or .pdf"),
    ],
)
def test_bad_input_is_one_line_and_exit_status_2(
    args: tuple[str, ...], message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, out, err = run(*args)
    assert code == 2, (out, err)
    assert message in err
    assert "Traceback" not in err


def test_scheduler_address_runs_the_sweep_on_a_dask_cluster() -> None:
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        code, out, err = run(
            "sweep",
            DOLLAR,
            "-p",
            "d_alice=0:0.8:3",
            "-s",
            "nash",
            "--format",
            "json",
            "--scheduler",
            cluster.scheduler_address,
        )
    assert code == 0, err
    local = json.loads(run("sweep", DOLLAR, "-p", "d_alice=0:0.8:3", "-s", "nash", "--format", "json")[1])
    assert json.loads(out) == local


def test_help_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from click.testing import CliRunner; from bargaining.cli import cli; "
        "r = CliRunner().invoke(cli, ['sweep', '--help']); assert r.exit_code == 0, r.output; "
        "print(sorted(m for m in ('numpy', 'cvxpy', 'sympy', 'matplotlib', 'scipy', 'distributed') "
        "if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize(
    ("args", "column"),
    [
        (("tornado", DOLLAR, "-o", "alice_share", "-s", "nash"), "swing"),
        (("compare", DOLLAR, "--set", "d_alice=0.2", "-s", "nash"), "difference"),
        (("derivative", DOLLAR, "-s", "nash"), "elasticity"),
        (("montecarlo", DOLLAR, "--dist", "d_alice=uniform:0:0.4", "--draws", "5", "--seed", "1"), "d_alice"),
    ],
)
def test_csv_output_of_every_command(args: tuple[str, ...], column: str) -> None:
    code, out, err = run(*args, "--format", "csv")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows and column in rows[0]
