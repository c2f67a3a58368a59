"""``bargain solve``, ``bargain validate`` and ``bargain schema``.

``solve`` loads any spec and dispatches on its kind to a handler in
:data:`HANDLERS`: a function ``handler(model, solution) -> result`` whose
result has ``to_table()`` and ``to_dict()``.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import click

from bargaining.cli.common import emit, format_option, parse_assignments, set_option

__all__ = ["HANDLERS", "load_model", "load_with", "schema", "solve", "validate"]

#: spec kind -> "module:function" that solves a model of that kind
HANDLERS: dict[str, str] = {
    "issue_space": "bargaining.solutions.concepts:solve_all",
    "utility_set": "bargaining.solutions.concepts:solve_all",
    "frontier": "bargaining.solutions.concepts:solve_all",
    "normal_form": "bargaining.cli.equilibria:solve_game",
    "rubinstein": "bargaining.model.alternating_offers:solve_alternating_offers",
    "war": "bargaining.war.fearon:solve_war",
    "extensive_form": "bargaining.equilibrium.backward_induction:solve_tree",
    "bayesian": "bargaining.equilibrium.bayesian:solve_bayesian",
}


def handler_for(kind: str) -> Any:
    """The solve handler registered for spec ``kind``."""
    module_name, _, attribute = HANDLERS[kind].partition(":")
    return getattr(importlib.import_module(module_name), attribute)


def load_model(spec: str) -> Any:
    """The model in file ``spec``: a JSON spec, or a Gambit ``.nfg`` or ``.efg`` file."""
    suffix = Path(spec).suffix.lower()
    if suffix == ".nfg":
        from bargaining.io.nfg import read_nfg

        return read_nfg(spec)
    if suffix == ".efg":
        from bargaining.io.efg import read_efg

        return read_efg(spec)
    from bargaining.io import load

    return load(spec)


def load_with(spec: str, assignments: tuple[str, ...]) -> Any:
    """Load ``spec`` and apply ``--set`` assignments."""
    model = load_model(spec)
    values = parse_assignments(assignments)
    if values:
        model = model.with_parameters(values)
    return model


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--solution",
    "-s",
    default="all",
    show_default=True,
    help="Bargaining solution: nash, ks, egalitarian, utilitarian or all.",
)
@set_option
@format_option
def solve(spec: str, solution: str, assignments: tuple[str, ...], output_format: str) -> None:
    """Solve SPEC: the agreements the bargaining solutions predict,
    or whatever the spec's kind calls for (equilibria of a game, ...).

    \b
    Examples:
      bargain solve games/kursk.json
      bargain solve games/kursk.json -s nash --set kursk_held=0 --format json
    """
    model = load_with(spec, assignments)
    result = handler_for(model.spec_kind)(model, solution=solution)
    emit(result, output_format)


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
def validate(spec: str) -> None:
    """Check SPEC and say what it describes, or what is wrong and where.

    Beyond the format, an issue-space spec is compiled for the solvers, so a
    utility that is not concave (or a constraint that is not convex) is
    reported here too, naming the party and the term.
    """
    from bargaining.model.issue_space import BargainingProblem

    model = load_model(spec)
    if isinstance(model, BargainingProblem):
        from bargaining.solutions.feasible import feasible_set

        for _ in feasible_set(model).pieces():
            pass
    click.echo(f"{spec}: valid {model.spec_kind} spec ({model.summary()})")


@click.command()
def schema() -> None:
    """Print the JSON Schema that spec files follow."""
    from importlib.resources import files

    click.echo(files("bargaining").joinpath("schemas/bargaining.schema.json").read_text(encoding="utf-8"))
