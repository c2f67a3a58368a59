"""Figures: written in each format, with titles, units, legends and the no-agreement region shaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from strategies import ROOT
from strategies import dollar as shared_dollar

from bargaining.errors import GameFormatError
from bargaining.io import load, write
from bargaining.model.issue_space import BargainingProblem
from bargaining.plotting.sensitivity import plot_grid, plot_montecarlo, plot_sweep, plot_tornado
from bargaining.sensitivity import grid, sweep
from bargaining.sensitivity.montecarlo import monte_carlo
from bargaining.sensitivity.tornado import tornado

KURSK = load(ROOT / "games" / "kursk.json")


def dollar() -> BargainingProblem:
    return shared_dollar(
        0.0,
        0.3,
        ranges=((0, 0.9), (0, 0.5)),
        distribution={"type": "uniform"},
        unit="dollars",
        name="Divide the dollar",
    )


@pytest.mark.parametrize("suffix", [".png", ".svg", ".pdf"])
def test_sweep_figure_in_each_format_with_the_no_agreement_region_shaded(tmp_path: Path, suffix: str) -> None:
    result = sweep(dollar(), "d_a", num=10, solution="all")
    target = tmp_path / f"sweep{suffix}"
    fig = plot_sweep(result, model=dollar())
    write(fig, target)
    assert target.stat().st_size > 1000
    axes = fig.axes
    assert axes[-1].get_xlabel() == "d a (dollars)"
    assert "Divide the dollar" in fig._suptitle.get_text()
    assert "(dollars)" in axes[0].get_ylabel()
    # the region d_a + 0.3 >= 1 has no agreement: a grey span in every panel
    spans = [p for p in axes[0].patches]
    assert spans, "no shaded region"
    left = min(p.get_x() for p in spans)
    assert 0.6 < left < 0.8
    legend = [t.get_text() for t in axes[0].get_legend().get_texts()]
    assert "Nash" in legend and "no agreement" in legend


def test_kursk_figures(tmp_path: Path) -> None:
    result = sweep(KURSK, "kursk_held", num=5, solution="nash")
    fig = plot_sweep(result, model=KURSK)
    assert fig.axes[-1].get_xlabel() == "kursk held (km²)"
    levels = [t.get_text() for t in fig.axes[2].get_yticklabels()]
    assert levels == ["none", "assurances", "bilateral treaties", "european troops", "nato membership"]
    g = grid(KURSK, {"kursk_held": [0.0, 647.0, 1294.0], "us_support": [-1.0, 1.0]}, solution="nash")
    fig = plot_grid(g, outcome="ukraine.gain", model=KURSK)
    assert fig.axes[0].get_ylabel() == "kursk held (km²)"
    fig = plot_grid(g, outcome="nash.security", model=KURSK)
    write(fig, tmp_path / "s.png")
    assert (tmp_path / "s.png").exists()
    t = tornado(KURSK, "ukraine.gain", ["kursk_held", "holding_cost"], solution="nash")
    fig = plot_tornado(t)
    write(fig, tmp_path / "t.svg")
    labels = [x.get_text() for x in fig.axes[0].get_yticklabels()]
    assert len(labels) == 2 and any("km²" in x for x in labels)


def test_montecarlo_figure(tmp_path: Path) -> None:
    result = monte_carlo(dollar(), 30, seed=1)
    fig = plot_montecarlo(result)
    assert "P(agreement exists)" in fig._suptitle.get_text()


def test_other_kinds_and_bad_suffix(tmp_path: Path) -> None:
    war = load(ROOT / "games" / "kursk_war.json")
    fig = plot_sweep(sweep(war, "kursk_held", num=4))
    assert fig.axes and fig.axes[-1].get_xlabel().startswith("kursk held")
    with pytest.raises(GameFormatError, match=".png, .svg or .pdf"):
        write(plot_sweep(sweep(dollar(), "d_a", num=3, solution="nash")), tmp_path / "x.jpg2")


def test_sweep_legend_names_concepts_as_the_table_does_and_a_long_title_wraps() -> None:
    import dataclasses

    from bargaining.dispatch import solve_model

    model = load(ROOT / "games" / "asymmetric_power.json")
    model = dataclasses.replace(model, name="A spec name long enough to run past the edge of the figure " * 2)
    figure = plot_sweep(sweep(model, model.parameters[0].name, num=3, solution="all"), model=model)
    legend = [t.get_text() for ax in figure.axes if ax.get_legend() for t in ax.get_legend().get_texts()]
    table = solve_model(model, "all").to_table()
    assert "asymmetric Nash" in legend and "asymmetric Nash" in table
    assert "Nash" not in legend
    title = figure.get_suptitle()
    assert "\n" in title and max(len(line) for line in title.splitlines()) <= 90  # 7.6 in at 11 pt
