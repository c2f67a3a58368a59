"""Unicode lookalikes in names (issue 10): declared names read as formulas read them (NFKC).

Python's parser normalises every identifier in a formula to NFKC (``ﬁ`` reads
``fi``, the micro sign ``µ`` reads the Greek ``μ``; Python Language Reference,
"Identifiers and keywords"). Declared names were kept as written, so a formula's
``ﬁ`` silently read the parameter ``fi`` and a parameter named ``µ`` could never
be used. Declared names are now normalised the same way, and two names that
read the same are refused naming both paths.
"""

from __future__ import annotations

import copy
import json
import unicodedata
from typing import Any

import pytest
from strategies import ROOT

from bargaining.errors import SpecError
from bargaining.io import read_spec
from bargaining.model.parameters import Parameter, check_name

MICRO, MU, LIGATURE = "\u00b5", "\u03bc", "\ufb01"


def dollar(**changes: Any) -> Any:
    data = json.loads((ROOT / "games" / "divide_the_dollar.json").read_text())
    data = copy.deepcopy(data)
    for path, value in changes.items():
        target = data
        *heads, last = path.split("__")
        for head in heads:
            target = target[int(head)] if head.isdigit() else target[head]
        target[int(last) if last.isdigit() else last] = value
    return data


def test_the_normal_forms_are_what_pythons_parser_uses() -> None:
    import ast

    # The premise of the fix, checked against the parser itself, not against our function.
    for written, read in ((MICRO, MU), (LIGATURE, "fi")):
        body = ast.parse(written, mode="eval").body
        assert isinstance(body, ast.Name) and body.id == read
    assert unicodedata.normalize("NFKC", MICRO) == MU


def test_a_parameter_named_with_the_micro_sign_can_be_used() -> None:
    problem = read_spec(
        dollar(parameters__0__name=MICRO, parties__0__disagreement=f"{MICRO} + 0", parameters__0__value=0.25)
    )
    assert [p.name for p in problem.parameters][0] == MU
    assert problem.parameter_values()[MU] == 0.25
    # --set with the name as declared (the micro sign) finds it.
    assert problem.with_parameters({MICRO: 0.5}).parameter_values()[MU] == 0.5


def test_two_parameters_that_read_the_same_are_refused_naming_both() -> None:
    data = dollar(parameters__0__name="fi", parameters__1__name=LIGATURE)
    with pytest.raises(SpecError, match=r"used twice, here and at parameters\[0\]\.name") as info:
        read_spec(data)
    assert info.value.path == "parameters[1].name"


def test_an_issue_and_a_parameter_that_read_the_same_are_refused() -> None:
    data = dollar(parameters__0__name=MU, issues__0__name=MICRO, parties__0__utility=MICRO)
    data["parties"][1]["utility"] = f"1 - {MU}"
    with pytest.raises(SpecError, match="names both an issue and a parameter .*NFKC"):
        read_spec(data)


def test_a_name_that_normalises_to_a_dunder_is_refused() -> None:
    with pytest.raises(SpecError, match="not a valid name"):
        check_name("\uff3f\uff3fimport", "name")  # full-width low lines: NFKC gives "__import"
    assert Parameter(LIGATURE, 0.5).name == "fi"
