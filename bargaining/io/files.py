"""The one door for files: :func:`read` and :func:`write`, the format chosen by the suffix.

=============================  ===================================  ======================================
suffix                         :func:`read` gives                   :func:`write` takes
=============================  ===================================  ======================================
``.nfg``                       a :class:`~bargaining.NormalFormGame`  a normal-form game (Gambit's format)
``.efg``                       an extensive-form game               a game tree (Gambit's format)
``.png``, ``.svg``, ``.pdf``   --                                   a figure (anything with ``savefig``)
``.json``                      the model of a bargaining spec       a model (a spec), or a result's
                                                                    ``to_dict()``
``.csv``                       --                                   a result's ``to_csv()`` or
                                                                    ``to_records()``
=============================  ===================================  ======================================

Any other suffix is read as a JSON spec (as ``bargain solve`` always has) and
refused for writing.

:func:`read_text`, which every reader goes through, reads only regular files
(a directory, a named pipe with no writer or ``/dev/zero`` would hang or never
end) of at most :data:`MAX_FILE_BYTES` bytes.

Examples
--------
>>> import tempfile, pathlib
>>> from bargaining.games.normal_form import NormalFormGame
>>> game = NormalFormGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], title="Pennies")
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write(game, folder / "pennies.nfg")
>>> read(folder / "pennies.nfg") == game
True
"""

from __future__ import annotations

import json
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bargaining.errors import GameFormatError

__all__ = [
    "FIGURE_FORMATS",
    "MAX_FILE_BYTES",
    "TEXT_FORMATS",
    "check_writable",
    "discard_standard_output",
    "read",
    "read_text",
    "schema_text",
    "write",
    "write_text",
]

#: suffixes :func:`write` saves a figure in (with ``savefig``)
FIGURE_FORMATS = (".png", ".svg", ".pdf")
#: suffixes :func:`write` writes text in
TEXT_FORMATS = (".json", ".nfg", ".efg", ".csv")
#: the largest file :func:`read_text` reads: 20 MB (the shipped specs have a few kB)
MAX_FILE_BYTES = 20_000_000

#: what :func:`read_text` calls a file that is not regular, by its ``stat`` test
_NOT_REGULAR = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read(path: str | Path) -> Any:
    """The model in the file at ``path``: Gambit ``.nfg`` or ``.efg``, else a JSON spec.

    Raises
    ------
    GameFormatError
        If the file cannot be read or is malformed (the error names the line or key).
    SpecError
        If a JSON spec field is invalid; the error names its JSON path.
    """
    suffix = Path(path).suffix.lower()
    if suffix == ".nfg":
        from bargaining.io.nfg import read_nfg

        return read_nfg(path)
    if suffix == ".efg":
        from bargaining.io.efg import read_efg

        return read_efg(path)
    from bargaining.io import load

    return load(path)


def read_text(path: str | Path) -> str:
    """The UTF-8 text of the regular file at ``path``, or a :class:`GameFormatError` saying why not.

    The file is checked before it is opened: a directory, a named pipe, a
    device (``/dev/zero``) or a file over :data:`MAX_FILE_BYTES` is refused,
    so that reading never blocks or runs without end.
    """
    path = Path(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise GameFormatError(f"no such file: {path}") from None
    except (OSError, ValueError) as exc:
        raise GameFormatError(f"cannot read {path}: {getattr(exc, 'strerror', None) or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        what = next((name for test, name in _NOT_REGULAR if test(info.st_mode)), "not a file")
        raise GameFormatError(f"cannot read {path}: it is {what}, not a regular file; give a file's path")
    too_big = f"cannot read {path}: it is over the {MAX_FILE_BYTES // 1_000_000} MB limit of input files"
    if info.st_size > MAX_FILE_BYTES:
        raise GameFormatError(f"{too_big} ({info.st_size / 1e6:.1f} MB); is it the right file?")
    try:
        with path.open(encoding="utf-8") as handle:
            text = handle.read(MAX_FILE_BYTES + 1)  # bounded: a file may grow, or report size 0 (/proc)
    except UnicodeDecodeError as exc:
        raise GameFormatError(
            f"cannot read {path}: it is not UTF-8 text (byte {exc.start}: {exc.reason}); save it as UTF-8"
        ) from None
    except OSError as exc:
        raise GameFormatError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(text) > MAX_FILE_BYTES:
        raise GameFormatError(f"{too_big}; is it the right file?")
    return text


def check_writable(path: str | Path) -> None:
    """Raise a :class:`GameFormatError` if a file cannot be written at ``path``; write nothing.

    A file that does not exist yet is created and removed again, the one test
    that holds everywhere (a missing folder, ``/proc``, a read-only disk,
    permissions); an existing file is opened to append, which changes nothing.
    """
    path = Path(path)
    try:
        if path.exists():
            with path.open("ab"):
                pass
        else:
            path.open("xb").close()
            path.unlink()
    except OSError as exc:
        why = exc.strerror or exc
        raise GameFormatError(
            f"cannot write {str(path)!r}: {why}; choose a folder that exists and you can write to"
        ) from None


def discard_standard_output() -> None:
    """Point the process's stdout at the null device: after a closed pipe or a full disk, exit quietly.

    What is still buffered then goes nowhere, instead of failing again (with
    an "Exception ignored" message) when Python flushes stdout at exit. A
    stream without a file descriptor (a test runner's) is left alone.
    """
    import os
    import sys

    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, ValueError, AttributeError):
        pass


def write(obj: Any, path: str | Path, *, format: str | None = None, outcomes: bool = False) -> None:
    """Write ``obj`` to ``path`` in the format of its suffix (or of ``format``).

    Parameters
    ----------
    obj
        A model or game, a figure (``savefig``), or a result (``to_dict``, ``to_csv``).
    path
        Where to write.
    format
        A suffix (``"nfg"`` or ``".nfg"``, ...) to use instead of the path's.
    outcomes
        For ``.nfg``, write the outcome version instead of the payoff version.

    Raises
    ------
    GameFormatError
        For a suffix that does not fit ``obj``, or a file that cannot be written.
    """
    suffix = _suffix(path, format)
    if hasattr(obj, "savefig"):
        if suffix not in FIGURE_FORMATS:
            raise GameFormatError(
                f"cannot write a figure to {str(path)!r}: use a .png, .svg or .pdf file name"
            )
        _guard(path, lambda: obj.savefig(path, dpi=150 if suffix == ".png" else None))
        return
    write_text(text_of(obj, suffix, str(path), outcomes), path)


def text_of(obj: Any, suffix: str, where: str = "file", outcomes: bool = False) -> str:
    """``obj`` as the text of a ``suffix`` file (``.json``, ``.nfg``, ``.efg``, ``.csv``)."""
    if suffix == ".nfg":
        from bargaining.io.nfg import to_nfg

        return to_nfg(obj, outcomes=outcomes)
    if suffix == ".efg":
        from bargaining.io.efg import to_efg

        return to_efg(obj)
    if suffix == ".json" and hasattr(obj, "spec_kind"):
        from bargaining.io import dumps

        return dumps(obj)
    if suffix == ".json" and hasattr(obj, "to_dict"):
        return json.dumps(obj.to_dict(), indent=2, allow_nan=False) + "\n"
    if suffix == ".csv" and (hasattr(obj, "to_csv") or hasattr(obj, "to_records")):
        return str(obj.to_csv()) if hasattr(obj, "to_csv") else records_csv(obj.to_records())
    raise GameFormatError(
        f"cannot write a {type(obj).__name__} to {where!r}: use one of "
        f"{', '.join(TEXT_FORMATS + FIGURE_FORMATS)} as fits it"
    )


def records_csv(records: list[dict[str, Any]]) -> str:
    """Records (dicts) as CSV text: a header of every key in order of appearance, blanks for ``None``."""
    import csv
    import io

    header: dict[str, None] = {}
    for record in records:
        header.update(dict.fromkeys(record))
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(list(header))
    for record in records:
        writer.writerow(["" if record.get(c) is None else record.get(c) for c in header])
    return buffer.getvalue()


def write_text(text: str, path: str | Path) -> None:
    """Write UTF-8 ``text`` to ``path``, or raise a :class:`GameFormatError` saying why not."""
    _guard(path, lambda: Path(path).write_text(text, encoding="utf-8"))


def schema_text() -> str:
    """The JSON Schema that spec files follow (``bargaining/schemas/bargaining.schema.json``)."""
    from importlib.resources import files

    return files("bargaining").joinpath("schemas/bargaining.schema.json").read_text(encoding="utf-8")


def _suffix(path: str | Path, format: str | None) -> str:
    if format is not None:
        return "." + format.lower().lstrip(".")
    return Path(path).suffix.lower()


def _guard(path: str | Path, action: Callable[[], object]) -> None:
    try:
        action()
    except OSError as exc:
        raise GameFormatError(f"cannot write {path}: {exc.strerror or exc}") from None
