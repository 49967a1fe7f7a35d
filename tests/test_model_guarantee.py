"""The guarantee game's tree: structure, the implied quantities of GUARANTEE.md §3.3, orderings, variants.

Expected numbers are the research brief's (§2.10 sizes, §3.3 table, computed
there by hand and in exact arithmetic); they are read here off the built tree's
chance probabilities and payoffs, not from the model's payoff functions.
"""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from escalation.errors import ParameterError
from escalation.models import get_model
from escalation.models.guarantee import PARAMETERS, VARIANTS, Variant, build

F = Fraction
DEFAULTS = PARAMETERS.defaults()


@pytest.fixture(scope="module")
def tree():
    return build(DEFAULTS)


def counts(game):
    return Counter(n.kind for n in game.nodes), len(game.infosets)


def test_size_with_the_default_menu(tree):
    kinds, infosets = counts(tree)
    assert (kinds["terminal"], kinds["decision"], kinds["chance"], infosets) == (616, 232, 311, 114)
    assert tree.has_perfect_recall


@settings(max_examples=25)  # each draw builds a tree of up to 3,500 leaves
@given(st.sets(st.integers(1, 300), min_size=1, max_size=5))
def test_leaves_grow_with_the_menu_as_the_brief_says(levels):
    menu = (0, *sorted(levels))
    game = build(DEFAULTS, Variant(menu=menu))
    assert len(game.terminals) == 8 * (5 + 24 * (len(menu) - 1))
    assert len(game.infosets) == 2 + 4 + 36 * (len(menu) - 1)


def test_information_sets_are_labelled_for_patterns(tree):
    stages = Counter(label.split("|")[0] for label in tree.infosets)
    assert stages == {"C:F": 2, "R:consent": 12, "R:attack": 28, "C:respond": 24, "R:threat": 24, "C:stand": 24}
    h = tree.infosets["C:F|H"]
    assert h.actions == ("F=0", "F=25", "F=60", "F=150")
    assert len(h.nodes) == 4  # the coalition knows its resolve, not Russia's aims nor the US posture
    assert len(tree.infosets["R:consent|Rev|B|25"].nodes) == 2  # Russia does not know the coalition's resolve
    assert len(tree.infosets["C:respond|L|60|probe|D"].nodes) == 2  # ... nor the coalition Russia's aims
    assert tree.infosets["R:attack|Lim|D|0|none"].actions == ("hold", "probe", "offensive")


def _chance(tree, path, action):
    node = tree.node(path)
    return F(str(node.probabilities[node.actions.index(action)]))


def _payoff(tree, path, player):
    node = tree.node(path)
    return F(str(node.payoffs[tree.players.index(player)]))


BASE = "root/H/Rev/{u}/F={F}"

# GUARANTEE.md §3.3: p0_O (Ukraine alone, deployed budget), p1_O backstop / deal, p0_P / p1_P (backstop),
# r_O, r_P, Ab(F); and p0_O with the refused budget
TABLE = {
    25: dict(p0_O=F(14, 59), p1_O_B=F(8, 35), p1_O_D=F(28, 121), p0_P=F(2, 11), p1_P_B=F(4, 31),
             r_O=F(1, 60), r_P=F(1, 300), Ab=F(9, 8), p0_O_refused=F(28, 121)),
    60: dict(p0_O=F(35, 137), p1_O_B=F(10, 43), p1_O_D=F(35, 146), p0_P=F(25, 127), p1_P_B=F(25, 262),
             r_O=F(3, 110), r_P=F(3, 550), Ab=F(13, 10), p0_O_refused=F(700, 700 + 3 * 740)),
    150: dict(p0_O=F(7, 22), p1_O_B=F(28, 115), p1_O_D=F(14, 53), p0_P=F(1, 4), p1_P_B=F(2, 35),
              r_O=F(3, 80), r_P=F(3, 400), Ab=F(7, 4), p0_O_refused=F(700, 700 + 3 * 650)),
}


@pytest.mark.parametrize("force", [25, 60, 150])
def test_implied_quantities_of_the_brief_s_table(tree, force):
    want = TABLE[force]
    b, d = BASE.format(u="B", F=force), BASE.format(u="D", F=force)
    assert _chance(tree, f"{b}/consent/offensive/contained/abandon", "R wins") == want["p0_O"]
    assert _chance(tree, f"{b}/consent/offensive/contained/respond", "R wins") == want["p1_O_B"]
    assert _chance(tree, f"{d}/consent/offensive/contained/respond", "R wins") == want["p1_O_D"]
    assert _chance(tree, f"{b}/consent/probe/contained/abandon", "R wins") == want["p0_P"]
    assert _chance(tree, f"{b}/consent/probe/contained/respond", "R wins") == want["p1_P_B"]
    assert _chance(tree, f"{b}/consent/offensive", "escalates") == want["r_O"]
    assert _chance(tree, f"{b}/consent/probe", "escalates") == want["r_P"]
    assert _chance(tree, f"{b}/refuse/offensive", "R wins") == want["p0_O_refused"]
    held = _payoff(tree, f"{b}/consent/hold", "Coalition")
    assert held - _payoff(tree, f"{b}/consent/offensive/contained/abandon/R fails", "Coalition") == want["Ab"]


def test_no_force_means_ukraine_alone_with_the_whole_budget(tree):
    # F = 0: arms 30, D_U = 800: p0_O = 7/31, p0_P = 5/29; Russia can attack an unguarded Ukraine
    assert _chance(tree, "root/L/Lim/D/F=0/offensive", "R wins") == F(7, 31)
    assert _chance(tree, "root/L/Lim/D/F=0/probe", "R wins") == F(5, 29)
    assert _payoff(tree, "root/H/Rev/B/F=0/offensive/R wins", "Russia") == 1 - F(1, 20) - F(1, 50)


def test_priors_at_the_root(tree):
    assert _chance(tree, "root", "H") == F(1024, 3125)
    assert _chance(tree, "root/H", "Rev") == F(1, 2)
    assert _chance(tree, "root/H/Rev", "B") == F(1, 2)


def test_stage_terms_of_a_deployed_force(tree):
    # hold after consent: Russia g0 + g_D 1[deal] - sF, the coalition g_v - dF - psi_B (kF - B)+
    assert _payoff(tree, "root/H/Rev/D/F=25/consent/hold", "Russia") == F(1, 50) + F(1, 10) - F(25, 400)
    assert _payoff(tree, "root/H/Rev/B/F=25/consent/hold", "Russia") == F(1, 50) - F(25, 400)
    assert _payoff(tree, "root/H/Rev/B/F=25/consent/hold", "Coalition") == F(1, 20) - F(25, 1000)
    over = build({**DEFAULTS, "B": 20})  # 150k cost 30bn: 10bn over budget at psi_B = 1/50
    assert _payoff(over, "root/H/Rev/B/F=150/consent/hold", "Coalition") == F(1, 20) - F(150, 1000) - F(10, 50)


@pytest.mark.parametrize(("change", "named"), [
    ({"W_L": "1/2"}, "W_H, W_L"),
    ({"V_Lim": 1}, "V_Lim, V_Rev"),
    ({"phi_P": 1}, "phi_P, phi_O"),
    ({"x_P": 800}, "x_P, x_O"),
    ({"c_P": "1/20"}, "c_P, c_O"),
    ({"rho_P": "1/10"}, "rho_P, rho_O"),
    ({"rho_member": 1}, "rho_member"),
    ({"pi_R": 0}, "pi_R"),
    ({"beta": 1}, "beta"),
    ({"k_quorum": 6}, "k_quorum, N_members"),
    ({"m": "3/2"}, "m"),
])
def test_broken_orderings_name_the_parameter(change, named):
    with pytest.raises(ParameterError) as info:
        get_model("guarantee").game(**change)
    assert info.value.parameter == named


def test_equal_escalation_risks_are_allowed():
    get_model("guarantee").game(rho_P="1/20")  # rho_P <= rho_O, not strict


def test_every_parameter_has_a_unit_a_source_and_a_plausible_range():
    for p in PARAMETERS.values():
        assert p.unit, p.name
        assert p.source, p.name
        assert p.plausible is not None, p.name
        low, high = p.plausible
        assert low <= p.default <= high or p.name == "k_quorum", p.name
    drawn = {name for name, p in PARAMETERS.items() if p.prior is not None}
    fixed = {"m", "V_Rev", "phi_O", "W_U", "N_members"}  # normalisations and structural integers (§3.2)
    assert drawn == set(PARAMETERS) - fixed


# --- variants ------------------------------------------------------------------------------------

def test_resolve_drawn_after_the_offer_merges_the_offer_sets():
    game = get_model("guarantee-late-resolve").game()
    assert "C:F|H" not in game.infosets
    assert len(game.infosets["C:F"].nodes) == 4
    assert len(game.terminals) == 616
    assert game.has_perfect_recall
    # Russia's belief after any offer is the prior: the offer carries no information about resolve
    assert _chance(game, "root/Rev/B/F=25", "H") == F(1024, 3125)


def test_refusal_means_the_war_goes_on():
    game = get_model("guarantee-war-on-refusal").game()
    assert not [h for h in game.infosets if h.endswith("|refused")]
    node = game.node("root/H/Rev/B/F=25/refuse")
    assert node.kind == "chance"
    assert _chance(game, "root/H/Rev/B/F=25/refuse", "R wins") == F(28, 121)  # an offensive, refused budget
    assert len(game.terminals) == 8 * (5 + 3 * (19 + 2))


def test_monitoring_posture_is_a_force_without_a_tripwire():
    game = get_model("guarantee-monitoring").game()
    assert game.infosets["C:F|H"].actions == ("F=0", "F=25", "F=60", "F=150", "F=25m", "F=60m", "F=150m")
    monitored = "root/H/Rev/B/F=25m/consent/offensive"
    assert game.node(monitored).kind == "decision"  # no automatic escalation before the response
    held = _payoff(game, "root/H/Rev/B/F=25m/consent/hold", "Coalition")
    assert held == _payoff(game, f"{monitored}/abandon/R fails", "Coalition")  # abandoning costs nothing
    assert _chance(game, f"{monitored}/respond", "R wins") == F(8, 35)  # the same force in battle


def test_variants_are_registered_as_models():
    assert {f"guarantee-{name}" for name in VARIANTS} <= set(__import__("escalation.models").models.MODELS)


@pytest.mark.parametrize(("options", "named"), [
    (dict(menu=(25, 60)), "menu"),
    (dict(menu=(0, 0, 25)), "menu"),
    (dict(menu=(0,)), "menu"),
    (dict(menu=(0, -5)), "menu"),
    (dict(resolve="never"), "resolve"),
    (dict(refusal="maybe"), "refusal"),
])
def test_bad_structural_options(options, named):
    with pytest.raises(ParameterError) as info:
        Variant(**options)
    assert info.value.parameter == named


# --- drawing -----------------------------------------------------------------------------------------

def test_the_large_tree_is_drawn_with_folded_subtrees(tree):
    import matplotlib.pyplot as plt

    from escalation.plotting.tree import draw_tree

    ax = draw_tree(tree, focus="root/H/Rev/B/F=25/consent/offensive")
    folded = [line.get_label() for line in ax.lines if line.get_label().startswith("_folded:")]
    leaves = [t for t in ax.texts if t.get_text().startswith("(")]  # payoff vectors of the visible leaves
    hidden = sum(int(t.get_text().split()[0]) for t in ax.texts if t.get_text().endswith(" outcomes"))
    assert len(leaves) == 10  # hold, the war lottery, and everything after a contained offensive
    assert len(leaves) + hidden == 616
    assert "_folded:root/L" in folded
    assert "_folded:root/H/Rev/B/F=25/consent/probe" in folded
    assert len(folded) == 8  # L; Lim; D; F=0, 60, 150; refuse; probe (hold is a leaf)
    # a folded subtree can also be named directly; an information set is drawn between its visible nodes (a
    # folded node is visible as its triangle)
    ax = draw_tree(tree, collapse=["root/L", "root/H/Lim", "root/H/Rev/B/F=60", "root/H/Rev/B/F=150",
                                   "root/H/Rev/B/F=25", "root/H/Rev/D/F=0", "root/H/Rev/D/F=25", "root/H/Rev/D/F=60",
                                   "root/H/Rev/D/F=150"])
    drawn = {line.get_label() for line in ax.lines if line.get_label().startswith("_infoset:")}
    assert drawn == {"_infoset:C:F|H"}  # root/H/Rev/B and the folded root/H/Rev/D
    plt.close("all")


def test_the_concession_stage_where_no_force_is_deployed():
    game = get_model("guarantee-concession").game()
    concede = game.infosets["C:concede|H|0|none"]
    assert concede.actions == ("z=0", "z=0.1", "z=0.2")
    assert len(concede.nodes) == 4  # the coalition does not know Russia's aims or the US posture
    assert "C:concede|L|25|refused" in game.infosets  # also after a refusal
    assert not [h for h in game.infosets if h.startswith("C:concede") and h.endswith("deployed")]
    # a held concession z is worth z V to Russia and costs the coalition z W_U; an attack forfeits it
    assert _payoff(game, "root/H/Rev/B/F=0/z=0.1/hold", "Russia") == F(1, 10)
    assert _payoff(game, "root/H/Lim/B/F=0/z=0.2/hold", "Russia") == F(1, 5) * F(1, 5)
    assert _payoff(game, "root/H/Lim/B/F=0/z=0.2/hold", "Coalition") == -F(1, 5)
    plain = build(DEFAULTS)
    assert _payoff(game, "root/H/Rev/B/F=0/z=0.2/offensive/R wins", "Russia") == _payoff(
        plain, "root/H/Rev/B/F=0/offensive/R wins", "Russia")
    assert len(game.terminals) == 616 + 8 * 4 * 2 * 5  # two more concession levels on 4 unguarded branches
    assert game.has_perfect_recall
    with pytest.raises(ParameterError) as info:
        Variant(concessions=("1/10", "1/5"))
    assert info.value.parameter == "concessions"
