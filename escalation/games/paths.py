r"""Paths that name the nodes of a tree: ``"root/In/Fight"``.

A node's path is ``"root"`` followed by the action labels on the way to it,
joined by ``/``.  An action label may itself contain ``/`` (``"x/y"``); to keep
paths unambiguous, a ``/`` inside a label is written ``\/`` and a backslash
``\\``.  Two different nodes therefore never share a path, and a node whose
information set is not named (and is therefore labelled by its path) never
falls into another node's information set by accident.

>>> path_step("root", "x/y"), path_step("root", "x_y")
('root/x\\/y', 'root/x_y')
>>> split_path("root/x\\/y/z")
['root', 'x/y', 'z']
"""

from __future__ import annotations

__all__ = ["ROOT", "escape_action", "path_step", "split_path"]

ROOT = "root"


def escape_action(label: str) -> str:
    r"""``label`` as one step of a path: ``\`` becomes ``\\`` and ``/`` becomes ``\/``.

    >>> escape_action("a/b"), escape_action("a\\b"), escape_action("plain")
    ('a\\/b', 'a\\\\b', 'plain')
    """
    if "/" not in label and "\\" not in label:
        return label
    return label.replace("\\", "\\\\").replace("/", "\\/")


def path_step(parent: str, label: str) -> str:
    """The path of the child reached from the node at ``parent`` by the action ``label``."""
    return f"{parent}/{escape_action(label)}"


def split_path(path: str) -> list[str]:
    r"""The steps of ``path`` with escapes undone (the inverse of :func:`path_step`).

    >>> split_path("root/a\\\\/b")
    ['root', 'a\\', 'b']
    """
    steps, current, chars = [], [], iter(path)
    for ch in chars:
        if ch == "\\":
            current.append(next(chars, "\\"))
        elif ch == "/":
            steps.append("".join(current))
            current = []
        else:
            current.append(ch)
    steps.append("".join(current))
    return steps
