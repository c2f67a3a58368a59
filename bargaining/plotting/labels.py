"""Text on the model figures: an agreement in words, and tags placed so that they do not overlap."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from bargaining.table import format_number

__all__ = ["agreement_text", "party_label", "place_tags"]

#: Candidate offsets of a tag from its point, in points (tried in order).
OFFSETS = ((7, 6), (7, -13), (-7, 6), (-7, -13), (0, 11), (0, -18), (14, -3), (-14, -3), (16, 14), (-16, -22))


def agreement_text(solution: Any, model: Any) -> str:
    """The terms of ``solution`` in words: ``territory returned 0.113, kursk returned 1000 km², ...``.

    A lottery over a utility set's outcomes reads ``0.231 all to 2 + 0.769 compromise``.
    """
    agreement = dict(solution.agreement)
    if not agreement:
        return ""
    units = {x.name: getattr(x, "unit", "") for x in getattr(model, "issues", ()) or ()}
    if getattr(model, "spec_kind", "") == "utility_set":
        if isinstance(agreement.get("outcome"), str):  # no lotteries: one outcome
            return str(agreement["outcome"]).replace("_", " ")
        parts = sorted(agreement.items(), key=lambda kv: -float(kv[1]))
        if len(parts) == 1:
            return parts[0][0].replace("_", " ")
        return " + ".join(f"{format_number(p, 3)} {k.replace('_', ' ')}" for k, p in parts)
    out = []
    for name, value in agreement.items():
        if name == "lottery":
            out.append("a lottery (see the table)")
            continue
        label = name.replace("_", " ")
        if isinstance(value, str):
            out.append(f"{label} {value.replace('_', ' ')}")
            continue
        unit = units.get(name, "")
        suffix = f" {unit}" if unit and len(unit) <= 4 else ""
        out.append(f"{label} {format_number(value)}{suffix}")
    return ", ".join(out)


def party_label(name: str) -> str:
    """A party's name for a label, first letter capital: ``ukraine`` -> ``Ukraine``, ``USA`` kept."""
    text = name.replace("_", " ")
    return text[:1].upper() + text[1:]


def place_tags(ax: Any, tags: Sequence[tuple[str, Any, str]], fontsize: float = 8.5) -> list[Any]:
    """Write each ``(text, point, key)`` next to its point, at the first offset that overlaps nothing.

    Points closer than about 2% of the axes merge into one tag (``Nash = KS``).
    Overlap is judged in the axes' size in points, against the points
    themselves and the tags already placed; the axes limits must be set.
    """
    groups = _groups(ax, tags)
    width, height = _axes_points(ax)
    placed: list[tuple[float, float, float, float]] = []
    marks = [(x * width - 5, y * height - 5, x * width + 5, y * height + 5) for _, (x, y), _ in groups]
    artists = []
    for text, (fx, fy), keys in groups:
        w, h = 0.58 * fontsize * len(text) + 4, 1.25 * fontsize + 2
        px, py = fx * width, fy * height
        # the first offset that overlaps nothing; failing that, the one that overlaps the fewest
        best: tuple[int, tuple[int, int], tuple[float, float, float, float]] | None = None
        for dx, dy in OFFSETS:
            box = (px + dx - (w if dx < 0 else (w / 2 if dx == 0 else 0)), py + dy, 0.0, 0.0)
            box = (box[0], box[1], box[0] + w, box[1] + h)
            inside = box[0] >= 0 and box[2] <= width and box[1] >= 0 and box[3] <= height
            hits = sum(_overlap(box, other) for other in placed + marks) + (0 if inside else 100)
            if best is None or hits < best[0]:
                best = (hits, (dx, dy), box)
            if hits == 0:
                break
        if best is None:  # no offsets: cannot happen with OFFSETS, kept for the type checker
            best = (0, OFFSETS[0], (px, py, px + w, py + h))
        choice = best[1]
        placed.append(best[2])
        dx, dy = choice
        ha = "right" if dx < 0 else ("center" if dx == 0 else "left")
        artists.append(
            ax.annotate(
                text,
                (fx, fy),
                xycoords="axes fraction",
                xytext=(dx, dy),
                textcoords="offset points",
                ha=ha,
                va="bottom",
                fontsize=fontsize,
                zorder=7,
                gid="tag:" + "+".join(keys),
                bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.75},
            )
        )
    return artists


def _groups(
    ax: Any, tags: Sequence[tuple[str, Any, str]]
) -> list[tuple[str, tuple[float, float], list[str]]]:
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    groups: list[tuple[str, tuple[float, float], list[str]]] = []
    for text, point, key in tags:
        p = np.asarray(point, float)
        if not np.all(np.isfinite(p)):
            continue
        fx, fy = (p[0] - x0) / (x1 - x0), (p[1] - y0) / (y1 - y0)
        for k, (other, (gx, gy), keys) in enumerate(groups):
            if abs(gx - fx) < 0.02 and abs(gy - fy) < 0.02:
                groups[k] = (f"{other} = {text}", (gx, gy), [*keys, key])
                break
        else:
            groups.append((text, (fx, fy), [key]))
    return groups


def _axes_points(ax: Any) -> tuple[float, float]:
    """The axes' size in points (before layout: its share of the figure)."""
    box = ax.get_position()
    fw, fh = ax.figure.get_size_inches()
    return box.width * fw * 72, box.height * fh * 72


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
