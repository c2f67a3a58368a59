"""Reading and writing specs: the only place :mod:`bargaining` touches files.

A spec is a JSON document with ``"format": "bargaining"``, a ``"version"`` and a
``"kind"`` that says which model it describes. Each kind has a reader module
in this package, imported only when a spec of that kind is read, so that
``bargain --help`` stays instant.

=================  ==========================================  =====================
kind               model                                       reader
=================  ==========================================  =====================
``issue_space``    :class:`bargaining.BargainingProblem`       :mod:`.issue_space`
``utility_set``    :class:`bargaining.UtilitySet`              :mod:`.utility_space`
``frontier``       :class:`bargaining.Frontier`                :mod:`.utility_space`
``normal_form``    :class:`bargaining.NormalFormGame`          :mod:`.normal_form`
``rubinstein``     :class:`bargaining.AlternatingOffers`       :mod:`.rubinstein`
``war``            :class:`bargaining.WarBargaining`           :mod:`.war`
``extensive_form`` :class:`bargaining.ExtensiveFormGame`       :mod:`.extensive_form`
``bayesian``       a Bayesian game                             :mod:`.bayesian`
=================  ==========================================  =====================

Kinds are registered in :data:`bargaining.kinds.KINDS`.

Every file goes through one door, :func:`read` and :func:`write`, which pick
the format by suffix (:mod:`.files`): specs, Gambit ``.nfg`` and ``.efg``,
figures, results. Reading has limits, each refused with a clear error: only
regular files (not a directory, a named pipe or a device such as
``/dev/zero``) of at most :data:`MAX_FILE_BYTES` (20 MB); JSON nested at most
:data:`MAX_DEPTH` (100) levels, integers of at most :data:`MAX_INTEGER_DIGITS`
(309) digits (:mod:`.json_text`).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

from bargaining.errors import SpecError
from bargaining.io.fields import Fields, suggest
from bargaining.io.files import MAX_FILE_BYTES, read, read_text, schema_text, write, write_text
from bargaining.io.json_text import MAX_DEPTH, MAX_INTEGER_DIGITS, parse_json
from bargaining.kinds import KINDS

__all__ = [
    "FORMAT",
    "KINDS",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "MAX_INTEGER_DIGITS",
    "VERSION",
    "dumps",
    "load",
    "loads",
    "parse_json",
    "read",
    "read_spec",
    "read_text",
    "save",
    "schema_text",
    "write",
]

FORMAT = "bargaining"
VERSION = 1


def read_spec(data: Any) -> Any:
    """Build the model a parsed spec describes, dispatching on ``"kind"``."""
    fields = Fields(data, "")
    fmt = fields.string("format", FORMAT)
    if fmt != FORMAT:
        raise SpecError("format", f"expected {FORMAT!r}, got {fmt!r}; is this a bargaining spec?")
    version = fields.raw("version", VERSION)
    if isinstance(version, bool) or version != VERSION:
        raise SpecError(
            "version", f"version {version!r} is not supported; this release reads version {VERSION}"
        )
    kind = fields.string("kind", "issue_space")
    if kind not in KINDS:
        raise SpecError(
            "kind",
            f"unknown kind {kind!r}{suggest(kind, list(KINDS))} (known kinds: {', '.join(KINDS)})",
        )
    module = importlib.import_module(KINDS[kind].reader)
    return module.from_dict(data)


def loads(text: str, source: str = "spec") -> Any:
    """The model described by JSON ``text``."""
    return read_spec(parse_json(text, source))


def load(path: str | Path) -> Any:
    """The model described by the JSON spec at ``path``.

    Raises
    ------
    GameFormatError
        If the file cannot be read or is not JSON.
    SpecError
        If a field is missing or invalid; the error names its JSON path.
    """
    return loads(read_text(path), source=str(path))


def to_spec(model: Any) -> dict[str, Any]:
    """The JSON-ready spec of ``model`` (the inverse of :func:`read_spec`)."""
    spec_kind = getattr(model, "spec_kind", None)
    if spec_kind not in KINDS:
        raise TypeError(f"cannot write a {type(model).__name__} as a spec")
    module = importlib.import_module(KINDS[spec_kind].reader)
    spec: dict[str, Any] = module.to_dict(model)
    return spec


def dumps(model: Any) -> str:
    """``model`` as JSON text (2-space indent)."""
    return json.dumps(to_spec(model), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


def save(model: Any, path: str | Path) -> None:
    """Write ``model`` as a JSON spec to ``path``."""
    write_text(dumps(model), path)
