"""The explorer's local server: one page at ``/``, the JSON solve at ``/solve``.

Bound to 127.0.0.1 only (the page is for the person at this machine, not the
network), on a free port unless one is asked for; the address is printed at
start. Ctrl-C or SIGTERM stops it: the sessions are closed, the port is
released and the process returns normally.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable
from typing import Any

from bargaining.errors import BargainingError
from bargaining.explore.app import build_app, panel_module
from bargaining.explore.parameters import check_explorable

__all__ = ["ADDRESS", "serve", "start_server"]

#: The one address the server listens on.
ADDRESS = "127.0.0.1"


def start_server(model: Any, spec: str | None = None, port: int = 0) -> Any:
    """A started (not yet running) Panel/Bokeh server for ``model`` on ``127.0.0.1:port`` (0: a free one).

    Raises
    ------
    BargainingError
        If the port is taken (or Panel is missing).
    """
    from bargaining.explore.rest import SolveHandler

    check_explorable(model)
    pn = panel_module()
    title = getattr(model, "name", "") or "bargaining"
    try:
        server = pn.serve(
            {"/": lambda: build_app(model, spec)},
            port=port,
            address=ADDRESS,
            websocket_origin=[ADDRESS, "localhost"],
            show=False,
            start=False,
            title=f"{title}: bargain explore",
            verbose=False,
            extra_patterns=[(r"/solve", SolveHandler, {"model": model, "spec": spec})],
        )
    except OSError as exc:
        raise BargainingError(
            f"cannot listen on {ADDRESS}:{port}: {exc.strerror}; try another --port"
        ) from None
    server.start()
    return server


def quiet_closed_sockets(loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
    """The event loop's error handler: a write to a page closed meanwhile is no error; the rest as usual."""
    from tornado.iostream import StreamClosedError
    from tornado.websocket import WebSocketClosedError

    if isinstance(context.get("exception"), WebSocketClosedError | StreamClosedError):
        return
    loop.default_exception_handler(context)


def serve(
    model: Any,
    spec: str | None = None,
    port: int = 0,
    open_browser: bool = True,
    echo: Callable[[str], None] = print,
) -> None:
    """Serve the explorer for ``model`` until Ctrl-C or SIGTERM, printing its address first."""
    server = start_server(model, spec, port)
    url = f"http://{ADDRESS}:{server.port}/"
    echo(f"bargain explore: serving {getattr(model, 'name', '') or spec} at {url} (Ctrl-C stops)")
    loop = asyncio.get_event_loop()
    loop.set_exception_handler(quiet_closed_sockets)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, server.io_loop.stop)
    if open_browser:
        server.io_loop.add_callback(server.show, "/")
    try:
        server.io_loop.start()
    finally:
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.remove_signal_handler(sig)
        server.stop()
        echo("bargain explore: stopped")
