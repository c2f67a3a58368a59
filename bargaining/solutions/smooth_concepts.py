r"""Kalai-Smorodinsky, egalitarian (proportional), utilitarian and the ideal point by Newton, certified.

For problems the Newton path applies to (:func:`~bargaining.solutions.smooth.newton_applies`:
continuous issues with bounds only, smooth utilities the DCP rules prove
concave), each piece (combination of discrete levels) is solved by the barrier
programs of :mod:`bargaining.solutions.concept_programs` and
:mod:`bargaining.solutions.nash_programs`:

==============  ===================================================================
what            program on each piece, the best piece wins
==============  ===================================================================
ideal point     :math:`a_i = \max u_i` s.t. :math:`u_j \ge d_j\ (j \ne i)`
egalitarian     :math:`\max t` s.t. :math:`u_i - d_i \ge t w_i` (:math:`w = 1`: egalitarian)
KS              the same with :math:`w = a - d`
utilitarian     :math:`\max \sum_i w_i u_i` s.t. :math:`u_i \ge d_i`
==============  ===================================================================

An answer is returned only when it is *certified*: its value is attained and
a duality bound puts the optimum within :data:`CERTIFY` (:math:`10^{-8}`) of it,
relative to each party's own size :math:`\max(|d_i|, |a_i|)`; every other
piece's bound is clearly below it (no tie between pieces); and the maximiser is
unique where the concept's tie-break could matter. For the max-min concepts
every party's gain constraint must be active with a clearly positive
multiplier, which proves every maximiser has the same utilities, each party's
gain to :math:`10^{-8}` of its share :math:`w_i t` (KS: of its ideal gain); for
the utilitarian one (whose certificate bounds the weighted sum, not the point),
no gain constraint may be active, every active bound must be strictly
complementary (its derivative clearly pointing out of the box), and the
Lagrangian strictly concave on the remaining coordinates. An agreement must
clearly exist (every party's ideal gain above :math:`10^{-6}` of its size, and
some agreement giving every party :math:`10^{-6}` of its ideal gain). Every
program is solved on utilities divided by their size, party by party where
the program allows it (the ideal point, KS), so a problem and its rescaling
(KS: its positive affine map) take the same steps.
Anything else returns the reason instead, and the caller solves by cvxpy.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence

import numpy as np

from bargaining.model.issue_space import BargainingProblem
from bargaining.solutions.base import check_weights
from bargaining.solutions.cache import StructureCache
from bargaining.solutions.concept_programs import Bracket, maxmin_points, utilitarian_points
from bargaining.solutions.nash_programs import CHECK, best_gain, start
from bargaining.solutions.results import BargainingSolution
from bargaining.solutions.smooth import Instances, SmoothStructure
from bargaining.solutions.smooth_answer import concept_solution, utilitarian_unique

__all__ = [
    "CERTIFY",
    "agreement_clear",
    "concept_answer",
    "concept_target",
    "forget_points",
    "ideal_point",
    "ideal_sizes",
    "newton_concept",
    "others_start",
    "point_ideal",
    "point_key",
    "shared_start",
    "utility_size",
]


def newton_concept(
    structure: SmoothStructure, problem: BargainingProblem, concept: str, weights: Sequence[float] | None
) -> BargainingSolution | str:
    """The certified Newton answer of ``concept`` (``"ks"``, ``"egalitarian"``, ``"utilitarian"``) or why not.

    ``weights`` as for :func:`bargaining.solutions.solve`: default the
    bargaining powers (utilitarian) or equal weights (egalitarian; KS uses none).
    """
    n = len(structure.parties)
    if concept != "utilitarian" and weights is None:
        weights = [1.0] * n
    batch = structure.instances(problem, [{}], weights)
    if not batch.ok[0]:
        return "the DCP rules do not prove every utility concave at these values (or a value is not finite)"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        return _solve(structure, problem, batch, concept)


def _solve(
    structure: SmoothStructure, problem: BargainingProblem, batch: Instances, concept: str
) -> BargainingSolution | str:
    cols, box, d = batch.cols, (batch.lo, batch.hi), batch.d
    prepared = _PREPARED.get(point_key(structure, batch), lambda: _prepare(structure, batch))
    if isinstance(prepared, str):
        return prepared
    x, found, ideal, sizes = prepared
    hess = np.empty(0)  # the max-min concepts need none
    if concept == "utilitarian":
        bracket, hess = utilitarian_points(structure, cols, box, d, batch.w, x, float(batch.w[0] @ sizes))
    else:
        target, size = concept_target(concept, ideal, d, batch.w)
        bracket = maxmin_points(structure, cols, box, d, target, x, size)
    return concept_answer(structure, problem, batch, concept, (bracket, hess), (found, ideal, sizes))


def concept_target(concept: str, ideal: np.ndarray, d: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, float]:
    """The max-min program's :math:`w` (KS: the ideal gains) and the size of its :math:`t` (KS: 1)."""
    target = np.tile(ideal - d[0], (len(d), 1)) if concept == "ks" else w
    return target, float(np.max((ideal - d[0]) / target[0]))


def concept_answer(
    structure: SmoothStructure,
    problem: BargainingProblem,
    batch: Instances,
    concept: str,
    solved: tuple[Bracket, np.ndarray],
    prepared: tuple[np.ndarray, np.ndarray, np.ndarray],
) -> BargainingSolution | str:
    """The certified answer of ``concept`` from its program's bracket, or why there is none.

    ``solved``: the bracket and (utilitarian) the Lagrangian's Hessians;
    ``prepared``: the pieces with a start, the ideal point, the parties' sizes.
    """
    (bracket, hess), (found, ideal, sizes) = solved, prepared
    w, d = batch.w, batch.d
    if concept == "utilitarian":
        row = _choose(bracket, found, CERTIFY * float(w[0] @ sizes))
        if isinstance(row, str):
            return row
        doubt = utilitarian_unique(structure, batch, bracket.x[row], row, hess[row], sizes)
    else:
        size = concept_target(concept, ideal, d, w)[1]
        row = _choose(bracket, found, CERTIFY * size)
        if isinstance(row, str):
            return row
        doubt = "" if bracket.spread[row] <= CERTIFY * size else _MAXMIN_DOUBT
    if doubt:
        return doubt
    reported = w[0] if concept != "ks" else check_weights(None, np.ones(len(d[0])), len(d[0]))
    return concept_solution(structure, problem, concept, batch, bracket.x[row], row, ideal, reported)


#: What every concept needs at a point (starts, the ideal point), kept for the next concept of that point.
_PREPARED = StructureCache(size=4)


#: The starts with every gain positive at a point, shared by Nash and the other concepts.
_STARTS = StructureCache(size=4)

#: The certified ideal point of a point (or why there is none), shared by every concept.
_IDEALS = StructureCache(size=4)


def forget_points() -> None:
    """Drop what is kept per point (starts, ideal points), so that the next solve of a point is its first."""
    for cache in (_PREPARED, _STARTS, _IDEALS):
        cache.clear()


def point_key(structure: SmoothStructure, batch: Instances) -> tuple[object, ...]:
    """What identifies a batch's instances: the structure, the argument columns, the bounds and :math:`d`."""
    arrays = (*batch.cols, batch.lo, batch.hi, batch.d)
    return (structure.problem.structure_key(), *(np.asarray(a).tobytes() for a in arrays))


def shared_start(structure: SmoothStructure, batch: Instances) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """:func:`~bargaining.solutions.nash_programs.start` of every party at ``batch``, once per point."""
    return _STARTS.get(
        point_key(structure, batch), lambda: start(structure, batch.cols, batch.lo, batch.hi, batch.d)
    )


def point_ideal(structure: SmoothStructure, batch: Instances) -> np.ndarray | str:
    """:func:`ideal_point` at ``batch``'s point from the shared starts, once per point; or why none."""

    def compute() -> np.ndarray | str:
        x, found, reliable = shared_start(structure, batch)
        if not np.all(reliable) or not np.any(found):
            return "no piece clearly has an agreement (the conic path decides, and names who blocks)"
        return ideal_point(structure, batch, (x, found))

    found: np.ndarray | str = _IDEALS.get(point_key(structure, batch), compute)
    return found


def _prepare(
    structure: SmoothStructure, batch: Instances
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray] | str:
    """Starts with positive gains, the pieces with one, the ideal point, the parties' sizes; or why not."""
    cols, box, d = batch.cols, (batch.lo, batch.hi), batch.d
    x, found, reliable = shared_start(structure, batch)
    if not np.all(reliable) or not np.any(found):
        return "no piece clearly has an agreement (the conic path decides, and names who blocks)"
    known = ideal_sizes(point_ideal(structure, batch), d)
    if isinstance(known, str):
        return known
    ideal, sizes = known
    # the largest common share of the ideal gains: each party's own scale, at any scale
    common = maxmin_points(structure, cols, box, d, np.tile(ideal - d[0], (len(d), 1)), x)
    if not agreement_clear(common, found):
        return "an agreement does not clearly exist (the conic path decides, and names who blocks)"
    return x, found, ideal, sizes


def ideal_sizes(ideal: np.ndarray | str, d: np.ndarray) -> tuple[np.ndarray, np.ndarray] | str:
    """The ideal point and each party's size :math:`\\max(|d_i|, |a_i|)`, or why no agreement is clear."""
    if isinstance(ideal, str):
        return ideal
    sizes = np.array([utility_size(d[0, i], ideal[i]) for i in range(len(ideal))])
    if np.any(ideal - d[0] <= CHECK * sizes):
        return "an agreement does not clearly exist (the conic path decides, and names who blocks)"
    return ideal, sizes


def agreement_clear(common: Bracket, found: np.ndarray) -> bool:
    """Whether some piece gives every party a clear share of its ideal gain (the ``common`` program)."""
    return bool(np.max(np.where(found, common.value, -np.inf)) > CHECK)


#: The relative width of every certificate of the concepts and the ideal point: their gaps at the
#: last barrier weight are about 1e-11 of each party's size, so this leaves room for rounding.
CERTIFY = 1e-8

_MAXMIN_DOUBT = (
    "a party's gain constraint is not clearly active with a positive multiplier, "
    "so the maximiser may not be unique (the conic path breaks the tie)"
)


def _choose(bracket: Bracket, alive: np.ndarray, margin: float) -> int | str:
    """The best piece, if its value is certified and no other piece may match it; else why not."""
    value = np.where(alive, bracket.value, -np.inf)
    upper = np.where(alive, bracket.upper, -np.inf)
    best = int(np.argmax(value))
    top = float(value[best])
    if not np.isfinite(top):
        return "Newton's method could not solve any piece"
    if upper[best] - top > margin or not bracket.centred[best]:
        return "Newton's method could not certify the optimum (the duality gap is too large)"
    others = np.delete(upper, best)
    if np.any(others >= top - margin):
        return "two pieces tie or may tie (the conic path breaks the tie)"
    return best


def ideal_point(
    structure: SmoothStructure, batch: Instances, known: tuple[np.ndarray, np.ndarray] | None = None
) -> np.ndarray | str:
    r"""The certified ideal point of instance 0's point (every row one piece), or why none.

    :math:`a_i = d_i + \max` over pieces of party :math:`i`'s best gain, each
    bracketed by :func:`~bargaining.solutions.nash_programs.best_gain` (solved
    on party :math:`i`'s utility divided by its size); the bracket must be
    within :data:`CERTIFY` of :math:`\max(|d_i|, |a_i|)`, party by party. ``known``:
    starts with every gain positive and the pieces where they are found; those
    pieces need no start of their own (every other party's gain is positive there).
    """
    cols, lo, hi, d = batch.cols, batch.lo, batch.hi, batch.d
    n = d.shape[1]
    low, high = np.full(n, -np.inf), np.full(n, -np.inf)
    for i in range(n):
        x, found, reliable = others_start(structure, batch, i, known)
        if not np.all(reliable):
            return "a party's best gain is on the edge of what the others accept"
        if not np.any(found):
            continue
        rows = np.flatnonzero(found)
        sub = [c[rows] for c in cols]
        with np.errstate(all="ignore"):
            unit = utility_size(d[rows, i], structure.utilities(sub, x[rows])[:, i])
        gain_lo, gain_hi = best_gain(structure, sub, lo[rows], hi[rows], d[rows], i, x[rows], unit)
        low[i], high[i] = float(np.max(gain_lo)), float(np.max(gain_hi))
    sizes = np.array([utility_size(d[0, i], d[0, i] + low[i]) for i in range(n)])
    if not np.all(np.isfinite(low) & (high - low <= CERTIFY * sizes)):
        return "Newton's method could not certify the ideal point"
    ideal: np.ndarray = d[0] + low
    return ideal


def others_start(
    structure: SmoothStructure, batch: Instances, i: int, known: tuple[np.ndarray, np.ndarray] | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Starts with every party's gain but ``i``'s positive: ``known`` where found, else searched for."""
    n = batch.d.shape[1]
    others = [j for j in range(n) if j != i]
    if known is None:
        return start(structure, batch.cols, batch.lo, batch.hi, batch.d, others)
    x, found = known[0].copy(), known[1].copy()
    reliable = found.copy()
    rest = np.flatnonzero(~found)
    if rest.size:
        cols = [c[rest] for c in batch.cols]
        x[rest], found[rest], reliable[rest] = start(
            structure, cols, batch.lo[rest], batch.hi[rest], batch.d[rest], others
        )
    return x, found, reliable


def utility_size(*arrays: np.ndarray) -> float:
    """The largest finite ``|value|`` in ``arrays`` (1 if none is positive): the scale of every check.

    No floor of 1: a check relative to ``max(1, size)`` is absolute for small
    utilities, which certified answers at a scale of :math:`10^{-3}` only to
    :math:`10^{-3}` of their size.
    """
    sizes = [np.abs(np.asarray(a, dtype=float)).ravel() for a in arrays]
    values = np.concatenate(sizes) if sizes else np.zeros(0)
    values = values[np.isfinite(values)]
    top = float(values.max()) if values.size else 0.0
    return top if top > 0 else 1.0
