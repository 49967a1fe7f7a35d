"""``explore("tripwire")`` in a real JupyterLab and Notebook 7, seen by a real browser (headless Chromium).

JupyterLab (or Notebook 7) is started on a free port of 127.0.0.1 with a fresh notebook that calls ``explore`` (no
``%matplotlib`` magic); Chromium, started headless with a fresh profile, opens it, runs all cells and
takes a screenshot, which must show the tree's path of play.  The browser is driven through its
DevTools protocol (a websocket on 127.0.0.1), so no driver is needed.

It takes about a minute and needs ``apt-get install chromium`` and JupyterLab, so it runs only when
``ESCALATION_BROWSER_TESTS=1`` is set; ``ESCALATION_SCREENSHOT`` names a file to keep the screenshot in.
"""

from __future__ import annotations

import base64
import io
import itertools
import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import numpy as np
import pytest

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("ESCALATION_BROWSER_TESTS") != "1",
                       reason="browser test: set ESCALATION_BROWSER_TESTS=1 (needs Debian's chromium and jupyterlab)"),
]

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1200,1800", "--hide-scrollbars"]
PATH_BLUE = (0x00, 0x72, 0xB2)
DEADLINE = 150  # seconds for JupyterLab to start, the kernel to run and the widget to draw


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(check, what: str, deadline: float = DEADLINE):
    start = time.monotonic()
    while time.monotonic() - start < deadline:
        try:
            found = check()
        except OSError:
            found = None
        if found:
            return found
        time.sleep(0.5)
    raise TimeoutError(f"waited {deadline} s for {what}")


class DevTools:
    """A minimal client of Chromium's DevTools protocol on one page."""

    def __init__(self, url: str) -> None:
        import websocket

        self.socket = websocket.create_connection(url, timeout=60, suppress_origin=True)
        self.ids = itertools.count(1)

    def call(self, method: str, **params):
        number = next(self.ids)
        self.socket.send(json.dumps({"id": number, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == number:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message["result"]

    def evaluate(self, expression: str):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        return result["result"].get("value")


FRONT_ENDS = {  # the server command, the flag that puts the app on window, and the notebook's address
    "jupyterlab": (["lab"], "--LabApp.expose_app_in_browser=True", "lab/tree/explore.ipynb"),
    "notebook": (["notebook"], "--JupyterNotebookApp.expose_app_in_browser=True", "notebooks/explore.ipynb"),
}


@pytest.fixture(params=list(FRONT_ENDS))
def jupyterlab(request, tmp_path):
    """JupyterLab or Notebook 7 serving ``tmp_path`` (holding ``explore.ipynb``) on a free local port:
    ``(url of the notebook, token)``."""
    pytest.importorskip("jupyterlab" if request.param == "jupyterlab" else "notebook")
    command, expose, address = FRONT_ENDS[request.param]
    pytest.importorskip("ipywidgets")
    import nbformat

    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
        'from escalation import explore\nexplore("tripwire")')])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(notebook, tmp_path / "explore.ipynb")
    port, token = _free_port(), "escalation-browser-test"
    server = subprocess.Popen(
        [sys.executable, "-m", "jupyter", *command, "--no-browser", f"--port={port}", "--ip=127.0.0.1",
         "--allow-root", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={tmp_path}", expose],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "JUPYTER_PLATFORM_DIRS": "1"})
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(lambda: urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=5).status == 200,
              "JupyterLab to answer")
        yield f"{base}/{address}", token
    finally:
        server.terminate()
        server.wait(timeout=30)


@pytest.fixture
def page(tmp_path):
    """A headless Chromium with a fresh profile: a DevTools client on its one page."""
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    profile = tmp_path / "profile"
    browser = subprocess.Popen([CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "--remote-debugging-port=0",
                                "about:blank"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port = _wait(lambda: (profile / "DevToolsActivePort").read_text().split()[0], "Chromium to start", 60)
        pages = _wait(lambda: [t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json"))
                               if t["type"] == "page"], "a page")
        tools = DevTools(pages[0]["webSocketDebuggerUrl"])
        yield tools
        tools.socket.close()
    finally:
        browser.terminate()
        browser.wait(timeout=30)


def _blue_pixels(png: bytes) -> int:
    from matplotlib.image import imread

    pixels = (imread(io.BytesIO(png), format="png")[..., :3] * 255).round().astype(int)
    return int(np.all(np.abs(pixels - PATH_BLUE) <= 8, axis=-1).sum())


def _screenshot(page) -> bytes:
    png = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
    if os.environ.get("ESCALATION_SCREENSHOT"):
        Path(os.environ["ESCALATION_SCREENSHOT"]).write_bytes(png)
    return png


def test_the_front_end_shows_the_explored_tree(jupyterlab, page):
    try:
        _run_and_look(page, *jupyterlab)
    except BaseException:  # keep the screenshot and say where the page stood
        _screenshot(page)
        print("page:", page.evaluate("JSON.stringify({url: location.href, title: document.title, "
                                     "app: !!window.jupyterapp, text: document.body.innerText.slice(0, 800)})"))
        raise


NOTEBOOK = "Array.from(window.jupyterapp.shell.widgets('main')).find(w => w.sessionContext)"


def _kernel_status(page) -> str | None:
    """The notebook panel's kernel status once JupyterLab has opened it (activating it: headless, nothing has
    focus, so the panel must be made the current one for the run-all command to find it)."""
    return page.evaluate(f"""(() => {{ if (!window.jupyterapp) return null; const panel = {NOTEBOOK};
        if (!panel) return null; window.jupyterapp.shell.activateById(panel.id);
        const session = panel.sessionContext.session;
        return session && session.kernel ? session.kernel.status : null; }})()""")


def _run_and_look(page, url: str, token: str) -> None:
    page.call("Page.enable")
    page.call("Emulation.setFocusEmulationEnabled", enabled=True)
    page.call("Page.navigate", url=f"{url}?token={token}")
    _wait(lambda: _kernel_status(page) == "idle", "the notebook's kernel")
    assert page.evaluate("window.jupyterapp.commands.execute('notebook:run-all-cells').then(() => 'ran')") == "ran"
    size = _wait(lambda: page.evaluate(
        "(() => { const img = document.querySelector('.jp-OutputArea img');"
        " return img && img.complete && img.naturalWidth > 0 ? [img.naturalWidth, img.naturalHeight] : null; })()"),
        "the explorer's picture")
    assert size[0] > 500
    assert "Figure size" not in page.evaluate("document.querySelector('.jp-OutputArea').innerText")
    page.evaluate("document.querySelector('.jp-OutputArea img').scrollIntoView()")
    time.sleep(1)  # let the page settle after scrolling
    assert _blue_pixels(_screenshot(page)) > 1500  # the thick path of play of the drawn tree
