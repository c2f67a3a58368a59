"""``bargain solve``, ``bargain validate`` and ``bargain schema``.

``solve`` loads any spec and solves it with the solver its kind registers
(:data:`bargaining.kinds.KINDS`, through :func:`bargaining.dispatch.solve_model`).
"""

from __future__ import annotations

from typing import Any

import click

from bargaining.cli.common import emit, parse_assignments, set_option

#: the kinds ``--coalitions`` derives a coalitional game from (three or more parties)
BRIDGED_KINDS = ("issue_space", "utility_set")

__all__ = ["BRIDGED_KINDS", "curvature_certified", "load_model", "load_with", "schema", "solve", "validate"]


def load_model(spec: str) -> Any:
    """The model in file ``spec``: a JSON spec, or a Gambit ``.nfg`` or ``.efg`` file."""
    from bargaining.io import read

    return read(spec)


def load_with(spec: str, assignments: tuple[str, ...]) -> Any:
    """Load ``spec`` and apply ``--set`` assignments."""
    model = load_model(spec)
    values = parse_assignments(assignments)
    known = [p.name for p in getattr(model, "parameters", ())]
    for name in values:
        if hasattr(model, "parameters") and name not in known:
            from bargaining.errors import suggest

            listed = f"parameters: {', '.join(known)}" if known else "the spec has no parameters"
            raise click.BadParameter(
                f"unknown parameter {name!r}{suggest(name, known)} ({listed})", param_hint="--set"
            )
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
    help="Bargaining solution: nash, ks, egalitarian, utilitarian or all; or raiffa, raiffa_path.",
)
@click.option(
    "--method",
    type=click.Choice(["auto", "conic", "newton"]),
    default="auto",
    show_default=True,
    help="For bargaining problems: auto (certified Newton steps where they answer, "
    "else the conic programs, which need cvxpy), conic, or newton (an error where it cannot certify).",
)
@set_option
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="A table for people, JSON for programs, or CSV (a row per player, for coalitional games).",
)
@click.option(
    "--coalitions",
    is_flag=True,
    help="For bargaining problems of 3+ parties: also the coalitional (TU) game derived from it, "
    "with Shapley, Banzhaf, nucleolus and the core next to the bargaining solution.",
)
@click.option(
    "--coalition-rule",
    type=click.Choice(["outsiders_at_disagreement", "unanimity"]),
    default="outsiders_at_disagreement",
    show_default=True,
    help="With --coalitions: v(S) is what S gains with the others held at their disagreement values, "
    "or (unanimity) 0 short of every party.",
)
def solve(
    spec: str,
    solution: str,
    method: str,
    assignments: tuple[str, ...],
    output_format: str,
    coalitions: bool,
    coalition_rule: str,
) -> None:
    """Solve SPEC: the agreements the bargaining solutions predict,
    or whatever the spec's kind calls for (equilibria of a game, ...).

    \b
    Examples:
      bargain solve games/kursk.json
      bargain solve games/kursk.json -s nash --set kursk_held=0 --format json
      bargain solve games/kursk.json --method conic
      bargain solve games/kursk_europe.json --coalitions
    """
    model = load_with(spec, assignments)
    from bargaining.cli.progress import working

    many = getattr(model, "spec_kind", "") in BRIDGED_KINDS and len(model.party_names) >= 3
    if coalitions and not many:
        raise click.BadParameter(
            f"{spec} is not a bargaining problem of three or more parties (issue_space or utility_set); "
            "remove --coalitions, or give a coalitional spec (kind coalitional) directly",
            param_hint="--coalitions",
        )
    with working(f"solving {spec}"):
        if coalitions:
            from bargaining.coalitional.bridged import solve_with_coalitions

            result = solve_with_coalitions(model, solution, method, coalition_rule)
        else:
            from bargaining.dispatch import solve_model

            result = solve_model(model, solution=solution, method=method)
    emit(result, output_format)
    if many and not coalitions and output_format == "table":
        click.echo("(3+ parties: add --coalitions for the coalitional game: Shapley, nucleolus, core)")


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
    if isinstance(model, BargainingProblem) and not curvature_certified(model):
        # The rules on the tree could not prove every piece convex: compile with
        # cvxpy, which decides, and words the error naming the party and the term.
        from bargaining.solutions.feasible import feasible_set

        for _ in feasible_set(model).pieces():
            pass
    click.echo(f"{spec}: valid {model.spec_kind} spec ({model.summary()})")


def curvature_certified(problem: Any) -> bool:
    """Whether the DCP rules on the formulas' trees prove every piece of ``problem`` convex.

    Checks, for each combination of discrete levels, what the cvxpy compilation
    checks: bounds free of issues, equality constraints affine, inequality
    constraints convex (``g <= 0``), utilities concave in the continuous
    issues. ``False`` means *not proven* (lotteries, a product of issues, a
    non-finite constant, a real curvature error); the caller then compiles.
    """
    from bargaining.expressions.curvature import is_affine, is_concave, is_convex

    if problem.lotteries:
        return False
    variables = {issue.name for issue in problem.continuous_issues}
    bounds = [b.tree for x in problem.continuous_issues for b in (x.lower, x.upper)]
    if any(b.names() & variables for b in bounds):
        return False
    base = problem.parameter_values()
    for combo in problem.level_combinations():
        values = {**base, **{name: level.value for name, level in combo.items()}}
        if not all(is_affine(b, variables, values) for b in bounds):
            return False
        for constraint in problem.constraints:
            body = constraint.comparison.body.tree
            check = is_affine if constraint.comparison.equality else is_convex
            if not check(body, variables, values):
                return False
        if not all(is_concave(party.utility.tree, variables, values) for party in problem.parties):
            return False
    return True


@click.command()
def schema() -> None:
    """Print the JSON Schema that spec files follow."""
    from bargaining.io import schema_text

    click.echo(schema_text())
