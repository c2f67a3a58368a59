"""The progress bar of long ``bargain`` runs: click's, on stderr, when stderr is a terminal.

The library reports progress through :class:`bargaining.sensitivity.runner.Progress`;
this is the command line's implementation of it.
"""

from __future__ import annotations

import sys
from typing import Any

import click

__all__ = ["ClickProgress", "Spinner", "terminal_progress", "working"]


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


class Spinner:
    """A one-line spinner on stderr while a command works, shown only after ``delay`` seconds.

    For commands with no points to count (``bargain solve``, ``bargain equilibria``): a
    terminal user sees that something is happening; pipes, logs and tests see nothing,
    since :func:`working` only starts one when stderr is a terminal.
    """

    FRAMES = "|/-\\"

    def __init__(self, label: str, delay: float = 0.5, stream: Any = None) -> None:
        import threading

        self.label = label
        self.delay = delay
        self.stream = stream if stream is not None else sys.stderr
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.shown = False

    def _run(self) -> None:
        if self._stop.wait(self.delay):
            return
        frame = 0
        while not self._stop.is_set():
            self.shown = True
            self.stream.write(f"\r{self.FRAMES[frame % len(self.FRAMES)]} {self.label}...")
            self.stream.flush()
            frame += 1
            self._stop.wait(0.1)

    def __enter__(self) -> Spinner:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        if self.shown:  # wipe the line before the answer is printed
            self.stream.write("\r" + " " * (len(self.label) + 5) + "\r")
            self.stream.flush()


def working(label: str) -> Any:
    """A :class:`Spinner` if stderr is a terminal, else a context that does nothing."""
    import contextlib

    return Spinner(label) if sys.stderr.isatty() else contextlib.nullcontext()
