"""Tests of escalation.plotting: style, tree drawings, payoff tables and non-credible threats.

Expected values come from the textbook games (entry deterrence, Chicken, the
Prisoner's Dilemma) or are worked out by hand in the comments; the image
baseline in tests/baseline/ was inspected by eye when it was made.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import matplotlib
import pytest
from hypothesis import given, settings
from matplotlib.colors import to_hex
from matplotlib.font_manager import FontProperties, findfont
from matplotlib.testing.compare import compare_images
from strategies import perfect_information_trees, trees_with_information_sets

from escalation.errors import GameStructureError, ParameterError
from escalation.games import ExtensiveFormGame, NormalFormGame, chance, decision, outcome, reach_probabilities
from escalation.games.profiles import continuation_payoffs, equilibrium_moves
from escalation.games.strategic import pure_behaviour
from escalation.plotting import (
    DPI,
    OKABE_ITO,
    draw_payoff_matrix,
    draw_tree,
    drawn_actions,
    marked_cells,
    style_context,
    tree_layout,
)
from escalation.plotting.matrix import mixed_equilibrium_text
from escalation.plotting.style import THREAT, number_label
from escalation.solvers.backward_induction import subgame_perfect
from escalation.solvers.credibility import non_credible_threats
from escalation.solvers.nash import nash_equilibria
from escalation.solvers.solution import Computation, Solution

BASELINE = Path(__file__).parent / "baseline"


def entry_game() -> ExtensiveFormGame:
    return ExtensiveFormGame(("Entrant", "Incumbent"), decision("Entrant", {
        "Out": outcome("Status quo", (0, 2)),
        "In": decision("Incumbent", {
            "Fight": outcome("Conflict", (-1, -1)),
            "Accommodate": outcome("Concession", (1, 1)),
        }),
    }))


def chance_game() -> ExtensiveFormGame:
    """Nature picks Russia's type; the coalition cannot tell the two tests apart (information set C)."""
    def russia(war):
        return decision("Russia", {
            "Hold": outcome("Status quo", (0, 0)),
            "Test": decision("Coalition", {"Respond": outcome("War", (war, -3)),
                                           "Abandon": outcome("Defeat", (2, -2))}, infoset="C"),
        })
    return ExtensiveFormGame(("Russia", "Coalition"), chance({"Hard": ("1/3", russia(-2)),
                                                              "Soft": ("2/3", russia(-4))}))


NASH = {"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 1, "Accommodate": 0}}
SPE = {"root": {"Out": 0, "In": 1}, "root/In": {"Fight": 0, "Accommodate": 1}}


def by_hand(players, strategies, payoffs) -> Solution:
    return Solution(players, strategies, payoffs, Computation("by hand", "Nash"))


# -- style ------------------------------------------------------------------------------------------
def test_style_context_sets_and_restores_rcparams():
    before = dict(matplotlib.rcParams)
    with style_context():
        assert matplotlib.rcParams["svg.hashsalt"] == "escalation"
        assert matplotlib.rcParams["savefig.dpi"] == DPI
        assert matplotlib.rcParams["font.sans-serif"][0] == "DejaVu Sans"
    assert dict(matplotlib.rcParams) == before


def test_style_font_is_the_dejavu_sans_shipped_with_matplotlib():
    with style_context():
        path = Path(findfont(FontProperties(family=matplotlib.rcParams["font.family"]), fallback_to_default=False))
    assert path.name == "DejaVuSans.ttf"
    assert Path(matplotlib.get_data_path()) in path.parents


def test_style_colour_cycle_is_okabe_ito():
    with style_context():
        cycle = [to_hex(c["color"]) for c in matplotlib.rcParams["axes.prop_cycle"]]
    assert set(cycle) == {c.lower() for c in OKABE_ITO.values()}


@pytest.mark.parametrize(("value", "text"), [
    pytest.param(-1, "\u22121", id="negative integer"),
    pytest.param("-3/4", "\u22123/4", id="negative fraction"),
    pytest.param(0.5, "1/2", id="float read exactly"),
    pytest.param("x - 2", "x \u2212 2", id="expression"),
])
def test_number_label(value, text):
    assert number_label(value) == text


# -- tree layout and moves --------------------------------------------------------------------------
def test_tree_layout_of_entry_deterrence():
    # Leaves Out, Fight, Accommodate; Out and Fight have different parents, so they are 1.5 apart.
    layout = tree_layout(entry_game())
    assert layout == {0: (1.0, 0.0), 1: (0.0, -1.0), 2: (2.0, -1.0), 3: (1.5, -2.0), 4: (2.5, -2.0)}


@settings(max_examples=40)
@given(perfect_information_trees())
def test_tree_layout_properties(game):
    layout = tree_layout(game)
    leaves = [layout[n.index][0] for n in game.terminals]
    assert all(b - a >= 1 for a, b in itertools.pairwise(leaves))  # left to right, never closer than 1
    for node in game.nodes:
        x, y = layout[node.index]
        assert y == -node.path.count("/")
        if node.children:
            xs = [layout[c][0] for c in node.children]
            assert x == (xs[0] + xs[-1]) / 2


@pytest.mark.parametrize(("profile", "on_path", "off_path"), [
    pytest.param(SPE, ("root/In", "root/In/Accommodate"), (), id="subgame perfect"),
    pytest.param(NASH, ("root/Out",), ("root/In/Fight",), id="Nash with a threat"),
    pytest.param({"root": {"Out": "1/2", "In": "1/2"}, "root/In": {"Fight": 0, "Accommodate": 1}},
                 ("root/Out", "root/In", "root/In/Accommodate"), (), id="mixed entry"),
    pytest.param({"root": {"Out": 1, "In": 0}, "root/In": {"Fight": "1/2", "Accommodate": "1/2"}},
                 ("root/Out",), ("root/In/Fight", "root/In/Accommodate"), id="mixed off the path"),
    pytest.param({"root": {"Out": 1}}, ("root/Out",), (), id="unreached information set left out"),
])
def test_equilibrium_moves(profile, on_path, off_path):
    assert equilibrium_moves(entry_game(), profile) == (on_path, off_path)


def test_equilibrium_moves_follow_chance_and_information_sets():
    profile = {"root/Hard": {"Test": 1, "Hold": 0}, "root/Soft": {"Hold": 1, "Test": 0},
               "C": {"Respond": "1/4", "Abandon": "3/4"}}
    on_path, off_path = equilibrium_moves(chance_game(), profile)
    assert on_path == ("root/Hard", "root/Hard/Test", "root/Hard/Test/Respond", "root/Hard/Test/Abandon",
                       "root/Soft", "root/Soft/Hold")
    assert off_path == ("root/Soft/Test/Respond", "root/Soft/Test/Abandon")


def test_equilibrium_moves_need_behaviour_where_play_goes():
    with pytest.raises(GameStructureError, match="root/In"):
        equilibrium_moves(entry_game(), {"root": {"In": 1}})


@settings(max_examples=40)
@given(trees_with_information_sets())
def test_path_of_play_is_where_reach_probability_is_positive(game):
    (spe, *_) = subgame_perfect(game)
    reach = reach_probabilities(game, spe.behaviour)
    on_path, _ = equilibrium_moves(game, spe.behaviour)
    assert set(on_path) == {n.path for n in game.nodes[1:] if reach[n.index] > 0}


# -- drawing trees ----------------------------------------------------------------------------------
def test_tree_path_lines_are_the_subgame_perfect_moves():
    game = entry_game()
    (spe,) = subgame_perfect(game)
    ax = draw_tree(game, spe)
    assert drawn_actions(ax, "path") == ("root/In", "root/In/Accommodate")
    assert drawn_actions(ax, "choice") == drawn_actions(ax, "threat") == ()
    edges = {line.get_label().removeprefix("_edge:"): line.get_xydata().tolist() for line in ax.lines
             if line.get_label().startswith("_edge:")}
    nodes = {line.get_label().removeprefix("_node:"): line.get_xydata().tolist()[0] for line in ax.lines
             if line.get_label().startswith("_node:")}
    for line in ax.lines:
        if line.get_label().startswith("_path:"):
            path = line.get_label().removeprefix("_path:")
            child = game.node(path)
            assert line.get_xydata().tolist() == edges[path]  # drawn over the tree's own edge
            assert line.get_xydata().tolist()[0] == nodes[game.nodes[child.parent].path]  # from the mover's node
    layout = tree_layout(game)
    assert nodes["root"][1] == layout[0][1]  # the root at depth 0


def test_tree_marks_threats_in_the_warning_colour():
    ax = draw_tree(entry_game(), NASH, threats=["root/In/Fight"])
    assert drawn_actions(ax, "path") == ("root/Out",)
    assert drawn_actions(ax, "threat") == ("root/In/Fight",)
    assert drawn_actions(ax, "choice") == ()  # the threat replaces the plain off-path mark
    (threat,) = [line for line in ax.lines if line.get_label() == "_threat:root/In/Fight"]
    assert to_hex(threat.get_color()) == THREAT.lower()
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == ["path of play", "non-credible threat"]
    assert ax.get_legend().get_title().get_text() == "payoffs: (Entrant, Incumbent)"


def test_tree_texts_show_payoffs_outcomes_and_mixed_probabilities():
    mixed = {"root": {"Out": "1/3", "In": "2/3"}, "root/In": {"Fight": 0, "Accommodate": 1}}
    ax = draw_tree(entry_game(), mixed)
    texts = {t.get_text() for t in ax.texts}
    assert {"(0, 2)", "(\u22121, \u22121)", "(1, 1)", "Conflict", "Entrant", "Incumbent"} <= texts
    assert {"Out [1/3]", "In [2/3]", "Fight", "Accommodate"} <= texts


def test_tree_draws_information_sets_and_chance():
    game = chance_game()
    ax = draw_tree(game)
    (infoset,) = [line for line in ax.lines if line.get_label() == "_infoset:C"]
    layout = tree_layout(game)
    ends = sorted(layout[i] for i in game.infosets["C"].nodes)
    assert list(zip(infoset.get_xdata(), infoset.get_ydata(), strict=True)) == ends
    assert infoset.get_linestyle() == "--"
    texts = [t.get_text() for t in ax.texts]
    assert texts.count("Coalition") == 1  # once, on the dashed line, not at each node
    assert {"Chance", "Hard (1/3)", "Soft (2/3)"} <= set(texts)
    assert sum(1 for line in ax.lines if line.get_label().startswith("_edge:")) == len(game.nodes) - 1


@pytest.mark.parametrize(("threat", "where"), [
    pytest.param("root/In/Surrender", "root/In/Surrender", id="no such move"),
    pytest.param("root", "threat root", id="the root"),
])
def test_tree_rejects_bad_threats(threat, where):
    with pytest.raises(GameStructureError, match=where):
        draw_tree(entry_game(), SPE, threats=[threat])


def test_drawn_actions_rejects_unknown_role():
    with pytest.raises(ParameterError, match="bluff"):
        drawn_actions(draw_tree(entry_game()), "bluff")


def test_tree_draws_on_a_given_axes_and_returns_it():
    ax = draw_tree(entry_game(), title="t")
    again = draw_tree(entry_game(), SPE, ax=ax, legend=False)
    assert again is ax
    assert ax.get_title() == "t"


@settings(max_examples=10)
@given(trees_with_information_sets())
def test_tree_highlights_exactly_the_moves_of_the_profile(game):
    (spe, *_) = subgame_perfect(game)
    ax = draw_tree(game, spe)
    on_path, off_path = equilibrium_moves(game, spe.behaviour)
    assert drawn_actions(ax, "path") == on_path
    assert drawn_actions(ax, "choice") == off_path


def test_tree_image_matches_the_baseline(tmp_path):
    """Regenerate with ``python tests/test_plotting.py`` after a deliberate change, and look at it."""
    actual = tmp_path / "tree-entry-deterrence.png"
    save_baseline_tree(actual)
    assert compare_images(str(BASELINE / "tree-entry-deterrence.png"), str(actual), tol=2) is None


def save_baseline_tree(path: Path) -> None:
    with style_context():
        ax = draw_tree(entry_game(), NASH, threats=["root/In/Fight"], title="Nash equilibrium (Out, Fight)")
        ax.figure.savefig(path, dpi=DPI, metadata={"Software": None})


# -- non-credible threats ---------------------------------------------------------------------------
@pytest.mark.parametrize(("profile", "threats"), [
    pytest.param(NASH, ("root/In/Fight",), id="fight is a threat"),
    pytest.param(SPE, (), id="subgame perfect: none"),
    pytest.param({"root": {"Out": 1, "In": 0}, "root/In": {"Fight": 0, "Accommodate": 1}}, (),
                 id="out, accommodate off the path: credible"),
])
def test_non_credible_threats_in_entry_deterrence(profile, threats):
    assert non_credible_threats(entry_game(), profile) == threats


def test_threat_judged_against_continuation_play():
    # Defender's second move is "Escalate" (payoff -5 for it) off the path; at its first move "Resist"
    # leads there, so given that continuation "Resist" (-5) is worse than "Concede" (-1): two threats.
    game = ExtensiveFormGame(("C", "D"), decision("C", {
        "Hold": outcome("SQ", (0, 0)),
        "Test": decision("D", {
            "Concede": outcome("Loss", (1, -1)),
            "Resist": decision("D", {"Escalate": outcome("War", (-3, -5)), "Stop": outcome("Draw", (0, -2))}),
        }),
    }))
    profile = {"root": {"Hold": 1}, "root/Test": {"Resist": 1}, "root/Test/Resist": {"Escalate": 1}}
    assert non_credible_threats(game, profile) == ("root/Test/Resist", "root/Test/Resist/Escalate")
    assert continuation_payoffs(game, profile)[game.node("root/Test").index] == (-3, -5)


@settings(max_examples=40)
@given(perfect_information_trees())
def test_subgame_perfect_equilibria_hold_no_non_credible_threats(game):
    for spe in subgame_perfect(game):
        assert non_credible_threats(game, spe.behaviour) == ()


def test_pure_behaviour_reads_the_plans_of_the_strategic_form():
    game = entry_game()
    assert pure_behaviour(game, game.to_normal_form(), {"Entrant": "Out", "Incumbent": "Fight"}) == NASH
    with pytest.raises(GameStructureError, match="Retreat"):
        pure_behaviour(game, game.to_normal_form(), {"Entrant": "Out", "Incumbent": "Retreat"})


# -- payoff tables ----------------------------------------------------------------------------------
def chicken() -> NormalFormGame:
    return NormalFormGame.from_matrices([[0, -1], [1, -10]], [[0, 1], [-1, -10]], players=("Coalition", "Russia"),
                                        strategies=(("Swerve", "Straight"),) * 2)


def prisoners_dilemma() -> NormalFormGame:
    return NormalFormGame.from_matrices([[3, 0], [5, 1]], [[3, 5], [0, 1]], players=("A", "B"),
                                        strategies=(("Cooperate", "Defect"),) * 2)


@pytest.mark.parametrize(("game", "pure"), [
    pytest.param(chicken(), {("Swerve", "Straight"), ("Straight", "Swerve")}, id="Chicken"),
    pytest.param(prisoners_dilemma(), {("Defect", "Defect")}, id="Prisoner's Dilemma"),
    pytest.param(NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), set(), id="Matching Pennies"),
])
def test_matrix_marks_the_pure_equilibria(game, pure):
    ax = draw_payoff_matrix(game, nash_equilibria(game))
    assert set(marked_cells(ax)) == pure
    assert len(marked_cells(ax)) == len(pure)


@pytest.mark.parametrize(("game", "key"), [
    pytest.param(chicken(), "Cells: payoffs (Coalition, Russia). Framed: pure equilibrium.", id="with pure"),
    pytest.param(NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]]), "Cells: payoffs (Row, Column).",
                 id="without pure"),
])
def test_matrix_key_explains_the_frames_only_when_there_are_some(game, key):
    ax = draw_payoff_matrix(game, nash_equilibria(game))
    assert key in [t.get_text() for t in ax.texts]


def test_matrix_lists_the_mixed_equilibrium_of_chicken():
    # Pr(Straight) = (T - R) / ((T - R) + (S - P)) = 1 / (1 + 9) = 1/10; payoff 9/10 * -1 + ... = -1/10.
    ax = draw_payoff_matrix(chicken(), nash_equilibria(chicken()), notes=["a note"])
    (listing,) = [t for t in ax.texts if t.get_label() == "_mixed equilibria"]
    assert listing.get_text() == (
        "Mixed equilibrium\nCoalition: Swerve 9/10, Straight 1/10\nRussia: Swerve 9/10, Straight 1/10\n"
        "expected payoffs (\u22121/10, \u22121/10)\n\na note"
    )
    cells = {t.get_text() for t in ax.texts}
    assert {"0, 0", "\u22121, 1", "1, \u22121", "\u221210, \u221210", "Coalition", "Russia", "Swerve"} <= cells


def test_matrix_says_when_the_game_is_degenerate():
    game = entry_game().to_normal_form()
    result = nash_equilibria(game)
    assert result.degenerate
    ax = draw_payoff_matrix(game, result)
    (listing,) = [t for t in ax.texts if t.get_label() == "_mixed equilibria"]
    assert "Degenerate game" in listing.get_text()
    assert set(marked_cells(ax)) == {("Out", "Fight"), ("In", "Accommodate")}


def test_mixed_equilibria_are_numbered_when_there_are_several():
    half = {"H": "1/2", "T": "1/2"}
    s = by_hand(("A", "B"), {"A": half, "B": half}, {"A": 0, "B": 0})
    game = NormalFormGame.from_matrices([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], players=("A", "B"),
                                        strategies=(("H", "T"),) * 2)
    assert mixed_equilibrium_text(game, s, 2).splitlines()[0] == "Mixed equilibrium 2"


def test_matrix_needs_two_players():
    game = NormalFormGame(("A", "B", "C"), (("x",), ("y",), ("z",)), ([[[0]]], [[[0]]], [[[0]]]))
    with pytest.raises(GameStructureError, match="two players"):
        draw_payoff_matrix(game)


if __name__ == "__main__":
    save_baseline_tree(BASELINE / "tree-entry-deterrence.png")
