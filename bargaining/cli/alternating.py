"""``bargain alternating``: alternating offers over an issue-space spec."""

from __future__ import annotations

import click

from bargaining.cli.common import emit, format_option, set_option
from bargaining.cli.solve import load_with

__all__ = ["alternating"]


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--delta",
    "discount_factor",
    nargs=2,
    type=float,
    required=True,
    metavar="D1 D2",
    help="Each party's discount factor per round, in (0, 1), in the spec's party order.",
)
@click.option(
    "--first", "first_proposer", default=None, help="The party who proposes first (default: the first)."
)
@set_option
@format_option
def alternating(
    spec: str,
    discount_factor: tuple[float, float],
    first_proposer: str | None,
    assignments: tuple[str, ...],
    output_format: str,
) -> None:
    """Alternating offers over SPEC: the stationary subgame-perfect equilibrium.

    Each party offers the other exactly what rejecting is worth to it; the
    first offer is accepted. As the discount factors approach 1 the offers
    approach the Nash bargaining solution.

    \b
    Example:
      bargain alternating games/kursk.json --delta 0.95 0.9 --first ukraine
    """
    from bargaining.errors import InvalidGameError
    from bargaining.model.issue_space import BargainingProblem
    from bargaining.sequential.alternating import alternating_offers_solution

    problem = load_with(spec, assignments)
    if not isinstance(problem, BargainingProblem):
        raise InvalidGameError(f"alternating offers need an issue_space spec, got a {problem.spec_kind} spec")
    result = alternating_offers_solution(problem, discount_factor, first_proposer if first_proposer else 0)
    emit(result, output_format)
