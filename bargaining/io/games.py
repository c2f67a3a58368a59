"""Strategic games from and to files: ``.json`` specs, Gambit ``.nfg`` (or ``.efg``, read
as the reduced normal form of the tree), through :func:`bargaining.io.read` and
:func:`~bargaining.io.write`.

Examples
--------
>>> import tempfile, pathlib
>>> from bargaining.games.normal_form import NormalFormGame
>>> game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="Pennies")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_game(game, folder / "pennies.nfg")
>>> read_game(folder / "pennies.nfg") == game
True
>>> write_game(game, folder / "pennies.json")
>>> read_game(folder / "pennies.json") == game
True
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from bargaining.errors import GameFormatError, SpecError
from bargaining.io.files import read, write

if TYPE_CHECKING:
    from bargaining.games.normal_form import NormalFormGame

__all__ = ["GAME_SUFFIXES", "read_game", "write_game"]

#: the file suffixes :func:`read_game` and :func:`write_game` understand
GAME_SUFFIXES = (".json", ".nfg", ".efg")


def _suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in GAME_SUFFIXES:
        raise GameFormatError(
            f"{path}: cannot tell the format from the suffix {suffix or '(none)'!r}; "
            "use .json for a bargaining spec, .nfg for Gambit's strategic-game format "
            "or .efg for Gambit's game-tree format"
        )
    return suffix


def read_game(path: str | Path) -> NormalFormGame:
    """The normal-form game in the file at ``path`` (``.json`` spec or Gambit ``.nfg``).

    A Gambit ``.efg`` file is read as the reduced normal form of its tree.

    Raises
    ------
    GameFormatError
        If the file cannot be read, has an unknown suffix, or is malformed
        (``.nfg`` errors name the line).
    SpecError
        If a JSON spec field is invalid (the error names its JSON path), or the
        spec is of another kind than ``normal_form``.
    """
    from bargaining.games.normal_form import NormalFormGame

    path = Path(path)
    suffix = _suffix(path)
    model = read(path)
    if suffix == ".efg":
        from bargaining.games.reduced import reduced_normal_form

        return reduced_normal_form(model).game
    if not isinstance(model, NormalFormGame):
        raise SpecError("kind", f"{path} is a {model.spec_kind!r} spec, not a normal_form game")
    return model


def write_game(game: NormalFormGame, path: str | Path, outcomes: bool = False) -> None:
    """Write ``game`` to ``path`` as a JSON spec or a Gambit ``.nfg`` file, by suffix.

    Parameters
    ----------
    game
        The game.
    path
        Where to write; ``.json`` or ``.nfg``.
    outcomes
        For ``.nfg``, write the outcome version instead of the payoff version.
    """
    path = Path(path)
    if _suffix(path) == ".efg":
        raise GameFormatError(
            f"{path}: a normal-form game cannot be written as a game tree; use .nfg or .json"
        )
    write(game, path, outcomes=outcomes)
