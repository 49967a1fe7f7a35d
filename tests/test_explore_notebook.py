"""``explore`` in a fresh kernel, as a notebook front end sees it: a picture without ``%matplotlib inline``.

The notebook is executed by nbclient, which keeps the widgets' state as a front end would.  A
slider is then moved the way JupyterLab moves it -- a comm message from the front end to the kernel
-- and the picture the kernel sends back must change.
"""

from __future__ import annotations

import base64
import io

import numpy as np
import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipywidgets")

TIMEOUT = 180  # seconds per cell: generous for a loaded machine
PATH_BLUE = (0x00, 0x72, 0xB2)  # the colour of the path of play (Okabe-Ito blue)


def _png_pixels(data: bytes) -> np.ndarray:
    from matplotlib.image import imread

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return (imread(io.BytesIO(data), format="png")[..., :3] * 255).round().astype(int)


def _path_pixels(data: bytes) -> int:
    """How many pixels have the path-of-play colour: a drawn tree has thousands."""
    return int(np.all(np.abs(_png_pixels(data) - PATH_BLUE) <= 8, axis=-1).sum())


def _image(client) -> tuple[str, bytes]:
    """The comm id and the PNG bytes of the one image widget the kernel has sent."""
    (comm_id,) = [k for k, state in client.widget_state.items() if state.get("_model_name") == "ImageModel"]
    (buffer,) = client.widget_buffers[comm_id].values()
    return comm_id, base64.b64decode(buffer["data"])


def _slider(client, name: str) -> tuple[str, dict]:
    (found,) = [(k, s) for k, s in client.widget_state.items()
                if s.get("_model_name", "").endswith("SliderModel") and s.get("description") == name]
    return found


def _move(client, comm_id: str, value, image_id: str) -> bytes:
    """Send the front end's update of a slider; return the next picture the kernel sends."""
    from jupyter_core.utils import run_sync

    kc = client.kc
    message = kc.session.msg("comm_msg", {"comm_id": comm_id, "data": {
        "method": "update", "state": {"value": value}, "buffer_paths": []}})
    kc.shell_channel.send(message)
    while True:
        reply = run_sync(kc.get_iopub_msg)(timeout=TIMEOUT)
        content = reply["content"]
        if reply["msg_type"] == "comm_msg" and content.get("comm_id") == image_id and reply.get("buffers"):
            state = content["data"].get("state", {})
            if "value" in state or content["data"].get("buffer_paths"):
                return bytes(reply["buffers"][0])


@pytest.fixture(scope="module")
def explored():
    """A fresh notebook calling ``explore("tripwire")`` (no magic), run cell by cell; the client stays open."""
    notebook = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_code_cell('from escalation import explore\nexplore("tripwire")'),
    ])
    client = nbclient.NotebookClient(notebook, timeout=TIMEOUT, kernel_name="python3", store_widget_state=True)
    with client.setup_kernel():
        client.execute_cell(notebook.cells[0], 0)
        yield client, notebook


def test_a_fresh_kernel_shows_the_picture_not_the_figures_repr(explored):
    client, notebook = explored
    outputs = notebook.cells[0].outputs
    assert [o for o in outputs if o.output_type == "error"] == []
    bundles = [o.data for o in outputs if o.output_type in ("display_data", "execute_result")]
    assert any("application/vnd.jupyter.widget-view+json" in b for b in bundles)
    assert not any("<Figure size" in str(b.get("text/plain", "")) for b in bundles)
    _, png = _image(client)
    assert _path_pixels(png) > 2000  # the tree, with its path of play, is drawn


def test_every_bounded_parameter_has_a_slider_and_the_force_size_too(explored):
    client, _ = explored
    _f_id, force = _slider(client, "F")
    assert (force["min"], force["max"], force["value"]) == (0, 300, 70)
    _, exponent = _slider(client, "m")
    assert exponent["_model_name"] == "IntSliderModel"
    assert exponent["step"] == 1
    assert (exponent["min"], exponent["max"]) == (1, 4)
    _, q = _slider(client, "q")  # a probability: its domain [0, 1] is finite
    assert (q["min"], q["max"]) == (0, 1)


def test_moving_the_force_slider_redraws_the_picture(explored):
    client, _ = explored
    image_id, before = _image(client)
    f_id, _ = _slider(client, "F")
    after = _move(client, f_id, 200, image_id)
    assert after != before
    # At 200 thousand Russia refuses a force that would deter it: the thick path of play is one edge.
    assert 0 < _path_pixels(after) < _path_pixels(before)
    from escalation.explorer import explore_figure, figure_png
    from escalation.models import get_model

    model = get_model("tripwire")
    assert after == figure_png(explore_figure(model, model.values(F=200)))  # the picture of F = 200
