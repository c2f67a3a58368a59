"""``bargain rubinstein`` and ``bargain war``: the closed forms from the command line.

Thin commands: parse the options, call :func:`bargaining.sequential.rubinstein_solution`
or :func:`bargaining.war.fearon.fearon_solution`, print the result. Bad values raise
:class:`~bargaining.errors.InvalidGameError`, which the command line prints as
one line with exit status 2.
"""

from __future__ import annotations

import click

from bargaining.cli.common import emit, format_option
from bargaining.model.alternating_offers import MAX_FORMULA_HORIZON

__all__ = ["rubinstein", "war"]

_PAIR = click.Tuple([float, float])
#: the longest horizon whose shares --formula prints: the formula nests one level per offer


@click.command()
@click.option(
    "--delta",
    "discount_factor",
    type=_PAIR,
    default=None,
    metavar="D0 D1",
    help="Discount factors per period, each in (0, 1).",
)
@click.option(
    "--rate",
    "discount_rate",
    type=_PAIR,
    default=None,
    metavar="R0 R1",
    help="Discount rates per unit of time, instead of --delta: delta_i = exp(-r_i * period).",
)
@click.option(
    "--period",
    "period_length",
    type=float,
    default=1.0,
    show_default=True,
    help="Time between offers (with --rate).",
)
@click.option(
    "--first",
    "first_proposer",
    type=click.IntRange(0, 1),
    default=0,
    show_default=True,
    help="The player who makes the first offer.",
)
@click.option(
    "--breakdown",
    "breakdown_probability",
    type=float,
    default=0.0,
    show_default=True,
    metavar="Q",
    help="Probability that talks break down after a rejection.",
)
@click.option(
    "--breakdown-payoff",
    type=_PAIR,
    default=(0.0, 0.0),
    metavar="B0 B1",
    help="Payoffs if talks break down.  [default: 0 0]",
)
@click.option(
    "--inside-option",
    type=_PAIR,
    default=(0.0, 0.0),
    metavar="G0 G1",
    help="Value of the payoffs while disagreeing (negative for a costly war).  [default: 0 0]",
)
@click.option(
    "--outside-option",
    type=_PAIR,
    default=None,
    metavar="W0 W1",
    help="What a responder can take instead of answering.",
)
@click.option(
    "--horizon",
    type=click.IntRange(min=1, max=100_000),
    default=None,
    metavar="T",
    help="Number of offers before talks end, 1 to 100000 (default: no deadline).",
)
@click.option("--size", type=float, default=1.0, show_default=True, help="Size of the surplus.")
@click.option(
    "--formula",
    "symbolic",
    is_flag=True,
    help=f"Also print the shares as formulas (sympy); with --horizon at most {MAX_FORMULA_HORIZON} offers.",
)
@format_option
def rubinstein(
    discount_factor: tuple[float, float] | None,
    discount_rate: tuple[float, float] | None,
    period_length: float,
    first_proposer: int,
    breakdown_probability: float,
    breakdown_payoff: tuple[float, float],
    inside_option: tuple[float, float],
    outside_option: tuple[float, float] | None,
    horizon: int | None,
    size: float,
    symbolic: bool,
    output_format: str,
) -> None:
    """Subgame-perfect shares of alternating-offers bargaining (Rubinstein 1982).

    \b
    Examples:
      bargain rubinstein --delta 0.9 0.8
      bargain rubinstein --delta 0.9 0.8 --outside-option 0 0.4 --format json
      bargain rubinstein --rate 0.05 0.1 --period 0.1 --breakdown 0.01
      bargain rubinstein --delta 0.95 0.95 --horizon 3 --formula
    """
    from bargaining.sequential.rubinstein import rubinstein_solution

    if (discount_factor is None) == (discount_rate is None):
        raise click.BadParameter("give --delta D0 D1 or --rate R0 R1 (not both)", param_hint="--delta")
    result = rubinstein_solution(
        discount_factor,
        discount_rate=discount_rate,
        period_length=period_length,
        first_proposer=first_proposer,
        breakdown_probability=breakdown_probability,
        breakdown_payoff=breakdown_payoff,
        inside_option=inside_option,
        outside_option=outside_option,
        horizon=horizon,
        size=size,
        symbolic=symbolic,
    )
    emit(result, output_format)


@click.command()
@click.option(
    "--p", "win_probability", type=float, required=True, help="Probability that party 0 wins a war."
)
@click.option(
    "--costs",
    "cost",
    type=_PAIR,
    required=True,
    metavar="C0 C1",
    help="Costs of war of parties 0 and 1, in units of the good.",
)
@click.option(
    "--proposer",
    type=click.IntRange(0, 1),
    default=0,
    show_default=True,
    help="The party that makes the take-it-or-leave-it demand.",
)
@click.option(
    "--uniform-cost",
    type=_PAIR,
    default=None,
    metavar="LOW HIGH",
    help="The proposer believes the responder's cost is uniform on [LOW, HIGH].",
)
@click.option(
    "--normal-cost",
    type=_PAIR,
    default=None,
    metavar="MEAN SD",
    help="The proposer believes the responder's cost is normal (truncated at 0).",
)
@click.option(
    "--type",
    "types",
    type=_PAIR,
    multiple=True,
    metavar="COST PROB",
    help="A possible cost of the responder and its probability (repeat; probabilities sum to 1).",
)
@click.option("--size", type=float, default=1.0, show_default=True, help="Size of the disputed good.")
@click.option(
    "--names",
    type=click.Tuple([str, str]),
    default=("A", "B"),
    show_default=True,
    metavar="NAME0 NAME1",
    help="Names of the parties for the table.",
)
@format_option
def war(
    win_probability: float,
    cost: tuple[float, float],
    proposer: int,
    uniform_cost: tuple[float, float] | None,
    normal_cost: tuple[float, float] | None,
    types: tuple[tuple[float, float], ...],
    size: float,
    names: tuple[str, str],
    output_format: str,
) -> None:
    """The bargaining model of war (Fearon 1995): the bargaining range and,
    with uncertainty about the responder's cost, the optimal demand and the risk of war.

    \b
    Examples:
      bargain war --p 0.6 --costs 0.1 0.2
      bargain war --p 0.6 --costs 0.1 0.2 --uniform-cost 0 0.3
      bargain war --p 0.6 --costs 0.1 0.2 --normal-cost 0.2 0.1
      bargain war --p 0.5 --costs 0.1 0.2 --type 0.05 0.3 --type 0.3 0.7 --format json
    """
    from bargaining.war import CostDistribution, CostTypes, UniformCost, fearon_solution

    if sum((uniform_cost is not None, normal_cost is not None, bool(types))) > 1:
        message = "give one of --uniform-cost, --normal-cost or --type"
        raise click.BadParameter(message, param_hint="--uniform-cost")
    belief: UniformCost | CostDistribution | CostTypes | None = None
    if uniform_cost is not None:
        belief = UniformCost(*uniform_cost)
    elif normal_cost is not None:
        belief = CostDistribution.normal(*normal_cost)
    elif types:
        belief = CostTypes([c for c, _ in types], [q for _, q in types])
    result = fearon_solution(
        win_probability, cost, belief=belief, proposer=proposer, size=size, party_names=names
    )
    emit(result, output_format)
