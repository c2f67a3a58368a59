"""The explorer's HTML fragments: the agreement table, a parameter's note, the error box.

Plain strings (every text escaped), so the page and the tests read the same
markup: each table cell carries ``data-concept`` and ``data-column``, e.g.
``<td data-concept="nash" data-column="territory_returned">0.08957</td>``.

Examples
--------
>>> error_html("parameters.x: 9 > 1")
'<div class="bx-error" role="alert"><b>Cannot solve here:</b> parameters.x: 9 &gt; 1</div>'
"""

from __future__ import annotations

from html import escape
from typing import Any

from bargaining.explore.outcome import Outcome, agreement_table
from bargaining.explore.parameters import Slider
from bargaining.table import format_number

__all__ = ["STYLE", "error_html", "note_html", "outcome_html"]

#: The page's CSS (a style sheet for the HTML panes; the colour-blind-safe Okabe-Ito blue for headers).
STYLE = """
table.bx-agreements { border-collapse: collapse; font-size: 13px; }
table.bx-agreements th, table.bx-agreements td { padding: 3px 8px; border-bottom: 1px solid #ddd; }
table.bx-agreements th { text-align: left; color: #0072B2; }
table.bx-agreements td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bx-error { color: #7a1f00; background: #fbe9e0; border: 1px solid #D55E00; padding: 6px 10px; }
.bx-note { font-size: 11px; color: #444; margin: -4px 0 8px 0; }
.bx-points, .bx-remarks { font-size: 12px; color: #333; }
"""


def note_html(slider: Slider) -> str:
    """A parameter's description and source (or ``assumption``), shown under its slider."""
    return (
        f'<div class="bx-note">{escape(slider.description)}<br><i>Source:</i> {escape(slider.source)}</div>'
    )


def error_html(message: str) -> str:
    """The error box: why the page could not solve at the current values."""
    return f'<div class="bx-error" role="alert"><b>Cannot solve here:</b> {escape(message)}</div>'


def outcome_html(outcome: Outcome) -> str:
    """The agreement table of ``outcome``, with the disagreement and ideal points and any notes."""
    if not outcome.ok:
        return error_html(outcome.error)
    headers, rows = agreement_table(outcome.solutions)
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for concept, cells in rows:
        tds = [f'<td data-concept="{escape(concept)}" data-column="solution">{escape(cells[0])}</td>']
        for header, cell in zip(headers[1:], cells[1:], strict=True):
            kind = "num" if _numeric(cell) else "text"
            tds.append(
                f'<td class="{kind}" data-concept="{escape(concept)}" '
                f'data-column="{escape(header)}">{escape(cell)}</td>'
            )
        body.append(f"<tr>{''.join(tds)}</tr>")
    table = f'<table class="bx-agreements"><tr>{head}</tr>{"".join(body)}</table>'
    return table + _points(outcome.solutions) + _remarks(outcome.notes)


def _numeric(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _points(solutions: Any) -> str:
    first = next(iter(solutions))

    def line(values: Any) -> str:
        return ", ".join(
            f"{escape(p)} {format_number(float(v))}" for p, v in zip(first.parties, values, strict=True)
        )

    return (
        f'<div class="bx-points">disagreement point (no deal: war): {line(first.disagreement_point)}'
        f"<br>ideal point: {line(first.ideal_point)}</div>"
    )


def _remarks(notes: tuple[str, ...]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return f'<ul class="bx-remarks">{items}</ul>'
