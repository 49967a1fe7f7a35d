"""``python -m escalation``: the same command line as the ``escalation`` script."""

from .cli import main

if __name__ == "__main__":
    raise SystemExit(main())
