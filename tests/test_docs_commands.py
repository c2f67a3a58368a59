"""Every ``bargain ...`` command shown in README.md and docs/*.md runs, and prints the output the docs show.

A command is a line of a fenced code block that starts with ``bargain `` (or
``$ bargain ``; a trailing ``\\`` continues it on the next line). Lines of a
``$`` block that follow a command and do not start with ``$`` are its output:
each must appear in what the command prints (spaces normalised). Synopses
(``bargain equilibria SPEC [--method METHOD]``) are not commands and are
skipped. Commands run in a temporary folder that links ``games/``, so files
they write (``--plot``, ``-o``, ``> file``) land there.

By default the quick commands run, and every command whose output the docs
show; the rest (large sweeps, grids, Monte Carlo) run with ``-m slow``.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner
from strategies import ROOT

from bargaining.cli import cli

DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
#: Commands run by default (with every command whose output is shown): the quick ones. The others
#: (sweeps, grids, Monte Carlo, every concept of the Kursk problem) run with -m slow.
QUICK = (
    "bargain war ",
    "bargain rubinstein ",
    "bargain schema",
    "bargain validate ",
    "bargain convert ",
    "kursk_war.json",
    "kursk_double_auction.json --set",
)
#: Slow although their output is shown (a 41-point bracketing; alternating offers over Kursk's issues).
SLOW = ("threshold games/kursk.json", "alternating games/kursk.json")
#: Shown to illustrate an error with a file the reader does not have (checked in its own test).
NOT_RUN = ("bargain solve bad.json",)
#: Commands that serve until stopped (checked in tests/test_explore_browser.py).
SERVES = ("bargain explore ",)


@dataclass(frozen=True)
class Shown:
    """A command in the docs and the output lines shown after it."""

    where: str
    command: str
    output: tuple[str, ...]


def shown_commands() -> list[Shown]:
    found = []
    for path in DOCS:
        for block in re.findall(r"^```[\w-]*\n(.*?)^```", path.read_text(), re.S | re.M):
            found += commands_in(block, path.relative_to(ROOT).as_posix())
    return found


def commands_in(block: str, where: str) -> list[Shown]:
    out: list[Shown] = []
    lines = block.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        dollar = line.startswith("$ ")
        text = line[2:] if dollar else line
        i += 1
        if not text.startswith("bargain "):
            continue
        while text.endswith("\\") and i < len(lines):
            text = text[:-1] + " " + lines[i].strip()
            i += 1
        output = []
        while dollar and i < len(lines) and not lines[i].strip().startswith("$"):
            if lines[i].strip():
                output.append(lines[i].strip())
            i += 1
        if is_synopsis(text) or text in NOT_RUN or text.startswith(SERVES):
            continue
        out.append(Shown(where, text, tuple(output)))
    return out


def is_synopsis(command: str) -> bool:
    """``bargain convert SPEC --to nfg|json [-o OUT]``: placeholders, not a command."""
    words = shlex.split(command, comments=True)
    return any(w.isupper() and len(w) > 1 for w in words[2:3]) or any("[" in w or "|" in w for w in words)


def params() -> list[object]:
    cases = []
    for shown in shown_commands():
        quick = (shown.output or any(q in shown.command for q in QUICK)) and not any(
            s in shown.command for s in SLOW
        )
        marks = [] if quick else [pytest.mark.slow]
        cases.append(pytest.param(shown, marks=marks, id=f"{shown.where}: {shown.command[:70]}"))
    return cases


def squeeze(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("shown", params())
def test_every_shown_command_runs_and_prints_what_the_docs_show(
    shown: Shown, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "games").symlink_to(ROOT / "games")
    monkeypatch.chdir(tmp_path)
    words = shlex.split(shown.command, comments=True)[1:]
    target = None
    if ">" in words:
        at = words.index(">")
        words, target = words[:at], words[at + 1]
    result = CliRunner().invoke(cli, words)
    assert result.exit_code == 0, f"{shown.where}: {shown.command}\n{result.output}"
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    if target is not None:
        (tmp_path / target).write_text(result.stdout)
    for line in shown.output:
        assert shows(line, result.stdout), (
            f"{shown.where}: {shown.command}\nexpected {line!r} in\n{result.stdout}"
        )


def shows(line: str, printed: str) -> bool:
    """Whether ``printed`` contains the shown ``line``, where ``...`` in it stands for anything."""
    text, at = squeeze(printed), 0
    for piece in (squeeze(p) for p in line.split("...")):
        found = text.find(piece, at)
        if found < 0:
            return False
        at = found + len(piece)
    return True


def test_the_commands_are_found() -> None:
    commands = [s.command for s in shown_commands()]
    assert len(commands) >= 25
    assert any(c.startswith("bargain threshold games/kursk.json") for c in commands)
    assert not any("SPEC" in c for c in commands)
    with_output = [s for s in shown_commands() if s.output]
    assert len(with_output) >= 2


def test_the_readme_error_example_is_what_a_misspelt_name_prints(tmp_path: Path) -> None:
    # README.md: "$ bargain solve bad.json" / "Error: parties[0].utility: unknown name ..."
    readme = (ROOT / "README.md").read_text()
    shown = re.search(r"\$ bargain solve bad\.json\n(Error: .*)\n", readme)
    assert shown is not None
    spec = (ROOT / "games" / "kursk.json").read_text()
    bad = tmp_path / "bad.json"
    first_utility = spec.index('"utility"')
    at = spec.index("territory_returned", first_utility)
    bad.write_text(spec[:at] + "territroy_returned" + spec[at + len("territory_returned") :])
    result = CliRunner().invoke(cli, ["solve", str(bad)])
    assert result.exit_code == 2
    assert result.stderr.strip() == shown.group(1)
