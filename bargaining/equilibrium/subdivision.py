r"""A verified subdivision search for the roots of a group of support equations.

The equations :math:`F(y) = 0` of :class:`~bargaining.equilibrium.support_equations.SupportGroup`
are multilinear, which makes interval tests exact from corner values
(Moore 1966; Krawczyk 1969):

* a box where some equation keeps one sign at all :math:`2^d` corners holds no
  root, nor one where a strategy outside the support pays more at every corner;
* with :math:`Y \approx J(c)^{-1}` and the interval Jacobian :math:`[J]` from
  the corner slopes, the Krawczyk operator

  .. math:: K(X) = c - Y F(c) + (I - Y [J])(X - c)

  proves a unique root in :math:`X` when :math:`K(X) \subset \operatorname{int} X`
  (Newton from the centre then converges to it) and no root when
  :math:`K(X) \cap X = \emptyset`;
* other boxes are bisected along the side where the equations vary most
  (width times slope), over-determined variables first.

:func:`search_group` runs the search for every support of a group at once and
stops when more than ``max_boxes`` boxes are alive (a continuum of solutions),
or when a time budget runs out (checked before each round of bisection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from numpy.typing import NDArray

from bargaining.equilibrium.support_equations import OVERHANG, OVERHANG_HIGH, ZERO_TOL, Support, SupportGroup

if TYPE_CHECKING:
    from bargaining.equilibrium.budget import Budget

__all__ = ["GroupSearch", "search_group"]

#: relative safety margin of the Krawczyk tests against rounding
_SAFETY = 1e-9
_MIN_WIDTH = 1e-10

Root = tuple[int, NDArray[np.float64]]


@dataclass(frozen=True, slots=True, eq=False)
class GroupSearch:
    """What :func:`search_group` found for one group of supports.

    Attributes
    ----------
    roots
        ``(support number in the group, y)`` for every verified root.
    boxes_examined
        The boxes tested, summed over the rounds of bisection.
    unresolved
        The supports still alive when the box budget or the time budget ran
        out (empty when the search finished).
    timed_out
        Whether the time budget ran out before the search finished.
    """

    roots: tuple[Root, ...]
    boxes_examined: int
    unresolved: tuple[Support, ...]
    timed_out: bool = False


class _Boxes(NamedTuple):
    lo: NDArray[np.float64]
    hi: NDArray[np.float64]
    owner: NDArray[np.intp]


class _Krawczyk(NamedTuple):
    centre: NDArray[np.float64]
    radius: NDArray[np.float64]
    unique: NDArray[np.bool_]
    empty: NDArray[np.bool_]
    slopes: NDArray[np.float64]  # (m, d): the summed magnitude of each variable's interval slopes


def search_group(group: SupportGroup, max_boxes: int, budget: Budget | None = None) -> GroupSearch:
    """The roots of every support in the group, searched with at most ``max_boxes`` boxes alive
    and, with a ``budget``, until it runs out (then ``timed_out``, the live supports unresolved)."""
    d = group.d
    count = len(group.supports)
    if d == 0:
        return GroupSearch(tuple((g, np.zeros(0)) for g in range(count)), 0, ())
    boxes = _Boxes(np.full((count, d), -OVERHANG), np.full((count, d), 1.0 + OVERHANG_HIGH), np.arange(count))
    roots: list[Root] = []
    examined = 0
    while len(boxes.owner):
        out_of_time = budget is not None and budget.expired()
        if len(boxes.owner) > max_boxes or out_of_time:
            unresolved = tuple(group.supports[g] for g in sorted(set(boxes.owner.tolist())))
            return GroupSearch(tuple(roots), examined, unresolved, out_of_time)
        examined += len(boxes.owner)
        boxes, f_corner = _exclude(group, boxes)
        if not len(boxes.owner):
            break
        test = _krawczyk_test(group, boxes, f_corner)
        unique = test.unique
        if np.any(unique):
            # Newton from the centre; a step that leaves the box (possible for full Newton,
            # which Krawczyk's contraction does not cover) sends the box back to bisection
            lo, hi, owner = boxes.lo[unique], boxes.hi[unique], boxes.owner[unique]
            found, ok = group.newton(test.centre[unique], owner)
            margin = 1e-9 * (1.0 + test.radius[unique])
            ok &= np.all((found >= lo - margin) & (found <= hi + margin), axis=1)
            roots.extend((int(g), y) for g, y in zip(owner[ok], found[ok], strict=True))
            unique[np.flatnonzero(unique)[~ok]] = False
        rest = ~unique & ~test.empty
        boxes, slopes = _Boxes(boxes.lo[rest], boxes.hi[rest], boxes.owner[rest]), test.slopes[rest]
        boxes, slopes = _settle_tiny(group, boxes, slopes, roots)
        boxes = _bisect(group, boxes, slopes)
    return GroupSearch(tuple(roots), examined, ())


def _exclude(group: SupportGroup, boxes: _Boxes) -> tuple[_Boxes, NDArray[np.float64]]:
    """The boxes that may hold an equilibrium, and ``F`` at their corners.

    A box is dropped when an equation keeps its sign over it, a strategy
    outside the support pays more everywhere in it, or it lies outside the
    simplex.
    """
    lo, hi, owner = boxes
    m = len(owner)
    f_corner, responds = group.corner_values(lo, hi, owner)
    flat = f_corner.reshape(m, -1, group.d)
    keep = np.all((flat.min(axis=1) <= ZERO_TOL) & (flat.max(axis=1) >= -ZERO_TOL), axis=1)
    keep &= responds
    keep &= group.simplex_feasible(lo)
    return _Boxes(lo[keep], hi[keep], owner[keep]), f_corner[keep]


def _krawczyk_test(group: SupportGroup, boxes: _Boxes, f_corner: NDArray[np.float64]) -> _Krawczyk:
    """The Krawczyk test; dF/dy_k is the difference across side k, divided by its width."""
    lo, hi, owner = boxes
    d = group.d
    eye = np.eye(d)
    centre = (lo + hi) / 2
    radius = (hi - lo) / 2
    f_centre, j_centre = group.with_jacobian(centre, owner)
    j_low = np.empty((len(owner), d, d))
    j_high = np.empty((len(owner), d, d))
    for k in range(d):
        slope = (np.take(f_corner, 1, axis=1 + k) - np.take(f_corner, 0, axis=1 + k)).reshape(
            len(owner), -1, d
        ) / (hi[:, k] - lo[:, k])[:, None, None]
        j_low[:, :, k] = slope.min(axis=1)
        j_high[:, :, k] = slope.max(axis=1)
    j_mid = (j_high + j_low) / 2
    j_rad = (j_high - j_low) / 2
    invertible = np.abs(np.linalg.det(j_centre)) > 1e-300
    invertible &= np.linalg.cond(np.where(invertible[:, None, None], j_centre, eye)) < 1e12
    inverse = np.linalg.inv(np.where(invertible[:, None, None], j_centre, eye))
    delta = -np.einsum("mij,mj->mi", inverse, f_centre)
    spread = np.abs(eye - inverse @ j_mid) + np.abs(inverse) @ j_rad
    k_radius = np.einsum("mij,mj->mi", spread, radius)
    slack = _SAFETY * (np.abs(delta) + k_radius + radius) + 1e-15
    unique = invertible & np.all(np.abs(delta) + k_radius + slack < radius, axis=1)
    empty = invertible & np.any(np.abs(delta) > radius + k_radius + slack, axis=1)
    return _Krawczyk(centre, radius, unique, empty, (np.abs(j_mid) + j_rad).sum(axis=1))


def _settle_tiny(
    group: SupportGroup, boxes: _Boxes, slopes: NDArray[np.float64], roots: list[Root]
) -> tuple[_Boxes, NDArray[np.float64]]:
    """Boxes too small to split hold a singular root: polish, keep it if it converges (into ``roots``)."""
    lo, hi, owner = boxes
    tiny = (hi - lo).max(axis=1) < _MIN_WIDTH
    if not np.any(tiny):
        return boxes, slopes
    found, ok = group.newton((lo[tiny] + hi[tiny]) / 2, owner[tiny])
    roots.extend((int(g), y) for g, y, good in zip(owner[tiny], found, ok, strict=True) if good)
    return _Boxes(lo[~tiny], hi[~tiny], owner[~tiny]), slopes[~tiny]


def _bisect(group: SupportGroup, boxes: _Boxes, slopes: NDArray[np.float64]) -> _Boxes:
    """Each box halved along the side where the equations vary most (width times the
    largest slopes); over-determined variables first (see :class:`SupportGroup`)."""
    lo, hi, owner = boxes
    width = hi - lo
    if np.any(group.priority):
        axis = np.where(group.priority, width, width * 1e-9).argmax(axis=1)
    else:
        axis = (width * slopes).argmax(axis=1)
    rows = np.arange(len(owner))
    middle = (lo[rows, axis] + hi[rows, axis]) / 2
    lo_right = lo.copy()
    lo_right[rows, axis] = middle
    hi_left = hi.copy()
    hi_left[rows, axis] = middle
    return _Boxes(
        np.concatenate([lo, lo_right]), np.concatenate([hi_left, hi]), np.concatenate([owner, owner])
    )
