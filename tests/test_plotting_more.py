"""Figures of the Bayesian, double-auction, stochastic, coalitional and stakeholder kinds.

Structure, not pixels: the marks are read back from the figures' artists (by
``gid``) and compared with the solvers' numbers, and where a spec states a
known answer, with that answer. Known answers: Battle of the Sexes with
uncertain preferences has the unique pure Bayesian equilibrium (B; meet: B,
avoid: S) and player 1's payoff 1 (Osborne 2004, ch. 9); the k = 1/2 double
auction on [0, 1]^2 bids 2/3 v + 1/12, asks 2/3 c + 1/4, trades iff
v >= c + 1/4 (probability 9/32) with gains 9/64 against 1/6 at the first best,
and 9/64 is the Myerson-Satterthwaite bound (Chatterjee & Samuelson 1983;
Myerson & Satterthwaite 1983).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import GAMES

from bargaining.cli import cli
from bargaining.dispatch import solve_model
from bargaining.io import load
from bargaining.plotting.figures import FIGURES, figure_for

MINE = {
    "bayesian": ("bos_uncertain_preferences.json", "kursk_ambiguity.json"),
    "double_auction": ("kursk_double_auction.json",),
    "stochastic_bargaining": ("kursk_over_time.json",),
    "coalitional": ("kursk_guarantees.json",),
    "stakeholders": ("kursk_stakeholders.json",),
}


def artists(fig: Any, prefix: str) -> list[Any]:
    """Every artist of ``fig`` with a gid that starts with ``prefix``."""
    return [a for a in fig.findobj() if a.get_gid() and a.get_gid().startswith(prefix)]


def by_gid(fig: Any, prefix: str) -> dict[str, Any]:
    found = artists(fig, prefix)
    out = {a.get_gid(): a for a in found}
    assert len(out) == len(found), "two artists share a gid"
    return out


def polygon_area(xy: np.ndarray) -> float:
    x, y = xy[:, 0], xy[:, 1]
    return 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))


# ----------------------------------------------------------------------------------- bayesian
def test_bos_bars_are_the_type_strategies_and_the_known_pure_equilibrium() -> None:
    from bargaining.plotting.bayesian import BAR, plot_bayesian

    game = load(GAMES / "bos_uncertain_preferences.json")
    result = solve_model(game)
    fig = plot_bayesian(game, result)
    bars = by_gid(fig, "play:")
    expected = {}
    for row, eq in enumerate(result.equilibria):
        for i, player in enumerate(game.players):
            for k, t in enumerate(game.types[i]):
                for a, p in enumerate(eq.behaviour[i][k]):
                    if float(p) > 0:
                        expected[f"play:{row}:{player}:{t}:{game.actions[i][a]}"] = float(p)
    assert set(bars) == set(expected)
    for gid, p in expected.items():
        assert bars[gid].get_width() / BAR == pytest.approx(p, abs=1e-12)
    # Osborne's answer: one pure equilibrium, player 1 B, type meet B, type avoid S
    pure = {g.split(":", 2)[2] for g in bars if g.startswith("play:0:")}
    assert [eq.is_pure for eq in result.equilibria].count(True) == 1 and result.equilibria[0].is_pure
    assert pure == {"player_1:known:B", "player_2:meet:B", "player_2:avoid:S"}
    assert "ex ante 1, 1.5" in [t.get_text() for t in fig.axes[0].texts]


def test_kursk_ambiguity_every_equilibrium_the_guarantee_and_the_value_of_ambiguity() -> None:
    from bargaining.plotting.bayesian import plot_bayesian

    game = load(GAMES / "kursk_ambiguity.json")
    result = solve_model(game)
    fig = plot_bayesian(game, result)
    rows = {int(g.split(":")[1]) for g in by_gid(fig, "play:")}
    assert rows == set(range(len(result.equilibria))) and len(rows) == 6
    (notes,) = artists(fig, "notes")
    text = notes.get_text().replace("\n", " ")
    assert "Guarantee: all extreme equilibria and the components." in text
    worst, best = result.ambiguity[0].value
    assert f"{worst:.4g} at its worst equilibrium" in text and f"{best:.4g} at its best" in text


# ----------------------------------------------------------------------------- double auction
def test_double_auction_strategies_region_and_gains_are_the_textbook_answer() -> None:
    from bargaining.plotting.double_auction import plot_double_auction

    model = load(GAMES / "kursk_double_auction.json")
    result = solve_model(model)
    fig = plot_double_auction(model, result)
    marks = by_gid(fig, "")
    for key, slope, intercept in (("bid", 2 / 3, 1 / 12), ("ask", 2 / 3, 1 / 4)):
        x, y = (np.asarray(d, float) for d in marks[key].get_data())
        assert np.polyfit(x, y, 1) == pytest.approx([slope, intercept], abs=1e-12)
    region = marks["trade-region"].get_xy()
    assert polygon_area(region) == pytest.approx(9 / 32, abs=1e-12)  # the type square has area 1
    assert np.all(region[:, 1] - region[:, 0] >= 1 / 4 - 1e-12)  # trade iff v >= c + 1/4
    heights = {g: marks[g].get_height() for g in marks if g.startswith("gains:")}
    assert heights == pytest.approx(
        {"gains:first_best": 1 / 6, "gains:second_best": 9 / 64, "gains:equilibrium": 9 / 64}, abs=1e-12
    )
    assert "(the bound is met)" in marks["efficiency"].get_text()


def test_double_auction_below_the_bound_and_without_an_equilibrium() -> None:
    from bargaining.plotting.double_auction import plot_double_auction

    model = load(GAMES / "kursk_double_auction.json")
    below = model.with_parameters(price_weight=1)  # k = 1: the buyer's price; below the bound
    result = solve_model(below)
    marks = by_gid(plot_double_auction(below, result), "")
    assert marks["gains:equilibrium"].get_height() == pytest.approx(result.gains_from_trade)
    assert result.loss_against_second_best > 1e-3
    assert "(below the bound)" in marks["efficiency"].get_text()
    area = (result.value_support[1] - result.value_support[0]) * (
        result.cost_support[1] - result.cost_support[0]
    )
    assert polygon_area(marks["trade-region"].get_xy()) / area == pytest.approx(result.trade_probability)
    none = model.with_parameters(ru_value_max=3)  # the top bid would exceed the highest ask: no equilibrium
    result = solve_model(none)
    marks = by_gid(plot_double_auction(none, result), "")
    assert not result.exists and "no-equilibrium" in marks
    assert not {"bid", "ask", "trade-region", "gains:equilibrium"} & set(marks)
    assert marks["gains:second_best"].get_height() == pytest.approx(result.second_best_gains)


@settings(max_examples=60, deadline=None)
@given(
    vl=st.floats(-2, 2),
    v_width=st.floats(0.05, 3),
    cl=st.floats(-2, 2),
    c_width=st.floats(0.05, 3),
    k=st.floats(0, 1),
)
def test_the_drawn_region_of_trade_has_the_solvers_probability(
    vl: float, v_width: float, cl: float, c_width: float, k: float
) -> None:
    """The shaded polygon (clipped here) against the solver's own integral of the trade region."""
    from bargaining.auction import linear_equilibrium
    from bargaining.plotting.double_auction import trade_polygon

    result = linear_equilibrium((vl, vl + v_width), (cl, cl + c_width), k)
    polygon = trade_polygon(result)
    if not result.exists:
        assert len(polygon) == 0
        return
    area = v_width * c_width
    drawn = polygon_area(polygon) / area if len(polygon) >= 3 else 0.0
    assert drawn == pytest.approx(result.trade_probability, abs=1e-9)
    if len(polygon):
        c, v = polygon[:, 0], polygon[:, 1]
        scale = 1e-9 * (1 + abs(vl) + abs(cl) + v_width + c_width)
        assert np.all(v - result.trade_intercept - result.trade_slope * c >= -scale)
        assert np.all(
            (c >= cl - scale) & (c <= cl + c_width + scale) & (v >= vl - scale) & (v <= vl + v_width + scale)
        )


# ---------------------------------------------------------------------------------- stochastic
def growing_pie() -> Any:
    """Merlo & Wilson (1995): a pie expected to grow (1 now, 2 once 'high' is reached with probability
    1/2 a period, discounts 0.9) delays agreement: the parties fight in 'low', each worth 9/11 there
    (9/11 = 0.45 / 0.55), and split 2 equally in 'high'; expected delay 2 periods."""
    from bargaining.io.stochastic_bargaining import from_dict

    return from_dict(
        {
            "format": "bargaining",
            "version": 1,
            "kind": "stochastic_bargaining",
            "players": [{"name": "a", "discount": 0.9}, {"name": "b", "discount": 0.9}],
            "states": [{"name": "low", "pie": 1}, {"name": "high", "pie": 2}],
            "transitions": [[0.5, 0.5], [0, 1]],
        }
    )


def test_stochastic_values_pies_offers_and_surplus_are_the_solvers() -> None:
    from bargaining.plotting.stochastic import plot_stochastic

    model = load(GAMES / "kursk_over_time.json")
    result = solve_model(model)
    marks = by_gid(plot_stochastic(model, result), "")
    first, second = result.party_names
    for k, state in enumerate(result.state_names):
        low, high = marks[f"value:{state}:{first}"], marks[f"value:{state}:{second}"]
        assert low.get_height() == pytest.approx(result.values[k, 0], abs=1e-14)
        assert (high.get_y(), high.get_height()) == pytest.approx(tuple(result.values[k]), abs=1e-14)
        assert list(marks[f"pie:{state}"].get_ydata()) == pytest.approx([result.pie[k]] * 2, abs=1e-14)
        assert marks[f"surplus:{state}"].get_height() == pytest.approx(result.surplus[k], abs=1e-14)
        for i, who in enumerate(result.party_names):
            share = marks[f"offer:{state}:{who}"].get_offsets()[0][1]
            assert share == pytest.approx(result.offer(k, i)[0], abs=1e-14)
    assert result.agree.all()


def test_stochastic_delay_is_drawn_as_fighting_with_the_known_values() -> None:
    from bargaining.plotting.stochastic import plot_stochastic

    fig = plot_stochastic(growing_pie())
    marks = by_gid(fig, "")
    assert marks["value:low:a"].get_height() == pytest.approx(9 / 11, abs=1e-12)
    assert marks["value:low:a"].get_hatch() == "//" and not marks["value:high:a"].get_hatch()
    assert "offer:low:a" not in marks and "offer:high:a" in marks  # no offer where they fight
    assert marks["surplus:low"].get_height() < 0 <= marks["surplus:high"].get_height()
    shown = [t.get_text() for t in fig.axes[0].texts]
    assert "fight on\n(delay 2)" in shown and "deal now" in shown
    assert "expected delay 2 periods; state at agreement: high (probability 1)." in marks["notes"].get_text()


# --------------------------------------------------------------------------------- coalitional
def test_coalitional_bars_are_every_column_of_the_table_and_the_core_is_stated() -> None:
    from bargaining.plotting.coalitional import plot_coalitional

    game = load(GAMES / "kursk_guarantees.json")
    result = solve_model(game)
    fig = plot_coalitional(game, result)
    bars = by_gid(fig, "bar:")
    columns = result.columns()
    assert {name for name, _ in columns} >= {
        "shapley",
        "banzhaf",
        "nucleolus",
        "shapley_shubik",
        "banzhaf_index",
    }
    assert len(bars) == len(columns) * len(game.players)
    for name, values in columns:
        for player, value in zip(game.players, values, strict=True):
            assert bars[f"bar:{name}:{player}"].get_height() == pytest.approx(value, abs=1e-14)
            assert bool(bars[f"bar:{name}:{player}"].get_hatch()) == (
                name in ("shapley_shubik", "banzhaf_index")
            )
    labels = {a.get_gid(): a.get_label() for a in artists(fig, "concept:")}
    for name, inside in result.in_core.items():
        assert labels[f"concept:{name}"].endswith(": in the core" if inside else ": not in the core")
    assert [n for n, inside in result.in_core.items() if inside] == ["nucleolus"]
    assert "the core is non-empty" in fig.get_suptitle()


def test_coalitional_into_an_axes_and_too_many_bars_refused() -> None:
    from types import SimpleNamespace

    from bargaining.plotting.coalitional import MAX_BARS, plot_coalitional
    from bargaining.plotting.style import PlotError, figure

    game = load(GAMES / "kursk_guarantees.json")
    fig = figure(6, 4)
    ax = fig.subplots()
    assert plot_coalitional(game, ax=ax) is fig and len(fig.axes) == 1
    assert len(by_gid(fig, "bar:")) == 5 * len(game.players)
    players = tuple(f"p{i}" for i in range(MAX_BARS // 2 + 1))
    huge = SimpleNamespace(
        columns=lambda: [("shapley", (0.0,) * len(players))] * 2, game=SimpleNamespace(players=players)
    )
    with pytest.raises(PlotError, match="more than the 160 a readable figure holds"):
        plot_coalitional(game, huge)


def test_bankruptcy_talmud_rule_is_the_nucleolus() -> None:
    """Aumann & Maschler (1985): estate 200, claims 100, 200, 300: the Talmud's division (50, 75, 75) is
    the nucleolus of the bankruptcy game."""
    from bargaining.model.coalitional import CoalitionalGame
    from bargaining.plotting.coalitional import plot_coalitional

    game = CoalitionalGame.bankruptcy(["a", "b", "c"], 200, [100, 200, 300])
    bars = by_gid(plot_coalitional(game), "bar:")
    for rule in ("talmud", "nucleolus"):
        heights = [bars[f"bar:{rule}:{p}"].get_height() for p in "abc"]
        assert heights == pytest.approx([50, 75, 75], abs=1e-9)


# -------------------------------------------------------------------------------- stakeholders
@pytest.fixture(scope="module")
def actors() -> tuple[Any, Any, Any]:
    """The Kursk actor table, its forecasts and its figure (drawn once for the tests below)."""
    from bargaining.plotting.actors import plot_actors

    table = load(GAMES / "kursk_stakeholders.json")
    result = solve_model(table)
    return table, result, plot_actors(table, result)


def test_actor_table_points_sizes_and_every_models_forecast(actors: tuple[Any, Any, Any]) -> None:
    table, result, fig = actors
    marks = {**by_gid(fig, "actor:"), **by_gid(fig, "forecast:")}
    for d, issue in enumerate(table.issues):
        sizes = []
        for actor in table.actors:
            point = marks[f"actor:{actor.name}:{issue.name}"]
            assert tuple(point.get_offsets()[0]) == pytest.approx((actor.positions[d], actor.saliences[d]))
            sizes.append(point.get_sizes()[0])
        # marker area grows linearly with capability
        slope, _ = np.polyfit(table.capabilities, sizes, 1)
        assert slope > 0 and np.allclose(
            np.polyval(np.polyfit(table.capabilities, sizes, 1), table.capabilities), sizes
        )
        for f in result.forecasts:
            assert set(marks[f"forecast:{f.model}:{issue.name}"].get_xdata()) == {f.outcome[d]}
    assert {f.model for f in result.forecasts} == {"compromise", "median", "bdm", "smp", "nash"}


def test_actor_table_baselines_match_a_hand_computation(actors: tuple[Any, Any, Any]) -> None:
    """The compromise is the capability-times-salience weighted mean of the positions and the median the
    weighted median (the smallest position with at least half the weight at or below it), computed here
    by hand on the table."""
    table, _, fig = actors
    marks = by_gid(fig, "forecast:")
    w, x = table.capabilities[:, None] * table.saliences, table.positions
    for d, issue in enumerate(table.issues):
        mean = float((w[:, d] * x[:, d]).sum() / w[:, d].sum())
        order = np.argsort(x[:, d], kind="stable")
        cumulative = np.cumsum(w[order, d])
        median = float(x[order, d][np.searchsorted(cumulative, cumulative[-1] / 2 - 1e-12)])
        assert marks[f"forecast:compromise:{issue.name}"].get_xdata()[0] == pytest.approx(mean)
        assert marks[f"forecast:median:{issue.name}"].get_xdata()[0] == pytest.approx(median)


# ------------------------------------------------------------------------------------- the CLI
@pytest.mark.parametrize(
    "name", [n for kind in MINE for n in MINE[kind]], ids=lambda n: n.removesuffix(".json")
)
def test_bargain_plot_draws_each_spec(name: str, tmp_path: Path) -> None:
    kind = load(GAMES / name).spec_kind
    assert kind in FIGURES and figure_for(kind).__name__.startswith("plot_")
    target = tmp_path / ("x.svg" if "kursk" in name else "x.png")
    result = CliRunner().invoke(cli, ["plot", str(GAMES / name), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.stat().st_size > 5000
