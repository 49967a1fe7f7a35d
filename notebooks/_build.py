"""Write the notebooks in this folder from the cell lists below (stored without outputs).

Run ``python notebooks/_build.py`` after editing; the notebooks are generated so that
their diffs stay reviewable here.  Strings starting with ``#`` are markdown cells, the rest code; a code cell
starting with ``#! solution`` is tagged "solution" (the tag, not the marker line, is stored).
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent
SETUP = "%matplotlib inline\nimport sympy\nfrom escalation.models import get_model"
SOLUTION = "#! solution\n"

NOTEBOOKS: dict[str, list[str]] = {}

NOTEBOOKS["01-quickstart"] = [
    "# Quickstart\n\nBuild a game, solve it exactly, look at it, save it. Every number below is an exact "
    "rational, and every equilibrium has been checked for profitable deviations.",
    SETUP + "\nfrom escalation import ExtensiveFormGame, decision, outcome, chance, subgame_perfect, nash_equilibria"
    "\nfrom escalation.plotting import draw_tree, draw_payoff_matrix",
    "## A tree, top-down\n\nA challenger decides whether to probe; the defender then fights or gives way.",
    'game = ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {\n'
    '    "Stay put": outcome("Status quo", {"Challenger": 0, "Defender": 2}),\n'
    '    "Probe": decision("Defender", {\n'
    '        "Fight": outcome("Clash", {"Challenger": -1, "Defender": -1}),\n'
    '        "Give way": outcome("Concession", {"Challenger": 1, "Defender": 1}),\n'
    '    }),\n'
    '}), title="Probe or stay put")\n'
    "[node.path for node in game.nodes]",
    "## Subgame perfection and Nash\n\nBackward induction gives one equilibrium: the challenger probes.",
    "(spe,) = subgame_perfect(game)\nspe.to_dict()[\"outcomes\"]",
    "### Non-credible threats\n\nThe strategic form has more Nash equilibria. Those where the challenger "
    "stays put rest on the "
    "defender's threat to fight, which it would not carry out once probed: a *non-credible threat*.",
    "strategic = game.to_normal_form()\nnash = nash_equilibria(strategic)\n"
    "[(s.support(\"Challenger\"), s.support(\"Defender\")) for s in nash], nash.degenerate",
    "ax = draw_tree(game, spe, threats=[\"root/Probe/Fight\"])\nax.figure",
    "## A normal form\n\nChicken between two states that each either hold or escalate.",
    "from escalation import NormalFormGame\n"
    "chicken = NormalFormGame.from_matrices([[0, -1], [1, -10]], [[0, 1], [-1, -10]],\n"
    "                                       players=(\"A\", \"B\"), strategies=((\"Hold\", \"Escalate\"),) * 2)\n"
    "found = nash_equilibria(chicken)\n"
    "draw_payoff_matrix(chicken, found).figure",
    "## Exact numbers\n\nFloats are read through their shortest decimal; results are exact strings.",
    "from escalation.numbers import exact, exact_str\n"
    "exact(0.1) + exact(\"1/3\"), [exact_str(p) for p in found[1].strategies[\"A\"].values()]",
    "## Errors name what is wrong",
    "from escalation.errors import ProbabilityError\ntry:\n"
    "    ExtensiveFormGame((\"A\",), chance({\"up\": (\"1/2\", outcome(\"U\", {\"A\": 1})),\n"
    "                                          \"down\": (\"1/3\", outcome(\"D\", {\"A\": 0}))}))\n"
    "except ProbabilityError as error:\n    print(error)",
    "## Gambit files\n\n`escalation.io` writes `.efg`/`.nfg` files that Gambit opens, and reads them back.",
    "import tempfile, pathlib\nfrom escalation.io import read_game, write_game\n"
    "path = pathlib.Path(tempfile.mkdtemp()) / \"probe.efg\"\nwrite_game(game, path)\n"
    "print(path.read_text()[:200])\nread_game(path) == game",
]

NOTEBOOKS["02-tripwire-dilemma"] = [
    "# The tripwire dilemma (E1-E4)\n\nThe essay's central game: Russia consents to a force or refuses it (E2), "
    "holds or tests it (E3); a tested coalition responds or abandons Ukraine (E4); a defeated attack leaves "
    "Russia the choice between backing down and a nuclear threat. The force's size enters through a "
    "battlefield contest, so a small force can shoot back but rarely wins (E1).",
    SETUP + "\nfrom escalation.plotting import draw_tree\n"
    "from escalation.models.tripwire import TRIPWIRE_PARAMETERS, region_at, regions_latex, tripwire_thresholds\n"
    "model = get_model(\"tripwire\")",
    "## Parameters and where they come from",
    "for p in TRIPWIRE_PARAMETERS.values():\n"
    "    print(f\"{p.name:4} = {str(p.default):5} {p.unit:16} {p.description[:60]} [{p.source}]\")",
    "## The equilibrium at the defaults (a 70,000-strong force)",
    "found = model.solve()\n[s.name for s in found], dict(found[0].outcomes)",
    "draw_tree(model.game(), found[0]).figure",
    "## 70,000 against 150,000\n\nAt 150,000 troops Russia sits exactly on its deterrence threshold: the solver "
    "reports the tie and lists both equilibria rather than picking one.",
    "for F in (70, 150, 200):\n    found = model.solve(F=F)\n"
    "    print(F, [s.name for s in found], found.knife_edge[:1])",
    "## Named regions and their conditions\n\nThe symbolic solver splits the parameter space by the "
    "outcome of the subgame-perfect equilibrium; `p` is the probability that the force defeats an attack.",
    "from IPython.display import Math\nMath(regions_latex())",
    "region_at({\"F\": 70}).name, region_at({\"F\": 200}).name",
    "## How large must a deterring force be? (E1)\n\n$F^*$ solves 'deterred iff the force exceeds it'.",
    "thresholds = tripwire_thresholds()\nthresholds[\"F_deter\"], "
    "thresholds[\"F_deter\"].subs(TRIPWIRE_PARAMETERS.substitutions())",
    "## Is consent informative? (E2)\n\nWith Russia's type private, the posterior that a consenting Russia is "
    "revisionist is above the prior for small forces, and equals it once no type consents freely.",
    "from escalation.models.tripwire import posterior_by_force\n"
    "posterior_by_force([10, 50, 70, 100, 140, 200])",
]

NOTEBOOKS["03-credibility-under-uncertainty"] = [
    "# Credibility under uncertainty (E1, E4)\n\nTwo perfect-deterrence games of Zagare and Kilgour: the "
    "rudimentary asymmetric game (RADG), where only the defender's resolve is uncertain, and the unilateral "
    "deterrence game (UDG), where both sides' are. A tripwire is read as a raise in the defender's "
    "credibility $p_{Def}$.",
    SETUP + "\nfrom escalation.solvers import perfect_bayesian\nradg, udg = get_model(\"rudimentary\"), "
    "get_model(\"unilateral\")",
    "## RADG: one threshold\n\nDeterrence holds iff the defender is Hard with probability above $C_A$.",
    "C_A = radg.thresholds()[\"C_A\"]\nC_A, C_A.subs(radg.parameters.substitutions())",
    "[(p, [s.name for s in radg.solve(p_B=p)]) for p in (\"1/2\", \"2/3\", \"3/4\")]",
    "## UDG: three thresholds, four equilibria",
    "udg.thresholds(), {k: v.subs(udg.parameters.substitutions()) for k, v in udg.thresholds().items()}",
    "points = {\"Certain Deterrence\": (\"1/2\", \"4/5\"), \"Separating\": (\"1/2\", \"2/5\"),\n"
    "          \"Attack\": (\"4/5\", \"1/5\"), \"Bluff\": (\"1/4\", \"1/4\")}\n"
    "for expected, (p_ch, p_def) in points.items():\n"
    "    (eq,) = udg.solve(p_Ch=p_ch, p_Def=p_def)\n"
    "    assert eq.name == expected\n"
    "    print(f\"{eq.name:19}\", {k: str(v) for k, v in eq.outcomes.items()})",
    "## The tripwire paradox\n\nRaising the defender's credibility first *raises* the probability of war: more "
    "of the challengers who still initiate now meet resistance. Only past $\\alpha_H$ does it collapse to zero.",
    "from escalation.plotting import new_axes\n"
    "alpha_H = udg.thresholds()[\"alpha_H\"].subs(udg.parameters.substitutions())\n"
    "war = {}\n"
    "for p in (sympy.Rational(i, 40) for i in range(1, 40)):\n"
    "    found = udg.solve(p_Def=p)\n"
    "    if not found.knife_edge:  # on a boundary the equilibria form a continuum: leave the point out\n"
    "        (eq,) = found\n"
    "        war[p] = eq.outcomes[\"W\"]\n"
    "assert max(war, key=war.get) < alpha_H and all(w == 0 for p, w in war.items() if p > alpha_H)\n"
    "ax = new_axes()\nax.plot([float(p) for p in war], [float(w) for w in war.values()], marker=\".\")\n"
    "ax.axvline(float(alpha_H), linestyle=\":\", color=\"grey\")\n"
    "ax.set(xlabel=\"defender credibility $p_{Def}$\", ylabel=\"P(war)\")\nax.figure",
    "## Off-path beliefs: D1, prior, free\n\nWhen nobody initiates, the defender's belief after an initiation is "
    "not pinned down by Bayes' rule. The rule chosen decides which equilibria exist.",
    "for rule in (\"D1\", \"prior\", \"free\"):\n"
    "    print(rule, sorted({s.name for s in perfect_bayesian(udg, {\"p_Ch\": \"1/4\", \"p_Def\": \"2/5\"}, "
    "offpath=rule)}))",
]

NOTEBOOKS["04-unity-and-escalation"] = [
    "# Unity and escalation (E4)\n\nA tested coalition must be willing to climb the escalation ladder, and "
    "its members must actually act together.",
    SETUP + "\ncomplete, one_sided = get_model(\"escalation-complete\"), get_model(\"escalation-one-sided\")",
    "## Escalation dominance\n\nWith complete information there is never a conflict: the challenger either "
    "keeps the status quo or wins at once.",
    "[dict(s.outcomes) for s in complete.solve()]",
    "### One-sided uncertainty\n\nWhen the challenger is known to be Hard and the defender's resolve is private, "
    "deterrence needs enough "
    "probability of a limited response above $\\tau$.",
    "one_sided.thresholds()",
    "for p in ((\"1/10\", \"1/5\", \"1/5\"), (\"1/2\", \"1/5\", \"1/10\")):\n"
    "    values = dict(zip((\"p_HH\", \"p_HS\", \"p_SH\"), p))\n"
    "    print(values, [s.name for s in one_sided.solve(**values)])",
    "## Unity: a volunteer's dilemma\n\nEach member would rather another one pay to respond. In the symmetric "
    "equilibrium the chance that nobody responds *rises* with the size of the coalition.",
    "from escalation.models.unity import nobody_responds, coalition_credibility\n"
    "[(N, nobody_responds(N, 1, 4)) for N in (2, 3, 5, 10, 30)]",
    "## Feeding unity into deterrence\n\nThe coalition's probability of responding becomes the defender's "
    "credibility $p_{Def}$ in the unilateral deterrence game.",
    "udg = get_model(\"unilateral\")\nfor rule, kwargs in [(\"volunteer\", {\"N\": 3, \"K\": 1, \"U\": 4}),\n"
    "                     (\"unanimity\", {\"probabilities\": [\"4/5\"] * 4})]:\n"
    "    p_def = coalition_credibility(rule, **kwargs)\n"
    "    print(rule, p_def, [s.name for s in udg.solve(p_Def=p_def, p_Ch=\"1/2\")])",
]

NOTEBOOKS["05-porcupine-and-sanctions"] = [
    "# Porcupine and sanctions (E6, E9)\n\nIn Fearon's bargaining model a war is avoided by any deal both "
    "sides prefer to fighting. Arming Ukraine lowers Russia's battlefield prospects; sanctions raise its "
    "cost of fighting on. Both move the deals Russia accepts.",
    SETUP + "\nfrom escalation.models.porcupine import bargaining_range, budget_split, risk_return_offer",
    "## The bargaining range, before and after",
    "p_R, c_R, c_B = sympy.Rational(3, 5), sympy.Rational(1, 20), sympy.Rational(3, 20)\n"
    "{\"before\": bargaining_range(p_R, c_R, c_B),\n"
    " \"arms\": bargaining_range(p_R - sympy.Rational(1, 10), c_R, c_B),\n"
    " \"arms and sanctions\": bargaining_range(p_R - sympy.Rational(1, 10), c_R + sympy.Rational(1, 10), c_B)}",
    "## Private costs: the risk-return trade-off\n\nA known cost (sanctions) lowers the probability of war.",
    "[(str(k), str(risk_return_offer(p=\"3/5\", c_B=\"1/10\", c_bar=\"2/5\", known_cost=k).war_probability))\n"
    " for k in (0, \"1/20\", \"1/10\")]",
    "## Europe's budget: force or arms? (E9)\n\nThe package's own synthesis: a visible force crowds out arms "
    "when the guarantee's visibility is valued above the arms it displaces.",
    "choice = budget_split(1, \"1/10\", \"1/50\", \"1/10\")\n"
    "choice.optimal_force_share, choice.chosen_force_share, choice.crowded_out, choice.reservation_gap",
]

NOTEBOOKS["06-attribution"] = [
    "# Attribution (E8)\n\nCeasefire violations as an inspection game: a monitor that can publicly name the "
    "violator with probability $\\pi$ when it investigates.",
    SETUP + "\nfrom escalation.models.attribution import violation_rate, inspection_probability\n"
    "from escalation.plotting import draw_payoff_matrix, new_axes\nmodel = get_model(\"attribution\")",
    "## Regimes\n\nWithout public attribution violations are certain; above the threshold $g/(g+s)$ the "
    "violator mixes.",
    "model.thresholds()",
    "for pi in (0, \"1/5\", \"1/2\", 1):\n    print(pi, [s.name for s in model.solve(pi=pi)])",
    "draw_payoff_matrix(model.game(pi=\"1/2\"), model.solve(pi=\"1/2\")).figure",
    "## Tsebelis' paradox\n\nA harsher sanction $s$ changes how often the monitor investigates, not how often "
    "the ceasefire is broken.",
    "for s in (1, 4, 9):\n"
    "    print(s, violation_rate(\"1/2\", {\"s\": s}), inspection_probability(\"1/2\", {\"s\": s}))",
    "import numpy as np\npis = np.linspace(0, 1, 101)\nax = new_axes()\n"
    "ax.plot(pis, violation_rate(pis), label=\"violation rate\")\n"
    "ax.set(xlabel=\"attribution probability $\\\\pi$\", ylabel=\"probability\")\nax.legend()\nax.figure",
]

NOTEBOOKS["07-seminar-exercises"] = [
    "# Seminar exercises\n\nSolutions are in cells tagged `solution`. To hand out the exercises without them:\n\n"
    "`jupyter nbconvert --to notebook --TagRemovePreprocessor.enabled=True "
    "--TagRemovePreprocessor.remove_cell_tags solution 07-seminar-exercises.ipynb --output exercises.ipynb`",
    SETUP + "\nfrom escalation import ExtensiveFormGame, decision, outcome, subgame_perfect",
    "## 1. When is the threat credible?\n\nIn the probe game of the quickstart, give the defender a clash "
    "payoff of 3 instead of -1. What is the subgame-perfect outcome, and why?",
    SOLUTION + 'game = ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {\n'
    '    "Stay put": outcome("Status quo", {"Challenger": 0, "Defender": 2}),\n'
    '    "Probe": decision("Defender", {"Fight": outcome("Clash", {"Challenger": -1, "Defender": 3}),\n'
    '                                  "Give way": outcome("Concession", {"Challenger": 1, "Defender": 1})}),\n'
    "}))\n(spe,) = subgame_perfect(game)\nassert spe.outcomes[\"Status quo\"] == 1\n"
    "# Fighting now beats giving way for the defender, so the threat is credible and the challenger stays put.\n"
    "dict(spe.outcomes)",
    "## 2. A force that deters (E1)\n\nWith the tripwire model's defaults, how large must the force be before "
    "Russia no longer tests it? What happens to Russia's consent then?",
    SOLUTION + "from escalation.models.tripwire import TRIPWIRE_PARAMETERS, tripwire_thresholds\n"
    "F_star = tripwire_thresholds()[\"F_deter\"].subs(TRIPWIRE_PARAMETERS.substitutions())\n"
    "assert F_star == 150\n"
    "[s.name for s in get_model(\"tripwire\").solve(F=160)]  # a deterring force is refused (E2)",
    "## 3. Bigger coalitions\n\nIn the volunteer's dilemma with $K = 1$, $U = 4$, how does the probability "
    "that nobody responds change from 2 to 20 members? What is its limit?",
    SOLUTION + "from escalation.models.unity import nobody_responds\n"
    "values = [nobody_responds(N, 1, 4) for N in range(2, 21)]\n"
    "assert all(a < b for a, b in zip(values, values[1:]))\n"
    "values[0], values[-1], sympy.limit(sympy.Rational(1, 4) ** (sympy.Symbol(\"N\") / (sympy.Symbol(\"N\") - 1)),"
    " sympy.Symbol(\"N\"), sympy.oo)",
    "## 4. Harsher sanctions (E8)\n\nIn the attribution model at $\\pi = 1/2$, triple the sanction $s$. Who "
    "changes behaviour?",
    SOLUTION + "model = get_model(\"attribution\")\n"
    "before, after = model.solve(pi=\"1/2\")[0], model.solve(pi=\"1/2\", s=3 * model.values()[\"s\"])[0]\n"
    "assert before.strategies[\"Violator\"] == after.strategies[\"Violator\"]\n"
    "dict(before.strategies[\"Monitor\"]), dict(after.strategies[\"Monitor\"])",
    "## 5. Explore\n\nMove the sliders: where does the unilateral deterrence game switch equilibrium?",
    "from escalation import explore\nexplore(\"unilateral\")",
]


def cell(source: str):
    if source.startswith(SOLUTION):
        return new_code_cell(source[len(SOLUTION):], metadata={"tags": ["solution"]})
    return new_markdown_cell(source) if source.startswith("#") else new_code_cell(source)


def build() -> None:
    for name, cells in NOTEBOOKS.items():
        notebook = new_notebook(cells=[cell(c) for c in cells], metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"}})
        for number, c in enumerate(notebook.cells):
            c.id = f"{name[:2]}-{number:02d}"
        nbformat.write(notebook, HERE / f"{name}.ipynb")


if __name__ == "__main__":
    build()
