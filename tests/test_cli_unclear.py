"""Issue 10, "also wrong or unclear": one clear line and exit 2, before anything is computed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from strategies import ROOT, run

from bargaining.errors import InvalidGameError, SpecError
from bargaining.model.utility_space import Frontier
from bargaining.sensitivity import sweep
from bargaining.sensitivity.montecarlo import monte_carlo
from bargaining.sensitivity.threshold import ConditionError, parse_condition
from bargaining.sensitivity.tornado import tornado
from bargaining.war.fearon import fearon_solution

KURSK = str(ROOT / "games" / "kursk.json")


def one_line_error(args: list[str], *expected: str) -> str:
    start = time.perf_counter()
    code, out, err = run(*args)
    assert time.perf_counter() - start < 5
    assert code == 2, (out, err)
    assert "Traceback" not in out + err
    lines = [line for line in err.splitlines() if line.startswith("Error")]
    assert len(lines) == 1, err
    for text in expected:
        assert text in lines[0], lines[0]
    return lines[0]


@pytest.mark.parametrize(
    "args",
    [
        ["sweep", KURSK, "-p", "kursk_held=0:1294:3", "-s", "bogus"],
        ["grid", KURSK, "-p", "kursk_held=0:1294:2", "-p", "holding_cost=0:0.5:2", "-s", "bogus"],
        ["threshold", KURSK, "-p", "holding_cost", "--when", "ukraine.utility = 0.3", "-s", "bogus"],
        ["tornado", KURSK, "-o", "ukraine.utility", "-s", "bogus"],
        ["montecarlo", KURSK, "--uniform-ranges", "-n", "5", "-s", "bogus"],
    ],
    ids=["sweep", "grid", "threshold", "tornado", "montecarlo"],
)
def test_an_unknown_solution_is_refused_up_front(args: list[str]) -> None:
    one_line_error(args, "unknown solution 'bogus'", "choose from nash, ks")


def test_the_library_refuses_an_unknown_concept_before_solving() -> None:
    model = Frontier(("a", "b"), "1 - a", parameters=())
    from bargaining.io import read

    kursk = read(KURSK)
    with pytest.raises(InvalidGameError, match="unknown solution 'bogus'"):
        sweep(kursk, "kursk_held", num=3, solution="bogus")
    with pytest.raises(InvalidGameError, match="unknown solution 'bogus'"):
        tornado(kursk, "nash.ukraine.utility", solution="bogus")
    with pytest.raises(InvalidGameError, match="unknown solution"):
        monte_carlo(kursk, 3, uniform_ranges=True, solution="bogus")
    assert model.parties == ("a", "b")


def test_version_true_is_not_version_1(tmp_path: Path) -> None:
    spec = json.loads((ROOT / "games" / "divide_the_dollar.json").read_text())
    spec["version"] = True
    path = tmp_path / "v.json"
    path.write_text(json.dumps(spec))
    one_line_error(["solve", str(path)], "version", "not supported")
    one_line_error(["validate", str(path)], "version")


@pytest.mark.parametrize(
    ("names", "message"),
    [(["same", "same"], "both parties are called 'same'"), (["", "b"], "a party name is empty")],
)
def test_war_names_must_be_two_different_names(names: list[str], message: str) -> None:
    one_line_error(["war", "--p", "0.6", "--costs", "0.1", "0.2", "--names", *names], message)
    with pytest.raises(InvalidGameError, match=message):
        fearon_solution(0.6, (0.1, 0.2), party_names=names)


def test_a_rising_frontier_is_refused() -> None:
    with pytest.raises(
        SpecError, match=r"frontier: the frontier must be decreasing in the first party's utility"
    ):
        Frontier(("alice", "bob"), "1 + alice")
    # rising on part of the domain only: 1 - (a - 0.5)^2 rises on [0, 0.5]
    with pytest.raises(SpecError, match="rises from"):
        Frontier(("a", "b"), "1 - (a - 0.5)**2")
    # decreasing, curved, or flat: accepted
    for formula in ("1 - a", "1 - a**2", "sqrt(1 - a)", "0.5"):
        Frontier(("a", "b"), formula)


def test_a_rising_frontier_spec_is_refused_with_its_path(tmp_path: Path) -> None:
    spec = json.loads((ROOT / "games" / "curved_frontier.json").read_text())
    spec["frontier"] = "1 + alice"
    path = tmp_path / "f.json"
    path.write_text(json.dumps(spec))
    one_line_error(["solve", str(path)], "frontier: the frontier must be decreasing")


def test_an_infinite_threshold_level_is_refused() -> None:
    with pytest.raises(ConditionError, match="not a finite number"):
        parse_condition("ukraine.utility = 1e999")
    args = ["threshold", KURSK, "-p", "holding_cost", "--when", "ukraine.utility = 1e999"]
    one_line_error(args, "not a finite number")


@pytest.mark.parametrize("columns", ["", ",", " , "])
def test_empty_columns_are_refused(columns: str) -> None:
    one_line_error(["sweep", KURSK, "-p", "kursk_held=0:1294:2", "--columns", columns], "--columns")


def test_a_misspelt_player_is_named_as_docs_games_md_says(tmp_path: Path) -> None:
    # docs/games.md, "Errors name the JSON path": unknown player
    spec = {
        "format": "bargaining",
        "version": 1,
        "kind": "normal_form",
        "players": [
            {"name": "ukraine", "strategies": ["a", "b"]},
            {"name": "russia", "strategies": ["c", "d"]},
        ],
        "payoffs": {"ukraine": [[1, 2], [3, 4]], "rusia": [[1, 2], [3, 4]]},
    }
    path = tmp_path / "g.json"
    path.write_text(json.dumps(spec))
    one_line_error(["solve", str(path)], "payoffs.rusia: unknown field 'rusia'; did you mean 'russia'?")
    docs = (ROOT / "docs" / "games.md").read_text()
    assert "`payoffs.rusia: unknown field 'rusia'; did you mean 'russia'?; ...`" in docs


def test_help_says_what_the_commands_do() -> None:
    _, threshold_help, _ = run("threshold", "--help")
    assert "[table|json]" in threshold_help and "CSV" not in threshold_help
    _, equilibria_help, _ = run("equilibria", "--help")
    assert ".efg" in equilibria_help
    _, derivative_help, _ = run("derivative", "--help")
    assert "every parameter with a range" not in derivative_help
    assert "except one whose range is a single" in " ".join(derivative_help.split())


def test_cli_errors_give_advice_the_cli_can_follow() -> None:
    from bargaining.equilibrium.bimatrix import require_two_players
    from bargaining.io import read

    game = read(ROOT / "games" / "mckelvey_mclennan_2x2x2.json")
    with pytest.raises(InvalidGameError, match=r"use --method mixed, pure or logit; Python: method='mixed'"):
        require_two_players(game, "vertex")


def test_no_library_message_gives_python_only_advice_without_the_cli_form() -> None:
    # Every "use method='X'" in the equilibrium messages also says --method X (issue 10).
    import re

    for path in sorted((ROOT / "bargaining" / "equilibrium").glob("*.py")):
        text = path.read_text()
        bare = re.findall(r"use method='[\w-]+'", text)
        assert not bare, f"{path.name}: {bare} without the --method form"
        assert "raise limit= or" not in text, path.name
