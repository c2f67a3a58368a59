"""Shared fixtures. Plain builders, paths and hypothesis strategies are in ``tests/strategies.py``."""

from __future__ import annotations

import json
from importlib.resources import files
from typing import Any

import pytest


@pytest.fixture(scope="session")
def schema_validator() -> Any:
    """The spec schema (``schemas/bargaining.schema.json``), checked and compiled once per session."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(files("bargaining").joinpath("schemas/bargaining.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)
