"""Game figures and ``bargain plot``: marks read back from the artists; every shipped spec drawn or refused.

Known answers: the prisoners' dilemma has the one equilibrium (defect, defect);
the battle of the sexes (opera, opera), (football, football) and the mixed one
with probabilities 2/3 and 1/3; matching pennies only 1/2 each (the specs'
descriptions, after Osborne 2004, ch. 2-4); the entry game's subgame-perfect
equilibrium is (in, acquiesce) (Osborne 2004, ch. 5); Selten's horse has
imperfect information (Selten 1975).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from strategies import GAMES, ROOT

from bargaining.cli import cli
from bargaining.errors import BargainingError
from bargaining.io import load, read
from bargaining.model.issue_space import BargainingProblem, Constraint, ContinuousIssue, Party
from bargaining.plotting.figures import FIGURES
from bargaining.plotting.game_tree import plot_game_tree
from bargaining.plotting.payoff_table import plot_payoff_table
from bargaining.plotting.style import PlotError
from bargaining.plotting.utility_space import plot_utility_space


def gids(fig: Any, prefix: str) -> set[str]:
    """The gids starting with ``prefix`` of every artist in ``fig``."""
    return {a.get_gid() for a in fig.findobj() if (a.get_gid() or "").startswith(prefix)}


def texts(fig: Any, gid_prefix: str) -> list[str]:
    return [
        t.get_text()
        for t in fig.findobj()
        if (getattr(t, "get_gid", lambda: None)() or "").startswith(gid_prefix)
    ]


def test_prisoners_dilemma_one_pure_cell() -> None:
    game = load(GAMES / "prisoners_dilemma.json")
    fig = plot_payoff_table(game)
    defect = (game.strategies[0].index("defect"), game.strategies[1].index("defect"))
    assert gids(fig, "pure:") == {f"pure:{defect[0]},{defect[1]}"}
    assert texts(fig, "mixed:") == []
    assert texts(fig, "guarantee") == ["Guarantee: all equilibria."]


def test_battle_of_the_sexes_two_pure_cells_and_the_mixed_one() -> None:
    game = load(GAMES / "battle_of_the_sexes.json")
    fig = plot_payoff_table(game)
    opera, football = (game.strategies[0].index(s) for s in ("opera", "football"))
    assert gids(fig, "pure:") == {f"pure:{opera},{opera}", f"pure:{football},{football}"}
    (mixed,) = texts(fig, "mixed:")
    first, second = mixed.split(";")[:2]
    assert ("opera: 2/3" in first or "opera: 0.6667" in first) and (
        "opera: 1/3" in second or "opera: 0.3333" in second
    )


def test_matching_pennies_no_pure_cell() -> None:
    fig = plot_payoff_table(load(GAMES / "matching_pennies.json"))
    assert gids(fig, "pure:") == set()
    (mixed,) = texts(fig, "mixed:")
    assert mixed.count("heads: 0.5") + mixed.count("heads: 1/2") == 2


def test_three_players_a_panel_per_strategy_of_the_third() -> None:
    game = load(GAMES / "mckelvey_mclennan_2x2x2.json")
    fig = plot_payoff_table(game)
    assert len(fig.axes) == 2
    # pure equilibria read back from the cells are exactly the pure profiles no player can improve on
    payoffs = np.asarray(game.payoff_array, float)
    brute = set()
    for profile in np.ndindex(*payoffs.shape[1:]):
        best = all(
            payoffs[(i, *profile)]
            >= max(payoffs[(i, *profile[:i], s, *profile[i + 1 :])] for s in range(payoffs.shape[1 + i]))
            for i in range(3)
        )
        if best:
            brute.add(f"pure:{profile[0]},{profile[1]}@{profile[2]}")
    assert gids(fig, "pure:") == brute and len(brute) == 4


def test_entry_game_subgame_perfect_path() -> None:
    fig = plot_game_tree(load(GAMES / "entry_deterrence_tree.json"))
    assert gids(fig, "spe:") == {"spe:challenge:in", "spe:respond:acquiesce"}
    assert gids(fig, "edge:") == {"edge:challenge:out", "edge:respond:fight"}


def test_kursk_tree_path_and_the_choice_off_it() -> None:
    """The spec's stated answer: Ukraine holds, Russia negotiates, the US presses; after a failed
    counter-attack (off the path) the US would press too (payoffs 6 > 5 for the US)."""
    fig = plot_game_tree(load(GAMES / "kursk_tree.json"))
    assert gids(fig, "spe:") == {
        "spe:hold_or_withdraw:hold",
        "spe:russian_response:negotiate",
        "spe:talks:press",
    }
    assert gids(fig, "choice:") == {"choice:counter_attack_failed:press"}


def test_selten_horse_no_path_an_information_set() -> None:
    fig = plot_game_tree(load(GAMES / "selten_horse.json"))
    assert gids(fig, "spe:") == set() and gids(fig, "choice:") == set()
    assert len(gids(fig, "infoset:")) == 1


def test_three_parties_parallel_coordinates() -> None:
    """Three parties divide a dollar, d = (0, 0, 0.1): Nash gives (0.3, 0.3, 0.4), a third of each
    possible gain (the ideal point is (0.9, 0.9, 1)): maximise a b (0.9 - a - b)."""
    problem = BargainingProblem(
        parties=[Party("a", "x"), Party("b", "y"), Party("c", "1 - x - y", disagreement=0.1)],
        issues=[ContinuousIssue("x", 0, 1), ContinuousIssue("y", 0, 1)],
        constraints=[Constraint("x + y <= 1")],
    )
    fig = plot_utility_space(problem)
    (line,) = [a for a in fig.axes[0].lines if a.get_gid() == "solution:nash"]
    assert np.asarray(line.get_ydata(), float) == pytest.approx([1 / 3] * 3, abs=1e-5)
    assert "parallel coordinates" in fig.axes[0].get_title()


def every_game() -> list[Path]:
    return sorted(p for p in GAMES.iterdir() if p.suffix in (".json", ".nfg", ".efg"))


@pytest.mark.parametrize("path", every_game(), ids=lambda p: p.name)
def test_every_shipped_game_plots(path: Path, tmp_path: Path) -> None:
    # Issue 11: "every games/ file plots without error", through the command as a user runs it.
    model = read(path)
    assert model.spec_kind in FIGURES, model.spec_kind
    target = tmp_path / "x.png"
    result = CliRunner().invoke(cli, ["plot", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 0


def test_a_kind_without_a_figure_is_refused_in_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delitem(FIGURES, "war")
    result = CliRunner().invoke(cli, ["plot", str(GAMES / "kursk_war.json"), "-o", str(tmp_path / "x.png")])
    assert result.exit_code == 2
    (line,) = result.output.strip().splitlines()
    assert "no figure for a model of kind 'war'; the kinds with a figure are issue_space" in line
    assert not (tmp_path / "x.png").exists()


def test_cli_writes_each_format_and_a_default_name(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    for suffix in (".svg", ".pdf"):
        target = tmp_path / f"pd{suffix}"
        result = runner.invoke(cli, ["plot", str(GAMES / "prisoners_dilemma.json"), "-o", str(target)])
        assert result.exit_code == 0, result.output
        assert target.stat().st_size > 1000
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(cli, ["plot", str(GAMES / "entry_deterrence_tree.json")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "entry_deterrence_tree.png").read_bytes()[:4] == b"\x89PNG"


def test_cli_set_moves_the_marks(tmp_path: Path) -> None:
    target = tmp_path / "k.svg"
    result = CliRunner().invoke(
        cli, ["plot", str(ROOT / "games" / "kursk.json"), "--set", "kursk_held=0", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert 'id="disagreement"' in target.read_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["games/kursk.json", "-o", "k.txt"], "is not a figure file name: end it in .png, .svg or .pdf"),
        (["games/kursk.json", "--set", "nope=1"], "unknown parameter 'nope'"),
    ],
)
def test_cli_errors_are_one_line_exit_2(args: list[str], message: str, tmp_path: Path) -> None:
    args = [str(ROOT / a) if a.startswith("games/") else a for a in args]
    result = CliRunner().invoke(
        cli, ["plot", *args, "-o", str(tmp_path / "x.png")] if "-o" not in args else ["plot", *args]
    )
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


def test_plot_error_is_a_bargaining_error() -> None:
    assert issubclass(PlotError, BargainingError)
