r"""Gambit's extensive-game file format (``.efg``), read and written.

Gambit (McKelvey, McLennan & Turocy) stores a game tree as text: a header,
then one line per node in preorder (a node, then the subtrees of its
actions, first to last)::

    EFG 2 R "Entry game" { "challenger" "incumbent" }
    "an optional comment"

    p "challenge" 1 1 "challenge" { "in" "out" } 0
    p "respond" 2 1 "respond" { "acquiesce" "fight" } 0
    t "shared_market" 1 "" { 2, 1 }
    t "price_war" 2 "" { 0, 0 }
    t "stay_out" 3 "" { 1, 2 }

* ``p "node" player infoset ["infoset name"] [{ "action" ... }] outcome ...``
  is a decision node of ``player`` (numbered from 1) in that player's
  information set number ``infoset``;
* ``c "node" infoset ["infoset name"] [{ "action" prob ... }] outcome ...``
  is a chance node (probabilities such as ``1/3`` or ``0.25``);
* ``t "node" outcome ...`` is a terminal node.

An information set's name and actions are written at its first node and may
be left out at the others. ``outcome`` is a number (``0`` for none); a new
outcome is followed by its name and its payoffs, one per player
(``{ 2, 1 }``, commas optional); an outcome seen before may be referred to by
number only. Outcomes may also sit on decision and chance nodes: their
payoffs are earned on the way, so :func:`parse_efg` adds them to the payoffs
of every terminal node below.

Reading keeps numbers exact (Fractions). Node ids come from the node labels
(``node_3``, by preorder position, where a label is empty or repeated),
information-set names from their labels (``player:3`` where empty or
repeated). :func:`to_efg` writes every decision node's information set with
its name and actions, each terminal node's payoffs as its own outcome, and
numbers exactly (``1/3``).

References
----------
The Gambit Project, *Game representation formats: the extensive game (.efg)
format*, https://gambitproject.readthedocs.io/en/latest/formats.html

Examples
--------
>>> game = parse_efg('''EFG 2 R "Coin" { "bettor" }
... c "toss" 1 "" { "heads" 1/2 "tails" 1/2 } 0
... t "" 1 "win" { 1 }
... t "" 2 "lose" { -1 }''')
>>> game.nodes["toss"].probabilities
(Fraction(1, 2), Fraction(1, 2))
>>> list(game.nodes)
['toss', 'node_2', 'node_3']
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

from bargaining.errors import GameFormatError, SpecError
from bargaining.io.gambit_common import GambitReader, Token, distinct_names, format_payoff, quote

if TYPE_CHECKING:
    from bargaining.games.extensive_form import ExtensiveFormGame, Node

__all__ = ["parse_efg", "read_efg", "to_efg", "write_efg"]


@dataclass
class _Infoset:
    name: str
    actions: list[str]
    probabilities: list[Fraction] = field(default_factory=list)


@dataclass
class _Pending:
    """A node read from the file whose children are still being read."""

    node_id: str
    line: int
    kind: str  # "p", "c" or "t"
    player: int = 0
    infoset: _Infoset | None = None
    carried: list[Fraction] = field(default_factory=list)  # outcome payoffs earned on the way

    @property
    def arity(self) -> int:
        """The number of subtrees that follow: one per action."""
        return len(self.infoset.actions) if self.infoset is not None else 0


class _EfgReader(GambitReader):
    """The ``.nfg`` token cursor, with the ``.efg`` node grammar."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.players: list[str] = []
        self.infosets: dict[tuple[int, int], _Infoset] = {}
        self.infoset_names: set[str] = set()
        self.outcomes: dict[int, list[Fraction]] = {0: []}

    def header(self) -> str:
        token = self.next()
        if token.text != "EFG":
            found = self.shown(token)
            raise self.fail(f"expected the header 'EFG 2 R', found {found}; is this a .efg file?", token)
        version = self.peek()
        if self.integer("the version number 2", 0) != 2:
            raise self.fail(f"version {version.text} is not supported; expected 'EFG 2 R'", version)
        kind = self.next()
        if kind.text not in ("R", "D"):
            raise self.fail(f"expected 'R' after 'EFG 2', found {self.shown(kind)}", kind)
        title = self.string("the title of the game in double quotes")
        start = self.peek()
        self.players = distinct_names(self.strings("list of players"), "player_")
        if not self.players:
            raise self.fail('the game has no players; list them as { "Player 1" "Player 2" }', start)
        if self.peek().kind == "string":  # the optional comment
            self.next()
        return title

    def infoset(self, player: int, chance: bool) -> _Infoset:
        """The information set number, its optional name and actions (with probabilities for chance)."""
        token = self.peek()
        number = self.integer("an information set number", 1)
        name = self.string("the information set's name") if self.peek().kind == "string" else None
        actions: list[str] = []
        probabilities: list[Fraction] = []
        if self.peek().kind == "open":
            self.next()
            while self.peek().kind == "string":
                actions.append(self.string("an action name"))
                if chance:
                    probabilities.append(self.number("the action's probability"))
            self.expect("close", "a quoted action name or '}' closing the actions")
            if not actions:
                raise self.fail("an information set needs at least one action", token)
        key = (player, number)
        known = self.infosets.get(key)
        if known is None:
            if not actions:
                raise self.fail(
                    f"information set {number} appears for the first time without its actions; "
                    'list them, e.g. { "left" "right" }',
                    token,
                )
            label = name or ""
            if not label or label in self.infoset_names or chance:
                label = f"{'chance' if chance else self.players[player - 1]}:{number}"
            self.infoset_names.add(label)
            known = _Infoset(label, distinct_names(actions, "action_"), probabilities)
            self.infosets[key] = known
            if chance:
                self.check_probabilities(probabilities, token)
        elif actions and (
            distinct_names(actions, "action_") != known.actions
            or (chance and probabilities != known.probabilities)
        ):
            earlier = "{" + ", ".join(known.actions) + "}"
            if chance and probabilities != known.probabilities:
                earlier += " with probabilities " + ", ".join(str(p) for p in known.probabilities)
            raise self.fail(
                f"information set {number} ({known.name!r}) was defined earlier with the actions {earlier}, "
                f"but this node lists {{{', '.join(actions)}}}; every node of an information set offers "
                "the same actions: repeat them as first written, or leave them out after the first node",
                token,
            )
        return known

    def check_probabilities(self, probabilities: list[Fraction], token: Token) -> None:
        for p in probabilities:
            if p < 0 or p > 1:
                raise self.fail(f"chance probability {p} is not between 0 and 1", token)
        total = sum(probabilities, Fraction(0))
        if total != 1:
            raise self.fail(
                f"the chance probabilities sum to {total} ({float(total):.6g}), not 1; adjust them "
                "(write thirds as 1/3)",
                token,
            )

    def outcome(self) -> list[Fraction]:
        """The outcome number, its optional name and payoffs; the payoffs (empty for outcome 0)."""
        token = self.peek()
        number = self.integer("an outcome number (0 for none)", 0)
        if self.peek().kind == "string":
            self.next()
        if self.peek().kind == "open":
            self.next()
            payoffs: list[Fraction] = []
            while self.peek().kind != "close":
                if self.peek().kind == "comma":
                    self.next()
                    continue
                if self.peek().kind == "end":
                    raise self.fail("an outcome's payoffs are not closed; add the missing '}'")
                payoffs.append(self.number("a payoff"))
            self.next()
            if len(payoffs) != len(self.players):
                raise self.fail(
                    f"outcome {number} has {len(payoffs)} payoffs but there are {len(self.players)} players",
                    token,
                )
            if number == 0:
                raise self.fail("outcome 0 means no outcome and cannot have payoffs; number it from 1", token)
            self.outcomes[number] = payoffs
        if number not in self.outcomes:
            raise self.fail(f"outcome {number} is used before its payoffs are given", token)
        return self.outcomes[number]


def _add(a: list[Fraction], b: list[Fraction], n: int) -> list[Fraction]:
    a = a or [Fraction(0)] * n
    b = b or [Fraction(0)] * n
    return [x + y for x, y in zip(a, b, strict=True)]


@dataclass
class _Tree:
    """The nodes read so far, by preorder index."""

    labels: list[tuple[str, int]] = field(default_factory=list)  # (label, line) per node
    built: dict[int, Node | _Pending] = field(default_factory=dict)
    children_of: dict[int, list[int]] = field(default_factory=dict)


def _read_node(reader: _EfgReader, token: Token, tree: _Tree, stack: list[tuple[_Pending, int]]) -> None:
    """One node line (after its type letter); a terminal node closes every node it completes."""
    from bargaining.games.extensive_form import TerminalNode

    n = len(reader.players)
    label = reader.string("the node's name in double quotes")
    index = len(tree.labels)
    tree.labels.append((label, token.line))
    carried = stack[-1][0].carried if stack else []
    if token.text == "t":
        payoffs = _add(carried, reader.outcome(), n)
        tree.built[index] = TerminalNode(tuple(payoffs))
    else:
        player = 0
        if token.text == "p":
            player_token = reader.peek()
            player = reader.integer("the player's number", 1)
            if player > n:
                raise reader.fail(f"player {player} does not exist; the game has {n} players", player_token)
        infoset = reader.infoset(player, chance=token.text == "c")
        pending = _Pending(str(index), token.line, token.text, player, infoset)
        pending.carried = _add(carried, reader.outcome(), n)
        tree.children_of[index] = []
        if stack:
            tree.children_of[stack[-1][1]].append(index)
        stack.append((pending, index))
        return
    if stack:
        tree.children_of[stack[-1][1]].append(index)
    # close every node whose children are complete
    while stack and len(tree.children_of[stack[-1][1]]) == stack[-1][0].arity:
        done, done_index = stack.pop()
        tree.built[done_index] = done


def _read_tree(reader: _EfgReader) -> _Tree:
    """Every node line, in preorder; errors for text after the tree and missing subtrees."""
    tree = _Tree()
    stack: list[tuple[_Pending, int]] = []  # (node, its preorder index)
    while True:
        token = reader.next()
        if token.kind == "end":
            break
        if token.text not in ("p", "c", "t"):
            raise reader.fail(f"expected a node type p, c or t, found {reader.shown(token)}", token)
        if tree.labels and not stack:
            raise reader.fail("text after the end of the tree; the tree has only one root", token)
        _read_node(reader, token, tree, stack)
    if stack:
        pending, _ = stack[-1]
        missing = pending.arity - len(tree.children_of[stack[-1][1]])
        raise GameFormatError(
            f"the file ends before the tree does: the node on line {pending.line} still needs {missing} "
            "subtree(s), one per action",
            f"line {pending.line}",
        )
    if not tree.labels:
        raise reader.fail('the file has no nodes; add at least a terminal node \'t "" 1 "" { ... }\'')
    return tree


def parse_efg(text: str) -> ExtensiveFormGame:
    """The game tree described by ``.efg`` text.

    Raises
    ------
    GameFormatError
        If the text is not a valid ``.efg`` file (``location`` names the
        line): a bad header, a node of unknown type, an unknown player, an
        information set without actions or with different actions at two
        nodes, chance probabilities that do not sum to 1, an outcome with the
        wrong number of payoffs, a missing subtree or text after the tree.
    """
    from bargaining.games.extensive_form import ChanceNode, DecisionNode, ExtensiveFormGame

    reader = _EfgReader(text)
    title = reader.header()
    tree = _read_tree(reader)
    ids = _distinct_ids([label for label, _ in tree.labels])
    nodes: dict[str, Node] = {}
    for index, entry in tree.built.items():
        if not isinstance(entry, _Pending):
            nodes[ids[index]] = entry
            continue
        info = entry.infoset or _Infoset("", [])  # every decision and chance node has one
        children = tuple(ids[k] for k in tree.children_of[index])
        if entry.kind == "c":
            nodes[ids[index]] = ChanceNode(tuple(info.actions), children, tuple(info.probabilities))
        else:
            mover = reader.players[entry.player - 1]
            nodes[ids[index]] = DecisionNode(mover, tuple(info.actions), children, info.name)
    try:
        return ExtensiveFormGame(tuple(reader.players), nodes, ids[0], title)
    except SpecError as exc:  # pragma: no cover - the reader checks what the model would
        raise GameFormatError(str(exc)) from None


def _distinct_ids(labels: list[str]) -> list[str]:
    """Node ids: each label if non-empty and not taken, else ``node_<position>`` (from 1)."""
    taken = {label for label in labels if label}
    ids: list[str] = []
    used: set[str] = set()
    for k, label in enumerate(labels):
        candidate = label if label and label not in used else f"node_{k + 1}"
        while candidate in used or (candidate != label and candidate in taken):
            candidate += "'"
        used.add(candidate)
        ids.append(candidate)
    return ids


def read_efg(path: str | Path) -> ExtensiveFormGame:
    """The game in the ``.efg`` file at ``path`` (see :func:`parse_efg`)."""
    from bargaining.io import read_text

    text = read_text(path)
    try:
        return parse_efg(text)
    except GameFormatError as exc:
        raise GameFormatError(f"{path}: {exc.message}", exc.location) from None


def to_efg(game: ExtensiveFormGame, comment: str = "") -> str:
    """The ``.efg`` text of ``game``: nodes in preorder, exact numbers, one outcome per terminal node."""
    from bargaining.games.extensive_form import ChanceNode, DecisionNode

    players = " ".join(quote(p) for p in game.players)
    lines = [f"EFG 2 R {quote(game.title)} {{ {players} }}", quote(comment), ""]
    numbers: dict[str, int] = {}  # infoset name -> number within its player
    counts = [0] * (game.num_players + 1)
    outcome = 0
    for node_id, node in game.nodes.items():
        if isinstance(node, DecisionNode):
            player = game.players.index(node.player) + 1
            if node.infoset not in numbers:
                counts[player] += 1
                numbers[node.infoset] = counts[player]
                actions = " ".join(quote(a) for a in node.actions)
                infoset = f"{numbers[node.infoset]} {quote(node.infoset)} {{ {actions} }}"
            else:
                infoset = str(numbers[node.infoset])
            lines.append(f"p {quote(node_id)} {player} {infoset} 0")
        elif isinstance(node, ChanceNode):
            counts[0] += 1
            actions = " ".join(
                f"{quote(a)} {format_payoff(p)}"
                for a, p in zip(node.actions, node.probabilities, strict=True)
            )
            lines.append(f'c {quote(node_id)} {counts[0]} "" {{ {actions} }} 0')
        else:
            outcome += 1
            payoffs = ", ".join(format_payoff(v) for v in node.payoffs)
            lines.append(f't {quote(node_id)} {outcome} "" {{ {payoffs} }}')
    return "\n".join(lines) + "\n"


def write_efg(game: ExtensiveFormGame, path: str | Path, comment: str = "") -> None:
    """Write ``game`` to ``path`` as ``.efg`` (see :func:`to_efg`)."""
    Path(path).write_text(to_efg(game, comment), encoding="utf-8")
