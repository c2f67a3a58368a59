"""Plain-text tables for the terminal, with no dependency.

Examples
--------
>>> print(format_table(["concept", "u"], [["nash", 0.5], ["ks", 0.25]]))
concept     u
-------  ----
nash      0.5
ks       0.25
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

__all__ = ["format_number", "format_table"]


def format_number(value: Any, digits: int = 4) -> str:
    """A number for a table: ``digits`` significant figures, no ``-0``."""
    if isinstance(value, bool) or value is None:
        return "-" if value is None else ("yes" if value else "no")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if value != value:  # NaN
            return "nan"
        if abs(value) < 0.5 * 10.0 ** (-digits - 2):
            value = 0.0
        text = f"{value:.{digits}g}"
        return "0" if text in ("-0", "0") else text
    return str(value)


def format_table(headers: Sequence[str], rows: Sequence[Sequence[Any]], title: str | None = None) -> str:
    """Left-aligned columns separated by two spaces, with a rule under the header.

    Numbers are shown with :func:`format_number`; numeric columns are
    right-aligned.
    """
    cells = [[format_number(cell) for cell in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        for j, cell in enumerate(row):
            widths[j] = max(widths[j], len(cell))
    numeric = [
        bool(rows) and all(isinstance(row[j], int | float) and not isinstance(row[j], bool) for row in rows)
        for j in range(len(headers))
    ]

    def line(items: Sequence[str]) -> str:
        parts = [
            item.rjust(widths[j]) if numeric[j] else item.ljust(widths[j]) for j, item in enumerate(items)
        ]
        return "  ".join(parts).rstrip()

    out = [title] if title else []
    out.append(line(list(headers)))
    out.append("  ".join("-" * w for w in widths))
    out.extend(line(row) for row in cells)
    return "\n".join(out)
