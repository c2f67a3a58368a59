"""The progress bar of long ``bargain`` runs: click's, on stderr, when stderr is a terminal.

The library reports progress through :class:`bargaining.sensitivity.runner.Progress`;
this is the command line's implementation of it.
"""

from __future__ import annotations

import sys
from typing import Any

import click

__all__ = ["ClickProgress", "terminal_progress"]


class ClickProgress:
    """A :class:`click.progressbar` on stderr, opened by ``start`` and closed by ``finish``."""

    def __init__(self) -> None:
        self._bar: Any = None

    def start(self, total: int, label: str) -> None:
        """Open a bar of ``total`` points labelled ``label`` (none for a single point)."""
        if total > 1:
            self._bar = click.progressbar(length=total, label=label, file=sys.stderr)
            self._bar.__enter__()

    def advance(self, done: int) -> None:
        """Move the bar on by ``done`` points."""
        if self._bar is not None:
            self._bar.update(done)

    def finish(self) -> None:
        """Close the bar."""
        if self._bar is not None:
            self._bar.__exit__(None, None, None)
            self._bar = None


def terminal_progress() -> ClickProgress | None:
    """A :class:`ClickProgress` if stderr is a terminal, else ``None`` (no bar in pipes and logs)."""
    return ClickProgress() if sys.stderr.isatty() else None
