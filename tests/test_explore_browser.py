"""``bargain explore`` served for real: a headless chromium moves the ``kursk_held`` slider.

The server runs as ``bargain explore games/kursk.json --no-browser --port N``
in a subprocess. The browser test needs Debian's ``chromium`` and
``chromium-driver`` (``.ci/run`` installs them) and is skipped without them;
the HTTP checks (``/solve`` refuses bad input with 400, the server listens on
127.0.0.1 only, SIGTERM stops it cleanly) run everywhere.

Set ``BARGAINING_EXPLORE_SCREENSHOT=docs/figures/explore.png`` to keep a copy
of the screenshot (the README's figure).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from strategies import ROOT

from bargaining.table import format_number

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
#: The ``bargain`` console script beside this Python (``python -m bargaining`` without one).
BARGAIN = (
    [str(Path(sys.executable).with_name("bargain"))]
    if Path(sys.executable).with_name("bargain").exists()
    else [sys.executable, "-m", "bargaining"]
)
KURSK = "games/kursk.json"  # as typed from the repository root (the cwd of every command here)

#: Finds elements by CSS selector through every shadow root (Bokeh renders each pane in one).
DEEP = """
function deep(root, selector, out) {
  root.querySelectorAll(selector).forEach(e => out.push(e));
  root.querySelectorAll('*').forEach(e => { if (e.shadowRoot) deep(e.shadowRoot, selector, out); });
  return out;
}
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def listening(port: int) -> list[str]:
    """The local addresses of the TCP sockets listening on ``port`` (from /proc/net/tcp and tcp6)."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        if not os.path.exists(table):
            continue
        for line in Path(table).read_text().splitlines()[1:]:
            fields = line.split()
            address, hexport = fields[1].rsplit(":", 1)
            if fields[3] == "0A" and int(hexport, 16) == port:  # 0A: LISTEN
                found.append(address)
    return found


def connects(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def get(url: str) -> tuple[int, Any]:
    try:
        with urllib.request.urlopen(url, timeout=60) as answer:
            return answer.status, json.loads(answer.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


@functools.cache
def cli_nash(*assignments: str) -> dict[str, Any]:
    """The Nash solution ``bargain solve games/kursk.json --set ... --format json`` prints."""
    return cli_nashes((assignments,))[0]


def cli_nashes(runs: tuple[tuple[str, ...], ...]) -> list[dict[str, Any]]:
    """:func:`cli_nash` for several ``--set`` lists, the ``bargain`` processes run side by side."""
    procs = []
    for assignments in runs:
        command = [*BARGAIN, "solve", KURSK, "--format", "json"]
        for a in assignments:
            command += ["--set", a]
        procs.append(subprocess.Popen(command, stdout=subprocess.PIPE, text=True, cwd=ROOT))
    out = []
    for proc in procs:
        printed, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        solutions: list[dict[str, Any]] = json.loads(printed)["solutions"]
        out.append(next(s for s in solutions if s["concept"] == "nash"))
    return out


def shown(nash: dict[str, Any]) -> dict[str, str]:
    """The Nash row as the page shows it (4 significant figures)."""
    cells = {k: format_number(v) for k, v in nash["agreement"].items()}
    for party, values in nash["parties"].items():
        cells[f"u({party})"] = format_number(values["utility"])
        cells[f"gain({party})"] = format_number(values["gain"])
    return cells


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[subprocess.Popen[str], str, int]]:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    command = [*BARGAIN, "explore", KURSK, "--no-browser", "--port", str(port)]
    proc = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stderr is not None
    line = proc.stdout.readline()
    if proc.poll() is not None:
        pytest.fail(f"bargain explore did not start: {line}{proc.stderr.read()}")
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    assert match, line
    assert int(match.group(1)) == port, line
    yield proc, match.group(0), port
    # The server stops cleanly on SIGTERM: status 0, no traceback, the port released.
    proc.send_signal(signal.SIGTERM)
    status = proc.wait(timeout=20)
    out, err = proc.stdout.read(), proc.stderr.read()
    assert status == 0, err
    assert "stopped" in out and "Traceback" not in err, err
    assert not connects("127.0.0.1", port)


def test_solve_endpoint_refuses_bad_values_with_400_and_keeps_serving(
    server: tuple[subprocess.Popen[str], str, int],
) -> None:
    proc, url, port = server
    for query, words in [
        ("kursk_held=5000", "5000 is outside its range [0, 1294] (km²)"),
        ("kursk_held=-1", "outside its range"),
        ("kursk_held=lots", "'lots' is not a number"),
        ("kursk_held=nan", "expected a finite number"),
        ("kursk_hled=0", "did you mean 'kursk_held'?"),
        ("kursk_held=0&kursk_held=1", "give one value"),
    ]:
        status, body = get(f"{url}solve?{query}")
        assert status == 400, (query, body)
        assert words in body["error"], (query, body)
    status, body = get(f"{url}solve?kursk_held=0")
    assert status == 200 and proc.poll() is None
    assert body["command"] == f"bargain solve {KURSK} --set kursk_held=0"
    nash = next(s for s in body["solutions"]["solutions"] if s["concept"] == "nash")
    assert shown(nash) == shown(cli_nash("kursk_held=0"))


def test_server_listens_on_127_0_0_1_only(server: tuple[subprocess.Popen[str], str, int]) -> None:
    _, _, port = server
    assert listening(port) == ["0100007F"]  # 127.0.0.1, and no IPv6 socket
    assert connects("127.0.0.1", port)
    assert not connects("127.0.0.2", port)  # another loopback address: refused unless bound to all
    try:
        other = socket.gethostbyname(socket.gethostname())
    except OSError:
        other = ""
    if other and not other.startswith("127."):
        assert not connects(other, port)


def chrome(tmp_path: Path) -> Any:
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is in the test extra")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--window-size=1400,1500",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


def wait_for(check: Any, timeout: float = 60.0) -> Any:
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value or time.monotonic() > end:
            return value
        time.sleep(0.2)


def nash_row(driver: Any) -> dict[str, str]:
    """The Nash row shown, ``{column: text}``, read in one script (the table is replaced as it updates)."""
    row: dict[str, str] = driver.execute_script(
        DEEP + "return Object.fromEntries(deep(document, 'td[data-concept=nash]', [])"
        ".filter(e => e.dataset.column !== 'solution').map(e => [e.dataset.column, e.textContent]));"
    )
    return row


def command_line(driver: Any) -> str:
    """The ``bargain solve`` line the page shows."""
    line: str = driver.execute_script(
        DEEP + "return deep(document, '.bx-command', [])[0].shadowRoot.querySelector('input').value;"
    )
    return line


def page_text(driver: Any, selector: str) -> str:
    found = driver.execute_script(
        DEEP + "return deep(document, arguments[0], []).map(e => e.textContent);", selector
    )
    return " ".join(found)


def set_model_value(driver: Any, value: float) -> None:
    """Send the slider's value to the server as the page's websocket would, bypassing the slider's ends."""
    driver.execute_script(
        "const m = [...Bokeh.documents[0].all_models].find("
        "  m => m.css_classes && m.css_classes.includes('bx-slider-kursk_held'));"
        "m.value = arguments[0];",
        value,
    )


@pytest.mark.skipif(
    not (CHROMIUM.exists() and CHROMEDRIVER.exists()),
    reason="needs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver): "
    "apt-get install -y chromium chromium-driver (.ci/run does)",
)
def test_moving_kursk_held_to_0_shows_the_nash_agreement_bargain_solve_prints(
    server: tuple[subprocess.Popen[str], str, int], tmp_path: Path
) -> None:
    from selenium.webdriver.common.action_chains import ActionChains

    proc, url, _ = server
    before, after = (shown(nash) for nash in cli_nashes(((), ("kursk_held=0",))))
    assert before != after
    driver = chrome(tmp_path)
    try:
        driver.get(url)
        assert wait_for(lambda: nash_row(driver) == before), nash_row(driver)
        host = driver.execute_script(DEEP + "return deep(document, '.bx-slider-kursk_held', [])[0];")
        handle = driver.execute_script("return arguments[0].shadowRoot.querySelector('.noUi-handle');", host)
        box = driver.execute_script("return arguments[0].getBoundingClientRect().toJSON();", handle)
        # Drag the handle past the slider's left end in five quick moves (the page debounces them).
        drag = ActionChains(driver).click_and_hold(handle)
        step = -(box["x"] + box["width"] / 2 - 2) / 5
        for _ in range(5):
            drag = drag.move_by_offset(step, 0).pause(0.05)
        drag.release().perform()
        assert wait_for(lambda: nash_row(driver) == after), nash_row(driver)
        expected = f"bargain solve {KURSK} --set kursk_held=0"
        assert wait_for(lambda: command_line(driver) == expected), command_line(driver)
        screenshot = tmp_path / "explore.png"
        driver.save_screenshot(str(screenshot))
        assert screenshot.stat().st_size > 10_000
        if os.environ.get("BARGAINING_EXPLORE_SCREENSHOT"):
            shutil.copy(screenshot, os.environ["BARGAINING_EXPLORE_SCREENSHOT"])
        # A value out of range sent by hand over the websocket: a message, the table gone, the server up.
        set_model_value(driver, 5000)
        assert wait_for(lambda: "outside its range" in page_text(driver, ".bx-error")), page_text(
            driver, "td"
        )
        assert nash_row(driver) == {} and proc.poll() is None
        set_model_value(driver, 0)  # and the page stays usable
        assert wait_for(lambda: nash_row(driver) == after), nash_row(driver)
    finally:
        driver.quit()
