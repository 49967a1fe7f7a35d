"""``escalation figures``: write the registered figures (PNG and SVG, the same bytes on every run) and captions."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

__all__ = ["add", "run"]


def add(commands: Any) -> None:
    """Declare ``escalation figures``."""
    p = commands.add_parser("figures", help="write the paper figures (PNG and SVG) and their captions",
                            description="Regenerate the registered figures, byte for byte.")
    p.add_argument("--out", type=Path, default=Path("figures"), metavar="DIR", help="output folder (default: figures)")
    p.add_argument("--format", nargs="+", default=["png", "svg"], dest="formats", metavar="FMT",
                   help="file formats, any of png, svg, pdf (default: png svg)")
    p.add_argument("--only", nargs="+", default=None, metavar="ID", help="write only these figure ids")
    p.add_argument("--progress", action=argparse.BooleanOptionalAction, default=None,
                   help="show a progress bar (default: when standard error is a terminal)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Write the figures and list the files written."""
    from ..figures import write_figures

    progress = sys.stderr.isatty() if args.progress is None else args.progress
    written = write_figures(args.out, formats=tuple(args.formats), only=args.only, progress=progress)
    for path in written:
        print(path)
    print(f"{len(written)} files written to {args.out}", file=sys.stderr)
    return 0
