"""The model commands: `escalation models` and `escalation solve MODEL --set ...`.

Expected equilibria come from the worked examples of the research brief
(Zagare & Kilgour's games, derived by hand there), not from the package.
"""

from __future__ import annotations

import json

import pytest

from escalation.cli import main
from escalation.models import MODELS


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_models_lists_every_registered_model_with_claims(capsys):
    code, out, _ = run(capsys, "models", "--json")
    assert code == 0
    listed = {m["name"]: m["claims"] for m in json.loads(out)}
    assert listed == {name: list(m.claims) for name, m in MODELS.items()}
    assert {"tripwire", "unilateral", "rudimentary", "mutual"} <= set(listed)
    assert all(claims and all(c.startswith("E") for c in claims) for claims in listed.values())


def test_models_describes_parameters_and_thresholds(capsys):
    code, out, _ = run(capsys, "models", "unilateral", "--json")
    info = json.loads(out)
    assert code == 0
    assert info["parameters"]["p_Def"]["domain"] == ["0", "1"]
    assert set(info["thresholds"]) == {"alpha_H", "alpha_S", "beta"}
    code, text, _ = run(capsys, "models", "unilateral")
    assert "p_Def" in text
    assert "alpha_H" in text


# UDG utilities of the brief: alpha_H = 1/2, alpha_S = 1/3, beta = 1/2.
@pytest.mark.parametrize(("p_ch", "p_def", "name", "outcomes"), [
    pytest.param("1/2", "3/5", "Certain Deterrence", {"SQ": "1"}, id="a"),
    pytest.param("1/2", "2/5", "Separating", {"SQ": "1/2", "CW": "3/10", "W": "1/5"}, id="b"),
    pytest.param("3/4", "1/4", "Attack", {"CW": "3/4", "W": "3/16", "DW": "1/16"}, id="c"),
    pytest.param("1/4", "1/4", "Bluff", {"SQ": "1/2", "CW": "1/3", "W": "1/12", "DW": "1/12"}, id="d"),
    pytest.param("1/4", "1/10", "Bluff", {"SQ": "1/2", "CW": "1/3", "W": "1/12", "DW": "1/12"}, id="e"),
])
def test_solve_unilateral_reproduces_the_worked_examples(capsys, p_ch, p_def, name, outcomes):
    code, out, err = run(capsys, "solve", "unilateral", "--set", f"p_Ch={p_ch}", "--set", f"p_Def={p_def}", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["parameters"]["p_Ch"] == p_ch
    assert result["refinement"] == "perfect Bayesian"
    (eq,) = result["equilibria"]
    assert eq["name"] == name
    assert {k: v for k, v in eq["outcomes"].items() if v != "0"} == outcomes
    assert set(eq["beliefs"])
    assert all(isinstance(b, dict) for b in eq["beliefs"].values())


def test_off_path_rule_changes_the_equilibrium_set(capsys):
    """Under free off-path beliefs Certain Deterrence exists everywhere; under D1 only above alpha_H."""
    args = ["solve", "unilateral", "--set", "p_Ch=3/4", "--set", "p_Def=1/4", "--json"]
    _, d1, _ = run(capsys, *args)
    _, free, _ = run(capsys, *args, "--offpath", "free")
    names = lambda out: {eq["name"] for eq in json.loads(out)["equilibria"]}  # noqa: E731
    assert names(d1) == {"Attack"}
    assert names(free) == {"Attack", "Certain Deterrence"}


@pytest.mark.parametrize(("a_dd", "a_sq", "a_dc", "p_b", "conflict"), [
    ("0", "1", "3", "1/2", "1/2"),
    ("0", "1", "3", "3/4", "0"),
])
def test_solve_rudimentary_game(capsys, a_dd, a_sq, a_dc, p_b, conflict):
    code, out, _ = run(capsys, "solve", "rudimentary", "--set", f"a_DD={a_dd}", "--set", f"a_SQ={a_sq}",
                       "--set", f"a_DC={a_dc}", "--set", f"p_B={p_b}", "--json")
    assert code == 0
    (eq,) = json.loads(out)["equilibria"]
    assert eq["outcomes"].get("DD", "0") == conflict


def test_solve_tripwire_names_its_region(capsys):
    code, out, _ = run(capsys, "solve", "tripwire", "--set", "F=150", "--json")
    assert code == 0
    result = json.loads(out)
    assert result["claims"] == ["E1", "E2", "E3", "E4"]
    assert all(eq.get("name") for eq in result["equilibria"])
    code, text, _ = run(capsys, "solve", "tripwire")
    assert code == 0
    assert "equilibrium 1: " in text


@pytest.mark.parametrize(("argv", "message"), [
    (["solve", "nosuchmodel"], "unknown model 'nosuchmodel'"),
    (["solve", "unilateral", "--set", "p_Def"], "a setting must look like name=value"),
    (["solve", "unilateral", "--set", "p_Def=3/2"], "parameter 'p_Def': 3/2 is outside its domain (0, 1)"),
    (["solve", "unilateral", "--set", "q=1"], "parameter 'q': unknown"),
    (["solve", "tripwire", "--offpath", "D1"], "has no off-path beliefs to choose"),
    (["solve", "rudimentary", "--set", "a_DD=5"], "assumes a_DD < a_SQ < a_DC, but a_DD = 5 is not below a_SQ"),
    (["solve"], "name a MODEL or give --game FILE"),
    (["solve", "unilateral", "--solver", "spe"], "--solver goes with --game"),
])
def test_bad_model_requests_exit_2_with_one_line(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert message in err


def test_models_lists_plausible_range_and_prior(capsys, monkeypatch):
    from scipy import stats

    from escalation.games import NormalFormGame
    from escalation.models.base import Model
    from escalation.parameters import Parameter, ParameterSpace
    from escalation.solvers.pure import pure_equilibria

    space = ParameterSpace([
        Parameter("c", 2, domain=(0, None), plausible=(1, 4), prior=stats.uniform(1, 3), unit="R-units",
                  description="cost of conflict", source="assumption"),
        Parameter("d", 1, domain=(0, None)),
    ])
    toy = Model("toy-priors", "Toy", claims=("E5",), sources=(), parameters=space, solver=pure_equilibria,
                build=lambda v: NormalFormGame.from_matrices([[0, -1], [1, -v["c"]]], [[0, 1], [-1, -v["c"]]]))
    monkeypatch.setitem(MODELS, "toy-priors", toy)
    code, out, _ = run(capsys, "models", "toy-priors", "--json")
    info = json.loads(out)["parameters"]
    assert code == 0
    assert info["c"]["plausible"] == ["1", "4"]
    assert info["c"]["prior"] == "uniform on [1, 4]"
    assert info["d"]["plausible"] is None
    assert info["d"]["prior"] is None
    code, text, _ = run(capsys, "models", "toy-priors")
    (line,) = [x for x in text.splitlines() if x.strip().startswith("c ")]
    assert "plausible [1, 4]; prior uniform on [1, 4]; assumption" in line


def test_the_catalogue_lists_exactly_the_registered_models():
    """``escalation models`` reads escalation.registry.CATALOGUE without importing the models: it must agree with
    what the model modules register (a new model adds one line to the catalogue)."""
    import importlib
    import pkgutil

    import escalation.models
    from escalation.registry import _REGISTERED, CATALOGUE

    for module in pkgutil.iter_modules(escalation.models.__path__):
        if module.name != "base" and not module.name.startswith("_"):
            importlib.import_module(f"escalation.models.{module.name}")
    registered = {name: (m.title, tuple(m.claims), len(m.parameters)) for name, m in _REGISTERED.items()
                  if not name.startswith("toy")}
    catalogued = {e.name: (e.title, e.claims, e.parameters) for e in CATALOGUE}
    assert catalogued == registered
    for entry in CATALOGUE:
        assert _REGISTERED[entry.name].build.__module__.startswith(entry.module), entry.name
