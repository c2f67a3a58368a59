r"""Gambit's strategic-game file format (``.nfg``), read and written.

Gambit (McKelvey, McLennan & Turocy) stores an :math:`n`-player normal-form
game as text in one of two versions, both read here:

*payoff version*::

    NFG 1 R "Selten (IJGT, 75), Figure 2, normal form"
    { "Player 1" "Player 2" } { 3 2 }

    1 1 0 2 0 2 1 1 0 3 2 0

*outcome version*::

    NFG 1 R "Selten (IJGT, 75), Figure 2" { "Player 1" "Player 2" }
    { { "1" "2" "3" } { "1" "2" } }
    ""
    { { "" 1, 1 } { "" 0, 2 } { "" 0, 2 } { "" 1, 1 } { "" 0, 3 } { "" 2, 0 } }
    1 2 3 4 5 6

After the header ``NFG 1 R``, the title and the player names come the
strategies (a count per player, or a list of names per player), an optional
comment string, then the payoffs. Profiles are listed with the *first*
player's strategy changing fastest (as one counts, least significant digit
first), and for each profile the payoffs of all players in order; in the
outcome version each profile instead names an outcome (``0`` is the null
outcome, paying everyone 0). Whitespace is not significant; strings are in
double quotes, with ``\"`` for a quote.

Numbers are read exactly: ``3``, ``-1.25``, ``1/3`` and ``2e-3`` become
:class:`fractions.Fraction`, so the game keeps the payoffs the file wrote.

References
----------
The Gambit Project, *Game representation formats*,
https://gambitproject.readthedocs.io/en/latest/formats.html

Examples
--------
>>> game = parse_nfg('NFG 1 R "Pennies" { "A" "B" } { 2 2 } 1 -1 -1 1 -1 1 1 -1')
>>> game.payoff_array[0]
array([[ 1., -1.],
       [-1.,  1.]])
>>> print(to_nfg(game), end="")
NFG 1 R "Pennies" { "A" "B" }
{ { "s0" "s1" }
{ "s0" "s1" }
}
""
<BLANKLINE>
1 -1 -1 1 -1 1 1 -1
"""

from __future__ import annotations

import math
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bargaining.errors import GameFormatError, InvalidGameError
from bargaining.io.gambit_common import GambitReader, distinct_names, format_payoff, quote

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["format_payoff", "parse_nfg", "read_nfg", "to_nfg", "write_nfg"]


def parse_nfg(text: str) -> NormalFormGame:
    """The game described by ``.nfg`` text (payoff or outcome version).

    Parameters
    ----------
    text
        The contents of a Gambit ``.nfg`` file.

    Returns
    -------
    NormalFormGame
        With exact (Fraction) payoffs, the file's title, players and strategy
        names (``s0, s1, ...`` where the file gives only counts). Players or
        strategies with empty or repeated names get numbered names
        (``player_1``, ``s2``).

    Raises
    ------
    GameFormatError
        If the text is not a valid ``.nfg`` file; ``location`` names the line.
    """
    from bargaining.games.normal_form import NormalFormGame

    reader = GambitReader(text)
    title, players = _read_header(reader)
    n = len(players)

    strategies, counts = _read_strategies(reader, n)
    if reader.peek().kind == "string":  # the optional comment
        reader.next()
    body = reader.peek()
    profiles = math.prod(counts)
    if body.kind == "open":
        flat = _read_outcome_body(reader, n, profiles)
    else:
        flat = [reader.number(f"a payoff ({profiles * n} payoffs expected)") for _ in range(profiles * n)]
    extra = reader.peek()
    if extra.kind != "end":
        raise reader.fail(
            f"unexpected {reader.shown(extra)} after the last payoff; the game has {profiles} profiles "
            f"of {n} payoffs",
            extra,
        )
    table = np.empty((profiles, n), dtype=object)
    table.ravel()[:] = flat
    payoffs = np.empty((n, *counts), dtype=object)
    for i in range(n):
        payoffs[i] = table[:, i].reshape(counts, order="F")
    try:
        return NormalFormGame(
            payoffs,
            players=tuple(distinct_names(players, "player_")),
            strategies=tuple(tuple(distinct_names(names, "s")) for names in strategies),
            title=title,
        )
    except InvalidGameError as exc:  # pragma: no cover - the checks above catch what the model would
        raise GameFormatError(str(exc)) from None


def _read_header(reader: GambitReader) -> tuple[str, list[str]]:
    """``NFG 1 R "title" { "player" ... }``: the title and the player names."""
    header = reader.next()
    if header.text != "NFG":
        found = reader.shown(header)
        raise reader.fail(f"expected the header 'NFG 1 R', found {found}; is this a .nfg file?", header)
    version = reader.peek()
    if reader.integer("the version number 1", 0) != 1:
        raise reader.fail(f"version {version.text} is not supported; expected 'NFG 1 R'", version)
    kind = reader.next()
    if kind.text not in ("R", "D"):
        raise reader.fail(f"expected 'R' after 'NFG 1', found {reader.shown(kind)}", kind)
    title = reader.string("the title of the game in double quotes")
    player_token = reader.peek()
    players = reader.strings("list of players")
    if not players:
        raise reader.fail('the game has no players; list them as { "Player 1" "Player 2" }', player_token)
    return title, players


def _read_strategies(reader: GambitReader, n: int) -> tuple[list[list[str]], list[int]]:
    """``{ 3 2 }`` or ``{ { "a" "b" "c" } { "x" "y" } }``."""
    opening = reader.expect("open", "'{' opening the strategies (counts { 2 2 } or names { { \"a\" } ... })")
    strategies: list[list[str]] = []
    counts: list[int] = []
    if reader.peek().kind == "open":
        while reader.peek().kind == "open":
            token = reader.peek()
            names = reader.strings(f"strategies of player {len(strategies) + 1}")
            if not names:
                raise reader.fail(f"player {len(strategies) + 1} has no strategies", token)
            strategies.append(names)
        counts = [len(names) for names in strategies]
    else:
        while reader.peek().kind == "word":
            counts.append(reader.integer(f"the number of strategies of player {len(counts) + 1}", 1))
        strategies = [[""] * k for k in counts]
    reader.expect("close", "'}' closing the strategies")
    if len(counts) != n:
        raise reader.fail(
            f"strategies are given for {len(counts)} players but {n} players are listed; "
            "give one entry per player",
            opening,
        )
    return strategies, counts


def _read_outcome_body(reader: GambitReader, n: int, profiles: int) -> list[Fraction]:
    """The outcome list and the outcome index of every profile, as a flat payoff list."""
    reader.expect("open", "'{' opening the outcomes")
    outcomes: list[list[Fraction]] = [[Fraction(0)] * n]  # outcome 0 pays nothing
    while reader.peek().kind == "open":
        start = reader.next()
        reader.string("the outcome's name in double quotes")
        payoffs: list[Fraction] = []
        while reader.peek().kind != "close":
            if reader.peek().kind == "comma":
                reader.next()
                continue
            if reader.peek().kind == "end":
                raise reader.fail("an outcome is not closed; add the missing '}'")
            payoffs.append(reader.number(f"a payoff of outcome {len(outcomes)}"))
        reader.next()
        if len(payoffs) != n:
            raise reader.fail(
                f"outcome {len(outcomes)} has {len(payoffs)} payoffs but there are {n} players", start
            )
        outcomes.append(payoffs)
    reader.expect("close", "'{' opening an outcome or '}' closing the outcomes")
    flat: list[Fraction] = []
    for _ in range(profiles):
        token = reader.peek()
        index = reader.integer(f"an outcome number ({profiles} expected, one per profile)", 0)
        if index >= len(outcomes):
            raise reader.fail(f"outcome {index} is not defined; outcomes are 1..{len(outcomes) - 1}", token)
        flat.extend(outcomes[index])
    return flat


def read_nfg(path: str | Path) -> NormalFormGame:
    """The game in the ``.nfg`` file at ``path`` (see :func:`parse_nfg`)."""
    from bargaining.io import read_text

    text = read_text(path)
    try:
        return parse_nfg(text)
    except GameFormatError as exc:
        raise GameFormatError(f"{path}: {exc.message}", exc.location) from None


def to_nfg(game: NormalFormGame, outcomes: bool = False) -> str:
    """The ``.nfg`` text of ``game``.

    Parameters
    ----------
    game
        The game to write; exact payoffs are written exactly (``1/3``).
    outcomes
        Write the outcome version (one outcome per distinct payoff vector)
        instead of the payoff version.
    """
    exact = game.exact_payoff_array
    values = exact if exact is not None else game.payoff_array
    # one row per profile, the first player's strategy changing fastest
    table = np.stack([values[i].reshape(-1, order="F") for i in range(game.num_players)], axis=1)
    rows = [[format_payoff(v) for v in row] for row in table]
    lines = [f"NFG 1 R {quote(game.title)} {{ {' '.join(quote(p) for p in game.players)} }}"]
    strategy_lists = ("{ " + " ".join(quote(s) for s in names) + " }" for names in game.strategies)
    lines.append("{ " + "\n".join(strategy_lists))
    lines.append("}")
    lines.append('""')
    lines.append("")
    if outcomes:
        index: dict[tuple[str, ...], int] = {}
        for row in rows:
            index.setdefault(tuple(row), len(index) + 1)
        lines.append("{")
        lines.extend(f'{{ "" {", ".join(row)} }}' for row in index)
        lines.append("}")
        lines.append(" ".join(str(index[tuple(row)]) for row in rows))
    else:
        lines.append(" ".join(v for row in rows for v in row))
    return "\n".join(lines) + "\n"


def write_nfg(game: NormalFormGame, path: str | Path, outcomes: bool = False) -> None:
    """Write ``game`` to ``path`` as ``.nfg`` (see :func:`to_nfg`)."""
    Path(path).write_text(to_nfg(game, outcomes=outcomes), encoding="utf-8")
