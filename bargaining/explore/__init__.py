"""The explorer: a live page with a slider per parameter (``bargain explore SPEC``, :func:`explore`).

=====================  ==============================================================
module                 what it does
=====================  ==============================================================
:mod:`.parameters`     the sliders, values checked against their ranges, the ``--set`` line
:mod:`.outcome`        one re-solve at the sliders' values, or the error that stopped it
:mod:`.html`           the agreement table and the error box as HTML
:mod:`.app`            the Panel page (Panel imported only here, when a page is built)
:mod:`.rest`           ``GET /solve?NAME=VALUE``: the same solve as JSON (400 on bad input)
:mod:`.server`         the local server: 127.0.0.1 only, a free port, stops on Ctrl-C/SIGTERM
=====================  ==============================================================

The package is a layer between :mod:`bargaining.cli` and
:mod:`bargaining.plotting`: it solves through :mod:`bargaining.solutions` and
draws through :mod:`bargaining.plotting`, and imports neither click nor
matplotlib. ``import bargaining.explore`` imports no Panel.

``bargaining.explore(problem)`` is the same as :func:`explore`: the module
itself is callable, so the name works whether ``bargaining.explore`` was first
reached as the function or as this package.
"""

from __future__ import annotations

import sys
import types
from typing import Any

__all__ = ["explore"]


def explore(problem: Any, *, spec: str | None = None) -> Any:
    """The explorer page for ``problem``, as a Panel app (shows inline in Jupyter).

    Parameters
    ----------
    problem
        A bargaining problem (issue space, utility set or frontier), e.g.
        ``bargaining.load("games/kursk.json")``.
    spec
        The spec's path, for the ``bargain solve ... --set`` line the page
        shows (``SPEC`` if not given).

    Returns
    -------
    panel.layout.Row
        Display it in a notebook cell, or ``.servable()`` / ``.show()`` it.

    Raises
    ------
    SpecError
        For a model of another kind (a game, the war model, ...).
    BargainingError
        If Panel is not installed (``pip install 'bargaining[explore]'``).
    """
    from bargaining.explore.app import build_app, panel_module

    pn = panel_module()
    pn.extension()
    return build_app(problem, spec)


class _CallableModule(types.ModuleType):
    """This package, callable as :func:`explore` (``bargaining.explore(problem)``)."""

    def __call__(self, problem: Any, *, spec: str | None = None) -> Any:
        return explore(problem, spec=spec)


sys.modules[__name__].__class__ = _CallableModule
