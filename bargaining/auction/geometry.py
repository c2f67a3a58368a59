r"""Exact integrals of linear functions over a rectangle cut by a straight line.

Every quantity of the linear equilibrium and of the Myerson-Satterthwaite
bound is an integral of a linear function :math:`p v + q c + r` over the part
of the type rectangle :math:`[v_l, v_h] \times [c_l, c_h]` where trade happens,
a half-plane :math:`a v + b c \ge e`. That part is a convex polygon, so

.. math:: \iint_P (p v + q c + r)\, dv\, dc = |P| \, (p \bar v + q \bar c + r)

with the area :math:`|P|` and centroid :math:`(\bar v, \bar c)` from the shoelace
formula: no quadrature, exact up to rounding (and exact with
:class:`fractions.Fraction` inputs).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Region", "region"]

Point = tuple[float, float]


@dataclass(frozen=True, slots=True)
class Region:
    """A convex polygon of types: its area and centroid :math:`(\\bar v, \\bar c)`."""

    area: float
    v: float
    c: float

    def integral(self, p: float, q: float, r: float) -> float:
        r""":math:`\iint (p v + q c + r)` over the region."""
        if self.area == 0:
            return 0.0
        return self.area * (p * self.v + q * self.c + r)


def region(values: Sequence[float], costs: Sequence[float], a: float, b: float, e: float) -> Region:
    r"""The part of :math:`[v_l, v_h] \times [c_l, c_h]` where :math:`a v + b c \ge e`.

    Parameters
    ----------
    values, costs
        :math:`(v_l, v_h)` and :math:`(c_l, c_h)`.
    a, b, e
        The half-plane :math:`a v + b c \ge e`.
    """
    (vl, vh), (cl, ch) = values, costs
    rectangle: list[Point] = [(vl, cl), (vh, cl), (vh, ch), (vl, ch)]
    polygon = _clip(rectangle, a, b, e)
    return _moments(polygon)


def _clip(polygon: list[Point], a: float, b: float, e: float) -> list[Point]:
    """Sutherland-Hodgman against one half-plane."""
    out: list[Point] = []
    n = len(polygon)
    for k in range(n):
        p, q = polygon[k], polygon[(k + 1) % n]
        fp = a * p[0] + b * p[1] - e
        fq = a * q[0] + b * q[1] - e
        if fp >= 0:
            out.append(p)
        if (fp > 0 > fq) or (fp < 0 < fq):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def _moments(polygon: list[Point]) -> Region:
    """Area and centroid by the shoelace formula (zero area: centroid 0)."""
    n = len(polygon)
    twice_area = polygon[0][0] - polygon[0][0] if polygon else 0.0  # zero of the inputs' type
    sv = sc = twice_area
    for k in range(n):
        (x0, y0), (x1, y1) = polygon[k], polygon[(k + 1) % n]
        cross = x0 * y1 - x1 * y0
        twice_area += cross
        sv += (x0 + x1) * cross
        sc += (y0 + y1) * cross
    if n < 3 or twice_area == 0:
        return Region(0.0, 0.0, 0.0)
    area = twice_area / 2
    return Region(area, sv / (6 * area), sc / (6 * area))
