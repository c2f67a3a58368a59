"""``GET /solve?NAME=VALUE&...``: the explorer's solve as JSON, for programs and for checking by hand.

The answer is :meth:`~bargaining.explore.outcome.Outcome.to_dict` (the
solutions as ``bargain solve --format json`` prints them, the values, the
``bargain solve --set`` line), status 200. A value the page would refuse (an
unknown parameter, a value that is not a number or is outside its range) or
a problem that cannot be solved at the values is status 400 with
``{"error": message}``; nothing sent here can stop the server.
"""

from __future__ import annotations

import json
from typing import Any

from tornado.web import RequestHandler

from bargaining.errors import BargainingError
from bargaining.explore.outcome import solve_at
from bargaining.explore.parameters import parse_query

__all__ = ["SolveHandler"]


class SolveHandler(RequestHandler):
    """The ``/solve`` endpoint of one explorer server (the model is given at start)."""

    def initialize(self, model: Any, spec: str | None = None) -> None:
        """Keep the model served (tornado calls this with the route's keyword arguments)."""
        self.model = model
        self.spec = spec

    def get(self) -> None:
        """Solve at the query's values: 200 and the outcome, or 400 and the error."""
        self.set_header("Content-Type", "application/json; charset=utf-8")
        query = {
            name: [v.decode("utf-8", "replace") for v in texts]
            for name, texts in self.request.arguments.items()
        }
        try:
            values = parse_query(self.model, query)
        except BargainingError as exc:
            self.answer(400, {"error": str(exc)})
            return
        outcome = solve_at(self.model, values, self.spec)
        if outcome.ok:
            self.answer(200, outcome.to_dict())
        else:
            self.answer(400, {"error": outcome.error, "values": values})

    def answer(self, status: int, body: dict[str, Any]) -> None:
        """Write ``body`` as JSON with ``status``."""
        self.set_status(status)
        self.finish(json.dumps(body, indent=2, allow_nan=False))
