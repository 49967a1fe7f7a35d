"""Borgonovo's delta from given data: hand-computed cases, properties, SALib as an oracle, the shipped archive.

The hand cases are written out as fractions from the definition
½ Σ_m (n_m/N) Σ_y |p_m(y) − p(y)|; the SALib check estimates the continuous
output's delta with kernel densities, an independent route to the same ordering.
"""

from __future__ import annotations

import json
import math
import warnings
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from escalation.claims.archive import read_archive, save_outcomes
from escalation.claims.delta import (
    DIFFERENCE_BINS,
    MIN_DRAWS,
    PARAMETERS,
    Bins,
    binned,
    class_count,
    delta,
    delta_indices,
    partition,
    prior_deltas,
)
from escalation.claims.sensitivity import GROUPS, OUTPUTS
from escalation.claims.summaries import LEDGER
from escalation.cli import main
from escalation.errors import ParameterError

GRID8 = list(range(1, 9))

# -- hand-computed cases --------------------------------------------------------------------------
# (what, x, y, classes, delta by hand)
HAND = [
    ("Y = 1[X > median], two pure classes: ½ (½·1 + ½·1)", GRID8, [0] * 4 + [1] * 4, 2, Fraction(1, 2)),
    ("Y alternates along X: every class is the whole sample in small", GRID8, [0, 1] * 4, 2, Fraction(0)),
    # class {1..4} has Y = (0,0,0,1): |1/4 - 5/8| + |3/4 - 3/8| = 3/4; class {5..8} pure 1: 3/8 + 3/8 = 3/4
    ("one mixed class: ½ (½·¾ + ½·¾)", GRID8, [0, 0, 0, 1, 1, 1, 1, 1], 2, Fraction(3, 8)),
    # three pure classes of a uniform three-valued Y: each |1 - 1/3| + 1/3 + 1/3 = 4/3
    ("three values, three pure classes: ½ · 4/3 = 1 − Σ p²", list(range(9)), list("aaabbbccc"), 3,
     Fraction(2, 3)),
    # ties: the six 1s share rank 0 (class 0), the two 2s rank 6 (class ⌊2·6/8⌋ = 1);
    # class 0 has Y = (0,0,0,0,1,1): |1/3 - 1/2|·2 = 1/3, weight 6/8; class 1 pure 1: 1, weight 2/8
    ("tied inputs share a class: ½ (¾·⅓ + ¼·1)", [1, 1, 1, 1, 1, 1, 2, 2], [0, 0, 0, 0, 1, 1, 1, 1], 2,
     Fraction(1, 4)),
    ("a constant output", GRID8, ["all"] * 8, 2, Fraction(0)),
]


@pytest.mark.parametrize(("what", "x", "y", "classes", "expected"), HAND, ids=[h[0] for h in HAND])
def test_hand_computed_cases(what, x, y, classes, expected):
    assert delta(x, y, classes=classes) == pytest.approx(float(expected), abs=1e-12)


def grid_and_threshold() -> tuple[np.ndarray, np.ndarray]:
    x1 = np.arange(1, 101) / 100
    return x1, (x1 > 0.5).astype(int)


def test_threshold_on_a_grid_of_100_and_an_independent_input_with_known_counts():
    """Y = 1[X1 > 1/2] on 100 grid points: 4 classes of 25, two all 0, two all 1, so δ = ½.

    X2 puts 13, 12, 13, 12 of Y's ones in its four classes: each class is off the
    marginal ½ by 1/50 in both values, so δ = ½ · Σ_m ¼ · 2/50 = 1/50 although
    Y does not depend on X2 by design: the finite-sample bias.
    """
    x1, y = grid_and_threshold()
    ones, zeros = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    x2 = np.empty(100)
    start_1 = start_0 = 0
    for m, k in enumerate((13, 12, 13, 12)):  # class m of X2 holds k ones and 25 - k zeros
        members = np.concatenate([ones[start_1:start_1 + k], zeros[start_0:start_0 + 25 - k]])
        x2[members] = m + np.linspace(0.1, 0.9, 25)
        start_1, start_0 = start_1 + k, start_0 + 25 - k
    assert class_count(100) == 4
    assert delta(x1, y) == pytest.approx(0.5, abs=1e-12)
    assert delta(x2, y) == pytest.approx(1 / 50, abs=1e-12)


def test_the_null_is_centred_on_the_exact_bias_of_a_random_permutation():
    """Under a random permutation each class of 25 draws holds K ~ Hypergeometric(100, 50, 25) ones, and
    δ = ½ Σ_m ¼ · 2 |K_m/25 − ½|, so E[δ] = E|K/25 − ½|, computed here from the hypergeometric law."""
    x1, y = grid_and_threshold()
    law = {k: Fraction(math.comb(50, k) * math.comb(50, 25 - k), math.comb(100, 25)) for k in range(26)}
    exact = sum(p * abs(Fraction(k, 25) - Fraction(1, 2)) for k, p in law.items())
    rng = np.random.default_rng(3)
    values = np.array([delta(rng.permutation(x1), y) for _ in range(2000)])
    se = values.std(ddof=1) / math.sqrt(len(values))
    assert abs(values.mean() - float(exact)) < 4 * se
    found = delta_indices({"x1": x1}, y, seed=3)["x1"]
    assert float(exact) < found.null < 0.5  # the 95% quantile lies above the mean, far below the real effect


def test_class_count_and_partition():
    assert [class_count(n) for n in (20, 100, 400, 2000, 10**6)] == [3, 4, 5, 12, 48]
    x = np.array([5.0, 3.0, 3.0, 9.0, 1.0, 7.0])  # ranks (lowest for ties) 3, 1, 1, 5, 0, 4
    assert partition(x, 3).tolist() == [1, 0, 0, 2, 0, 2]


def test_binned_uses_the_documented_bins():
    y = np.array([0.0, 1e-9, 0.25, 0.2500001, 0.5, 0.75, 0.99, 1.0])
    assert binned(y).tolist() == ["=0", "<=0.25", "<=0.25", "<=0.5", "<=0.5", "<=0.75", ">0.75", "=1"]
    gain = np.array([-1.0, -0.5, -0.1, 0.0, 0.3, 0.6])
    assert binned(gain, DIFFERENCE_BINS).tolist() == ["<=-0.5", "<=-0.5", "<=0", "=0", "<=0.5", ">0.5"]


# -- properties -----------------------------------------------------------------------------------
@st.composite
def samples(draw, min_n: int = MIN_DRAWS, max_n: int = 60, max_values: int = 4):
    """(x, y): distinct inputs in random order and a discrete output of 1 to ``max_values`` values."""
    n = draw(st.integers(min_n, max_n))
    x = np.array(draw(st.permutations(range(n))), dtype=float) / n
    y = np.array(draw(st.lists(st.integers(0, max_values - 1), min_size=n, max_size=n)))
    return x, y


def largest(y: np.ndarray) -> float:
    """1 − Σ_y p(y)²: δ when Y is a function of the class of X, and an upper bound for any input."""
    _, counts = np.unique(y, return_counts=True)
    return 1 - float(((counts / len(y)) ** 2).sum())


@given(samples(), st.integers(2, 6))
def test_delta_lies_between_zero_and_its_bound(sample, classes):
    x, y = sample
    d = delta(x, y, classes=classes)
    assert 0 <= d <= largest(y) + 1e-12 <= 1


@given(samples(), st.sampled_from([np.exp, np.cbrt, lambda v: v ** 3 + 2 * v, lambda v: np.log1p(v) - 7]))
def test_invariant_to_increasing_transformations_of_the_input(sample, g):
    x, y = sample
    assert delta(g(x), y) == delta(x, y)


@given(st.integers(2, 5), st.integers(5, 12), st.data())
def test_invariant_to_decreasing_transformations_when_the_classes_are_equal(classes, size, data):
    n = classes * size
    x = np.array(data.draw(st.permutations(range(n))), dtype=float)
    y = np.array(data.draw(st.lists(st.integers(0, 2), min_size=n, max_size=n)))
    assert delta(-x, y, classes=classes) == pytest.approx(delta(x, y, classes=classes), abs=1e-12)


@given(samples(max_values=4), st.permutations(["all", "some", "none", "undefined"]))
def test_invariant_to_relabelling_the_output(sample, names):
    x, y = sample
    assert delta(x, np.array(names)[y]) == pytest.approx(delta(x, y), abs=1e-12)


@given(samples(), st.integers(2, 5), st.lists(st.integers(0, 3), min_size=5, max_size=5), st.randoms())
def test_an_output_that_is_a_function_of_the_input_beats_any_permuted_copy(sample, classes, f, rnd):
    x, _ = sample
    y = np.array(f)[partition(x, classes)]  # Y depends on X only through X's class
    permuted = np.array(rnd.sample(list(x), len(x)))
    assert delta(x, y, classes=classes) == pytest.approx(largest(y), abs=1e-12)
    assert delta(permuted, y, classes=classes) <= delta(x, y, classes=classes) + 1e-12


@given(samples(min_n=30), st.integers(0, 2**32 - 1))
def test_seeded_and_independent_of_the_other_inputs(sample, seed):
    x, y = sample
    other = np.cos(7 * x)
    both = delta_indices({"x": x, "other": other}, y, seed=seed, resamples=50, permutations=50)
    alone = delta_indices({"x": x}, y, seed=seed, resamples=50, permutations=50)
    again = delta_indices({"x": x, "other": other}, y, seed=np.random.default_rng(seed), resamples=50,
                          permutations=50)
    assert both == again
    assert both["x"] == alone["x"]


def test_inputs_the_output_ignores_are_rarely_findings():
    """200 inputs independent of a three-valued output of 100 draws: the rule flags none of them."""
    rng = np.random.default_rng(11)
    y = rng.choice(3, size=100, p=[0.6, 0.3, 0.1])
    found = delta_indices({f"x{i}": rng.random(100) for i in range(200)}, y, seed=11)
    assert sum(d.finding for d in found.values()) == 0
    assert all(d.low <= d.corrected <= d.high for d in found.values())


def test_a_strong_input_is_a_finding_and_its_interval_covers_the_truth():
    """Y = 1[X1 > 1/2] on 100 draws: δ = ½ exactly at every sample; X2 independent is no finding."""
    rng = np.random.default_rng(4)
    x1, x2 = rng.random(100), rng.random(100)
    found = delta_indices({"x1": x1, "x2": x2}, x1 > 0.5, seed=4)
    assert found["x1"].finding
    assert not found["x2"].finding
    assert found["x1"].low <= 0.5 <= found["x1"].high


# -- bad input --------------------------------------------------------------------------------------
@pytest.mark.parametrize(("call", "names"), [
    (lambda: delta_indices({"a": np.arange(10)}, np.arange(10) % 2), ("output", "10 draws")),
    (lambda: delta_indices({"a": np.arange(30)}, np.arange(29) % 2), ("'a'", "29")),
    (lambda: delta_indices({"a": [math.nan] * 30}, np.arange(30) % 2), ("'a'", "not finite")),
    (lambda: delta_indices({}, np.arange(30) % 2), ("inputs",)),
    (lambda: delta(np.arange(30), np.arange(30) / 30), ("output", "bin a continuous output")),
    (lambda: delta(np.arange(30), np.arange(30) % 2, classes=1), ("classes",)),
    (lambda: delta_indices({"a": np.arange(30)}, np.arange(30) % 2, resamples=5), ("resamples",)),
    (lambda: binned([0.5, math.nan]), ("output", "NaN")),
    (lambda: delta(["a", "b", "c"], [0, 1, 0]), ("'input'", "not numbers")),
    (lambda: delta([1.0], [0]), ("output", "two draws")),
    (lambda: prior_deltas(names=["E7 (planned 25)"]), ("output", "E7 (planned 25)")),
    (lambda: prior_deltas(names=["E1 (planned 25)"], parameters=["W_X"]), ("W_X",)),
])
def test_bad_input_is_refused_in_one_line_naming_it(call, names):
    with pytest.raises(ParameterError) as err:
        call()
    message = str(err.value)
    assert "\n" not in message
    for name in names:
        assert name in message


def test_a_constant_output_has_zero_indices():
    found = delta_indices({"a": np.arange(30), "b": np.arange(30) ** 2}, ["none"] * 30, seed=0)
    assert all((d.delta, d.corrected, d.low, d.high, d.null, d.finding) == (0, 0, 0, 0, 0, False)
               for d in found.values())


# -- SALib's kernel-density estimator as an independent check -------------------------------------
def test_orderings_agree_with_salib_on_a_smooth_output():
    """Y = X1 + 0.3 X2 with X3 idle, 2,000 draws: SALib's δ (kernel densities) and ours (10 bins) rank alike."""
    salib_delta = pytest.importorskip("SALib.analyze.delta")
    rng = np.random.default_rng(2)
    x = rng.random((2000, 3))
    y = x[:, 0] + 0.3 * x[:, 1]
    names = ["x1", "x2", "x3"]
    problem = {"num_vars": 3, "names": names, "bounds": [[0.0, 1.0]] * 3}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        theirs = salib_delta.analyze(problem, x, y, num_resamples=10, seed=2, method="delta")["delta_raw"]
    bins = Bins((), tuple(np.linspace(0, 1.3, 11)[1:-1]), "ten equal bins")
    ours = delta_indices(dict(zip(names, x.T, strict=True)), binned(y, bins), seed=2, resamples=100,
                         permutations=100)
    assert list(np.argsort(theirs)) == list(np.argsort([ours[n].delta for n in names])) == [2, 1, 0]
    assert ours["x1"].finding
    assert not ours["x3"].finding


# -- the shipped archive ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped():
    return prior_deltas(resamples=200, permutations=100)


def test_the_shipped_archive_gives_every_claim_and_outcome_for_every_parameter(shipped):
    records, attrs = read_archive()
    assert sorted(PARAMETERS) == sorted(records[0]["parameters"])
    assert len(PARAMETERS) == 41
    planned = list(records[0]["claims"])
    expected = [f"{c} (planned {p})" for p in planned for c in LEDGER] + list(OUTPUTS)
    assert list(shipped["outputs"]) == expected
    for name, out in shipped["outputs"].items():
        assert sorted(d["parameter"] for d in out["indices"]) == sorted(PARAMETERS), name
        assert sum(out["values"].values()) == out["draws"] == len(records), name
        deltas = [d["delta"] for d in out["indices"]]
        assert deltas == sorted(deltas, reverse=True)
        for d in out["indices"]:
            assert 0 <= d["delta"] <= 1, (name, d)
            assert d["low"] <= d["corrected"] <= d["high"], (name, d)
            assert d["finding"] == (d["low"] > d["null"])
            assert d["parameter"] in GROUPS[d["group"]]
    assert shipped["archive"]["seed"] == attrs["seed"]


def test_the_porcupine_never_brings_war_so_its_war_output_is_constant(shipped):
    for bound in ("min", "max"):
        out = shipped["outputs"][f"war at 0 ({bound})"]
        assert out["constant"]
        assert out["values"] == {"=0": 100}
        assert all(d["delta"] == 0 and not d["finding"] for d in out["indices"])


def test_verdict_counts_match_the_claims_in_the_archive(shipped):
    records, _ = read_archive()
    for claim in LEDGER:
        counts = shipped["outputs"][f"{claim} (planned 150)"]["values"]
        for verdict, count in counts.items():
            assert count == sum(r["claims"]["150"][claim] == verdict for r in records)


# -- the command line -------------------------------------------------------------------------------
def test_the_russian_aims_prior_leads_deterrence_in_the_shipped_archive(shipped):
    # the finding the claims-ledger page reports: pi_R moves deterrence at every level, far ahead of the rest
    for level in ("25", "150"):
        top, second = shipped["outputs"][f"deterrence at {level} (min)"]["indices"][:2]
        assert top["parameter"] == "pi_R"
        assert top["finding"]
        assert top["delta"] > 2 * second["delta"]


def _first_draws(tmp_path, n=40):
    """The first ``n`` draws of the shipped archive, as an archive of their own (so a command runs in seconds)."""
    records, attrs = read_archive()
    return save_outcomes(tmp_path / f"prior-{n}.json", records[:n],
                         {k: v for k, v in attrs.items() if k != "format"} | {"draws": n})


def test_command_line_prints_the_top_parameters(capsys, tmp_path):
    assert main(["claims", "guarantee", "--delta", "--top", "3", "--archive", str(_first_draws(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "E3 (planned 150)" in out
    assert "deterrence at 150 (min)" in out
    block = out.split("deterrence at 25 (min)")[1].split("\n\n")[0].splitlines()
    rows = [line.split() for line in block[2:]]
    assert block[1].split()[0] == "parameter"
    assert len(rows) == 3
    assert {row[0] for row in rows} <= set(PARAMETERS)
    assert float(rows[0][1]) >= float(rows[1][1]) >= float(rows[2][1])


def test_command_line_json_matches_the_library(capsys, tmp_path):
    # on the first 40 draws of the shipped archive (--archive), so that the whole command runs in seconds
    small = _first_draws(tmp_path)
    assert main(["claims", "guarantee", "--delta", "--json", "--seed", "5", "--archive", str(small)]) == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["outputs"]["E1 (planned 25)"] == prior_deltas(small, names=["E1 (planned 25)"], seed=5)[
        "outputs"]["E1 (planned 25)"]


@pytest.mark.parametrize(("argv", "says"), [
    (["--delta", "--samples", "3", "--seed", "1"], "--delta"),
    (["--delta", "--set", "W_R=1"], "--delta"),
    (["--delta", "--archive", "/nonexistent/prior.json"], "/nonexistent/prior.json"),
    (["--delta", "--top", "0"], "top"),
])
def test_command_line_errors_are_one_line(capsys, argv, says):
    assert main(["claims", "guarantee", *argv]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert says in err
    assert "Traceback" not in err
