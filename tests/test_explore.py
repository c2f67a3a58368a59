"""The explorer's logic without a browser: values checked, the --set line, the error path, the debounce.

The browser drives the served page in ``tests/test_explore_browser.py``.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys
import threading
from collections.abc import Callable
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st
from strategies import GAMES, ROOT

import bargaining as bg
from bargaining.cli import cli
from bargaining.errors import SpecError
from bargaining.explore.html import outcome_html
from bargaining.explore.outcome import solve_at
from bargaining.explore.parameters import canonical, check_values, parse_query, set_line, slider_step, sliders
from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party


def dollar(utility: str = "share") -> BargainingProblem:
    """Split a dollar; a's outside option d_a. Nash gives a (1 + d_a) / 2 (Nash 1950, symmetric split)."""
    return BargainingProblem(
        [Party("a", utility, disagreement="d_a"), Party("b", "1 - share")],
        [ContinuousIssue("share")],
        [
            Parameter("d_a", 0.2, (0, 0.6), unit="utils", description="a's outside option"),
            Parameter("c", 1.0),
        ],
    )


# --- values checked against their ranges (the library layer both the page and /solve use)


def test_sliders_are_the_ranged_parameters_with_unit_description_and_source() -> None:
    kursk = bg.load(str(GAMES / "kursk.json"))
    shown = {s.name: s for s in sliders(kursk)}
    ranged = [p.name for p in kursk.parameters if p.range is not None]
    assert list(shown) == ranged
    assert "kursk_peak" not in shown  # no range: no slider
    held = shown["kursk_held"]
    assert (held.low, held.high, held.value, held.step) == (0.0, 1294.0, 1000.0, 1.0)
    assert held.label == "kursk_held (km²)"
    assert "Syrskyi" in held.source and "Kursk" in held.description
    assert shown["holding_cost"].source == "assumption (no source given)"


@pytest.mark.parametrize(
    ("values", "path", "words"),
    [
        ({"d_a": 0.9}, "parameters.d_a", "0.9 is outside its range [0, 0.6] (utils)"),
        ({"d_a": -1e-9}, "parameters.d_a", "outside its range"),
        ({"d_a": math.nan}, "parameters.d_a", "expected a finite number"),
        ({"d_a": math.inf}, "parameters.d_a", "expected a finite number"),
        ({"d_a": True}, "parameters.d_a", "expected a number, got True"),
        ({"d_a": "0.3"}, "parameters.d_a", "expected a number, got '0.3'"),
        ({"d_b": 0.3}, "parameters", "unknown parameter 'd_b'; did you mean 'd_a'?"),
    ],
)
def test_check_values_refuses_bad_values_naming_the_parameter(
    values: dict[str, Any], path: str, words: str
) -> None:
    with pytest.raises(SpecError) as info:
        check_values(dollar(), values)
    assert info.value.path == path
    assert words in info.value.message


def test_check_values_takes_the_ends_and_unranged_parameters() -> None:
    assert check_values(dollar(), {"d_a": 0, "c": -5.0}) == {"d_a": 0.0, "c": -5.0}
    assert check_values(dollar(), {"d_a": 0.6}) == {"d_a": 0.6}


@given(st.floats(0, 0.6))
def test_check_values_keeps_every_value_in_range_to_12_figures(value: float) -> None:
    checked = check_values(dollar(), {"d_a": value})["d_a"]
    assert checked == canonical(value)
    assert math.isclose(checked, value, rel_tol=1e-11, abs_tol=1e-300)


def test_parse_query_reads_text_and_refuses_repeats_and_words() -> None:
    assert parse_query(dollar(), {"d_a": ["0.25"]}) == {"d_a": 0.25}
    with pytest.raises(SpecError, match="give one value, got 2"):
        parse_query(dollar(), {"d_a": ["0.1", "0.2"]})
    with pytest.raises(SpecError, match="'lots' is not a number"):
        parse_query(dollar(), {"d_a": ["lots"]})
    with pytest.raises(SpecError, match="outside its range"):
        parse_query(dollar(), {"d_a": ["7"]})


def test_slider_step_is_the_power_of_ten_under_a_thousandth_of_the_range() -> None:
    assert slider_step(0, 1294) == 1.0
    assert slider_step(0, 0.5) == pytest.approx(1e-4)
    assert slider_step(-1, 1) == pytest.approx(1e-3)
    assert slider_step(2, 2) == 1.0


# --- the --set line


def test_set_line_lists_only_changed_values_as_they_were_solved() -> None:
    assert set_line(dollar(), {"d_a": 0.2}, "d.json") == "bargain solve d.json"
    assert set_line(dollar(), {"d_a": 0.1 + 0.2}) == "bargain solve SPEC --set d_a=0.3"
    assert (
        set_line(dollar(), {"d_a": 0.5, "c": 2.0}, "d.json") == "bargain solve d.json --set d_a=0.5 --set c=2"
    )


def test_the_set_line_reproduces_what_the_page_shows() -> None:
    """The command the page offers, run through ``bargain``, prints the agreement the page shows.

    Known answer: Nash gives Alice (1 + d_alice - d_bob) / 2 = 0.875 of the dollar (Nash 1950).
    """
    spec = str(GAMES / "divide_the_dollar.json")
    outcome = solve_at(bg.load(spec), {"d_alice": 0.5, "d_bob": -0.25}, spec=spec)
    assert outcome.ok, outcome.error
    assert outcome.command == f"bargain solve {spec} --set d_alice=0.5 --set d_bob=-0.25"
    assert outcome.cell("nash", "alice_share") == "0.875"
    args = outcome.command.split()[2:] + ["--format", "json"]
    printed = CliRunner().invoke(cli, ["solve", *args])
    assert printed.exit_code == 0, printed.output
    for solution in json.loads(printed.output)["solutions"]:
        concept = solution["concept"]
        assert outcome.cell(concept, "alice_share") == bg_number(solution["agreement"]["alice_share"])
        assert outcome.cell(concept, "u(bob)") == bg_number(solution["parties"]["bob"]["utility"])


def bg_number(value: float) -> str:
    from bargaining.table import format_number

    return format_number(value)


# --- the error path: a message in place of the answer, never a stale answer


def test_solve_at_returns_the_error_of_a_value_out_of_range() -> None:
    outcome = solve_at(dollar(), {"d_a": 2.0})
    assert not outcome.ok and outcome.solutions is None
    assert "outside its range" in outcome.error
    html = outcome_html(outcome)
    assert 'role="alert"' in html and "outside its range" in html and "<table" not in html


def test_solve_at_returns_the_error_of_a_spec_that_cannot_be_solved_there() -> None:
    problem = dollar("share / c")
    assert solve_at(problem, {"c": 1.0}).ok
    failed = solve_at(problem, {"c": 0.0})
    assert not failed.ok and "share / c is undefined" in failed.error
    assert failed.command == "bargain solve SPEC --set c=0"


def test_outcome_table_cells_are_the_known_answers() -> None:
    """Nash splits the surplus equally: a gets (1 + d_a) / 2 (Nash 1950); the table shows 4 figures."""
    outcome = solve_at(dollar(), {"d_a": 0.4})
    assert outcome.cell("nash", "share") == "0.7"
    assert outcome.cell("nash", "gain(a)") == outcome.cell("nash", "gain(b)") == "0.3"
    html = outcome_html(outcome)
    assert '<td class="num" data-concept="nash" data-column="share">0.7</td>' in html
    assert "disagreement point (no deal: war): a 0.4, b 0" in html


def test_html_escapes_what_the_spec_says() -> None:
    outcome = solve_at(dollar(), {"d_a": 9.0})
    assert "<script>" not in outcome_html(outcome.__class__({}, error="<script>alert(1)</script>"))


# --- the Panel page without a browser


class Deferred:
    """A scheduler that keeps the callbacks, to run them by hand (the served page uses timeouts)."""

    def __init__(self) -> None:
        self.callbacks: list[Callable[[], None]] = []

    def __call__(self, callback: Callable[[], None], milliseconds: int) -> None:
        self.callbacks.append(callback)

    def run(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        for callback in callbacks:
            callback()


def test_page_shows_an_error_then_recovers() -> None:
    pytest.importorskip("panel")
    from bargaining.explore.app import Explorer

    deferred = Deferred()
    page = Explorer(dollar("share / c"), "d.json", schedule=deferred)
    assert page.outcome.ok and 'data-concept="nash"' in page.table.object
    assert list(page.sliders) == ["d_a"]  # c has no range: it has no slider
    page.sliders["d_a"].value = 5.0  # out of range, as a hand-made websocket message could send
    deferred.run()
    assert not page.outcome.ok and "outside its range" in page.table.object
    assert page.figure.object is None and page.sweep_button.disabled
    page.sliders["d_a"].value = 0.1
    deferred.run()
    assert page.outcome.ok and "outside its range" not in page.table.object
    assert page.outcome.cell("nash", "share") == "0.55"
    assert page.command.value == "bargain solve d.json --set d_a=0.1"
    assert page.figure.object is not None and not page.sweep_button.disabled


def test_page_debounces_a_burst_of_moves_into_one_solve_at_the_last_values() -> None:
    pytest.importorskip("panel")
    from bargaining.explore.app import Explorer

    deferred = Deferred()
    page = Explorer(dollar(), schedule=deferred)
    for value in (0.1, 0.2, 0.3, 0.4, 0.5):
        page.sliders["d_a"].value = value
    assert len(deferred.callbacks) == 1  # five moves, one re-solve scheduled
    assert page.status.object == "solving at the new values ..."
    deferred.run()
    assert page.status.object.startswith("solved in")
    assert page.outcome.values == {"d_a": 0.5}
    assert page.outcome.cell("nash", "share") == "0.75"
    page.sliders["d_a"].value = 0.0
    assert len(deferred.callbacks) == 1  # a move after the solve schedules the next


def test_a_page_compiles_the_cvxpy_path_in_the_background_and_survives_its_failure() -> None:
    pytest.importorskip("panel")
    from bargaining.explore.app import Explorer
    from bargaining.explore.outcome import warm_conic
    from bargaining.solutions.cache import STRUCTURES

    page = Explorer(dollar("sqrt(share)"), schedule=Deferred())  # a structure no other test opens
    assert page.warming is not None
    page.warming.join(timeout=120)
    assert not page.warming.is_alive() and page.warming.daemon
    key = ("cvxpy", page.model.structure_key(), page.warming.ident)
    assert key in STRUCTURES and STRUCTURES.peek(key)  # the warm-up compiled the conic programs
    again = Explorer(dollar("sqrt(share)").with_parameters(d_a=0.1), schedule=Deferred())
    assert again.warming is None  # one warm-up per structure and process
    caught: list[Any] = []
    before, threading.excepthook = threading.excepthook, caught.append
    try:
        thread = warm_conic(object())  # solve_all raises on it: the warm-up drops that
        assert thread is not None
        thread.join(timeout=120)
    finally:
        threading.excepthook = before
    assert not thread.is_alive() and caught == []


def test_page_sweeps_the_parameter_last_moved() -> None:
    pytest.importorskip("panel")
    from bargaining.explore.app import Explorer

    deferred = Deferred()
    page = Explorer(dollar().with_parameters(d_a=0.3), schedule=deferred)
    assert page.last_moved == "d_a"  # before any move: the first slider
    assert page.sweep_button.label == "Sweep d_a across its range"
    page.run_sweep()
    assert "Sweeping d_a over 21 points" in page.sweep_message.object
    assert page.sweep_figure.object is None
    deferred.run()
    assert "d_a swept across its range" in page.sweep_message.object
    assert "bargain solve SPEC</code>" in page.sweep_message.object
    figure = page.sweep_figure.object
    assert figure is not None
    # the swept Nash share is a's (1 + d_a) / 2 at each of the 21 points (Nash 1950)
    (x, y) = figure.axes[0].lines[0].get_data()
    assert len(x) == 21 and max(abs(yi - (1 + xi) / 2) for xi, yi in zip(x, y, strict=True)) < 1e-6


def test_explore_returns_a_panel_app_for_the_notebook() -> None:
    pn = pytest.importorskip("panel")
    app = bg.explore(dollar())
    assert isinstance(app, pn.viewable.Viewable)
    assert app.get_root() is not None  # the Bokeh model a notebook displays
    import bargaining.explore

    assert bargaining.explore(dollar()) is not None  # the package is callable too


def test_explore_refuses_other_kinds() -> None:
    game = bg.load(str(GAMES / "kursk_war.json"))
    with pytest.raises(SpecError, match="the explorer shows bargaining problems"):
        bg.explore(game)


def test_bargain_explore_refuses_a_game_in_one_line() -> None:
    game = next(p for p in sorted(GAMES.glob("*.json")) if '"normal_form"' in p.read_text())
    result = CliRunner().invoke(cli, ["explore", str(game), "--no-browser"], standalone_mode=True)
    assert result.exit_code == 2
    assert "the explorer shows bargaining problems" in result.output and "Traceback" not in result.output


def test_import_and_help_load_no_panel() -> None:
    code = (
        "import sys\n"
        "import bargaining, bargaining.explore, bargaining.explore.outcome\n"
        "from click.testing import CliRunner\n"
        "from bargaining.cli import cli\n"
        "assert CliRunner().invoke(cli, ['--help']).exit_code == 0\n"
        "assert CliRunner().invoke(cli, ['explore', '--help']).exit_code == 0\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('panel', 'bokeh', 'tornado')))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_page_keeps_the_table_when_the_figure_fails(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("panel")
    import bargaining.explore.app as app

    def broken(outcome: Any) -> Any:
        raise RuntimeError("no figure today")

    monkeypatch.setattr(app, "utility_figure", broken)
    page = app.Explorer(dollar(), schedule=Deferred())
    assert page.outcome.ok and 'data-concept="nash"' in page.table.object
    assert "the figure could not be drawn (a bug, please report it)" in page.table.object
    assert "no figure today" in page.table.object and page.figure.object is None


def test_without_panel_the_explorer_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from bargaining.errors import BargainingError
    from bargaining.explore.app import panel_module

    monkeypatch.setitem(sys.modules, "panel", None)  # import panel now raises ImportError
    with pytest.raises(BargainingError, match=r"pip install 'bargaining\[explore\]'"):
        panel_module()
    with pytest.raises(BargainingError, match="needs Panel"):
        bg.explore(dollar())
