"""Fuzzing the readers: any change to a shipped spec is read, or refused in one line, never a traceback.

Issue 10: "a fuzz test (hypothesis over the JSON schema and over formula strings) asserts that no
input produces a traceback". Formula strings are fuzzed in ``test_expression_limits.py``; here each
example takes a shipped spec, replaces one value anywhere in it (or deletes it, or adds an unknown
key) with arbitrary JSON, and runs ``bargain validate`` on the result.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import ROOT, invoke

SPECS = sorted(p for p in (ROOT / "games").glob("*.json"))

TEXT = st.sampled_from(
    ["", "x", "1/0", "sqrt(-1)", "9**9**9", "__import__('os')", "nan", "1e999", "a" * 200, "µ", "ﬁ", "[]"]
) | st.text(max_size=12)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**6), 10**6)
    | st.sampled_from([10**400, -(10**400), 2**63])
    | st.floats(allow_nan=False, allow_infinity=False)
    | TEXT
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXT, inner, max_size=3),
    max_leaves=6,
)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path into a JSON document (keys and indices), the root included."""
    found = [prefix]
    if isinstance(node, dict):
        for key, child in node.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(node, list):
        for index, child in enumerate(node):
            found += _paths(child, (*prefix, index))
    return found


@st.composite
def mutated_specs(draw: st.DrawFn) -> Any:
    data = json.loads(draw(st.sampled_from(SPECS)).read_text())
    path = draw(st.sampled_from(_paths(data)))
    if not path:
        return draw(VALUES)
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    action = draw(st.sampled_from(["replace", "delete", "extra"]))
    if action == "delete":
        del parent[path[-1]]
    elif action == "extra" and isinstance(parent, dict):
        parent[draw(TEXT)] = draw(VALUES)
    else:
        parent[path[-1]] = draw(VALUES)
    return data


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=mutated_specs())
def test_no_change_to_a_spec_gets_a_traceback(spec: Any) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "spec.json"
        path.write_text(json.dumps(spec))
        started = time.process_time()
        result = invoke("validate", str(path))
        assert time.process_time() - started < 5
    assert result.exit_code in (0, 2), (result.output, result.exception)
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert len(result.output.strip().splitlines()) == 1, result.output
