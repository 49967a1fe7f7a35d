"""Helpers for the executed pages of the documentation (imported in their hidden first cell)."""

from __future__ import annotations

import shlex
import subprocess
import sys


def shell(command: str, *, status: int = 0) -> None:
    """Run an ``escalation ...`` command as a reader would type it and print the command and what it printed.

    The command runs as ``python -m escalation`` with this interpreter, in the
    page's working folder.  An exit status other than ``status`` raises, so a
    page whose command stops working fails the build.
    """
    args = shlex.split(command)
    if args[0] != "escalation":
        raise ValueError(f"not an escalation command: {command!r}")
    done = subprocess.run([sys.executable, "-m", "escalation", *args[1:]], capture_output=True, text=True)
    print(f"$ {command}")
    print(done.stdout + done.stderr, end="")
    if done.returncode != status:
        raise RuntimeError(f"{command!r} exited with {done.returncode}, expected {status}")
