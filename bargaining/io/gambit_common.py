"""What Gambit's two text formats (``.nfg`` and ``.efg``) share: tokens, a cursor, names, numbers.

Both formats are whitespace-separated tokens: double-quoted strings (``\"``
for a quote), braces, commas and words (numbers such as ``3``, ``-1.25``,
``1/3``, ``2e-3``, read exactly as :class:`fractions.Fraction`).
:class:`GambitReader` walks them with errors that name the line.

References
----------
The Gambit Project, *Game representation formats*,
https://gambitproject.readthedocs.io/en/latest/formats.html

Examples
--------
>>> reader = GambitReader('{ "a" "b" } 1/3')
>>> reader.strings("names"), reader.number("a number")
(['a', 'b'], Fraction(1, 3))
>>> format_payoff(Fraction(1, 8)), format_payoff(Fraction(1, 3))
('0.125', '1/3')
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any

from bargaining.errors import GameFormatError
from bargaining.games.spec_data import exact_rational

__all__ = ["GambitReader", "Token", "distinct_names", "format_payoff", "quote", "tokenize", "unquote"]

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<string>"(?:[^"\\]|\\.)*")
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<comma>,)
  | (?P<word>[^\s{}",]+)
    """,
    re.VERBOSE | re.DOTALL,
)
#: the longest word (number) a Gambit file may have: a longer one is beyond any float (1.8e308)
MAX_WORD_CHARACTERS = 400
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(/\d+)?")


@dataclass(frozen=True, slots=True)
class Token:
    """One token of a Gambit file, with its line."""

    kind: str  # "string", "open", "close", "comma", "word" or "end"
    text: str
    line: int


def tokenize(text: str) -> list[Token]:
    """The tokens of ``text``, spaces dropped, ending with an ``end`` token."""
    tokens: list[Token] = []
    line = 1
    pos = 0
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if match is None:  # an unterminated string
            raise GameFormatError("a string is not closed; add the missing double quote", f"line {line}")
        kind = match.lastgroup or "space"
        chunk = match.group()
        if kind == "word" and len(chunk) > MAX_WORD_CHARACTERS:
            raise GameFormatError(
                f"the number {chunk[:20]}... has {len(chunk)} characters, beyond the largest number a "
                f"payoff can hold (about 1.8e308, at most {MAX_WORD_CHARACTERS} characters); "
                "use a value of smaller magnitude",
                f"line {line}",
            )
        if kind != "space":
            tokens.append(Token(kind, chunk, line))
        line += chunk.count("\n")
        pos = match.end()
    tokens.append(Token("end", "", line))
    return tokens


def unquote(text: str) -> str:
    """A quoted string's text, escapes resolved."""
    return re.sub(r"\\(.)", r"\1", text[1:-1])


def quote(text: str) -> str:
    """``text`` in double quotes, quotes and backslashes escaped."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class GambitReader:
    """A cursor over the tokens, with errors that name the line."""

    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.pos = 0

    def peek(self) -> Token:
        return self.tokens[self.pos]

    def next(self) -> Token:
        token = self.tokens[self.pos]
        if token.kind != "end":
            self.pos += 1
        return token

    def fail(self, message: str, token: Token | None = None) -> GameFormatError:
        token = token or self.peek()
        return GameFormatError(message, f"line {token.line}")

    @staticmethod
    def shown(token: Token) -> str:
        return "the end of the file" if token.kind == "end" else repr(token.text)

    def expect(self, kind: str, what: str) -> Token:
        token = self.next()
        if token.kind != kind:
            raise self.fail(f"expected {what}, found {self.shown(token)}", token)
        return token

    def string(self, what: str) -> str:
        return unquote(self.expect("string", what).text)

    def number(self, what: str) -> Fraction:
        token = self.next()
        if token.kind != "word" or not _NUMBER.fullmatch(token.text):
            raise self.fail(f"expected {what}, found {self.shown(token)}; write e.g. 2, -1.5 or 1/3", token)
        try:
            return exact_rational(token.text)
        except ValueError as exc:
            shown = token.text if len(token.text) <= 40 else token.text[:37] + "..."
            raise self.fail(f"{what} {shown!r}: {exc}", token) from None

    def integer(self, what: str, minimum: int) -> int:
        token = self.peek()
        value = self.number(what)
        if value.denominator != 1 or value < minimum:
            raise self.fail(f"expected {what} (an integer >= {minimum}), found {token.text!r}", token)
        return int(value)

    def strings(self, what: str) -> list[str]:
        """``{ "a" "b" ... }``: distinct names; empty ones become ``""``."""
        self.expect("open", f"'{{' opening the {what}")
        names: list[str] = []
        while self.peek().kind == "string":
            token = self.peek()
            name = self.string(what)
            if name and name in names:
                raise self.fail(f"the name {name!r} is repeated in the {what}; names must be distinct", token)
            names.append(name)
        self.expect("close", f"a quoted name or '}}' closing the {what}")
        return names


def distinct_names(names: list[str], prefix: str) -> list[str]:
    """Names with empty ones replaced by ``prefix + position`` (primed if that is taken)."""
    out: list[str] = []
    for k, name in enumerate(names):
        candidate = name or f"{prefix}{k}"
        while candidate in out or (not name and candidate in names):
            candidate += "'"
        out.append(candidate)
    return out


def format_payoff(value: Any) -> str:
    """A payoff as ``.nfg`` writes it: an integer, ``p/q`` or a plain decimal."""
    if isinstance(value, Fraction):
        if value.denominator == 1:
            return str(value.numerator)
        twos = fives = 0
        rest = value.denominator
        while rest % 2 == 0:
            rest, twos = rest // 2, twos + 1
        while rest % 5 == 0:
            rest, fives = rest // 5, fives + 1
        if rest == 1:  # a terminating decimal: write it exactly, e.g. 1.131
            places = max(twos, fives)
            scaled = value.numerator * 10**places // value.denominator
            return format(Decimal(scaled).scaleb(-places), "f")
        return f"{value.numerator}/{value.denominator}"
    number = float(value)
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f")
