"""CITATION.cff: valid Citation File Format 1.2.0 keys, the version pyproject declares."""

from __future__ import annotations

import re
import tomllib

import pytest
from strategies import ROOT

import bargaining

CFF = ROOT / "CITATION.cff"
REQUIRED = ("cff-version", "message", "title", "authors")  # the format's required keys


def _top_level() -> dict[str, str]:
    """The top-level ``key: value`` lines (no YAML parser needed for these)."""
    keys = {}
    for line in CFF.read_text(encoding="utf-8").splitlines():
        match = re.match(r"^([a-z][a-z-]*):\s*(.*)$", line)
        if match:
            keys[match.group(1)] = match.group(2).strip().strip('"')
    return keys


def test_the_citation_file_has_the_required_keys_and_the_package_version() -> None:
    keys = _top_level()
    assert all(k in keys for k in REQUIRED)
    assert keys["cff-version"] == "1.2.0"
    assert keys["license"] == "MIT"
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    assert keys["version"] == version == bargaining.__version__
    assert "\t" not in CFF.read_text(encoding="utf-8")  # YAML forbids tabs for indentation


def test_the_citation_file_parses_as_yaml() -> None:
    yaml = pytest.importorskip("yaml")  # PyYAML comes with dask, in the test extra
    data = yaml.safe_load(CFF.read_text(encoding="utf-8"))
    assert data["authors"] == [{"name": "The bargaining developers"}]
    assert str(data["version"]) == bargaining.__version__
    for ref in data["references"]:
        assert ref["type"] == "article" and ref["authors"] and isinstance(ref["year"], int)
        assert re.fullmatch(r"10\.\d{4,5}/\S+", str(ref["doi"]))


def test_the_readme_says_how_to_cite() -> None:
    assert "## Cite" in (ROOT / "README.md").read_text(encoding="utf-8")
