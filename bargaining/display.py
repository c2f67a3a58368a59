"""Compact HTML tables for notebooks: what ``_repr_html_`` returns, with no dependency.

Jupyter shows an object by calling its ``_repr_html_``. Every model, game and
result of :mod:`bargaining` has one, a line long, that calls a function here:

- :func:`text_html` turns a ``to_table()`` text into HTML: each block that
  :func:`bargaining.table.format_table` drew (a header, a rule of dashes, the
  rows) becomes a ``<table>``, numeric columns right-aligned; every other line
  stays a line of text. The notebook shows the numbers the terminal shows.
- :func:`model_html` shows a model (a frozen dataclass) field by field: the
  scalar fields in one table, each sequence of records (parties, issues,
  parameters, states) in a table of its own.
- :func:`payoff_html` draws a two-player game as a payoff matrix, like
  pygambit's, and a game of more players as a list of profiles;
  :func:`tree_html` a game tree as its nodes, :func:`bayesian_html` a
  Bayesian game as its prior and a payoff table per type profile.

Every name and every cell is HTML-escaped: names come from spec files.

Examples
--------
>>> page = text_html("T\\nx   u\\n--  -\\na   1")
>>> page.count("<table>"), '<td style="text-align:right">1</td>' in page
(1, True)
>>> html_table(["name"], [["<b>"]])
'<table><thead><tr><th>name</th></tr></thead><tbody><tr><td>&lt;b&gt;</td></tr></tbody></table>'
"""

from __future__ import annotations

import dataclasses
import html
import itertools
import re
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from bargaining.table import format_number

__all__ = [
    "MAX_ROWS",
    "MAX_TABLES",
    "bayesian_html",
    "html_table",
    "model_html",
    "normal_form_html",
    "payoff_html",
    "text_html",
    "tree_html",
]

#: The most rows a table shows; the rest are counted in a line below it.
MAX_ROWS = 40
#: The most payoff tables (type profiles of a Bayesian game) shown.
MAX_TABLES = 8

_RULE = re.compile(r"^-+(  -+)*$")
_RIGHT = ' style="text-align:right"'


def _number(value: Any) -> str:
    """:func:`~bargaining.table.format_number`; a Fraction as its decimal where exact, else ``p/q``."""
    if isinstance(value, Fraction):
        decimal = format_number(float(value))
        return decimal if Fraction(decimal) == value else str(value)
    return format_number(value)


def _escape(value: Any) -> str:
    return html.escape(_number(value) if not isinstance(value, str) else value, quote=True)


def _div(parts: Sequence[str]) -> str:
    return '<div class="bargaining">' + "".join(parts) + "</div>"


def _paragraph(lines: Sequence[str]) -> str:
    return "<p>" + "<br>".join(html.escape(line.strip(), quote=True) for line in lines) + "</p>"


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    right: Sequence[bool] | None = None,
    title: str | None = None,
) -> str:
    """A ``<table>``: every cell escaped, numbers shown by :func:`~bargaining.table.format_number`.

    ``right`` marks the right-aligned columns (default: those whose cells are
    all numbers). Past :data:`MAX_ROWS` rows, a line says how many are not shown.
    """
    if right is None:
        right = [
            bool(rows)
            and all(isinstance(r[j], int | float) and not isinstance(r[j], bool) for r in rows if len(r) > j)
            for j in range(len(headers))
        ]
    align = [_RIGHT if r else "" for r in right]
    head = "".join(f"<th{align[j]}>{_escape(h)}</th>" for j, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f"<td{align[j]}>{_escape(c)}</td>" for j, c in enumerate(row)) + "</tr>"
        for row in rows[:MAX_ROWS]
    )
    table = f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    if title:
        table = f"<p><b>{html.escape(title, quote=True)}</b></p>{table}"
    if len(rows) > MAX_ROWS:
        hidden = len(rows) - MAX_ROWS
        table += f"<p>({hidden} more row{'s' if hidden != 1 else ''} not shown)</p>"
    return table


def _spans(rule: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]


def _fits(line: str, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether ``line`` is a row of the columns ``spans``: blanks between, each cell aligned to an edge."""
    if not line.strip() or len(line) > spans[-1][1]:
        return False
    edges = [0, *(e for s, e in spans)]
    for (start, end), before in zip(spans, edges, strict=False):
        if line[before:start].strip():
            return False
        cell = line[start:end]
        if cell.strip() and cell[0] == " " and (len(cell) < end - start or cell[-1] == " "):
            return False
    return True


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _block(lines: Sequence[str]) -> tuple[str, int]:
    """The table that starts at ``lines[0]`` (its header), and how many lines it takes."""
    spans = _spans(lines[1])
    n = 2
    while n < len(lines) and _fits(lines[n], spans):
        n += 1
    cells = [[line[s:e].strip() for s, e in spans] for line in (lines[0], *lines[2:n])]
    right = [bool(cells[1:]) and all(_is_number(row[j]) for row in cells[1:]) for j in range(len(spans))]
    return html_table(cells[0], cells[1:], right), n


def text_html(text: str) -> str:
    """A ``to_table()`` text as HTML: its tables as ``<table>``, the other lines as paragraphs."""
    lines = text.split("\n")
    parts: list[str] = []
    prose: list[str] = []
    i = 0
    while i < len(lines):
        header = lines[i]
        if (
            i + 1 < len(lines)
            and header.strip()
            and _RULE.match(lines[i + 1])
            and _fits(header, _spans(lines[i + 1]))
        ):
            if prose:
                parts.append(_paragraph(prose))
                prose = []
            table, used = _block(lines[i:])
            parts.append(table)
            i += used
            continue
        if header.strip():
            prose.append(header)
        elif prose:
            parts.append(_paragraph(prose))
            prose = []
        i += 1
    if prose:
        parts.append(_paragraph(prose))
    return _div(parts)


def _text(value: Any) -> Any:
    """A field's value as one cell: numbers kept, formulas as their source, records and sequences as text."""
    if value is None or isinstance(value, str | bool | int | float):
        return "" if value is None else value
    if hasattr(value, "tolist"):  # a numpy array or scalar
        return _text(value.tolist())
    if isinstance(value, Mapping):
        return ", ".join(f"{k}: {format_number(_text(v))}" for k, v in value.items())
    if isinstance(value, Sequence):
        return "(" + ", ".join(str(format_number(_text(v))) for v in value) + ")"
    if _is_record(value):
        data = {
            f.name: getattr(value, f.name) for f in dataclasses.fields(value) if not f.name.startswith("_")
        }
        if set(data) >= {"name", "value"}:
            return f"{data['name']} = {format_number(data['value'])}"
        shown = ", ".join(
            f"{k}={format_number(_text(v))}" for k, v in data.items() if v not in ("", None, ())
        )
        return f"{type(value).__name__}({shown})"
    return str(value)  # a formula (its source text), a Fraction


def _is_record(value: Any) -> bool:
    """A dataclass instance shown field by field (not a formula, which shows as its source text)."""
    return (
        dataclasses.is_dataclass(value)
        and not isinstance(value, type)
        and type(value).__str__ is object.__str__
    )


def _records_table(title: str, items: Sequence[Any]) -> str:
    """Records (dataclasses, maybe of several classes) as one table, empty columns left out."""
    columns: dict[str, None] = {}
    for item in items:
        columns.update(dict.fromkeys(f.name for f in dataclasses.fields(item) if not f.name.startswith("_")))
    rows = [[_text(getattr(item, c, None)) for c in columns] for item in items]
    keep = [j for j in range(len(columns)) if any(row[j] not in ("", "()") for row in rows)]
    headers = [list(columns)[j] for j in keep]
    return html_table(headers, [[row[j] for j in keep] for row in rows], title=title)


def model_html(model: Any) -> str:
    """A model (a frozen dataclass) as HTML: name, description, scalar fields, then each list of records."""
    name = getattr(model, "name", "") or getattr(model, "title", "")
    parts = [
        f"<p><b>{html.escape(type(model).__name__)}</b>" + (f": {html.escape(name)}" if name else "") + "</p>"
    ]
    description = getattr(model, "description", "")
    if description:
        parts.append(_paragraph([description]))
    scalars: list[list[Any]] = []
    tables: list[str] = []
    for f in dataclasses.fields(model):
        value = getattr(model, f.name)
        if f.name.startswith("_") or f.name in ("name", "description", "title"):
            continue
        if (
            isinstance(value, Sequence)
            and not isinstance(value, str)
            and value
            and all(map(_is_record, value))
        ):
            tables.append(_records_table(f.name, value))
        elif _is_record(value):
            tables.append(_records_table(f.name, [value]))
        else:
            scalars.append([f.name, _text(value)])
    if scalars:
        parts.append(html_table(["field", "value"], scalars, right=[False, False]))
    return _div(parts + tables)


def _payoff_rows(players: Sequence[str], strategies: Sequence[Sequence[str]], payoffs: Any) -> str:
    if len(players) == 2:
        rows: list[list[Any]] = [
            [
                strategies[0][a],
                *(
                    f"{_number(payoffs[0, a, b])}, {_number(payoffs[1, a, b])}"
                    for b in range(len(strategies[1]))
                ),
            ]
            for a in range(len(strategies[0]))
        ]
        corner = f"{players[0]} \\ {players[1]}"
        return html_table([corner, *strategies[1]], rows, right=[False] * (1 + len(strategies[1])))
    rows = [
        [
            *(strategies[i][k] for i, k in enumerate(profile)),
            *(payoffs[(i, *profile)] for i in range(len(players))),
        ]
        for profile in itertools.product(*(range(len(s)) for s in strategies))
    ]
    return html_table([*players, *(f"u({p})" for p in players)], rows)


def payoff_html(players: Sequence[str], strategies: Sequence[Sequence[str]], payoffs: Any, title: str) -> str:
    """A game's payoffs: a matrix for two players (rows: the first's strategies; cells ``u_0, u_1``),
    one row per profile for more.

    ``payoffs`` is an array indexed ``[player, s_0, ..., s_{n-1}]`` (floats or Fractions).
    """
    return _div([_paragraph([title]), _payoff_rows(players, strategies, payoffs)])


def normal_form_html(game: Any) -> str:
    """:func:`payoff_html` of a normal-form game, its payoffs exact where they are rational."""
    exact = game.exact_payoff_array
    payoffs = game.payoff_array if exact is None else exact
    return payoff_html(game.players, game.strategies, payoffs, game.summary())


def tree_html(title: str, nodes: Mapping[str, Any], players: Sequence[str]) -> str:
    """A game tree as a table of its nodes: who moves, each action and where it leads, the payoffs."""
    rows = []
    for name, node in nodes.items():
        actions = getattr(node, "actions", ())
        probabilities = getattr(node, "probabilities", None)
        moves = [
            f"{a}{f' ({_number(probabilities[k])})' if probabilities else ''} -> {child}"
            for k, (a, child) in enumerate(zip(actions, getattr(node, "children", ()), strict=True))
        ]
        mover = getattr(node, "player", "chance" if probabilities else "")
        payoffs = getattr(node, "payoffs", None)
        paid = (
            ""
            if payoffs is None
            else ", ".join(f"{p}: {_number(v)}" for p, v in zip(players, payoffs, strict=True))
        )
        rows.append([name, mover, getattr(node, "infoset", ""), "; ".join(moves), paid])
    return _div(
        [_paragraph([title]), html_table(["node", "player", "information set", "actions", "payoffs"], rows)]
    )


def bayesian_html(game: Any) -> str:
    """A Bayesian game: the prior over type profiles, then the payoff table of each type profile."""
    profiles = list(itertools.product(*(range(len(t)) for t in game.types)))
    prior = [[*(game.types[i][k] for i, k in enumerate(t)), game.prior[t]] for t in profiles]
    parts = [
        _paragraph([game.summary()]),
        html_table([f"type of {p}" for p in game.players] + ["prior"], prior),
    ]
    for t in profiles[:MAX_TABLES]:
        payoffs = game.payoffs[(slice(None), *t)]
        label = ", ".join(
            f"{p} is {game.types[i][k]}" for i, (p, k) in enumerate(zip(game.players, t, strict=True))
        )
        parts += [_paragraph([f"payoffs when {label}"]), _payoff_rows(game.players, game.actions, payoffs)]
    if len(profiles) > MAX_TABLES:
        parts.append(_paragraph([f"({len(profiles) - MAX_TABLES} more type profiles not shown)"]))
    return _div(parts)
