"""The explorer page, built with Panel: a slider per ranged parameter, the figure and table that follow them.

:class:`Explorer` wires Panel widgets to the library: a slider move records
the values and schedules one re-solve (:func:`~bargaining.explore.outcome.solve_at`)
a short moment later, so a slider dragged faster than the solver answers is
solved once per pause at its latest values, not once per pixel. A failed
solve shows its message in place of the table and figure, and the page stays
usable. The sweep button sweeps the parameter last moved, the others held at
the sliders' values, and draws :func:`~bargaining.plotting.sweep.plot_sweep`.

Panel is imported when a page is built (:func:`panel_module`), never by
``import bargaining``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from html import escape
from typing import Any

from bargaining.errors import BargainingError
from bargaining.explore.html import STYLE, error_html, note_html, outcome_html
from bargaining.explore.outcome import Outcome, solve_at, warm_conic
from bargaining.explore.parameters import canonical, check_explorable, sliders

__all__ = ["DEBOUNCE_MS", "SWEEP_POINTS", "Explorer", "build_app", "panel_module"]

#: How long after a slider move the page re-solves (a burst of moves inside it costs one solve).
DEBOUNCE_MS = 120
#: Points of the sweep the button runs, across the parameter's range.
SWEEP_POINTS = 21


def panel_module() -> Any:
    """The ``panel`` module, or a :class:`~bargaining.errors.BargainingError` saying how to install it."""
    try:
        import panel
    except ImportError:
        raise BargainingError(
            "the explorer needs Panel, an optional extra: pip install 'bargaining[explore]'"
        ) from None
    return panel


def numeral_format(step: float) -> str:
    """The slider's number format (numbro): as many optional decimals as the step has (``0.[0000]``)."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9))
    return f"0.[{'0' * decimals}]" if decimals else "0"


def utility_figure(outcome: Outcome) -> Any:
    """The utility-space figure of ``outcome`` (a matplotlib figure from :mod:`bargaining.plotting`)."""
    from bargaining.plotting.utility_space import plot_utility_space

    return plot_utility_space(outcome.problem, outcome.solutions, agreements=False)


class Explorer:
    """One page (one browser session, or one notebook cell) exploring ``model``.

    Parameters
    ----------
    model
        A bargaining problem (issue space, utility set or frontier).
    spec
        The spec's path, for the ``bargain solve`` line (``SPEC`` if not given).
    schedule
        ``schedule(callback, milliseconds)``: how a re-solve is deferred; default
        the served document's timeout callbacks, or at once where there is none
        (a notebook).
    """

    def __init__(
        self,
        model: Any,
        spec: str | None = None,
        schedule: Callable[[Callable[[], None], int], None] | None = None,
    ) -> None:
        check_explorable(model)
        pn = panel_module()
        self.model = model
        self.spec = spec
        self._schedule = schedule
        self._pending = False
        self.specs = sliders(model)
        self.sliders = {
            s.name: pn.widgets.FloatSlider(
                label=s.label, start=s.low, end=s.high, step=s.step, value=s.value,
                format=numeral_format(s.step), css_classes=[f"bx-slider-{s.name}"],
                sizing_mode="stretch_width",
            )
            for s in self.specs
        }  # fmt: skip
        self.last_moved = self.specs[0].name if self.specs else ""
        for name, widget in self.sliders.items():
            widget.param.watch(lambda event, name=name: self.moved(name), "value")
        sheet = [STYLE]
        self.table = pn.pane.HTML(
            "", stylesheets=sheet, css_classes=["bx-table"], sizing_mode="stretch_width"
        )
        self.figure = pn.pane.Matplotlib(None, dpi=110, tight=False, format="png", width=640)
        self.command = pn.widgets.TextInput(
            label="The same in a command", value="", sizing_mode="stretch_width", css_classes=["bx-command"]
        )
        self.status = pn.pane.HTML("", css_classes=["bx-status"])
        self.sweep_button = pn.widgets.Button(label="", color="primary", css_classes=["bx-sweep"])
        self.sweep_button.on_click(lambda event: self.run_sweep())
        self.sweep_message = pn.pane.HTML("", stylesheets=sheet, css_classes=["bx-sweep-message"])
        self.sweep_figure = pn.pane.Matplotlib(None, dpi=90, tight=False, format="png", width=640)
        self.outcome = Outcome({})
        self.refresh()
        self.warming = warm_conic(self.model)  # the cvxpy path compiled before a fallback needs it

    def values(self) -> dict[str, float]:
        """The sliders' values, read as the ``--set`` line writes them."""
        return {name: canonical(widget.value) for name, widget in self.sliders.items()}

    def moved(self, name: str) -> None:
        """A slider moved: remember it, and re-solve once the moves pause."""
        self.last_moved = name
        self.sweep_button.label = f"Sweep {name} across its range"
        self.status.object = "solving at the new values ..."  # the table is the last values' until then
        if self._pending:
            return
        self._pending = True
        self.defer(self.resolve, DEBOUNCE_MS)

    def resolve(self) -> None:
        """The deferred re-solve (:meth:`refresh`, its outcome kept in :attr:`outcome`)."""
        self.refresh()

    def defer(self, callback: Callable[[], None], milliseconds: int) -> None:
        """Run ``callback`` after ``milliseconds`` on the served document, or at once without one."""
        if self._schedule is not None:
            self._schedule(callback, milliseconds)
            return
        pn = panel_module()
        doc = pn.state.curdoc
        if doc is not None and doc.session_context is not None:
            doc.add_timeout_callback(callback, milliseconds)
        else:
            callback()

    def refresh(self) -> Outcome:
        """Solve at the sliders' values and show the table, figure and command (or the error)."""
        self._pending = False
        start = time.perf_counter()
        values = self.values()
        try:
            outcome = solve_at(self.model, values, self.spec)
        except Exception as exc:  # a bug: say so on the page, which stays usable
            outcome = Outcome(values, error=f"unexpected error (a bug, please report it): {exc!r}")
        return self.show(outcome, time.perf_counter() - start)

    def show(self, outcome: Outcome, seconds: float = 0.0) -> Outcome:
        """Put ``outcome`` on the page: a failure clears the figure, so no stale answer is left showing."""
        self.outcome = outcome
        self.table.object = outcome_html(outcome)
        figure = None
        if outcome.ok:
            try:
                figure = utility_figure(outcome)
            except BargainingError as exc:
                self.table.object += error_html(f"the figure could not be drawn: {exc}")
            except Exception as exc:  # a bug in the figure: the table stands, the page stays usable
                self.table.object += error_html(
                    f"the figure could not be drawn (a bug, please report it): {exc!r}"
                )
        self.figure.object = figure
        self.command.value = outcome.command
        self.status.object = f"solved in {1000 * seconds:.0f} ms" if outcome.ok else "not solved"
        self.sweep_button.label = f"Sweep {self.last_moved} across its range"
        self.sweep_button.disabled = not (outcome.ok and self.last_moved)
        return outcome

    def run_sweep(self) -> None:
        """Sweep the parameter last moved across its range (the others at the sliders' values) and show it.

        The page first says what is being swept, then sweeps (a moment later,
        so that the message reaches the browser before the solves start).
        """
        name, outcome = self.last_moved, self.outcome
        if not name or outcome.problem is None:
            return
        self.sweep_message.object = (
            f'<div class="bx-points">Sweeping {escape(name)} over {SWEEP_POINTS} points '
            f"across its range, the others as in: <code>{escape(outcome.command)}</code> ...</div>"
        )
        self.defer(lambda: self.show_sweep(name, outcome), 10)

    def show_sweep(self, name: str, outcome: Outcome) -> None:
        """Sweep ``name`` from the values of ``outcome``; show :func:`plot_sweep` (or the error)."""
        from bargaining.plotting.sweep import plot_sweep
        from bargaining.sensitivity.sweep import sweep

        try:
            result = sweep(outcome.problem, name, num=SWEEP_POINTS)
            self.sweep_figure.object = plot_sweep(result, model=outcome.problem)
        except BargainingError as exc:
            self.sweep_figure.object = None
            self.sweep_message.object = error_html(str(exc))
            return
        self.sweep_message.object = (
            f'<div class="bx-points">{escape(name)} swept across its range, the others as in: '
            f"<code>{escape(outcome.command)}</code></div>"
        )

    def layout(self) -> Any:
        """The page: the sliders on the left; the table, figure, command and sweep on the right."""
        pn = panel_module()
        controls: list[Any] = [pn.pane.Markdown("### Parameters")]
        for s in self.specs:
            controls += [self.sliders[s.name], pn.pane.HTML(note_html(s), stylesheets=[STYLE])]
        if not self.specs:
            controls.append(pn.pane.Markdown("The spec has no parameter with a range: nothing to move."))
        title = getattr(self.model, "name", "") or "Bargaining problem"
        main = pn.Column(
            pn.pane.Markdown(f"## {title}"),
            self.table,
            self.status,
            self.command,
            self.figure,
            self.sweep_button,
            self.sweep_message,
            self.sweep_figure,
            sizing_mode="stretch_width",
        )
        return pn.Row(pn.Column(*controls, width=380), main, sizing_mode="stretch_width")


def build_app(model: Any, spec: str | None = None) -> Any:
    """A fresh explorer page for ``model`` (one per browser session)."""
    return Explorer(model, spec).layout()
