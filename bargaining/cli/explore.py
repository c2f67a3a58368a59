"""``bargain explore SPEC``: a live page in the browser, a slider per parameter."""

from __future__ import annotations

import click

from bargaining.cli.solve import load_model

__all__ = ["explore"]


@click.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=0,
    show_default=True,
    help="The port on 127.0.0.1 to serve on (0: a free one).",
)
@click.option("--no-browser", is_flag=True, help="Print the address but do not open a browser.")
def explore(spec: str, port: int, no_browser: bool) -> None:
    """Serve a live page for SPEC on 127.0.0.1: a slider per ranged parameter,
    the utility-space figure and the four agreements following them, a sweep
    of the parameter last moved, and the bargain solve --set line for what is shown.

    Needs Panel: pip install 'bargaining[explore]'. Ctrl-C stops the server.

    \b
    Examples:
      bargain explore games/kursk.json
      bargain explore games/kursk.json --port 5006 --no-browser
    """
    from bargaining.explore.parameters import check_explorable

    model = load_model(spec)
    check_explorable(model)
    from bargaining.explore.server import serve

    serve(model, spec=spec, port=port, open_browser=not no_browser, echo=lambda line: click.echo(line))
