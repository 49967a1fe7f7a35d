"""Fuzzing the Gambit readers (issue 15): every mutant of a valid file is read or refused cleanly.

Each mutant (tokens deleted, duplicated and swapped; numbers replaced by
``nan``, ``inf``, ``1e400``, huge integers, strings; unbalanced quotes and
braces; truncation; bytes that are not UTF-8; see ``fuzz_files.py``) must
either read into a valid game -- one that is written and read back unchanged
-- or raise :class:`~escalation.errors.GameFileError` naming the file and a
line.  Never another exception; a read that gives no answer within
``fuzz_files.HANG`` seconds counts as a hang.
"""

from __future__ import annotations

import collections
import random

import pytest
from fuzz_files import SEEDS, mutant, outcome
from hypothesis import given, seed, settings
from hypothesis import strategies as st


@seed(20240615)
@settings(max_examples=150)
@given(st.sampled_from(SEEDS), st.randoms(use_true_random=False))
def test_every_mutant_is_read_or_refused_naming_file_and_line(tmp_path_factory, source, rng):
    path = tmp_path_factory.mktemp("fuzz") / f"mutant{source.suffix}"
    path.write_bytes(mutant(rng, source.read_bytes()))
    assert outcome(path) in ("read", "refused")


FUZZ_SEED = 15
FUZZ_MUTANTS = 10_000


@pytest.mark.slow
def test_ten_thousand_mutants(tmp_path, capsys):
    rng = random.Random(FUZZ_SEED)
    counts: collections.Counter[str] = collections.Counter()
    for k in range(FUZZ_MUTANTS):
        source = rng.choice(SEEDS)
        path = tmp_path / f"mutant{k % 10}{source.suffix}"
        path.write_bytes(mutant(rng, source.read_bytes()))
        counts[outcome(path)] += 1
    with capsys.disabled():
        print(f"\nfuzz (seed {FUZZ_SEED}): {FUZZ_MUTANTS} mutants of {len(SEEDS)} files: "
              f"{counts['read']} read, {counts['refused']} refused cleanly, "
              f"{FUZZ_MUTANTS - counts['read'] - counts['refused']} anything else")
    assert counts["read"] + counts["refused"] == FUZZ_MUTANTS, counts
