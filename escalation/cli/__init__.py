"""The ``escalation`` command line.

- ``escalation models [NAME] [--json]``
- ``escalation solve MODEL [--set name=value ...] [--offpath D1|intuitive|prior|free] [--json]``
- ``escalation solve --game FILE.efg|FILE.nfg --solver spe|nash [--json]``
- ``escalation sweep MODEL --over NAME=LO:HI:N ... [--set ...] [--out FILE.nc|FILE.csv] [--backend numpy|dask]``
- ``escalation export MODEL|--game FILE --format efg|nfg|json|latex [--set ...] [--out FILE]``
- ``escalation figures [--out DIR] [--format png svg pdf] [--only ID ...]``
- ``escalation claims MODEL [--set name=value ...] [--samples N --seed S] [--json]``
  (``--outcomes --save FILE``: every force level's outcomes per draw, in an archive;
  ``--sobol N --seed S --save FILE``: grouped Sobol indices of the outcomes, in an archive)
- ``escalation --version``

One module of this package per command: each declares its arguments with
argparse alone (``add``) and imports what its work needs only when it runs
(``run``), so ``escalation --version`` and ``escalation models`` load neither
sympy nor numpy.  Any :class:`~escalation.errors.EscalationError` (bad input,
a malformed game file, a solver asked for something it cannot do, a missing
optional package) and any file-system error ends the program with exit code 2
and one line on standard error, never a traceback; so does running out of
memory.  Anything else is a bug: one line saying so, exit code 3, and the
traceback only with ``ESCALATION_TRACEBACK=1``.

>>> args = build_parser().parse_args(["solve", "--game", "entry.efg", "--solver", "spe"])
>>> args.game.name, args.solver, args.json
('entry.efg', 'spe', False)
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .._version import __version__
from ..errors import EscalationError
from . import claims, export, figures, models, solve, sweep

__all__ = ["PROG", "build_parser", "main"]

PROG = "escalation"
COMMANDS = (models, solve, sweep, export, figures, claims)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"{PROG} {__version__}")
        return 0
    if args.run is None:
        parser.print_usage(sys.stderr)
        print(f"{PROG}: error: name a command, e.g. '{PROG} solve --help'", file=sys.stderr)
        return 2
    try:
        return args.run(args)
    except BrokenPipeError:  # e.g. piped into `head`: stop quietly
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return 0
    except (EscalationError, OSError) as err:
        print(f"{PROG}: error: {one_line(err)}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except MemoryError:
        print(f"{PROG}: error: ran out of memory; ask for a smaller computation (a coarser grid, a smaller game)",
              file=sys.stderr)
        return 2
    except Exception as err:  # a bug, not bad input: one line, the traceback on request
        if os.environ.get("ESCALATION_TRACEBACK"):
            raise
        print(f"{PROG}: internal error ({type(err).__name__}: {one_line(err)}); please report it, with the command "
              "(ESCALATION_TRACEBACK=1 shows the traceback)", file=sys.stderr)
        return 3


def build_parser() -> argparse.ArgumentParser:
    """The argument parser: one subparser per command."""
    parser = argparse.ArgumentParser(
        prog=PROG, description="Game-theoretic models of deterrence and escalation, solved exactly.")
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    parser.set_defaults(run=None)
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")
    for command in COMMANDS:
        command.add(commands)
    return parser


def one_line(err: BaseException) -> str:
    """The error as one line: a file-system error names the file, whitespace is collapsed."""
    if isinstance(err, OSError) and err.filename is not None:
        text = f"{err.filename}: {err.strerror or err}"
    else:
        text = str(err)
    return " ".join(text.split())
