"""Figures of war, shifting power, learning while fighting and alternating offers: marks read back.

Structure, not pixels: every mark is found by its ``gid`` and compared with the
solver's numbers and, where there is one, with a known answer worked by hand:

* Fearon's model with a uniform belief (Fearon 1995; Powell 1999, ch. 3): the
  proposer's optimal threshold is :math:`z^* = (h - c_P)/2`, so with
  :math:`p = 0.5`, :math:`c = (0.1, 0.2)`, :math:`c_R \\sim U[0, 0.3]` the demand
  is 0.6 and war comes with probability 1/3; the shaded area of the belief
  (integrated from the drawn polygon) must be that probability.
* Powell (2006): with :math:`p = (0.8, 0.3)`, costs 0.1, :math:`\\delta = 0.9`,
  :math:`\\pi = 1` (:math:`\\Pi = 10`), party 0's gap in period 0 is
  :math:`7.9 - 1 - 0.9 (10 - 6.9) = 4.11 > 0`: war in period 0.
* Fearon's risk-return trade-off as one round of learning while fighting
  (Powell 2004 with :math:`T = 1`): the weak type (value of fighting 0.1) is
  bought off at 0.1 and the strong one fights, probability 1/2.
* Rubinstein (1982): the first proposer's share is
  :math:`(1-\\delta_1)/(1-\\delta_0\\delta_1)`, 5/7 at (0.9, 0.8); the other would
  get :math:`(1-\\delta_0)/(1-\\delta_0\\delta_1) = 5/14` proposing first.
"""

from __future__ import annotations

from fractions import Fraction
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
from bargaining.model.beliefs import CostTypes, UniformCost
from bargaining.plotting.commitment import plot_commitment
from bargaining.plotting.figures import FIGURES, figure_for
from bargaining.plotting.learning import plot_learning, shown_rounds
from bargaining.plotting.rubinstein import plot_rubinstein
from bargaining.plotting.style import PlotError
from bargaining.plotting.war import plot_war
from bargaining.war import commitment_equilibrium, fearon_solution, learning_equilibrium


def by_gid(fig: Any, gid: str) -> list[Any]:
    return [a for a in fig.findobj() if a.get_gid() == gid]


def one(fig: Any, gid: str) -> Any:
    (artist,) = by_gid(fig, gid)
    return artist


def x_extent(artist: Any) -> tuple[float, float]:
    """The x-range of a filled region (a PolyCollection from fill_between, or axvspan's Rectangle)."""
    if hasattr(artist, "get_width"):
        return float(artist.get_x()), float(artist.get_x() + artist.get_width())
    paths = artist.get_paths() if hasattr(artist, "get_paths") else [artist.get_path()]
    xs = np.concatenate([p.vertices[:, 0] for p in paths])
    return float(xs.min()), float(xs.max())


def area(artist: Any) -> float:
    """The area of a filled region (shoelace over its closed path)."""
    total = 0.0
    for path in artist.get_paths():
        x, y = path.vertices[:, 0], path.vertices[:, 1]
        total += 0.5 * abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1))))
    return total


# ---------------------------------------------------------------------- war


def test_kursk_war_marks_are_the_solvers_numbers() -> None:
    model = load(GAMES / "kursk_war.json")
    s = solve_model(model)
    fig = plot_war(model)
    assert x_extent(one(fig, "range")) == pytest.approx(s.bargaining_range, abs=1e-12)
    assert one(fig, "war-outcome").get_xdata() == pytest.approx([s.win_probability * s.size] * 2)
    assert one(fig, "demand").get_xdata() == pytest.approx([s.shares[0]])
    # Russia proposes: the safe demand leaves Ukraine the rest
    assert one(fig, "safe-demand").get_xdata() == pytest.approx([s.size - s.safe_demand])
    assert area(one(fig, "war-types")) == pytest.approx(s.war_probability, rel=1e-6)
    assert "0.0333" in one(fig, "war-probability").get_text()


def test_uniform_belief_known_answer_and_the_shaded_mass() -> None:
    s = fearon_solution(0.5, (0.1, 0.2), belief=UniformCost(0.0, 0.3), party_names=("a", "b"))
    assert s.demand == pytest.approx(0.6) and s.war_probability == pytest.approx(1 / 3)
    fig = plot_war(None, s)
    assert one(fig, "demand").get_xdata() == pytest.approx([0.6])
    # party 1 responds: type c accepts party 0 getting at most 0.5 + c, so those with c < 0.1 fight
    assert x_extent(one(fig, "war-types")) == pytest.approx((0.5, 0.6))
    assert area(one(fig, "war-types")) == pytest.approx(1 / 3, rel=1e-9)
    assert x_extent(one(fig, "range")) == pytest.approx((0.4, 0.7))


def test_finitely_many_types_are_stems_and_the_fighters_sum_to_the_war_probability() -> None:
    belief = CostTypes((0.05, 0.3), (0.4, 0.6), ("resolute", "irresolute"))
    s = fearon_solution(0.5, (0.1, 0.3), belief=belief, proposer=1)
    fig = plot_war(None, s)
    (fighters,) = by_gid(fig, "war-types")
    heights = [seg[1, 1] - seg[0, 1] for seg in fighters.get_segments()]
    assert sum(heights) == pytest.approx(s.war_probability)
    texts = {t.get_text() for t in fig.axes[1].texts}
    assert {"resolute", "irresolute"} <= texts


def test_a_range_cut_at_the_end_of_the_good_says_so() -> None:
    s = fearon_solution(0.05, (0.3, 0.2))
    assert s.bargaining_range == pytest.approx((0.0, 0.25))
    texts = [t.get_text() for t in plot_war(None, s).axes[0].texts]
    assert sum("the range stops" in t for t in texts) == 1  # party 0's side only


@given(
    p=st.floats(0.0, 1.0),
    costs=st.tuples(st.floats(0.0, 0.5), st.floats(0.0, 0.5)),
    low=st.floats(0.0, 0.4),
    width=st.floats(0.01, 0.6),
    proposer=st.sampled_from([0, 1]),
)
@settings(max_examples=12, deadline=None)
def test_shaded_belief_is_the_war_probability_and_the_range_is_the_solvers(
    p: float, costs: tuple[float, float], low: float, width: float, proposer: int
) -> None:
    """The figure maps each type to its reservation share on its own; its shaded mass must be P(war)."""
    s = fearon_solution(p, costs, belief=UniformCost(low, low + width), proposer=proposer)
    fig = plot_war(None, s)
    assert x_extent(one(fig, "range")) == pytest.approx(s.bargaining_range, abs=1e-12)
    assert one(fig, "demand").get_xdata() == pytest.approx([s.shares[0]])
    shaded = by_gid(fig, "war-types")
    assert (area(shaded[0]) if shaded else 0.0) == pytest.approx(s.war_probability, rel=1e-6, abs=1e-9)


@given(
    costs=st.lists(st.floats(0.0, 0.5), min_size=1, max_size=4),
    weights=st.lists(st.floats(0.05, 1.0), min_size=4, max_size=4),
    p=st.floats(0.05, 0.95),
    proposer=st.sampled_from([0, 1]),
)
@settings(max_examples=12, deadline=None)
def test_fighting_types_sum_to_the_war_probability(
    costs: list[float], weights: list[float], p: float, proposer: int
) -> None:
    probabilities = [w / sum(weights[: len(costs)]) for w in weights[: len(costs)]]
    probabilities[-1] = 1.0 - sum(probabilities[:-1])
    s = fearon_solution(p, (0.1, 0.1), belief=CostTypes(costs, probabilities), proposer=proposer)
    fighters = by_gid(plot_war(None, s), "war-types")
    heights = [seg[1, 1] - seg[0, 1] for seg in fighters[0].get_segments()] if fighters else []
    assert sum(heights) == pytest.approx(s.war_probability, abs=1e-9)


def test_complete_information_one_panel_no_belief() -> None:
    s = fearon_solution(0.6, (0.1, 0.2))
    fig = plot_war(None, s)
    assert len(fig.axes) == 1 and not by_gid(fig, "belief") and not by_gid(fig, "safe-demand")
    assert one(fig, "demand").get_xdata() == pytest.approx([0.8])  # the top of [0.5, 0.8]
    assert x_extent(one(fig, "range")) == pytest.approx((0.5, 0.8))


def test_draws_into_a_given_axes_without_the_belief_panel() -> None:
    from matplotlib.figure import Figure

    from bargaining.plotting.labels import party_label

    ax = Figure().subplots()
    s = fearon_solution(0.5, (0.1, 0.2), belief=UniformCost(0.0, 0.3), party_names=("USA", "b"))
    fig = plot_war(None, s, ax=ax)
    assert fig is ax.figure and len(fig.axes) == 1 and not by_gid(fig, "belief")
    assert one(fig, "demand").get_xdata() == pytest.approx([0.6])
    assert party_label("USA") == "USA" and party_label("united_states") == "United states"
    assert "USA's share" in ax.get_xlabel()


# ---------------------------------------------------------------------- shifting power


def test_kursk_shifting_power_peace_is_said_and_the_lines_are_the_solvers() -> None:
    model = load(GAMES / "kursk_shifting_power.json")
    s = solve_model(model)
    fig = plot_commitment(model)
    assert s.first_war is None
    assert "no war" in one(fig, "peace").get_text()
    assert not by_gid(fig, "first-war")
    assert one(fig, "win-probability").get_ydata() == pytest.approx(s.win_probability)
    gaps = np.asarray(s.powell_gap) / s.stream
    assert one(fig, "gap:ukraine").get_ydata() == pytest.approx(gaps[:, 0])
    assert one(fig, "gap:russia").get_ydata() == pytest.approx(gaps[:, 1])


def test_powell_known_answer_war_in_period_zero_is_marked() -> None:
    s = commitment_equilibrium((0.8, 0.3), (0.1, 0.1), discount=0.9, proposer=1, party_names=("a", "b"))
    fig = plot_commitment(None, s)
    assert one(fig, "gap:a").get_ydata()[0] == pytest.approx(4.11 / 10)  # by hand, in shares of Pi = 10
    assert x_extent(one(fig, "first-war")) == pytest.approx((-0.5, 0.5))
    assert not by_gid(fig, "peace")
    # p falls from 0.8 to 0.3: party 0, the declining side and here the responder, cannot be bought off
    assert s.started_by[0] == "responder"
    assert "A fights: no offer B can make is enough (commitment problem)" in one(fig, "war").get_text()


def test_kursk_chip_lost_in_one_month_war_marked_where_the_solver_has_it() -> None:
    model = load(GAMES / "kursk_shifting_power.json").with_parameters(months_to_loss=2, kursk_effect=0.3)
    s = solve_model(model)
    fig = plot_commitment(model)
    assert s.first_war == 0
    assert x_extent(one(fig, "first-war")) == pytest.approx((-0.5, 0.5))
    later = {a.get_gid() for a in fig.findobj() if (a.get_gid() or "").startswith("war:")}
    assert later == {f"war:{s.labels[t]}" for t, w in enumerate(s.war) if w and t != s.first_war}


# ---------------------------------------------------------------------- learning while fighting


def bar_heights(fig: Any, gid: str) -> list[float]:
    return [p.get_height() for p in fig.findobj() if p.get_gid() == gid and hasattr(p, "get_height")]


def test_kursk_learning_offers_probabilities_beliefs() -> None:
    model = load(GAMES / "kursk_learning.json")
    s = solve_model(model)
    fig = plot_learning(model)
    n = shown_rounds(s)
    assert n == 2  # the wavering type settles in round 0, the resolute one in round 1
    assert one(fig, "offers").get_ydata() == pytest.approx(s.offers[:n])
    assert bar_heights(fig, "settle") == pytest.approx(s.settle_probability[:n])
    assert bar_heights(fig, "fight") == pytest.approx(s.war_probability[:n])
    for k, name in enumerate(s.type_names):
        assert bar_heights(fig, f"belief:{name}") == pytest.approx([q[k] for q in s.posterior[:n]])


def test_one_round_is_fearons_trade_off_known_answer() -> None:
    s = learning_equilibrium(
        (0.5, 0.5), (0.3, 0.05), (0.4, 0.4), (0.6, 0.6), proposer_cost=0.05, discount=0.9, horizon=1
    )
    fig = plot_learning(None, s)
    assert one(fig, "offers").get_ydata() == pytest.approx([0.1])
    assert bar_heights(fig, "fight") == pytest.approx([0.5])


def test_a_round_fought_to_learn_is_marked() -> None:
    s = learning_equilibrium(
        (0.454, 0.206, 0.34), (0.064, 0.059, 0.001), (0.07, 0.29, 0.07), (0.29, 0.22, 0.39), 0.02, 0.9, 3
    )
    fig = plot_learning(None, s)
    assert one(fig, "no-offer").get_xdata() == pytest.approx([1])


# ---------------------------------------------------------------------- alternating offers


def widths(fig: Any, key: str, names: tuple[str, str]) -> list[float]:
    return [one(fig, f"{key}:{n}").get_width() for n in names]


def test_rubinstein_classic_split_and_curves_are_the_closed_form() -> None:
    model = load(GAMES / "rubinstein_classic.json")
    fig = plot_rubinstein(model, points=30)
    names = ("player_0", "player_1")
    assert widths(fig, "split", names) == pytest.approx([5 / 7, 2 / 7])
    assert widths(fig, "other-first", names) == pytest.approx([9 / 14, 5 / 14])
    assert one(fig, "model:player_0").get_xdata() == pytest.approx([0.9])
    assert one(fig, "model:player_0").get_ydata() == pytest.approx([float(Fraction(5, 7))])
    assert one(fig, "model:player_1").get_xdata() == pytest.approx([0.8])
    for gid, share in (
        ("curve:player_0", lambda d: (1 - 0.8) / (1 - d * 0.8)),
        ("curve:player_1", lambda d: (1 - d) / (1 - 0.9 * d)),
    ):
        line = one(fig, gid)
        x = np.asarray(line.get_xdata(), float)
        assert line.get_ydata() == pytest.approx(share(x), abs=1e-12)


def test_kursk_rubinstein_model_marks_sit_on_their_curves() -> None:
    model = load(GAMES / "kursk_rubinstein.json")
    s = solve_model(model)
    fig = plot_rubinstein(model, points=20)
    deltas = model.arguments()["discount_factor"]
    for i, name in enumerate(("ukraine", "russia")):
        mark = one(fig, f"model:{name}")
        assert mark.get_xdata() == pytest.approx([deltas[i]])
        assert mark.get_ydata() == pytest.approx([s.shares[0]])  # Ukraine proposes first
        curve = one(fig, f"curve:{name}")
        k = int(np.argmin(abs(np.asarray(curve.get_xdata()) - deltas[i])))
        assert curve.get_ydata()[k] == pytest.approx(s.shares[0])


def test_a_binding_outside_option_is_said() -> None:
    from bargaining.model.alternating_offers import AlternatingOffers, Bargainer

    game = AlternatingOffers(
        [Bargainer("a", discount_factor=0.9), Bargainer("b", discount_factor=0.8, outside_option=0.5)]
    )
    s = solve_model(game)
    assert s.binding_outside_options == (False, True)
    fig = plot_rubinstein(game, points=10)
    assert widths(fig, "split", ("a", "b")) == pytest.approx([0.5, 0.5])  # pi - w_1 (Muthoo 1999, thm 5.1)
    assert "B's outside option binds" in one(fig, "binding").get_text()


def test_who_accepts_is_short_for_many_types() -> None:
    from bargaining.plotting.learning import accepted_text

    assert accepted_text(("wavering",)) == "wavering"
    assert accepted_text(()) == "no type"
    assert accepted_text(tuple(f"type_{k}" for k in range(8))) == "type 0 to type 7 (8 types)"


# ---------------------------------------------------------------------- registry and command


@pytest.mark.parametrize(
    ("spec", "suffix"),
    [
        ("kursk_war.json", ".png"),
        ("kursk_shifting_power.json", ".svg"),
        ("kursk_learning.json", ".svg"),
        ("kursk_rubinstein.json", ".svg"),
        ("rubinstein_classic.json", ".svg"),
    ],
)
def test_bargain_plot_exits_0(spec: str, suffix: str, tmp_path: Path) -> None:
    """Through the command, every artist rendered (the marks are checked above, on the same figures)."""
    target = tmp_path / f"x{suffix}"
    result = CliRunner().invoke(cli, ["plot", str(GAMES / spec), "-o", str(target)])
    assert result.exit_code == 0, result.output
    data = target.read_bytes()
    assert data[:4] == b"\x89PNG" if suffix == ".png" else b"<svg" in data[:2000]


def test_each_kind_is_registered_and_an_unknown_kind_is_refused() -> None:
    for kind, function in (
        ("war", plot_war),
        ("shifting_power", plot_commitment),
        ("learning_while_fighting", plot_learning),
        ("rubinstein", plot_rubinstein),
    ):
        assert kind in FIGURES and figure_for(kind) is function
    with pytest.raises(PlotError, match="no figure for a model of kind 'nope'.*war"):
        figure_for("nope")
