"""``bargain forecast``: who moves where, on an actor table, by each stakeholder model.

A thin command: read the table (a ``stakeholders`` JSON spec, a CSV in the
``Actor,Capability,Position1,Salience1,...`` layout or KTAB's, a KTAB XML),
run the models of :mod:`bargaining.stakeholders`, print the forecast per issue
and, for the simulations, who moved when and why.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

from bargaining.errors import InvalidGameError

if TYPE_CHECKING:
    from bargaining.stakeholders.eu_options import EUOptions
    from bargaining.stakeholders.forecast import StakeholderComparison
    from bargaining.stakeholders.smp_options import SMPOptions

__all__ = ["backtest", "forecast"]

MODEL_CHOICES = ["all", "compromise", "median", "bdm", "smp", "nash"]
#: moves printed per simulation in the table format (JSON has all)
MAX_MOVES_SHOWN = 60


def _eu_options(preset_name: str, rounds: int | None, switches: tuple[str, ...]) -> EUOptions:
    from bargaining.stakeholders import preset

    changes: dict[str, object] = {} if rounds is None else {"rounds": rounds}
    for item in switches:
        key, sep, value = item.partition("=")
        if not sep:
            raise InvalidGameError(
                f"--switch {item!r}: write NAME=VALUE, e.g. --switch offer_choice=highest_eu"
            )
        parsed: object = value
        if value in ("true", "false"):
            parsed = value == "true"
        elif key in ("q", "t", "tolerance"):
            try:
                parsed = float(value)
            except ValueError:
                raise InvalidGameError(f"--switch {key}: expected a number, got {value!r}") from None
        changes[key] = parsed
    try:
        return preset(preset_name, **changes)
    except TypeError:
        raise InvalidGameError(
            f"--switch: unknown switch in {list(changes)}; see docs/stakeholders.md"
        ) from None


def _smp_options(spec: str, rounds: int | None, settings: tuple[str, ...]) -> SMPOptions:
    """KTAB's defaults, the switches of a KTAB XML scenario, then ``--smp NAME=VALUE``."""
    from pathlib import Path

    from bargaining.stakeholders.smp_options import XML_TAGS, SMPOptions

    base = SMPOptions()
    if Path(spec).suffix.lower() == ".xml":
        from bargaining.io.files import read_text
        from bargaining.io.stakeholder_xml import from_ktab_xml

        info = from_ktab_xml(read_text(spec))[1]
        base = SMPOptions.from_ktab(
            info["switches"], ideal_adjustment=info["ideal_adjustment"], seed=info["seed"] or base.seed
        )
    changes: dict[str, object] = {} if rounds is None else {"max_iterations": rounds}
    for item in settings:
        key, sep, value = item.partition("=")
        if not sep:
            raise InvalidGameError(f"--smp {item!r}: write NAME=VALUE, e.g. --smp VotingRule=Cubic")
        changes[XML_TAGS.get(key, key)] = int(value) if key == "seed" and value.isdigit() else value
    data = {**base.to_dict(), **changes}
    try:
        return SMPOptions(**data)
    except TypeError:
        raise InvalidGameError(
            f"--smp: unknown switch in {list(changes)}; see docs/stakeholders.md"
        ) from None


def _explain(comparison: StakeholderComparison) -> str:
    lines = []
    for f in comparison.forecasts:
        if f.num_rounds == 0:
            continue
        lines.append(f"\n{f.model}: {f.num_rounds} rounds; {f.stopped_by}")
        shown = f.moves[:MAX_MOVES_SHOWN]
        lines += [f"  {m.explain()}" for m in shown]
        if len(f.moves) > len(shown):
            lines.append(f"  ... {len(f.moves) - len(shown)} more moves (--format json lists them all)")
        if not f.moves:
            lines.append("  nobody moves")
        lines += [f"  note: {n}" for n in f.notes]
    return "\n".join(lines)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--model",
    "model_name",
    type=click.Choice(MODEL_CHOICES),
    default="all",
    show_default=True,
    help="Which model to run.",
)
@click.option(
    "--rounds",
    type=click.IntRange(1, 10_000),
    default=None,
    help="Most rounds of the simulations (expected utility: default 100, or the preset's).",
)
@click.option(
    "--preset",
    "preset_name",
    type=click.Choice(["paper", "scholz_code", "gdm"]),
    default="paper",
    show_default=True,
    help="Expected-utility switches: the paper, or a replication's.",
)
@click.option(
    "--switch",
    "switches",
    multiple=True,
    metavar="NAME=VALUE",
    help="Change one expected-utility switch (repeatable), e.g. --switch capitulation=false.",
)
@click.option(
    "--smp",
    "smp_settings",
    multiple=True,
    metavar="NAME=VALUE",
    help="Change one switch of KTAB's model (repeatable), e.g. --smp VotingRule=Cubic.",
)
@click.option(
    "--salience-scale",
    type=click.Choice(["1", "100"]),
    default="1",
    show_default=True,
    help="The scale of the saliences in a common-layout CSV.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="A table for people, JSON or CSV for programs.",
)
@click.option(
    "--plot",
    "plot_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="Write a figure of the positions over the rounds (.png, .svg, .pdf).",
)
def forecast(
    spec: str,
    model_name: str,
    rounds: int | None,
    preset_name: str,
    switches: tuple[str, ...],
    smp_settings: tuple[str, ...],
    salience_scale: str,
    output_format: str,
    plot_file: str | None,
) -> None:
    """Forecast each issue of an actor table SPEC with stakeholder models.

    \b
    Examples:
      bargain forecast games/kursk_stakeholders.json
      bargain forecast games/kursk_stakeholders.json --model bdm --rounds 20
      bargain forecast actors.csv --preset scholz_code --format json
    """
    from bargaining.io.stakeholder_files import read_table
    from bargaining.stakeholders.forecast import MODELS
    from bargaining.stakeholders.forecast import forecast as run

    table = read_table(spec, salience_scale=float(salience_scale))
    models = MODELS if model_name == "all" else (model_name,)
    smp = _smp_options(spec, rounds, smp_settings) if "smp" in models else None
    result = run(table, models, _eu_options(preset_name, rounds, switches), smp)
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, allow_nan=False))
    elif output_format == "csv":
        from bargaining.io.files import records_csv

        click.echo(records_csv(result.to_records()), nl=False)
    else:
        click.echo(f"{table.name or spec}: {table.summary()}")
        click.echo(result.to_table())
        click.echo(_explain(result))
    if plot_file:
        from bargaining.io import write
        from bargaining.plotting.positions import plot_positions

        write(plot_positions(result), plot_file)
        click.echo(f"wrote {plot_file}", err=True)


@click.command()
@click.argument("cases", type=click.Path(dir_okay=False))
@click.option(
    "--model",
    "model_names",
    multiple=True,
    type=click.Choice(MODEL_CHOICES[1:]),
    help="A model to score (repeatable; default: all).",
)
@click.option(
    "--draws", type=click.IntRange(100, 100_000), default=2000, show_default=True, help="Bootstrap draws."
)
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the bootstrap.")
@click.option(
    "--preset",
    "preset_name",
    type=click.Choice(["paper", "scholz_code", "gdm"]),
    default="paper",
    show_default=True,
    help="Expected-utility switches.",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="A table for people, JSON or CSV for programs.",
)
def backtest(
    cases: str, model_names: tuple[str, ...], draws: int, seed: int, preset_name: str, output_format: str
) -> None:
    """Score the stakeholder models against the outcomes recorded in CASES.

    CASES is a JSON file (``"format": "bargaining-backtest"``) of actor tables,
    each with the outcome recorded on every issue and its source (see
    docs/stakeholders.md). Errors are in percent of each issue's scale.

    \b
    Examples:
      bargain backtest cases.json
      bargain backtest cases.json --model median --model bdm --format json
    """
    from bargaining.io.files import read_text
    from bargaining.io.json_text import parse_json
    from bargaining.io.stakeholder_cases import read_cases
    from bargaining.stakeholders.backtest import BacktestCase
    from bargaining.stakeholders.backtest import backtest as score
    from bargaining.stakeholders.forecast import MODELS

    entries = read_cases(parse_json(read_text(cases), cases))
    chosen = [BacktestCase(name, table, outcome, source) for name, table, outcome, source in entries]
    result = score(
        chosen, model_names or MODELS, eu_options=_eu_options(preset_name, None, ()), draws=draws, seed=seed
    )
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, allow_nan=False))
    elif output_format == "csv":
        from bargaining.io.files import records_csv

        click.echo(records_csv(result.to_records()), nl=False)
    else:
        click.echo(result.to_table())
