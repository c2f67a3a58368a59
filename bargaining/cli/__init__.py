"""The ``bargain`` command line.

Commands are thin: load a spec, call the library, print a table or JSON. Each
command family lives in a module of :mod:`bargaining.cli`, imported only
when that command runs, so ``bargain --help`` does not import numpy, cvxpy or
sympy.

Every run goes through one guard (:mod:`bargaining.cli.guard`): a
:class:`~bargaining.errors.BargainingError` (a bad spec, a bad option value, a
solver failure), a bad option, an ``OSError`` (a full disk) or a resource
limit (memory, recursion) is printed as one line on stderr and the command
exits with status 2; no traceback reaches the user. ``bargain --debug ...``
shows the traceback of a genuine bug.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import click

from bargaining import __version__

__all__ = ["main"]

#: command name -> (module in bargaining.cli, function, short help)
COMMANDS: dict[str, tuple[str, str, str]] = {
    "solve": ("solve", "solve", "Solve a spec: bargaining solutions, or a game's equilibria."),
    "validate": ("solve", "validate", "Check a spec: what is wrong, and where (its JSON path)."),
    "schema": ("solve", "schema", "Print the JSON Schema of spec files."),
    "alternating": ("alternating", "alternating", "Alternating offers over the issues of a spec (SPE)."),
    "equilibria": ("equilibria", "equilibria", "Nash equilibria of a strategic game (.json, .nfg, .efg)."),
    "convert": ("equilibria", "convert", "Convert a strategic game between JSON and Gambit .nfg."),
    "correlated": ("correlated", "correlated", "Correlated equilibria: a mediator's recommendation device."),
    "rubinstein": ("sequential", "rubinstein", "Alternating offers (Rubinstein): equilibrium shares."),
    "war": ("sequential", "war", "Bargaining model of war (Fearon): range, demand, risk of war."),
    "tree": ("trees", "tree", "Equilibria of a game tree (.json or Gambit .efg): SPE and Nash."),
    "sweep": ("sweeps", "sweep", "Outcomes along one parameter: table, CSV, JSON, plot."),
    "grid": ("sweeps", "grid", "Outcomes over two parameters: table, CSV, JSON, heatmap."),
    "derivative": ("ranking", "derivative", "Derivatives and elasticities of every outcome."),
    "tornado": ("ranking", "tornado", "Parameters ranked by their effect on an outcome."),
    "threshold": ("ranking", "threshold", "Where an outcome crosses a level, or agreement appears."),
    "compare": ("ranking", "compare", "Outcomes with the spec's values against --set values."),
    "montecarlo": ("montecarlo", "montecarlo", "Outcome distributions under uncertain parameters."),
    "explore": ("explore", "explore", "A live page on 127.0.0.1: a slider per parameter, answers follow."),
    "plot": ("plot", "plot", "Draw a spec: utility space, payoff table or game tree (.png/.svg/.pdf)."),
    "simulate": (
        "simulate",
        "simulate",
        "Monte Carlo paths of the war and the talks (stochastic bargaining).",
    ),
    "forecast": ("forecast", "forecast", "Who moves where: stakeholder models on an actor table."),
    "backtest": ("forecast", "backtest", "Score the stakeholder models against recorded outcomes."),
}


class InputError(click.ClickException):
    """A :class:`~bargaining.errors.BargainingError` shown as one line, exit status 2."""

    exit_code = 2

    def format_message(self) -> str:
        return self.message


class LazyGroup(click.Group):
    """A click group whose commands are imported when they are used."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in COMMANDS:
            return None
        module_name, attribute, _ = COMMANDS[cmd_name]
        module = importlib.import_module(f"bargaining.cli.{module_name}")
        command: click.Command = getattr(module, attribute)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        from bargaining.errors import BargainingError

        try:
            return super().invoke(ctx)
        except BargainingError as exc:
            raise InputError(str(exc)) from None

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Parse ``args`` and run the command, inside the guard (one line per failure) when standalone."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        from bargaining.cli.guard import debug_requested, run_guarded

        argv = list(sys.argv[1:] if args is None else args)

        def action() -> object:
            return super(LazyGroup, self).main(argv, prog_name, complete_var, False, **extra)

        sys.exit(run_guarded(action, debug=debug_requested(argv)))

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Short help from the table above, so that --help imports no command module.
        rows = [(name, COMMANDS[name][2]) for name in self.list_commands(ctx)]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


@click.group("bargain", cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="bargain")
@click.option(
    "--debug",
    is_flag=True,
    help="Show the Python traceback of an unexpected error (a bug), to report it.",
)
def cli(debug: bool) -> None:
    """Game-theoretic bargaining: solutions, equilibria and sensitivity.

    \b
    Examples:
      bargain solve games/kursk.json
      bargain solve games/kursk.json --solution nash --set kursk_held=500
      bargain validate games/kursk.json
    """


def main(argv: list[str] | None = None) -> None:
    """Run the ``bargain`` command line (the console-script entry point)."""
    cli.main(args=argv, prog_name="bargain")


if __name__ == "__main__":  # pragma: no cover
    main()
