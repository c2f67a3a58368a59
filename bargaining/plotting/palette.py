"""The colour-blind-safe palette and marks of the model figures (utility space, games, trees).

Colours are Okabe and Ito's (2008), distinguishable under the common colour-vision
deficiencies; every concept also has its own marker shape, so a figure printed
in grey still tells them apart.
"""

from __future__ import annotations

__all__ = ["CONCEPT_MARKS", "INK", "OKABE_ITO", "PIECES_MAP", "SHORT_NAMES", "mark"]

#: Okabe-Ito: orange, sky blue, bluish green, yellow, blue, vermillion, reddish purple, black.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000")
#: Text, the disagreement and ideal points, outlines.
INK = "#222222"
#: The colour map of the pieces of the feasible set (sequential, like the levels; colour-blind safe).
PIECES_MAP = "cividis"

#: concept -> (colour, marker, marker size)
CONCEPT_MARKS: dict[str, tuple[str, str, float]] = {
    "nash": ("#D55E00", "o", 70.0),
    "ks": ("#0072B2", "s", 62.0),
    "egalitarian": ("#009E73", "^", 78.0),
    "utilitarian": ("#CC79A7", "D", 58.0),
}
#: The short tags written next to the marks.
SHORT_NAMES = {"nash": "Nash", "ks": "KS", "egalitarian": "egal.", "utilitarian": "util."}


def mark(concept: str) -> tuple[str, str, float]:
    """The colour, marker and size of ``concept`` (a grey circle for one not listed)."""
    return CONCEPT_MARKS.get(concept, ("#7f7f7f", "o", 60.0))
