"""Shared fixtures. Plain builders, paths and hypothesis strategies are in ``tests/strategies.py``."""

from __future__ import annotations

import json
import os
from importlib.resources import files
from typing import Any

import pytest
from hypothesis import settings

# The default suite draws the same examples on every run, so that a verdict (CI's included) does
# not depend on luck. HYPOTHESIS_PROFILE=explore draws new examples on every run and keeps the
# failures it finds in .hypothesis/, to hunt for bugs (run it before a release).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(scope="session")
def schema_validator() -> Any:
    """The spec schema (``schemas/bargaining.schema.json``), checked and compiled once per session."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(files("bargaining").joinpath("schemas/bargaining.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
