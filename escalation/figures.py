"""The paper's figures: a registry, and the writer behind ``escalation figures``.

Each :class:`Figure` has an id (its file name), the essay claims it illustrates
(``E1`` ... ``E9`` in ``ESSAY.md``), a caption, and a function that draws it.
:func:`write_figures` draws each one inside the package style and saves it
with everything that could vary between runs pinned -- backend, style, fonts,
resolution, the SVG id salt, and no dates or software versions in the file
metadata -- so that the same code and the same matplotlib give the same bytes.
It also writes ``README.md`` listing every figure with its caption and claims.

>>> list(FIGURES)[:3]
['entry-deterrence-tree', 'crisis-chicken-matrix', 'tripwire-tree']
>>> FIGURES["entry-deterrence-tree"].claims
('E3', 'E4')
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.figure

from .errors import ParameterError
from .plotting.gallery.attribution import draw_attribution
from .plotting.gallery.audiences import draw_audiences
from .plotting.gallery.brinkmanship import draw_brinkmanship_window
from .plotting.gallery.crisis_chicken import draw_crisis_chicken
from .plotting.gallery.deconfliction import draw_deconfliction
from .plotting.gallery.entry_deterrence import draw_entry_deterrence
from .plotting.gallery.escalation_dominance import draw_escalation_dominance
from .plotting.gallery.guarantee_budget import draw_guarantee_budget
from .plotting.gallery.guarantee_claims import draw_claims_ledger
from .plotting.gallery.guarantee_consent import draw_guarantee_consent
from .plotting.gallery.guarantee_force import draw_guarantee_force
from .plotting.gallery.guarantee_regions import draw_guarantee_regions
from .plotting.gallery.guarantee_rules import draw_guarantee_rules
from .plotting.gallery.guarantee_sensitivity import draw_guarantee_sensitivity
from .plotting.gallery.porcupine import draw_porcupine
from .plotting.gallery.summary import draw_e9_summary
from .plotting.gallery.tripwire import draw_force_map, draw_tripwire_tree
from .plotting.gallery.udg import draw_udg_region_map, draw_udg_war_curve
from .plotting.gallery.unity import draw_unity
from .plotting.style import DPI, style_context

__all__ = ["FIGURES", "FORMATS", "PRIOR_NOTE", "SOBOL_NOTE", "Figure", "readme_text", "render", "write_figures"]

PRIOR_NOTE = (
    "Prior: the guarantee model's priors, conditioned on its orderings and type definitions; N = 100 draws, seed 12, "
    "off-path rule D1; made by `escalation claims guarantee --samples 100 --seed 12 --max-solves 100 --outcomes "
    "--save FILE` and shipped as escalation/data/guarantee-prior.json. Each draw is solved once and every "
    "equilibrium the solver finds is read, with the continuations after offers nobody makes (its default search "
    "is over pure assessments; mixed equilibria are not searched)."
)


def _count_of(n: int, noun: str) -> str:
    """``n`` and ``noun`` in words for one to three, plural when needed: ``one design point``, ``2 rows``."""
    return f"{('one', 'two', 'three')[n - 1] if 1 <= n <= 3 else n} {noun}{'' if n == 1 else 's'}"


# The Sobol archive's design (escalation/data/guarantee-sobol.json; a test checks these against its provenance).
SOBOL_BASE_SAMPLES, SOBOL_POINTS, SOBOL_OUTSIDE = 32, 288, 56
#: (row, base sample) of each design point the solver leaves unsolved; its base sample is left out of the indices.
SOBOL_LEFT_OUT: tuple[tuple[int, int], ...] = ((160, 17),)
SOBOL_NOTE = (
    f"Design: Saltelli's scheme on a scrambled Sobol' sequence (SALib), N = {SOBOL_BASE_SAMPLES} base samples and "
    f"7 groups, so N (7 + 2) = {SOBOL_POINTS} exact solves of the game, seed 12, off-path rule D1; the inputs are "
    "independent across groups and drawn from the model's priors (within their groups c_P < c_O and "
    "rho_P <= rho_O), but not conditioned on the definitions of Russia's two types, which would tie the groups "
    f"together ({SOBOL_OUTSIDE} of the {SOBOL_POINTS} points fall outside them and are solved as they stand). "
    + (f"At {_count_of(len(SOBOL_LEFT_OUT), 'design point')} ({'row' if len(SOBOL_LEFT_OUT) == 1 else 'rows'} "
       f"{', '.join(str(r) for r, _ in SOBOL_LEFT_OUT)}) "
       "the solver's default search, over pure assessments, finds no equilibrium (with free off-path beliefs "
       "either, so every equilibrium there mixes), and its base sample is left out: the indices use the other "
       f"{SOBOL_BASE_SAMPLES - len({j for _, j in SOBOL_LEFT_OUT})} base samples and describe the prior where a "
       "pure equilibrium exists. " if SOBOL_LEFT_OUT else "")
    + f"Made by `escalation claims guarantee --sobol {SOBOL_BASE_SAMPLES} --seed 12 --offpath D1 --max-solves "
    f"{SOBOL_POINTS} --save FILE` and shipped as escalation/data/guarantee-sobol.json."
)

# Per format, the metadata that would otherwise stamp a date or version into the file.
FORMATS: dict[str, dict[str, None]] = {
    "png": {"Software": None},
    "svg": {"Date": None},
    "pdf": {"CreationDate": None},
}


@dataclass(frozen=True)
class Figure:
    """A registered figure: ``id`` (file name), essay ``claims``, ``caption`` and ``draw``."""

    id: str
    claims: tuple[str, ...]
    caption: str
    draw: Callable[[], matplotlib.figure.Figure]


def _registry(*figures: Figure) -> dict[str, Figure]:
    registry: dict[str, Figure] = {}
    for figure in figures:
        if figure.id in registry:
            raise ValueError(f"figure id {figure.id!r} is registered twice")
        registry[figure.id] = figure
    return registry


FIGURES: dict[str, Figure] = _registry(
    Figure(
        id="entry-deterrence-tree",
        claims=("E3", "E4"),
        caption=(
            "A challenger (the Entrant) decides whether to test a defender (the Incumbent), who can then resist "
            "or give way. Left: a Nash equilibrium in which the challenger stays out only because the defender's "
            "plan says it would fight; fighting would cost the defender more than giving way, so the threat "
            "(dashed) is not credible. Right: backward induction discards that threat; the challenger tests and "
            "the defender accommodates. Thick lines mark the path of play."
        ),
        draw=draw_entry_deterrence,
    ),
    Figure(
        id="crisis-chicken-matrix",
        claims=("E5",),
        caption=(
            "The crisis after a test as Chicken between the coalition and Russia: each side backs down (Swerve) "
            "or holds firm (Straight). Either pure equilibrium (framed) has one side back down, so there is no "
            "war; in the mixed equilibrium both sides hold firm at the same time with a small but positive "
            "probability, and then the crisis ends in war."
        ),
        draw=draw_crisis_chicken,
    ),
    Figure(
        id="tripwire-tree",
        claims=("E1", "E2", "E3", "E4"),
        caption=(
            "The tripwire game at its default values, with a force of 70 thousand (the size of the British Army). "
            "Russia consents to the deployment, then tests the force, and the coalition responds. The likeliest "
            "outcome is then the force being overrun (probability 100/149); only if the attack is defeated "
            "(49/149) does Russia back down rather than make a nuclear threat. The thick line is the "
            "subgame-perfect path of play; dotted moves are what the equilibrium would do off that path. "
            "Payoffs are (Russia, coalition)."
        ),
        draw=draw_tripwire_tree,
    ),
    Figure(
        id="tripwire-force-map",
        claims=("E1",),
        caption=(
            "Which outcome the tripwire game predicts for each force size F and each cost W_C the coalition puts "
            "on a NATO-Russia war (other values at the defaults, except that Russia gains more from presenting "
            "the deployment as its own move than the force costs it, so that it consents), solved on a 400 x 400 "
            "grid. Below F* = 150 thousand Russia tests the force: a force of 70 thousand is tested and, although "
            "the coalition responds, most likely overrun; a robust force of 150 thousand marks the edge of "
            "deterrence. A force below F_respond is abandoned when tested. Above W_C* the coalition would give way "
            "to a nuclear threat, so it abandons Ukraine whatever the force's size. Dashed lines are the model's "
            "closed-form thresholds, drawn where they separate two outcomes."
        ),
        draw=draw_force_map,
    ),
    Figure(
        id="udg-region-map",
        claims=("E1", "E4"),
        caption=(
            "Unilateral Deterrence Game with two-sided incomplete information, solved on a 400 x 400 grid over "
            "the challenger's and the defender's credibility p_Ch and p_Def (probability of being Hard). Left: the "
            "equilibrium under D1 beliefs; right: its probability of war. Deterrence is certain only above "
            "α_H; just below it, where a Hard challenger attacks and a Hard defender resists, war is most likely. "
            "The dashed lines are the model's thresholds α_H, α_S and β."
        ),
        draw=draw_udg_region_map,
    ),
    Figure(
        id="udg-war-curve",
        claims=("E1", "E4"),
        caption=(
            "A half-credible defender is the dangerous one. In the Unilateral Deterrence Game the probability of "
            "war rises with the defender's credibility up to α_H, where it falls to zero at once because no "
            "challenger initiates any more. Solid: a likely Hard challenger (p_Ch = 3/4); dashed: a likely Soft "
            "one (p_Ch = 1/4); dotted: the probability that the challenger wins without a fight. Curves are cut "
            "at the thresholds α_S and α_H, where the equilibrium changes; a gap is a jump."
        ),
        draw=draw_udg_war_curve,
    ),
    Figure(
        id="escalation-dominance",
        claims=("E4",),
        caption=(
            "A challenger sure of its escalation dominance (the one-sided Asymmetric Escalation Game) against a "
            "defender whose resolve is private. Horizontal axis: the probability that the defender answers an "
            "attack in kind; vertical: the share of those that would also answer escalation with escalation. "
            "Deterrence needs both: enough tactical credibility (right of τ) and enough strategic credibility "
            "(above the curve p_HH = θτ). Right: the probability that the crisis ends in fighting. Solved on a "
            "400 x 400 grid; dashed lines are the model's thresholds where they separate two equilibria."
        ),
        draw=draw_escalation_dominance,
    ),
    Figure(
        id="unity",
        claims=("E4",),
        caption=(
            "Coalition unity as a volunteer's dilemma: each member would rather another one answered the attack. "
            "In the symmetric equilibrium the probability that nobody responds grows with the number of members "
            "towards the ratio of a member's cost of responding to its value of a response (dotted), for three "
            "such ratios. A larger coalition is a less reliable one."
        ),
        draw=draw_unity,
    ),
    Figure(
        id="attribution",
        claims=("E8",),
        caption=(
            "Monitoring a ceasefire as an inspection game. Without public attribution (the OSCE mission, π = 0) "
            "violations are certain and investigating is pointless. Only once an investigation names the violator "
            "often enough (π above g/(g+s)) do violations become uncertain, and they then fall as attribution "
            "grows. Curves are the equilibrium probabilities at the model's default payoffs, cut where they jump."
        ),
        draw=draw_attribution,
    ),
    Figure(
        id="porcupine",
        claims=("E6",),
        caption=(
            "The porcupine in Fearon's bargaining model: each bar is the set of divisions of the disputed issue "
            "that Russia and Ukraine both prefer to fighting on, and the tick is Russia's expected share from "
            "fighting. Arming Ukraine moves the whole range towards Ukraine; sanctions raise Russia's cost of "
            "war and widen the range on Russia's side, so Russia accepts less. Values are the model's defaults."
        ),
        draw=draw_porcupine,
    ),
    Figure(
        id="deconfliction",
        claims=("E5",),
        caption=(
            "Deterrence versus deconfliction in Aumann's Chicken. Left: the grey area holds every payoff pair the "
            "two sides can reach; the dots are the pure equilibria, in which one side backs down; the square is the "
            "mixed equilibrium, where each keeps the other guessing and both get 14/3; the blue area holds the "
            "payoffs of all correlated equilibria, which a shared recommender such as a deconfliction channel can "
            "reach; the best of them gives 21/4 each with no chance of war. Deconfliction does not by itself mean "
            "no war: the correlated equilibria range from no war to a war probability of 1/5 at these payoffs. "
            "Right: in the mixed equilibrium the chance that both hold firm, and so fight, shrinks as war gets "
            "costlier but never reaches zero; in the best correlated equilibrium it is zero throughout, and the "
            "shaded band shows the range over all correlated equilibria."
        ),
        draw=draw_deconfliction,
    ),
    Figure(
        id="brinkmanship-window",
        claims=("E4", "E5"),
        caption=(
            "When a threat that leaves something to chance works. A risk of war ρ above ρ_min deters a Russia "
            "that is not set on attacking; the defender accepts that risk only below ρ_max, which falls as it "
            "becomes likelier that Russia is resolute and attacks anyway. The shaded band between them is the "
            "usable window. If Russia comes to think a war would cost it less (its war cost W_Ch falls), ρ_min "
            "rises (dotted) and the window closes at a lower chance of a resolute Russia."
        ),
        draw=draw_brinkmanship_window,
    ),
    Figure(
        id="audiences",
        claims=("E7",),
        caption=(
            "Tying hands with an audience cost. Backing down after a public commitment costs the defender a, so a "
            "defender whose cost of war is not too large prefers to fight; with that cost spread evenly between the "
            "Unilateral Deterrence Game's soft and hard values, credibility rises in a straight line and every "
            "defender is hard once a passes d_CW − d_W (dashed). The bands name the game's equilibria at that "
            "credibility, for a likely Hard challenger (p_Ch = 3/4; the game's default 1/2 sits on its knife edge "
            "β): a cheap commitment leaves an attack, a costly one gives certain deterrence. At the dotted lines "
            "credibility hits a threshold of the game and two equilibria meet (knife edges)."
        ),
        draw=draw_audiences,
    ),
    Figure(
        id="guarantee-force",
        claims=("E1", "E4", "E5"),
        caption=(
            "The guarantee game under its priors: the probability that deterrence holds (Russia does not attack) "
            "and the probability of a NATO-Russia war, for each force the coalition can offer; a force of 0 is the "
            "porcupine (the whole budget to arms). Each level is read as a policy: both coalition types offer it "
            "and all later play is as in the equilibrium. Boxes hold the middle 50% and 90% of the draws, the line "
            "joins the medians, diamonds are means with one Monte Carlo standard error. Where a draw's equilibria "
            "differ, the boxes run from the lower bound's lower quantile to the upper bound's upper quantile, and "
            "upper bounds are drawn open or dashed. " + PRIOR_NOTE
        ),
        draw=draw_guarantee_force,
    ),
    Figure(
        id="guarantee-budget",
        claims=("E6",),
        caption=(
            "Guarantee against porcupine, with the budget held fixed: every euro spent on the force (kF of the "
            "budget B) is a euro not spent on arms for Ukraine. Left: for each force level, the mean probability "
            "that Russia achieves its objective against the mean probability of a NATO-Russia war, with one Monte "
            "Carlo standard error each way (open markers: upper bounds over equilibria where they differ). Right: "
            "per draw, how much more often deterrence holds with the force than with the porcupine, against the "
            "share of the budget the force takes (log scale); a vertical segment spans the draw's equilibria. "
            + PRIOR_NOTE
        ),
        draw=draw_guarantee_budget,
    ),
    Figure(
        id="guarantee-claims",
        claims=("E1", "E2", "E3", "E4", "E5", "E6", "E9"),
        caption=(
            "The claims ledger: the share of the prior in which each of the essay's claims holds in the guarantee "
            "game, in all the equilibria found at a draw, in some of them, or in none, with 95% Wilson intervals "
            "(a claim undefined at a draw is left out of that claim's shares). The planned force is 25 thousand "
            "troops, the smallest positive level of the menu; the robust force of E4 is 150 thousand. "
            + PRIOR_NOTE
        ),
        draw=draw_claims_ledger,
    ),
    Figure(
        id="guarantee-rules",
        claims=("E1", "E2", "E3", "E4", "E5", "E6", "E9"),
        caption=(
            "How much the claims ledger depends on the off-path rule and on omega: for each claim, the share of prior "
            "draws in which it holds in all the equilibria found (filled, with its 95% Wilson interval) and in at "
            "least one (open), when the guarantee game is solved under D1 (the default), the intuitive criterion "
            "and prior beliefs off the path, and under D1 with a refused force's budget lost (omega = 0) or wholly "
            "redirected to arms (omega = 1). Shares are of the draws where the claim is defined; the planned force "
            "is 25 thousand troops. The first three runs use the same 100 draws (seed 12); holding omega fixed "
            "takes it out of the random stream, so the last two share another 100 draws (a paired comparison of "
            "omega = 0 and 1) and their differences from the first three carry both samples' errors. Made by the "
            "five `escalation claims guarantee --samples 100 --seed 12 --max-solves 100 --json` commands "
            "recorded, with their commits, in escalation/data/guarantee-rules.json. The D1 and intuitive "
            "searches weigh only the types whose deviation came last and are reported not exhaustive where an "
            "earlier deviator could be weighed; under prior beliefs both are weighed."
        ),
        draw=draw_guarantee_rules,
    ),
    Figure(
        id="guarantee-sensitivity",
        claims=("E4", "E5"),
        caption=(
            "Global sensitivity of the guarantee game's main outcomes with a deployed force of 150 thousand (the "
            "essay's robust force, the level of E4): grouped Sobol indices of the probability that deterrence "
            "holds (the lowest over the equilibria found), of the probability of a NATO-Russia war (the highest), "
            "and of the force's gain in deterrence over the porcupine (F = 0; war needs no such baseline: without "
            "a force there is none in this game). For each group of parameters (the sections of the parameter "
            "table), the first-order index (filled: the share of the outcome's variance over the priors the group "
            "explains alone) and the total index (open: with all its interactions), with bootstrap 95% intervals "
            "as error bars. The estimators are unbiased but unbounded: with few base samples an estimate can fall "
            "below 0 or above 1, drawn as it comes (an estimate beyond the axis, -0.5 to 1.5, is cut at its edge and "
            "marked with an arrowhead; the archive holds every value); a group whose interval reaches zero is not a "
            "finding. "
            + SOBOL_NOTE
        ),
        draw=draw_guarantee_sensitivity,
    ),
    Figure(
        id="e9-summary",
        claims=("E1", "E5", "E6", "E9"),
        caption=(
            "The three ideas the essay warns against, read from one model, the guarantee game, over its priors. "
            "For a force planned at each positive level of the menu, the share of prior draws in which the claim "
            "holds in all the equilibria found (dark) and in some but not all (light), with 95% Wilson intervals "
            "for both: E1, a revisionist Russia would test the planned force; E5, the planned force brings a risk "
            "of a NATO-Russia war that the porcupine does not; E6, the porcupine is at least as safe for Ukraine "
            "(Russia succeeds no more often and war is no likelier, one of them strictly); E9, all three at once. "
            + PRIOR_NOTE
        ),
        draw=draw_e9_summary,
    ),
    Figure(
        id="guarantee-regions",
        claims=("E1", "E4"),
        caption=(
            "Region map of the guarantee game at the defaults: what a revisionist Russia does when the coalition "
            "offers a force of F thousand troops (left to right), by Russia's cost of a NATO-Russia war W_R (up; "
            "a low W_R is the model's form of a belief in escalation dominance). Each cell is an exact solve by "
            "the generic perfect Bayesian solver of the game with the menu {0, F}, everything else at its "
            "default, on a grid of 20 forces (10 to 200) by 9 war costs (1/2 to 10); the policy 'offer F' is "
            "read in every equilibrium found, including every admissible continuation after the offer, and a "
            "cell is split into one stripe per distinct play where they differ (nothing is selected). Colours "
            "give the revisionist's play with a US backstop and with a US-Russia deal: hold, refuse the force "
            "and attack Ukraine alone, or consent and test the force (resisted if both coalition types respond, "
            "abandoned if neither does); on this map it never holds. At F = 110 = F_tie(H, P) the resolved type is "
            "indifferent after a probe, a knife edge the solver reports. Lines: the closed-form thresholds at the "
            "defaults, checked against the "
            "solved cells in the tests: the force below which a limited Russia consents in the deal state F_c, "
            "the force above which the resolved coalition stands firm after a probe F_tie(H, P) (CF2), the war "
            "cost below which a revisionist threatens after a failed offensive that both types resist, if it "
            "holds the prior belief about the coalition's resolve (tau_Rev(O) = pi_C, CF3; after an offer "
            "nobody makes its belief is set by the off-path rule D1), and the smallest force at which a "
            "revisionist facing a coalition known "
            "to be resolved gains nothing from an offensive (CF6, within the budget B/k = 150). Bottom panel "
            "and the strip at the map's right edge: where each threshold falls over the prior, the closed forms "
            "at 2,000 seeded draws from the conditioned prior (seed 12): 90% and 50% of draws, the median and "
            "the default; 'none' counts draws with no such force within the budget. Computed by `python -m "
            "escalation.claims.regions FILE` and shipped as escalation/data/guarantee-regions.json; the "
            "default search is over pure assessments."
        ),
        draw=draw_guarantee_regions,
    ),
    Figure(
        id="guarantee-consent",
        claims=("E2", "E3", "E4"),
        caption=(
            "Consent as a signal (the essay's trap, E2 and E3) and the coalition's response to a test of its "
            "force, at the defaults, for forces F every 5 thousand troops, each an exact solve of the game with "
            "the menu {0, F} by the generic perfect Bayesian solver, read in every equilibrium found. Top: the "
            "coalition's posterior that Russia is revisionist once it has consented, P(Rev | consent), and that "
            "the United States has struck a deal, P(D | consent), by Bayes' rule (CF7) at the equilibrium's "
            "consent probabilities; filled markers are the least and open ones the greatest value over the "
            "equilibria, joined where they differ; no marker where nobody consents. Above the prior (dashed), "
            "consent is bad news. The tests check CF7 against the beliefs the solver's equilibria carry at the "
            "coalition's response. Middle: the probability that each coalition type (H resolved, L unresolved) "
            "responds to a probe or an offensive on its force, and stands firm under a nuclear threat, in the "
            "deal state; a split cell shows the least (lower half) and greatest (upper half) value over the "
            "equilibria, which differ mostly after attacks nobody makes. Dashed: F_tie(H, P) (CF2), above which "
            "the resolved type stands firm after a probe and the response to a probe can flip. Bottom: where "
            "F_c and F_tie(H, P) fall over the prior (closed forms at 2,000 seeded draws, seed 12): 90% and 50% "
            "of draws, median, default. Data: escalation/data/guarantee-regions.json (`python -m "
            "escalation.claims.regions FILE`)."
        ),
        draw=draw_guarantee_consent,
    ),
)


def render(figure: matplotlib.figure.Figure, fmt: str) -> bytes:
    """The bytes of ``figure`` as ``fmt`` (``"png"``, ``"svg"`` or ``"pdf"``), with nothing time-dependent.

    Call it inside :func:`~escalation.plotting.style.style_context`, where the figure was drawn.
    """
    _check_formats([fmt])
    buffer = io.BytesIO()
    figure.savefig(buffer, format=fmt, dpi=DPI, metadata=FORMATS[fmt])
    return buffer.getvalue()


def write_figures(
    out_dir: str | Path = "figures",
    formats: Iterable[str] = ("png", "svg"),
    only: Iterable[str] | None = None,
    progress: bool = False,
) -> list[Path]:
    """Draw the registered figures and write ``<id>.<format>`` files plus ``README.md`` to ``out_dir``.

    Parameters
    ----------
    out_dir : str or Path
        The folder to write to; created when missing.
    formats : iterable of str
        Any of ``"png"``, ``"svg"`` and ``"pdf"``.
    only : iterable of str, optional
        Ids of the figures to draw (all by default).  ``README.md`` always
        describes the whole registry.
    progress : bool
        Show a progress bar (needs ``tqdm``; silent without it).

    Returns
    -------
    list of Path
        The files written, figures in registry order, ``README.md`` last.

    Raises
    ------
    ParameterError
        For an unknown figure id or file format, naming it.
    """
    formats = _check_formats(formats)
    selected = _select(only)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for entry in _progress(selected, progress):
        with style_context():
            figure = entry.draw()
            for fmt in formats:
                path = out / f"{entry.id}.{fmt}"
                path.write_bytes(render(figure, fmt))
                written.append(path)
    readme = out / "README.md"
    readme.write_text(readme_text(formats), encoding="utf-8")
    written.append(readme)
    return written


def readme_text(formats: Iterable[str] = ("png", "svg")) -> str:
    """The ``README.md`` of the figures folder: every figure with its claims, caption and files."""
    formats = _check_formats(formats)
    lines = [
        "# Figures",
        "",
        "Generated by `escalation figures` -- do not edit by hand. Each figure is drawn from the package's games",
        "and solvers; `escalation/figures.py` registers them.",
        "",
        f"Made with matplotlib {matplotlib.__version__}: the same code and the same matplotlib give the same bytes.",
    ]
    for figure in FIGURES.values():
        files = ", ".join(f"[{fmt.upper()}]({figure.id}.{fmt})" for fmt in formats)
        lines += ["", f"## {figure.id}", "", f"Claims: {', '.join(figure.claims)}", ""]
        if "png" in formats:
            lines += [f"![{figure.id}]({figure.id}.png)", ""]
        lines += [figure.caption, "", f"Files: {files}"]
    return "\n".join(lines) + "\n"


def _check_formats(formats: Iterable[str]) -> tuple[str, ...]:
    formats = (formats,) if isinstance(formats, str) else tuple(formats)
    if not formats:
        raise ParameterError("formats", "name at least one file format")
    for fmt in formats:
        if fmt not in FORMATS:
            raise ParameterError("formats", f"unknown format {fmt!r}; choose from {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(formats))


def _select(only: Iterable[str] | None) -> list[Figure]:
    if only is None:
        return list(FIGURES.values())
    ids = (only,) if isinstance(only, str) else tuple(only)
    for figure_id in ids:
        if figure_id not in FIGURES:
            raise ParameterError("only", f"no figure with id {figure_id!r}; known ids: {', '.join(FIGURES)}")
    return [figure for figure in FIGURES.values() if figure.id in ids]


def _progress(figures: list[Figure], enabled: bool) -> Iterator[Figure]:
    """``figures``, behind a tqdm bar when ``enabled`` and tqdm is installed."""
    if enabled:
        try:
            from tqdm.auto import tqdm
        except ImportError:
            pass
        else:
            return iter(tqdm(figures, desc="figures", unit="figure"))
    return iter(figures)
