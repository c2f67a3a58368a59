"""Reading actor tables: the JSON spec (kind stakeholders), the common CSV layout, KTAB's CSV and XML.

Bad input is one line naming the field (JSON path) or the row and column (CSV), and the CLI exits 2.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from strategies import run

from bargaining.errors import SpecError
from bargaining.io import loads, to_spec
from bargaining.io.stakeholder_csv import from_csv_text, from_ktab_csv, looks_like_ktab
from bargaining.io.stakeholder_xml import from_ktab_xml

SPEC: dict[str, Any] = {
    "format": "bargaining",
    "version": 1,
    "kind": "stakeholders",
    "description": "hand-made",
    "salience_scale": 100,
    "issues": [{"name": "land", "lower": 0, "upper": 100, "lower_label": "none", "upper_label": "all"}],
    "actors": [
        {
            "name": "A",
            "capability": 1,
            "positions": {"land": 0},
            "saliences": {"land": 100},
            "sources": {"capability": "assumption"},
        },
        {"name": "B", "capability": 2, "positions": [10], "saliences": [50]},
    ],
}

CSV = (
    "Actor,Capability,Position1,Salience1,Position2,Salience2\n"
    "A,1,0,1,20,0.5\nB,2,100,0.5,50,1\nC,1,40,0.5,80,0.2\n"
)


def with_change(path: tuple[Any, ...], value: Any) -> str:
    spec = json.loads(json.dumps(SPEC))
    node = spec
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    return json.dumps(spec)


def test_json_reads_and_round_trips(schema_validator: Any) -> None:
    table = loads(json.dumps(SPEC))
    assert table.saliences.tolist() == [[1.0], [0.5]]
    assert table.issues[0].upper_label == "all"
    again = loads(json.dumps(to_spec(table)))
    assert again == table
    schema_validator.validate(SPEC)
    schema_validator.validate(to_spec(table))


@pytest.mark.parametrize(
    ("path", "value", "where"),
    [
        (("actors", 1, "saliences"), [150], "actors[1].saliences[0]"),
        (("actors", 0, "saliences"), {"land": -1}, "actors[0].saliences.land"),
        (("actors", 1, "positions"), [120], "actors[1].positions[0]"),
        (("actors", 1, "capability"), 0, "actors[1].capability"),
        (("actors", 1, "name"), "A", "actors[1].name"),
        (("actors", 0, "positions"), {"lnd": 0}, "actors[0].positions.lnd"),
        (("issues", 0, "upper"), -5, "issues[0].upper"),
        (("salience_scale",), 10, "salience_scale"),
        (("actors", 0, "sources"), {"capabilty": "x"}, "actors[0].sources.capabilty"),
    ],
)
def test_json_errors_name_the_field(path: tuple[Any, ...], value: Any, where: str) -> None:
    with pytest.raises(SpecError) as info:
        loads(with_change(path, value))
    assert info.value.path == where


def test_csv_common_layout() -> None:
    table = from_csv_text(CSV)
    assert table.actors_names == ("A", "B", "C")
    assert table.positions.tolist() == [[0, 20], [100, 50], [40, 80]]
    assert table.saliences[1].tolist() == [0.5, 1.0]
    assert (
        from_csv_text(
            CSV.replace("0.5,50,1", "50,50,100")
            .replace("A,1,0,1,20,0.5", "A,1,0,100,20,50")
            .replace("C,1,40,0.5,80,0.2", "C,1,40,50,80,20"),
            salience_scale=100,
        ).saliences.tolist()
        == table.saliences.tolist()
    )


@pytest.mark.parametrize(
    ("text", "where"),
    [
        (CSV.replace("B,2,100,0.5", "B,2,100,1.5"), "row 3, column Salience1"),
        (CSV.replace("C,1,40", "C,1,140"), "row 4, column Position1"),
        (CSV.replace("B,2,", "B,0,"), "row 3, column Capability"),
        (CSV.replace("B,2,", "B,,"), "row 3, column Capability"),
        (CSV.replace("C,1,", "A,1,"), "row 4, column Actor"),
        (CSV.replace(",Salience2", ""), "row 1"),
        (CSV.replace("Capability", "Clout"), "row 1"),
        (CSV.replace("A,1,0,1", "A,1,zero,1"), "row 2, column Position1"),
    ],
)
def test_csv_errors_name_row_and_column(text: str, where: str) -> None:
    with pytest.raises(SpecError) as info:
        from_csv_text(text)
    assert info.value.path == where


KTAB_CSV = (
    'Tiny ,"a test",3,2,\nActor,Description,Power,Pstn1,Sal1,Pstn2,Sal2,\n'
    "X, first, 10, 20, 30, 40, 50,\nY, second, 20, 60, 40, 10, 20,\nZ, third, 5, 90, 10, 70, 80,\n"
)


def test_ktab_csv() -> None:
    assert looks_like_ktab(KTAB_CSV) and not looks_like_ktab(CSV)
    table, info = from_ktab_csv(KTAB_CSV)
    assert info["name"] == "Tiny" and table.issue_names == ("Pstn1", "Pstn2")
    assert table.saliences[0].tolist() == [0.3, 0.5] and table.positions[2].tolist() == [90, 70]
    with pytest.raises(SpecError, match=r"row 5, column sal_1: 'Z''s saliences sum to 110"):
        from_ktab_csv(KTAB_CSV.replace("90, 10, 70, 80", "90, 30, 70, 80"))
    with pytest.raises(SpecError, match="row 1, column numActors"):
        from_ktab_csv(KTAB_CSV.replace(",3,2,", ",4,2,"))


XML = """<?xml version="1.0"?><Scenario><name>S</name><desc>d</desc><prngSeed>7</prngSeed>
<Dimensions><dName>D1</dName></Dimensions><Actors>
<Actor><name>A</name><description>x</description><capability>1</capability>
<Position><dCoord>10</dCoord></Position><Salience><dSal>50</dSal></Salience></Actor>
<Actor><name>B</name><description>y</description><capability>2</capability>
<Position><dCoord>90</dCoord></Position><Salience><dSal>100</dSal></Salience></Actor>
<Actor><name>C</name><description>z</description><capability>3</capability>
<Position><dCoord>40</dCoord></Position><Salience><dSal>20</dSal></Salience></Actor></Actors>
<IdealAdjustment><iaPair><adjustingIdeal>A</adjustingIdeal><referencePos>B</referencePos><adjust>0.5</adjust></iaPair>
</IdealAdjustment></Scenario>"""


def test_ktab_xml() -> None:
    table, info = from_ktab_xml(XML)
    assert table.saliences[:, 0].tolist() == [0.5, 1.0, 0.2]
    assert info["seed"] == 7 and info["ideal_adjustment"] == [(0, 1, 0.5)]
    with pytest.raises(SpecError, match=r"Actors/Actor\[0\]/Position/dCoord\[0\]: missing"):
        from_ktab_xml(XML.replace("<dCoord>10</dCoord>", "<dCoord></dCoord>"))
    with pytest.raises(SpecError, match="unknown actor 'Q'"):
        from_ktab_xml(XML.replace("<referencePos>B", "<referencePos>Q"))


def test_cli_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(CSV.replace("B,2,100,0.5", "B,2,100,1.5"))
    code, out, err = run("forecast", str(bad))
    assert code == 2 and out == ""
    assert err.strip().count("\n") == 0 and "row 3, column Salience1" in err
    spec = tmp_path / "bad.json"
    spec.write_text(with_change(("actors", 1, "positions"), [120]))
    code, _, err = run("forecast", str(spec))
    assert code == 2 and "actors[1].positions[0]" in err and "Traceback" not in err


def test_every_number_in_kursk_stakeholders_is_labelled() -> None:
    """Each capability, position and salience says it is an assumption or cites a statement with its date."""
    import re

    from strategies import GAMES

    spec = json.loads((GAMES / "kursk_stakeholders.json").read_text())
    names = [a["name"] for a in spec["actors"]]
    assert names == [
        "Kyiv",
        "Moscow",
        "Washington",
        "Berlin",
        "Paris",
        "London",
        "Ankara",
        "Beijing",
        "Budapest",
    ]
    date = re.compile(
        r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October|"
        r"November|December) \d{4}\b|\b(January|February|March|April|May|June|July|August|"
        r"September|October|November|December) \d{4}\b"
    )
    for actor in spec["actors"]:
        for key in ["capability", *(i["name"] for i in spec["issues"])]:
            note = actor["sources"][key]
            assert "assumption" in note.lower() or (note.startswith("cited:") and date.search(note)), (
                actor,
                key,
            )
    table = loads(json.dumps(spec))
    assert table.issues[0].upper_label.startswith("all of it")
