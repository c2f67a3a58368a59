"""Numbers in game files a hostile or careless user might write: refused quickly, naming where (issue 10).

Before the limits, a payoff ``"1e999999999"`` (or ``1e-999999999``) in a JSON
game, an ``.nfg`` or an ``.efg`` ran until killed: ``Fraction`` computed a
billion-digit power of ten. The stated limits are in
:mod:`bargaining.games.spec_data`: at most 1000 characters, a decimal exponent
of at most 1000 in size, a value within the range of floating point.
"""

from __future__ import annotations

import copy
import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from strategies import ROOT, run

from bargaining.errors import GameFormatError, SpecError
from bargaining.games.spec_data import MAX_DECIMAL_EXPONENT, exact_rational
from bargaining.io import read_spec
from bargaining.io.efg import parse_efg
from bargaining.io.nfg import parse_nfg

HOSTILE = ["1e999999999", "1e-999999999", "-2E+99999999999", "1" * 5000, "7e309", "1/0"]
REASONS = {
    "1e999999999": "exponent 999999999 is beyond the limit of 1000",
    "1e-999999999": "exponent -999999999 is beyond the limit of 1000",
    "-2E+99999999999": "exponent +99999999999 is beyond",
    "1" * 5000: "5000 characters, beyond the limit of 1000",
    "7e309": "beyond the range of floating point",
    "1/0": "divides by zero",
}


@contextmanager
def within(seconds: float = 5.0) -> Iterator[None]:
    start = time.perf_counter()
    yield
    assert time.perf_counter() - start < seconds


def spec(name: str) -> Any:
    return json.loads((ROOT / "games" / name).read_text())


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: t[:15])
def test_exact_rational_refuses_each_hostile_number_quickly(text: str) -> None:
    with within(), pytest.raises(ValueError, match=re.escape(REASONS[text][:30])):
        exact_rational(text)


def test_exact_rational_keeps_the_numbers_files_use() -> None:
    assert exact_rational("2.5e-3") == Fraction(1, 400)
    assert exact_rational(" -1/3 ") == Fraction(-1, 3)
    assert exact_rational(".75") == Fraction(3, 4)
    assert exact_rational("1e308") == 10**308
    assert exact_rational(f"1e-{MAX_DECIMAL_EXPONENT}") == Fraction(1, 10**MAX_DECIMAL_EXPONENT)


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: t[:15])
def test_a_json_payoff_string_is_refused_with_its_path(text: str) -> None:
    data = spec("chicken.json")
    data["payoffs"]["driver_1"][0][0] = text
    with within(), pytest.raises(SpecError) as info:
        read_spec(data)
    assert info.value.path == "payoffs.driver_1[0][0]"
    assert REASONS[text][:30] in str(info.value)


@pytest.mark.parametrize(
    ("value", "reason"),
    [(float("inf"), "beyond the range of floating point"), (10**400, "integer of 401 digits")],
)
def test_a_json_payoff_number_beyond_float_is_refused(value: Any, reason: str) -> None:
    # json reads 1e999999999 as inf; a 401-digit integer stays an int until here.
    data = spec("chicken.json")
    data["payoffs"]["driver_2"][1][0] = value
    with within(), pytest.raises(SpecError, match=reason) as info:
        read_spec(data)
    assert info.value.path == "payoffs.driver_2[1][0]"


def test_a_tree_payoff_and_a_bayesian_probability_are_bounded() -> None:
    tree = spec("kursk_tree.json")
    node = next(v for v in tree["nodes"].values() if "payoffs" in v)
    first = next(iter(node["payoffs"]))
    payoffs = node["payoffs"]
    if isinstance(payoffs, dict):
        payoffs[first] = "1e999999999"
    else:
        payoffs[0] = "1e999999999"
    with within(), pytest.raises(SpecError, match="exponent 999999999"):
        read_spec(tree)
    bayes = spec("bos_uncertain_preferences.json")
    broken = copy.deepcopy(bayes)
    broken["players"][1]["types"][0]["probability"] = "1e-999999999"
    with within(), pytest.raises(SpecError, match="exponent -999999999") as info:
        read_spec(broken)
    assert "probability" in info.value.path


@pytest.mark.parametrize("text", ["1e999999999", "1e-999999999", "1" * 5000])
def test_nfg_and_efg_payoffs_are_refused_with_their_line(text: str) -> None:
    # The Gambit tokenizer refuses a number over 400 characters before it is parsed.
    reason = "5000 characters, beyond the largest number" if len(text) > 400 else REASONS[text][:30]
    nfg = (ROOT / "games" / "gambit_3x3x3.nfg").read_text().replace("1.131", text, 1)
    with within(), pytest.raises(GameFormatError, match=re.escape(reason)) as info:
        parse_nfg(nfg)
    assert info.value.location == "line 8"
    efg = (ROOT / "games" / "selten_horse.efg").read_text().replace("{ 4, 4, 0 }", f"{{ {text}, 4, 0 }}")
    with within(), pytest.raises(GameFormatError, match=re.escape(reason)) as info:
        parse_efg(efg)
    assert info.value.location == "line 8"


def test_the_cli_exits_2_on_a_hostile_payoff(tmp_path: Path) -> None:
    nfg = tmp_path / "hostile.nfg"
    nfg.write_text((ROOT / "games" / "gambit_3x3x3.nfg").read_text().replace("1.131", "1e999999999", 1))
    with within():
        code, out, err = run("equilibria", str(nfg))
    assert code == 2
    assert "exponent 999999999" in err and "Traceback" not in out + err


RENAMED = """EFG 2 R "entry" { "entrant" "incumbent" }
""
p "root" 1 1 "enter" { "in" "out" } 0
p "n1" 2 1 "respond" { "fight" "yield" } 0
t "t1" 1 "" { 0, 0 }
t "t2" 2 "" { 1, 1 }
p "n2" 2 1 "respond" { "u" "d" } 0
t "t3" 3 "" { 2, 2 }
t "t4" 4 "" { 3, 3 }
"""


def test_an_information_set_that_reappears_with_other_action_names_is_refused() -> None:
    # It used to read {fight, yield} at node n2 as well, renaming u and d silently.
    with pytest.raises(GameFormatError) as info:
        parse_efg(RENAMED)
    message = str(info.value)
    assert info.value.location == "line 7"
    assert "'respond'" in message and "{fight, yield}" in message and "{u, d}" in message


def test_an_information_set_may_repeat_its_actions_or_leave_them_out() -> None:
    same = parse_efg(RENAMED.replace('{ "u" "d" }', '{ "fight" "yield" }'))
    omitted = parse_efg(RENAMED.replace(' "respond" { "u" "d" }', ""))
    assert same == omitted
    assert {infoset.actions for infoset in same.infosets} >= {("fight", "yield")}


def test_a_parameter_of_five_thousand_digits_is_a_spec_error() -> None:
    from bargaining.model.parameters import Parameter

    with (
        within(),
        pytest.raises(SpecError, match="integer of about 5000 digits: beyond the range of floating point"),
    ):
        Parameter("held", 10**5000 - 1)
