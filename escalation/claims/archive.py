r"""The replication archive of the prior outcomes: one JSON file, exact fractions, provenance first.

:func:`save_outcomes` writes the records of :func:`~.outcomes.outcome_records`
(one line per draw, every probability and payoff as an exact fraction
``"p/q"``, the drawn parameters as the decimals the solver read) after a
header with the provenance (model, draws, seed, off-path rule, solver,
package version, method, rejected draws, the command that made it).
:func:`load_outcomes` reads the file back into the Dataset of
:func:`~.outcomes.outcomes_dataset`; the figures read the copy shipped with
the package (:data:`PRIOR_FILE`, made by the command in its ``command``
attribute).

:func:`save_sobol` and :func:`load_sobol` do the same for the Sobol design's
records and the indices estimated from them (:mod:`.sensitivity`;
:data:`SOBOL_FILE`, which the sensitivity figure reads without SALib).
:func:`load_rules` reads :data:`RULES_FILE`: the claim counts of one
``escalation claims`` run per off-path rule (and with :math:`\omega = 0`),
each with its command and commit, which the robustness figure draws.

The bytes depend only on the records: keys keep their order, numbers are
written as strings or shortest decimals, and nothing about the time or the
machine is stored.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import xarray as xr

from ..errors import ParameterError
from .outcomes import outcomes_dataset

__all__ = ["FORMAT", "PRIOR_FILE", "RULES_FILE", "SOBOL_FILE", "load_outcomes", "load_rules", "load_sobol",
           "read_archive", "save_outcomes", "save_sobol"]

FORMAT = "escalation prior outcomes, version 1"
#: The archive the figures read: 100 draws of the guarantee game's priors (seed 12, off-path rule D1).
PRIOR_FILE = Path(__file__).parents[1] / "data" / "guarantee-prior.json"
RULES_FILE = Path(__file__).parents[1] / "data" / "guarantee-rules.json"
RULES_FORMAT = "escalation claim shares by off-path rule, version 1"
SOBOL_FORMAT = "escalation Sobol indices, version 1"
#: The Sobol archive the sensitivity figure reads (its ``command`` says how it was made).
SOBOL_FILE = Path(__file__).parents[1] / "data" / "guarantee-sobol.json"


def archive_text(records: Sequence[Mapping[str, Any]], attrs: Mapping[str, Any]) -> str:
    """The file's text: a header line, then one line per draw."""
    header = json.dumps({"format": FORMAT, **attrs}, ensure_ascii=False)
    lines = [json.dumps(dict(r), ensure_ascii=False, separators=(",", ":")) for r in records]
    return "{\"provenance\": " + header + ",\n\"draws\": [\n" + ",\n".join(lines) + "\n]}\n"


def save_outcomes(path: str | Path, records: Sequence[Mapping[str, Any]], attrs: Mapping[str, Any]) -> Path:
    """Write the archive to ``path`` (folders are not created: a missing one is an error naming it)."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ParameterError("save", f"folder {str(path.parent)!r} does not exist")
    path.write_text(archive_text(records, attrs), encoding="utf-8")
    return path


def read_json_archive(path: str | Path, fmt: str, kind: str) -> dict[str, Any]:
    """The JSON archive at ``path``, checked to carry ``provenance.format == fmt`` (``kind`` names it in errors)."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParameterError("path", f"no {kind} at {str(path)!r}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as err:
        raise ParameterError("path", f"{str(path)!r} is not a {kind}: {err}") from None
    if not isinstance(data, dict) or data.get("provenance", {}).get("format") != fmt:
        raise ParameterError("path", f"{str(path)!r} is not a {kind} ({fmt!r})")
    return data


def read_archive(path: str | Path = PRIOR_FILE) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The records and the provenance stored in an archive."""
    data = read_json_archive(path, FORMAT, "prior-outcomes archive")
    attrs = {k: v for k, v in data["provenance"].items() if k != "format"}
    return data["draws"], attrs


def load_outcomes(path: str | Path = PRIOR_FILE) -> xr.Dataset:
    """The archive at ``path`` as a Dataset (:func:`~.outcomes.outcomes_dataset`)."""
    records, attrs = read_archive(path)
    return outcomes_dataset(records, attrs)


def save_sobol(path: str | Path, records: Sequence[Mapping[str, Any]], attrs: Mapping[str, Any],
               indices: Mapping[str, Any]) -> Path:
    """Write the Sobol archive: provenance, the indices per output, then one line per design point."""
    path = Path(path)
    if not path.parent.is_dir():
        raise ParameterError("save", f"folder {str(path.parent)!r} does not exist")
    header = json.dumps({"format": SOBOL_FORMAT, **attrs}, ensure_ascii=False)
    table = ",\n".join(f"{json.dumps(k)}: {json.dumps(v, separators=(',', ':'))}" for k, v in indices.items())
    lines = [json.dumps(dict(r), ensure_ascii=False, separators=(",", ":")) for r in records]
    path.write_text("{\"provenance\": " + header + ",\n\"indices\": {\n" + table + "\n},\n\"points\": [\n"
                    + ",\n".join(lines) + "\n]}\n", encoding="utf-8")
    return path


def load_sobol(path: str | Path = SOBOL_FILE) -> dict[str, Any]:
    """The Sobol archive at ``path``: ``provenance``, ``indices`` (per output and group) and ``points``."""
    return read_json_archive(path, SOBOL_FORMAT, "Sobol archive")


def load_rules(path: str | Path = RULES_FILE) -> dict[str, Any]:
    """The claim counts per run (:data:`RULES_FILE`): ``provenance`` and ``runs``, each run with its ``id``,
    ``label``, ``offpath``, fixed parameters ``set``, ``command``, ``commit``, ``solved`` draws and per claim the
    number of draws in which it holds in ``all``, ``some`` or ``none`` of the equilibria."""
    return read_json_archive(path, RULES_FORMAT, "claim shares by off-path rule")
