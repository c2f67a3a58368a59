"""Notebook display (``_repr_html_``, :mod:`bargaining.display`) and ``to_frame`` (:mod:`bargaining.frames`).

The HTML is read back with the standard library's parser and compared with
what the objects hold (payoffs, utilities, every record), not with itself.
"""

from __future__ import annotations

import html.parser
import importlib
import inspect
import pkgutil
import sys
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from strategies import GAMES, dollar

import bargaining
from bargaining.dispatch import solve_model
from bargaining.display import MAX_ROWS, text_html
from bargaining.errors import BargainingError, MissingDependencyError
from bargaining.frames import INSTALL
from bargaining.io import read
from bargaining.model.issue_space import BargainingProblem, ContinuousIssue, Parameter, Party
from bargaining.sensitivity import compare, derivatives, monte_carlo, sweep, threshold, tornado
from bargaining.solutions import solve_all
from bargaining.table import format_number, format_table

ALLOWED_TAGS = {"div", "p", "b", "br", "table", "thead", "tbody", "tr", "th", "td"}


class Page(html.parser.HTMLParser):
    """The tables of a page (rows of cell texts, unescaped), its paragraphs, its alignment; tags checked."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[str]]] = []
        self.right: list[list[bool]] = []
        self.paragraphs: list[str] = []
        self.open: list[str] = []
        self.cell: list[str] | None = None
        self.feed(text)
        self.close()
        assert not self.open, f"unclosed tags {self.open}"

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        assert tag in ALLOWED_TAGS, f"unexpected tag <{tag}>"
        if tag == "br":
            return
        self.open.append(tag)
        if tag == "table":
            self.tables.append([])
            self.right.append([])
        elif tag == "tr":
            self.tables[-1].append([])
        elif tag in ("td", "th"):
            self.cell = []
            if len(self.tables[-1]) == 1:
                self.right[-1].append(("style", "text-align:right") in attrs)
        elif tag == "p":
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        assert self.open and self.open[-1] == tag, f"</{tag}> closes {self.open}"
        self.open.pop()
        if tag in ("td", "th") and self.cell is not None:
            self.tables[-1][-1].append("".join(self.cell))
            self.cell = None
        elif tag == "p" and self.cell is not None:
            self.paragraphs.append("".join(self.cell))
            self.cell = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


# -------------------------------------------------------------------- text tables

_chars = st.text(alphabet="b<>&\"' _x-", max_size=4)
words = st.tuples(_chars, _chars).map(lambda t: (t[0] + "a" + t[1]).strip())
numbers = st.one_of(st.integers(-(10**6), 10**6), st.floats(-1e6, 1e6, allow_nan=False))


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[str], list[list[Any]]]:
    kinds = draw(st.lists(st.sampled_from(["text", "number"]), min_size=1, max_size=4))
    kinds[0] = "text"  # a row has a label: a row of empty cells would be a blank line
    headers = draw(st.lists(words, min_size=len(kinds), max_size=len(kinds)))
    rows = draw(
        st.lists(st.tuples(*(words if k == "text" else numbers for k in kinds)), min_size=1, max_size=6)
    )
    return headers, [list(r) for r in rows]


@given(tables(), st.one_of(st.none(), words))
def test_a_terminal_table_reads_back_cell_by_cell_escaped(
    table: tuple[list[str], list[list[Any]]], title: str | None
) -> None:
    headers, rows = table
    page = Page(text_html(format_table(headers, rows, title=title) + "\nnote: <b>&</b> after"))
    assert len(page.tables) == 1
    assert page.tables[0] == [headers, *([format_number(c) for c in row] for row in rows)]
    numeric = [all(not isinstance(row[j], str) for row in rows) for j in range(len(headers))]
    assert page.right[0] == numeric
    assert page.paragraphs[-1] == "note: <b>&</b> after"
    assert (title is None) == (len(page.paragraphs) == 1)


def test_a_sentence_right_under_a_table_stays_a_sentence() -> None:
    text = format_table(["d_a", "nash.share"], [[0.1, 0.55], [0.9, "-"]])
    text += "\n1 point(s) could not be solved, e.g.: no agreement beats disagreement"
    page = Page(text_html(text))
    assert page.tables == [[["d_a", "nash.share"], ["0.1", "0.55"], ["0.9", "-"]]]
    assert page.paragraphs == ["1 point(s) could not be solved, e.g.: no agreement beats disagreement"]


def test_a_long_table_says_how_many_rows_it_does_not_show() -> None:
    rows = [[f"p{k}", k] for k in range(MAX_ROWS + 3)]
    page = Page(text_html(format_table(["point", "value"], rows)))
    assert page.tables[0][1:] == [[f"p{k}", str(k)] for k in range(MAX_ROWS)]
    assert page.paragraphs == ["(3 more rows not shown)"]


# -------------------------------------------------------------------- models and games


@pytest.mark.parametrize("path", sorted(p.name for p in GAMES.iterdir()), ids=str)
def test_every_shipped_model_displays_as_well_formed_html(path: str) -> None:
    model = read(GAMES / path)
    page = Page(model._repr_html_())
    title = getattr(model, "name", "") or getattr(model, "title", "")
    assert title in " ".join(page.paragraphs)
    assert page.tables


def test_names_from_a_spec_are_escaped() -> None:
    hostile = "<script>alert('x')</script>"
    problem = BargainingProblem(
        [Party("a", "share", description=hostile), Party("b", "1 - share")],
        [ContinuousIssue("share", 0, 1, unit="<i>")],
        [Parameter("d", 0.1, (0, 1), description='"&amp;', source="<img src=x>")],
        name=hostile,
        description=hostile,
    )
    text = problem._repr_html_()
    assert "<script" not in text and "<img" not in text and "<i>" not in text
    page = Page(text)  # only the renderer's own tags
    cells = [c for table in page.tables for row in table for c in row]
    assert hostile in cells and '"&amp;' in cells and "<img src=x>" in cells and "<i>" in cells
    assert hostile in page.paragraphs[1]


def test_a_problem_shows_its_parties_issues_and_parameters() -> None:
    page = Page(dollar(0.2, 0.1)._repr_html_())
    by_title = {t[0][0]: t for t in page.tables}
    parties = next(t for t in page.tables if t[0][:2] == ["name", "utility"])
    assert parties[1:] == [["a", "share", "d_a", "1.0"], ["b", "1 - share", "d_b", "1.0"]]
    parameters = next(t for t in page.tables if "range" in t[0])
    assert [row[:3] for row in parameters[1:]] == [["d_a", "0.2", "(-1, 1)"], ["d_b", "0.1", "(-1, 1)"]]
    assert "field" in by_title


def test_a_two_player_game_is_its_payoff_matrix() -> None:
    game = read(GAMES / "prisoners_dilemma.json")
    (table,) = Page(game._repr_html_()).tables
    assert table[0][1:] == list(game.strategies[1])
    assert [row[0] for row in table[1:]] == list(game.strategies[0])
    for a in range(2):
        for b in range(2):
            u = [float(x) for x in table[1 + a][1 + b].split(", ")]
            assert u == [game.payoff_array[0, a, b], game.payoff_array[1, a, b]]


def test_a_three_player_game_is_one_row_per_profile_with_exact_payoffs() -> None:
    game = read(GAMES / "gambit_3x3x3.nfg")
    (table,) = Page(game._repr_html_()).tables
    assert table[0] == [*game.players, *(f"u({p})" for p in game.players)]
    assert len(table) - 1 == min(MAX_ROWS, 27)
    index = {s: k for k, s in enumerate(game.strategies[0])}, {s: k for k, s in enumerate(game.strategies[1])}
    index += ({s: k for k, s in enumerate(game.strategies[2])},)
    exact = game.exact_payoff_array
    assert exact is not None
    for row in table[1:]:
        profile = tuple(index[i][s] for i, s in enumerate(row[:3]))
        assert [Fraction(x) for x in row[3:]] == [exact[(i, *profile)] for i in range(3)]


# -------------------------------------------------------------------- results


def test_a_solution_set_shows_the_utilities_it_holds() -> None:
    solutions = solve_all(dollar(0.2, 0.1))
    page = Page(solutions._repr_html_())
    table = page.tables[0]
    column = table[0].index("u(a)")
    for row, s in zip(table[1:], solutions, strict=True):
        assert row[0] == s.concept_name
        assert float(row[column]) == pytest.approx(s.utility("a"), rel=1e-3)
    assert page.right[0][column] and not page.right[0][0]
    frame = solutions.to_frame()
    assert list(frame.index) == [s.concept for s in solutions]
    for s in solutions:
        assert frame.loc[s.concept, "parties.a.utility"] == s.utility("a")
        assert frame.loc[s.concept, "agreement.share"] == s.agreement["share"]


def test_sensitivity_results_display_and_frame_their_records() -> None:
    problem = dollar(0.2, 0.1)
    swept = sweep(problem, "d_a", [0.0, 0.3, 0.6], solution="nash")
    frame = swept.to_frame()
    assert frame.shape == (3, len(swept.parameters) + len(swept.outcomes))
    assert frame["nash.share"].tolist() == pytest.approx([0.45, 0.6, 0.75], abs=1e-6)  # d_a + (1-d_a-d_b)/2
    table = Page(swept._repr_html_()).tables[0]
    assert [float(r[0]) for r in table[1:]] == [0.0, 0.3, 0.6]
    found = threshold(problem, "d_a", "agreement", low=0.0, high=1.0, num=5)
    assert found.to_frame()["value"].tolist() == pytest.approx([0.9], abs=1e-3)  # d_a + d_b = 1
    assert "0.9" in Page(found._repr_html_()).paragraphs[0]
    results = [
        compare(problem, {"d_a": 0.0}, solution="nash"),
        tornado(problem, "nash.share", solution="nash"),
        derivatives(problem, solution="nash", exact=False),
        monte_carlo(problem, 8, seed=1, distributions={"d_a": "uniform:0:0.4"}, solution="nash"),
    ]
    for result in results:
        records = result.to_records()
        frame = result.to_frame()
        assert len(frame) == len(records)
        page = Page(result._repr_html_())
        assert page.tables
    differences = results[0].to_frame()["difference"]
    assert differences["nash.share"] == pytest.approx(0.1)


@pytest.mark.parametrize(
    "path",
    [
        "kursk_war.json",
        "kursk_rubinstein.json",
        "kursk_double_auction.json",
        "kursk_over_time.json",
        "entry_deterrence_tree.json",
        "kursk_ambiguity.json",
        "coordination_3x3.json",
        "kalai_smorodinsky_1975.json",
    ],
)
def test_every_kind_of_result_displays_and_frames(path: str) -> None:
    result = solve_model(read(GAMES / path))
    page = Page(result._repr_html_())
    assert page.tables or page.paragraphs
    frame = result.to_frame()
    assert len(frame) >= 1


def test_every_equilibrium_is_a_row_of_the_frame() -> None:
    game = read(GAMES / "coordination_3x3.json")
    equilibria = solve_model(game)
    frame = equilibria.to_frame()
    assert len(frame) == len(equilibria.equilibria)
    for k, eq in enumerate(equilibria.equilibria):
        for i, player in enumerate(game.players):
            for name, p in zip(game.strategies[i], eq.probabilities[i], strict=True):
                assert frame.loc[k, f"strategies.{player}.{name}"] == pytest.approx(float(p))


def _classes_with_tables() -> list[type]:
    found = []
    for info in pkgutil.walk_packages(bargaining.__path__, "bargaining."):
        if info.name.startswith(("bargaining.cli", "bargaining.plotting")) or info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == info.name and "to_table" in vars(cls):
                found.append(cls)
    return found


def test_every_result_with_a_table_has_html_and_a_frame() -> None:
    classes = _classes_with_tables()
    assert len(classes) >= 20
    missing = [c.__qualname__ for c in classes if "_repr_html_" not in dir(c) or "to_frame" not in dir(c)]
    assert not missing


# -------------------------------------------------------------------- pandas missing


def test_to_frame_without_pandas_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    solutions = solve_all(dollar())
    monkeypatch.setitem(sys.modules, "pandas", None)  # `import pandas` now raises ImportError
    with pytest.raises(MissingDependencyError, match=r"pip install 'bargaining\[pandas\]'") as info:
        solutions.to_frame()
    assert isinstance(info.value, BargainingError) and isinstance(info.value, ImportError)
    assert INSTALL in str(info.value)
    assert isinstance(np.asarray([1]), np.ndarray)  # numpy untouched
