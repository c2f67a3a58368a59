"""Reading an actor table from any of its files: a JSON spec, a CSV (common or KTAB layout), KTAB XML."""

from __future__ import annotations

from pathlib import Path

from bargaining.errors import SpecError
from bargaining.io.files import read_text
from bargaining.model.stakeholders import StakeholderTable

__all__ = ["read_table"]


def read_table(path: str | Path, *, salience_scale: float = 1.0) -> StakeholderTable:
    """The actor table in the file at ``path``, by suffix.

    ``.csv``: KTAB's scenario layout if its first line says
    ``name, desc, numActors, numDims``, else ``Actor,Capability,Position1,Salience1,...``
    with saliences on ``salience_scale``; anything else: a JSON spec of kind
    ``stakeholders``.

    Raises
    ------
    SpecError
        Naming the row and column (CSV) or the JSON path of the first bad value.
    """
    suffix = Path(path).suffix.lower()
    text = read_text(path)
    if suffix == ".csv":
        from bargaining.io.stakeholder_csv import from_csv_text, from_ktab_csv, looks_like_ktab

        if looks_like_ktab(text):
            return from_ktab_csv(text)[0]
        return from_csv_text(text, salience_scale=salience_scale, name=Path(path).stem)
    if suffix == ".xml":
        from bargaining.io.stakeholder_xml import from_ktab_xml

        return from_ktab_xml(text)[0]
    from bargaining.io import loads

    model = loads(text, source=str(path))
    if not isinstance(model, StakeholderTable):
        raise SpecError("kind", f"expected a spec of kind 'stakeholders', got {model.spec_kind!r}")
    return model
