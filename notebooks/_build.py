"""Write the notebooks in this folder from the cell lists below (stored without outputs).

Run ``python notebooks/_build.py`` after editing; the notebooks are generated so that
their diffs stay reviewable here.  Strings starting with ``#`` are markdown cells, the rest code; a code cell
starting with ``#! solution`` is tagged "solution" and hidden (the tag, not the marker line, is stored); the
cell ``ANSWER`` is an empty answer cell for students, tagged "answer".
"""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

HERE = Path(__file__).parent
SETUP = "%matplotlib inline\nimport sympy\nfrom escalation.models import get_model"
SOLUTION = "#! solution\n"
ANSWER = "#! answer\n# Your answer here"

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
    "## The equilibrium at the defaults (a 70,000-strong force)\n\nRussia consents, tests the force, and the "
    "coalition responds. The battle then decides: the force defeats the attack with probability "
    "$p(70) = 49/149 \\approx 0.33$, after which Russia backs down; otherwise, with probability "
    "$100/149 \\approx 0.67$, the force is overrun. The likeliest outcome of this equilibrium is an overrun "
    "force, not a Russia that backs down (whatever the solver calls the region).",
    "(eq,) = model.solve()\n"
    "outcomes = {o: p for o, p in eq.outcomes.items() if p != 0}\n"
    "assert outcomes == {\"Russia backs down\": sympy.Rational(49, 149), \"force overrun\": sympy.Rational(100, 149)}\n"
    "{o: f\"{p} = {float(p):.3f}\" for o, p in outcomes.items()}",
    "draw_tree(model.game(), eq).figure",
    "## 70,000 against 150,000\n\nAt 150,000 troops Russia sits exactly on its deterrence threshold: the solver "
    "reports the tie and lists both equilibria rather than picking one. With the default $g = 1/2$ below the "
    "force's cost $s = 1$ to Russia, Russia refuses a force that would deter it, so at 150,000 and above "
    "there is no deployment at all.",
    "for F in (70, 150, 200):\n    found = model.solve(F=F)\n"
    "    print(F, [s.name for s in found], found.knife_edge[:1])\n"
    "at_150 = model.solve(F=150)\n"
    "assert len(at_150) == 2 and at_150.knife_edge\n"
    "assert all(s.name.startswith(\"no deployment\") for s in model.solve(F=200))",
    "## Named regions and their conditions\n\nThe symbolic solver splits the parameter space by the "
    "outcome of the subgame-perfect equilibrium; `p` is the probability that the force defeats an attack.",
    "from IPython.display import Math\nMath(regions_latex())",
    "assert region_at({\"F\": 70}).name == eq.name\n"
    "region_at({\"F\": 70}).name, region_at({\"F\": 200}).name",
    "## How large must a deterring force be? (E1)\n\n$F^*$ solves 'deterred iff the force exceeds it'. At the "
    "defaults it is 150 thousand -- by construction: the attacking strength $K = 100$ was calibrated so that "
    "the contest gives $p(150) = 9/13$, which puts $F^*$ on the essay's number. The threshold is a formula; "
    "move $K$, $V$, $c_T$ or $h$ and it moves.",
    "thresholds = tripwire_thresholds()\n"
    "F_star = thresholds[\"F_deter\"].subs(TRIPWIRE_PARAMETERS.substitutions())\n"
    "assert F_star == 150\n"
    "half_K = thresholds[\"F_deter\"].subs(TRIPWIRE_PARAMETERS.substitutions({\"K\": 50}))\n"
    "assert half_K == 75\n"
    "thresholds[\"F_deter\"], F_star, half_K",
    "## Is consent informative? (E2)\n\nWith Russia's type private, the posterior that a consenting Russia is "
    "revisionist is above the prior for small forces, and equals it once no type consents freely.",
    "from escalation.models.tripwire import posterior_by_force\n"
    "prior = get_model(\"tripwire-consent\").parameters.validate({})[\"pi_R\"]\n"
    "posterior = posterior_by_force([10, 50, 70, 100, 140, 200])\n"
    "assert all(p > prior for (p,) in (posterior[F] for F in (10, 50, 70, 100)))\n"
    "assert all(p == prior for (p,) in (posterior[F] for F in (140, 200)))\n"
    "prior, posterior",
]

NOTEBOOKS["03-credibility-under-uncertainty"] = [
    "# Credibility under uncertainty (E1, E4)\n"
    "\n"
    "Two perfect-deterrence games of Zagare and Kilgour: the rudimentary asymmetric game (RADG),"
    " where only the defender's resolve is uncertain, and the unilateral deterrence game (UDG)"
    ", where both sides' are. A tripwire is read as a raise in the defender's credibility $p_{Def}$.",
    SETUP + "\n"
    "radg, udg = get_model(\"rudimentary\"), get_model(\"unilateral\")",
    "## RADG: one threshold\n"
    "\n"
    "Deterrence holds iff the defender is Hard with probability above $C_A$ ($= 2/3$ at the"
    " defaults). Exactly at $C_A$ the challenger is indifferent: a knife edge, where the solve"
    "r lists both equilibria.",
    "C_A = radg.thresholds()[\"C_A\"]\n"
    "C_A, C_A.subs(radg.parameters.substitutions())",
    "names = {p: [s.name for s in radg.solve(p_B=p)] for p in (\"1/2\", \"2/3\", \"3/4\")}\n"
    "assert C_A.subs(radg.parameters.substitutions()) == sympy.Rational(2, 3)\n"
    "assert names == {\"1/2\": [\"Attack\"], \"2/3\": [\"Deterrence\", \"Attack\"], \"3/4\":"
    " [\"Deterrence\"]}"
    "\nassert radg.solve(p_B=\"2/3\").knife_edge"
    "\nnames",
    "## UDG: three thresholds, four equilibria\n"
    "\n"
    "At the default utilities $\\alpha_H = 1/2$, $\\alpha_S = 1/3$ and $\\beta = 1/2$. **The"
    " default $p_{Ch} = 1/2$ sits on the knife edge $\\beta$**: whenever $p_{Def} < \\alpha_S$ th"
    "e Soft challenger's Bluff probability reaches 1 (so Bluff becomes Attack) and the Soft defend"
    "er is indifferent: the solver reports a continuum of Attack equilibria, its two extreme membe"
    "rs, instead of one equilibrium. We therefore choose $p_{Ch}$ explicitly below.",
    "levels = {k: v.subs(udg.parameters.substitutions()) for k, v in udg.thresholds().items()}\n"
    "assert levels == {\"alpha_H\": sympy.Rational(1, 2), \"alpha_S\": sympy.Rational(1, 3),"
    " \"beta\": sympy.Rational(1, 2)}"
    "\nassert udg.parameters.validate({})[\"p_Ch\"] == levels[\"beta\"]"
    "\nat_default = udg.solve(p_Def=\"1/5\")   # p_Ch left at its default 1/2"
    "\nassert at_default.knife_edge and [s.name for s in at_default] == [\"Attack\", \"Attack\"]"
    "\nassert any(\"continuum\" in note for note in at_default.notes)"
    "\nudg.thresholds(), levels, at_default.knife_edge",
    "points = {\"Certain Deterrence\": (\"1/2\", \"4/5\"), \"Separating\": (\"1/2\", \"2/5\"),\n"
    "          \"Attack\": (\"4/5\", \"1/5\"), \"Bluff\": (\"1/4\""
    ", \"1/4\")}\nfor expected, (p_ch, p_def) in points"
    ".items():\n    (eq,) = udg.solve(p_Ch=p_ch,"
    " p_Def=p_def)\n    assert eq"
    ".name == expected\n    print(f\"{eq.name:19}\", {k: str(v) for k, v in eq.outcomes.items()})",
    "## The tripwire paradox\n"
    "\n"
    "Raising the defender's credibility first *raises* the probability of war: more of the"
    " challengers who still initiate now meet resistance. Only past $\\alpha_H$ does it collapse t"
    "o zero. We draw it for a likely Hard challenger, $p_{Ch} = 3/4$ (off the knife edge $\\beta"
    "$, so every point has one equilibrium); at the default $p_{Ch} = 1/2$ every point be"
    "low $\\alpha_S = 1/3$ would be a knife edge. The points exactly on $\\alpha_S$ and $\\alph"
    "a_H$ are knife edges too and are left out; the line is cut there, where the probability jumps.",
    "from escalation.plotting import draw_curves, mark_thresholds\n"
    "alpha_S, alpha_H = levels[\"alpha_S\"], levels[\"alpha_H\"]\n"
    "war, edges = {}, []\n"
    "for p in (sympy.Rational(i, 120) for i in range(1, 120)):\n"
    "    found = udg.solve(p_Ch=\"3/4\", p_Def"
    "=p)\n    if found.knif"
    "e_edge:\n        "
    "edges.app"
    "end(p)\n       "
    " continue\n    (eq,) = foun"
    "d\n    war[p] = eq.outcomes[\"W\"]\nassert edges == [alpha_S, alpha_H]   # only "
    "the two thresholds are left out\nassert max(war, key=war.get) < alpha_H and all(w == "
    "0 for p, "
    "w in war.items() if p > alpha_H)\nassert all(w == sympy.Rational(3, 4) * p for p, w in war.i"
    "tems()"
    " if p < alpha_H)   # p_Ch * p_Def\nax = draw_curves([float(p) for p in war], {\"P(war), $p_{"
    "Ch}$ = 3/4\": list(war.values())},\n                 breaks=[alpha_S, alpha_H], xlabel="
    "\"defender credibility $p_{Def}$\", ylabel=\"P(war)\")\nmark_thresholds({\"$\\\\a"
    "lpha_S$\": alpha_S, \"$\\\\alpha_H$\": alpha_H}, ax=ax)\nax.figure",
    "## Off-path beliefs: D1, prior, free\n"
    "\n"
    "When nobody initiates, the defender's belief after an initiation is not pinned down by Bayes'"
    " rule. The rule chosen decides which equilibria exist: at $p_{Ch} = 1/4$, $p_{Def} = 2/5$ th"
    "e D1 criterion keeps only the Separating equilibrium, while prior or free beliefs also suppo"
    "rt Certain Deterrence.",
    "by_rule = {rule: sorted({s.name for s in udg.solve(p_Ch=\"1/4\", p_Def=\"2/5\","
    " offpath=rule)})"
    "\n           for rule in (\"D1\", \"prior"
    "\", \"free\")}\nassert by_rule[\"D1\"] == [\"S"
    "eparating\"]\nassert by_rule[\"prior\"] == by_rule[\"free\"] == [\"Certain Deterrence\", \"S"
    "eparating\"]\nby_rule",
]

NOTEBOOKS["04-unity-and-escalation"] = [
    "# Unity and escalation (E4)\n\nA tested coalition must be willing to climb the escalation ladder, and "
    "its members must actually act together.",
    SETUP + "\nfrom escalation.plotting import draw_curves, new_axes\n"
    "complete, one_sided = get_model(\"escalation-complete\"), get_model(\"escalation-one-sided\")\n\n\n"
    "def readable(value):\n    \"\"\"An exact number with a decimal beside it.\"\"\"\n"
    "    return f\"{value} ≈ {float(value):.4f}\"",
    "## Escalation dominance\n\nWith complete information there is never a conflict: the challenger either "
    "keeps the status quo or wins at once.",
    "found = [dict(s.outcomes) for s in complete.solve()]\n"
    "assert all(o[\"DD\"] == o[\"ED\"] == o[\"EE\"] == o[\"DE\"] == 0 for o in found)\nfound",
    "### One-sided uncertainty\n\nWhen the challenger is known to be Hard and the defender's resolve is private, "
    "deterrence needs enough probability of a limited response, $t = p_{HH} + p_{HS} > \\tau$ ($= 2/5$ at the "
    "defaults), and enough of it from types that would also escalate, $p_{HH} > \\theta\\tau$ "
    "($\\theta = 2/3$). Neither default point below sits on a threshold.",
    "levels = {k: v.subs(one_sided.parameters.substitutions()) for k, v in one_sided.thresholds().items()}\n"
    "tau, theta = levels[\"tau\"], levels[\"theta\"]\nassert (tau, theta) == (sympy.Rational(2, 5), "
    "sympy.Rational(2, 3))\none_sided.thresholds()",
    "cases = {(\"1/10\", \"1/5\", \"1/5\"): \"Escalation risk\", (\"1/2\", \"1/5\", \"1/10\"): \"Deterrence\"}\n"
    "for p, expected in cases.items():\n"
    "    values = dict(zip((\"p_HH\", \"p_HS\", \"p_SH\"), p))\n"
    "    found = one_sided.solve(**values)\n"
    "    assert [s.name for s in found] == [expected] and not found.knife_edge\n"
    "    t = sympy.Rational(values[\"p_HH\"]) + sympy.Rational(values[\"p_HS\"])\n"
    "    assert (expected == \"Deterrence\") == (t > tau and sympy.Rational(values[\"p_HH\"]) > theta * tau)\n"
    "    print(values, f\"t = {t}\", [s.name for s in found])",
    "## Unity: a volunteer's dilemma\n\nEach member would rather another one pay to respond. In the symmetric "
    "equilibrium the chance that nobody responds *rises* with the size of the coalition, towards the ratio "
    "$K/U$ of a member's cost of responding to its value of a response. The exact values are surds; each is "
    "shown with its decimal.",
    "from escalation.models.unity import nobody_responds, coalition_credibility\n"
    "sizes = range(2, 31)\nnobody = [nobody_responds(N, 1, 4) for N in sizes]\n"
    "assert all(a < b < sympy.Rational(1, 4) for a, b in zip(nobody, nobody[1:]))\n"
    "for N in (2, 3, 5, 10, 30):\n    print(f\"N = {N:2}: P(nobody responds) = {readable(nobody[N - 2])}\")",
    "ax = draw_curves(list(sizes), {\"K/U = 1/4\": nobody}, markers=True, xlabel=\"members able to respond $N$\",\n"
    "                 ylabel=\"P(nobody responds)\")\n"
    "ax.axhline(0.25, linestyle=\":\", color=\"grey\")\nax.set_ylim(0, 0.3)\nax.figure",
    "## Feeding unity into deterrence\n\nThe coalition's probability of responding becomes the defender's "
    "credibility $p_{Def}$ in the unilateral deterrence game. Three volunteers with $K/U = 1/4$ respond with "
    "probability $7/8$, above $\\alpha_H = 1/2$: certain deterrence. Four members who must all agree, each "
    "willing with probability $4/5$, respond only with probability $256/625 \\approx 0.41$, between "
    "$\\alpha_S$ and $\\alpha_H$: the Separating equilibrium, with a risk of war. (Both points lie above "
    "$\\alpha_S$, so the UDG's default $p_{Ch} = 1/2 = \\beta$ is not a knife edge here.)",
    "udg = get_model(\"unilateral\")\nexpected = {\"volunteer\": (sympy.Rational(7, 8), \"Certain Deterrence\"),\n"
    "            \"unanimity\": (sympy.Rational(256, 625), \"Separating\")}\n"
    "for rule, kwargs in [(\"volunteer\", {\"N\": 3, \"K\": 1, \"U\": 4}),\n"
    "                     (\"unanimity\", {\"probabilities\": [\"4/5\"] * 4})]:\n"
    "    p_def = coalition_credibility(rule, **kwargs)\n"
    "    found = udg.solve(p_Def=p_def, p_Ch=\"1/2\")\n"
    "    assert (p_def, [s.name for s in found]) == (expected[rule][0], [expected[rule][1]])\n"
    "    assert not found.knife_edge\n"
    "    print(f\"{rule:9}: p_Def = {readable(p_def)}, {[s.name for s in found]}, \"\n"
    "          f\"P(war) = {readable(found[0].outcomes['W'])}\")",
]

NOTEBOOKS["05-porcupine-and-sanctions"] = [
    "# Porcupine and sanctions (E6, E9)\n\nIn Fearon's bargaining model a war is avoided by any deal both "
    "sides prefer to fighting. Arming Ukraine lowers Russia's battlefield prospects; sanctions raise its "
    "cost of fighting on. Both move the deals Russia accepts.",
    SETUP + "\nfrom escalation.models.porcupine import bargaining_range, budget_split, risk_return_offer\n"
    "from escalation.plotting import draw_bargaining_ranges, draw_curves\n\n\n"
    "def readable(value):\n    \"\"\"An exact number with a decimal beside it.\"\"\"\n"
    "    return f\"{value} ≈ {float(value):.3f}\"",
    "## The bargaining range, before and after\n\nRussia expects a share $p = 3/5$ of the issue from fighting and "
    "pays $c_R = 1/20$ to fight; Ukraine pays $3/20$. Arming Ukraine ($p$ down by $1/10$) moves the whole range "
    "of acceptable deals towards Ukraine; sanctions ($c_R$ up by $1/10$) widen it on Russia's side, so Russia "
    "accepts less.",
    "p_R, c_R, c_B = sympy.Rational(3, 5), sympy.Rational(1, 20), sympy.Rational(3, 20)\n"
    "ranges = {\"before\": bargaining_range(p_R, c_R, c_B),\n"
    "          \"arms\": bargaining_range(p_R - sympy.Rational(1, 10), c_R, c_B),\n"
    "          \"arms and sanctions\": bargaining_range(p_R - sympy.Rational(1, 10), c_R + sympy.Rational(1, 10),\n"
    "                                                  c_B)}\n"
    "assert ranges[\"arms\"] == tuple(x - sympy.Rational(1, 10) for x in ranges[\"before\"])\n"
    "assert ranges[\"arms and sanctions\"][0] < ranges[\"arms\"][0] and "
    "ranges[\"arms and sanctions\"][1] == ranges[\"arms\"][1]\n"
    "{k: (readable(lo), readable(hi)) for k, (lo, hi) in ranges.items()}",
    "marks = {\"before\": {\"p\": p_R}, \"arms\": {\"p\": p_R - sympy.Rational(1, 10)},\n"
    "         \"arms and sanctions\": {\"p\": p_R - sympy.Rational(1, 10)}}\n"
    "draw_bargaining_ranges(ranges, marks=marks).figure",
    "## Private costs: the risk-return trade-off\n\nWhen Russia's cost of war is private, the West's best offer "
    "trades a better deal against a risk of war. A known cost (sanctions) lowers the probability of war: from "
    "$3/8$ without sanctions to $1/4$ with a known cost of $1/10$.",
    "known = [sympy.Rational(k, 200) for k in range(0, 41)]\n"
    "war = [risk_return_offer(p=\"3/5\", c_B=\"1/10\", c_bar=\"2/5\", known_cost=k).war_probability for k in known]\n"
    "assert all(a > b for a, b in zip(war, war[1:]))\n"
    "assert (war[0], war[20]) == (sympy.Rational(3, 8), sympy.Rational(1, 4))\n"
    "ax = draw_curves(known, {\"P(war) under the best offer\": war}, xlabel=\"Russia's known cost of war "
    "(sanctions)\",\n                 ylabel=\"probability of war\")\nax.set_ylim(0, 0.4)\nax.figure",
    "## Europe's budget: force or arms? (E9)\n\nThe package's own synthesis: a visible force crowds out arms "
    "when the guarantee's visibility is valued above the arms it displaces. With visibility worth $1/10$ "
    "against an arms effect of $1/10$ per unit and a tripwire effect of $1/50$, the budget-optimal split puts "
    "nothing into the force, the politically chosen one puts everything, and Russia's reservation value is "
    "$2/25$ higher for it.",
    "choice = budget_split(1, \"1/10\", \"1/50\", \"1/10\")\n"
    "assert (choice.optimal_force_share, choice.chosen_force_share, choice.crowded_out) == (0, 1, True)\n"
    "assert choice.reservation_gap == sympy.Rational(2, 25) and not choice.knife_edge\n"
    "low = budget_split(1, \"1/10\", \"1/50\", \"1/100\")   # visibility worth little: no crowding out\n"
    "assert not low.crowded_out\n"
    "choice, readable(choice.reservation_gap), low.chosen_force_share",
]

NOTEBOOKS["06-attribution"] = [
    "# Attribution (E8)\n\nCeasefire violations as an inspection game: a monitor that can publicly name the "
    "violator with probability $\\pi$ when it investigates.",
    SETUP + "\nfrom escalation.models.attribution import violation_rate, inspection_probability\n"
    "from escalation.plotting import draw_curves, draw_payoff_matrix, mark_thresholds\n"
    "model = get_model(\"attribution\")",
    "## Regimes\n\nWithout public attribution violations are certain; above the threshold $g/(g+s)$ (1/4 at "
    "the defaults) the violator mixes. The default $\\pi = 1/2$ is inside the mixing regime, off the threshold.",
    "levels = {k: v.subs(model.parameters.substitutions()) for k, v in model.thresholds().items()}\n"
    "assert levels[\"pi_deterrence\"] == sympy.Rational(1, 4)\nmodel.thresholds()",
    "names = {pi: [s.name for s in model.solve(pi=pi)] for pi in (0, \"1/5\", \"1/2\", 1)}\n"
    "assert violation_rate(0) == violation_rate(\"1/5\") == 1 and violation_rate(\"1/2\") < 1\nnames",
    "draw_payoff_matrix(model.game(pi=\"1/2\"), model.solve(pi=\"1/2\")).figure",
    "## Tsebelis' paradox\n\nOnce the violator mixes ($\\pi > g/(g+s)$), a harsher sanction $s$ changes how often "
    "the monitor investigates, not how often the ceasefire is broken: at $\\pi = 1/2$ the violation rate stays "
    "$e/(\\pi(L-A)) = 1/5$ for $s = 4, 9, 19$ while investigations fall. A mild sanction is different: at "
    "$s = 1$ the threshold $g/(g+s)$ equals $\\pi = 1/2$ exactly -- a knife edge, where the violator still "
    "violates for sure. Raising the sanction past it *does* cut violations, once, from 1 to 1/5; beyond that, "
    "the paradox holds.",
    "rows = {s: (violation_rate(\"1/2\", {\"s\": s}), inspection_probability(\"1/2\", {\"s\": s}))\n"
    "        for s in (1, 4, 9, 19)}\n"
    "assert rows[1][0] == 1 and model.solve(pi=\"1/2\", s=1).knife_edge\n"
    "assert {rows[s][0] for s in (4, 9, 19)} == {sympy.Rational(1, 5)}\n"
    "assert rows[4][1] > rows[9][1] > rows[19][1]\n"
    "for s, (v, q) in rows.items():\n"
    "    print(f\"s = {s:2}: violation {str(v):4} investigation {q} ≈ {float(q):.3f}\")",
    "pis = [sympy.Rational(2 * k + 1, 400) for k in range(200)]   # cell centres: none on a threshold\n"
    "ax = draw_curves(pis, {\"violation rate\": [violation_rate(p) for p in pis],\n"
    "                       \"investigation rate\": [inspection_probability(p) for p in pis]},\n"
    "                 breaks=[levels[\"pi_investigation\"], levels[\"pi_deterrence\"]],\n"
    "                 xlabel=\"attribution probability $\\\\pi$\", ylabel=\"probability\")\n"
    "mark_thresholds({\"$g/(g+s)$\": levels[\"pi_deterrence\"]}, ax=ax)\nax.figure",
]

NOTEBOOKS["07-seminar-exercises"] = [
    "# Seminar exercises\n\nEach exercise has an empty cell for your answer. The solutions are in the cells "
    "after them, hidden (click the bar to the left of a collapsed cell to show it) and tagged `solution`. "
    "To hand out the exercises without them:\n\n"
    "`jupyter nbconvert --to notebook --TagRemovePreprocessor.enabled=True "
    "--TagRemovePreprocessor.remove_cell_tags solution 07-seminar-exercises.ipynb --output exercises.ipynb`",
    SETUP + "\nfrom escalation import ExtensiveFormGame, decision, outcome, subgame_perfect",
    "## 1. When is the threat credible?\n\nIn the probe game of the quickstart, give the defender a clash "
    "payoff of 3 instead of -1. What is the subgame-perfect outcome, and why?",
    ANSWER,
    SOLUTION + 'game = ExtensiveFormGame(("Challenger", "Defender"), decision("Challenger", {\n'
    '    "Stay put": outcome("Status quo", {"Challenger": 0, "Defender": 2}),\n'
    '    "Probe": decision("Defender", {"Fight": outcome("Clash", {"Challenger": -1, "Defender": 3}),\n'
    '                                  "Give way": outcome("Concession", {"Challenger": 1, "Defender": 1})}),\n'
    "}))\n(spe,) = subgame_perfect(game)\nassert spe.outcomes[\"Status quo\"] == 1\n"
    "# Fighting now beats giving way for the defender, so the threat is credible and the challenger stays put.\n"
    "dict(spe.outcomes)",
    "## 2. A force that deters (E1)\n\nWith the tripwire model's defaults, how large must the force be before "
    "Russia no longer tests it? What happens to Russia's consent then?",
    ANSWER,
    SOLUTION + "from escalation.models.tripwire import TRIPWIRE_PARAMETERS, tripwire_thresholds\n"
    "F_star = tripwire_thresholds()[\"F_deter\"].subs(TRIPWIRE_PARAMETERS.substitutions())\n"
    "assert F_star == 150\n"
    "names = [s.name for s in get_model(\"tripwire\").solve(F=160)]\n"
    "assert names == [\"no deployment (Russia would be deterred)\"]\n"
    "names  # a deterring force is refused (E2)",
    "## 3. Bigger coalitions\n\nIn the volunteer's dilemma with $K = 1$, $U = 4$, how does the probability "
    "that nobody responds change from 2 to 20 members? What is its limit?",
    ANSWER,
    SOLUTION + "from escalation.models.unity import nobody_responds\n"
    "values = [nobody_responds(N, 1, 4) for N in range(2, 21)]\n"
    "assert all(a < b for a, b in zip(values, values[1:]))\n"
    "N = sympy.Symbol(\"N\")\nlimit = sympy.limit(sympy.Rational(1, 4) ** (N / (N - 1)), N, sympy.oo)\n"
    "assert limit == sympy.Rational(1, 4)\n"
    "f\"{values[0]} at N = 2, {values[-1]} ≈ {float(values[-1]):.4f} at N = 20, limit {limit}\"",
    "## 4. Harsher sanctions (E8)\n\nIn the attribution model at $\\pi = 1/2$, triple the sanction $s$. Who "
    "changes behaviour?",
    ANSWER,
    SOLUTION + "model = get_model(\"attribution\")\n"
    "before, after = model.solve(pi=\"1/2\")[0], model.solve(pi=\"1/2\", s=3 * model.values()[\"s\"])[0]\n"
    "assert before.strategies[\"Violator\"] == after.strategies[\"Violator\"]\n"
    "assert before.strategies[\"Monitor\"] != after.strategies[\"Monitor\"]\n"
    "dict(before.strategies[\"Monitor\"]), dict(after.strategies[\"Monitor\"])",
    "## 5. Explore\n\nMove the sliders: where does the unilateral deterrence game switch equilibrium? "
    "(There is no solution cell: compare what you see with the thresholds of notebook 03.)",
    "from escalation import explore\nexplore(\"unilateral\")",
]

NOTEBOOKS["08-parameter-sweeps"] = [
    "# Parameter sweeps, Monte Carlo and dask\n\n"
    "One call of `model.solve` answers one question at one point. A paper needs maps: which equilibrium "
    "holds where, how likely a war is across the parameter space, and how much a conclusion depends on a "
    "parameter nobody knows. `escalation.sweep` solves a model on a whole grid at once and returns an "
    "`xarray.Dataset`; `escalation.sample` draws uncertain parameters from distributions and reports "
    "frequencies with their Monte Carlo standard errors. Every section checks its result against the "
    "model's closed forms.",
    "%matplotlib inline\nimport numpy as np\nimport sympy\nimport xarray as xr\n\nimport escalation\n"
    "from escalation.analysis.sweep import equilibrium_names, outcome_names\nfrom escalation.models import get_model\n"
    "from escalation.plotting import Boundary, draw_curves, draw_heat_map, draw_region_map, mark_thresholds\n\n"
    "model = get_model(\"tripwire\")\nthresholds = model.thresholds()",
    "## The tripwire game on a 401 x 401 grid\n\n"
    "The tripwire game has perfect information and payoffs that are formulas in named parameters. A sweep "
    "evaluates every payoff as a numpy array over the whole grid and runs backward induction once: at each "
    "decision node the mover's best action is picked point by point with array comparisons, with no Python "
    "loop over the grid. Where a mover is exactly indifferent, floating point cannot be trusted, so those "
    "points are found, solved again in exact arithmetic, and flagged.\n\n"
    "We sweep the force size $F$ (thousand troops) against the coalition's cost $A$ of abandoning Ukraine. "
    "Russia's domestic gain from consenting is set to $g = 2$, above its cost $s = 1$ of hosting a force, so "
    "Russia accepts even a force that deters it and the deterrence region shows on the map. The grids are "
    "chosen so that the thresholds found below are grid points.",
    "fixed = {\"g\": 2}\n"
    "ds = escalation.sweep(model, over={\"F\": np.linspace(0, 300, 401), \"A\": np.linspace(0, 48, 401)}, "
    "fixed=fixed)\nds",
    "### Reading the result\n\n`outcome` holds integer codes into the `play` coordinate (the outcomes reached "
    "with positive probability, joined by \"+\" when the battle is a gamble); "
    "`outcome_names` turns the codes into labels. The attributes record the model, the fixed values, the "
    "defaults used for the rest, the package version and the method.",
    "names = outcome_names(ds)\nprint(ds.attrs[\"method\"])\nnames.to_series().value_counts()",
    "### The region boundaries sit where the closed forms put them\n\n"
    "Backward induction on the tree gives three conditions. After a nuclear threat the coalition stands "
    "firm only if abandoning costs it more than a war under nuclear risk; the model's `resolve` threshold "
    "is the difference, zero at $A^*$. Below $A^*$ Russia tests any force and the coalition gives way. "
    "Above it, the coalition responds to a test if the force wins the battle often enough, i.e. if "
    "$F > F_{respond}(A)$, and Russia stops testing once the force is larger than $F^*$. "
    "`model.thresholds()` gives all three as sympy expressions; we put in every value but the swept one "
    "and compare with the grid, row by row.",
    "def threshold_in(name, key, fixed):\n"
    "    \"\"\"Threshold `key` with every parameter except `name` at its value: (symbol, expression).\"\"\"\n"
    "    symbol = model.parameters.symbols[name]\n"
    "    values = {k: v for k, v in model.parameters.substitutions(fixed).items() if k != symbol}\n"
    "    return symbol, thresholds[key].subs(values)\n\n\n"
    "A, resolve = threshold_in(\"A\", \"resolve\", fixed)\n(A_star,) = sympy.solve(resolve, A)\n"
    "_, F_star = threshold_in(\"F\", \"F_deter\", fixed)\n"
    "_, F_respond_of_A = threshold_in(\"A\", \"F_respond\", fixed)\n"
    "F_respond = sympy.lambdify(A, F_respond_of_A)\nA_star, F_star, F_respond_of_A",
    "step = float(ds.F[1] - ds.F[0])\nfirm = float(A_star) < ds.A   # rows where the coalition would stand firm\n"
    "first_deterring = ds.F.where(names == \"deterrence holds\").min(\"F\")\n"
    "first_responding = ds.F.where(names != \"Ukraine abandoned\").min(\"F\")\n"
    "assert (abs(first_deterring.where(firm, drop=True) - float(F_star)) <= step).all()\n"
    "assert (abs(first_responding.where(firm, drop=True) - F_respond(ds.A.where(firm, drop=True))) <= step).all()\n"
    "below = float(A_star) > ds.A\n"
    "assert (names.where(below) == \"Ukraine abandoned\").sum() == ds.F.size * int(below.sum())",
    "### The region map\n\n"
    "`draw_region_map` takes the label of every grid point, indexed `[y, x]`, colours the regions and writes "
    "their names. The dashed boundaries are drawn from the closed forms, not traced from the grid, so they do "
    "not depend on its resolution.",
    "upper = ds.A.values[ds.A.values > float(A_star)]\n"
    "boundaries = [Boundary(\"$A^*$\", y=float(A_star)),\n"
    "              Boundary(\"$F^*$\", curve=([float(F_star)] * 2, [float(A_star), upper[-1]])),\n"
    "              Boundary(\"$F_{respond}$\", curve=(F_respond(upper), upper))]\n"
    "ax = draw_region_map(names.transpose(\"A\", \"F\").values, ds.F, ds.A, boundaries=boundaries,\n"
    "                     labels={\"Russia backs down + force overrun\": \"Russia tests;\\nbacks down\\nor overruns\"}"
    ")\n"
    "ax.set(xlabel=\"force size F (thousand troops)\", ylabel=\"cost of abandonment A\")\nax.figure",
    "### Knife edges\n\n"
    "On the line $A = A^*$ the coalition is indifferent between standing firm and withdrawing under a nuclear "
    "threat; on $F = F^*$ (above $A^*$) Russia is indifferent between holding and testing. These points are "
    "marked in `knife_edge` and decided in exact arithmetic; `equilibria` counts the pure subgame-perfect "
    "equilibria there, and the reported one takes the first of the tied actions. The per-point solver lists "
    "the same number.",
    "edges = ds.knife_edge\nprint(int(edges.sum()), \"knife-edge points\")\n"
    "assert edges.sel(A=float(A_star)).all()\n"
    "assert edges.sel(F=float(F_star)).where(firm, drop=True).all()\n"
    "assert int(edges.sum()) == ds.F.size + int(firm.sum())   # nowhere else\n"
    "ties = int(ds.equilibria.sel(F=float(F_star), A=36.0))\n"
    "assert ties == len(model.solve(F=F_star, A=36, **fixed)) == 2\n"
    "[s.name for s in model.solve(F=F_star, A=36, **fixed)]",
    "### When does it end in a NATO-Russia war?\n\n"
    "`outcome_probability` gives, at every point, the probability of each terminal outcome, the battle's "
    "chance move included. With the default costs a war never happens: after a defeated attack Russia "
    "prefers to back down rather than make a nuclear threat that a firm coalition would answer with war "
    "(the `backdown` threshold is positive). Make the nuclear danger smaller ($N = 20$) and let Russia's "
    "cost of war $W_R$ vary: below $W_R^*$ Russia threatens, the coalition stands firm (at $A = 30$), and "
    "war follows whenever the force wins the battle, i.e. with the contest probability "
    "$p(F) = F^m/(F^m + K^m)$.",
    "assert float(ds.outcome_probability.sel(label=\"NATO-Russia war\").max()) == 0\n"
    "war_fixed = {\"g\": 2, \"N\": 20, \"A\": 30}\n"
    "war = escalation.sweep(model, over={\"F\": np.linspace(0, 300, 121), \"W_R\": np.linspace(0, 6, 61)}, "
    "fixed=war_fixed)\n"
    "p_war = war.outcome_probability.sel(label=\"NATO-Russia war\")\n"
    "W_R, backdown = threshold_in(\"W_R\", \"backdown\", war_fixed)\n(W_R_star,) = sympy.solve(backdown, W_R)\n"
    "F, contest = threshold_in(\"F\", \"p\", war_fixed)\n"
    "fighting = p_war > 0\n"
    "assert float(war.W_R.where(fighting).max()) <= W_R_star\n"
    "assert float(abs(p_war - sympy.lambdify(F, contest)(war.F)).where(fighting).max()) < 1e-12\n"
    "W_R_star, float(p_war.max())",
    "ax = draw_heat_map(p_war.transpose(\"W_R\", \"F\").values, war.F, war.W_R, label=\"P(NATO-Russia war)\",\n"
    "                   boundaries=[Boundary(\"$W_R^*$\", y=float(W_R_star))])\n"
    "ax.set(xlabel=\"force size F (thousand troops)\", ylabel=\"Russia's cost of war $W_R$\")\nax.figure",
    "## Credibility and the probability of war (E1, E4)\n\n"
    "The Unilateral Deterrence Game has incomplete information on both sides: the challenger is Hard with "
    "probability $p_{Ch}$, the defender with probability $p_{Def}$, its credibility. It is not solved by "
    "backward induction but by characterisation: closed-form thresholds cut the parameter space into regions, "
    "in each of which one perfect Bayesian equilibrium is played, with closed-form mixing probabilities. The "
    "sweep evaluates these formulas on the grid (lambdified) and leaves only the points on or next to a "
    "boundary to the model's exact solver.\n\n"
    "Reading a tripwire as a raise in credibility, the probability of war `W` first *rises* with $p_{Def}$: "
    "in the Separating equilibrium a Hard challenger still initiates and now meets a Hard defender more "
    "often, so $P(W) = p_{Ch}\\,p_{Def}$. Only at $\\alpha_H$ does deterrence become certain and the "
    "probability of war drop to zero.\n\n"
    "(Avoid the default $p_{Ch} = 1/2$ here: it equals the threshold $\\beta$, so the challenger is "
    "indifferent along the whole low-credibility range and every such point goes to the slow exact solver.)",
    "udg = get_model(\"unilateral\")\n"
    "credibility = np.arange(1, 400) / 400   # the open interval: both types must be possible\n"
    "ud = escalation.sweep(udg, over={\"p_Def\": credibility, \"p_Ch\": [0.2, 0.4, 0.8]})\n"
    "levels = {k: float(v.subs(udg.parameters.substitutions())) for k, v in udg.thresholds().items()}\n"
    "w = ud.outcome_probability.sel(label=\"W\")\nprint(ud.attrs[\"method\"])\nlevels",
    "step = credibility[1] - credibility[0]\nseparating = equilibrium_names(ud) == \"Separating\"\n"
    "assert (separating == ((ud.p_Def > levels[\"alpha_S\"]) & (ud.p_Def < levels[\"alpha_H\"]))).all()\n"
    "assert float(abs(w - ud.p_Ch * ud.p_Def).where(separating).max()) < 1e-12\n"
    "assert np.allclose(w.idxmax(\"p_Def\"), levels[\"alpha_H\"] - step)   # the peak: just below alpha_H\n"
    "assert float(w.where(ud.p_Def >= levels[\"alpha_H\"]).max()) == 0    # and nothing from there on\n"
    "ax = draw_curves(credibility, {f\"$p_{{Ch}}$ = {p}\": w.sel(p_Ch=p).values for p in ud.p_Ch.values},\n"
    "                 xlabel=\"defender credibility $p_{Def}$\", ylabel=\"P(war)\")\n"
    "mark_thresholds({\"$\\\\alpha_S$\": levels[\"alpha_S\"], \"$\\\\alpha_H$\": levels[\"alpha_H\"]}, ax=ax)\n"
    "ax.figure",
    "## Monte Carlo: an uncertain cost of abandonment\n\n"
    "Nobody knows how much abandoning Ukraine would cost the coalition. Treat $A$ as uniform between 10 and 40 "
    "and ask how likely a 200,000-strong force (above $F^*$) is to deter. `sample` draws $n$ values, solves "
    "every draw with the vectorised sweep and reports each play's frequency $\\hat p$ with the standard error "
    "$\\sqrt{\\hat p(1 - \\hat p)/n}$. Deterrence holds exactly when the coalition would stand firm, "
    "$A > A^* = 24$, so the true probability is $(40 - 24)/30 = 8/15$: the estimate must lie within a few "
    "standard errors of it.",
    "from scipy import stats\n\nprior = stats.uniform(10, 30)   # loc 10, scale 30: A between 10 and 40\n"
    "mc = escalation.sample(model, priors={\"A\": prior}, fixed={\"F\": 200, \"g\": 2}, n=4000, seed=2024)\n"
    "estimate = float(mc.frequency.sel(play=\"deterrence holds\"))\n"
    "error = float(mc.standard_error.sel(play=\"deterrence holds\"))\n"
    "truth = (40 - A_star) / 30\nassert F_star < 200 and truth == sympy.Rational(8, 15)\n"
    "assert abs(estimate - float(truth)) < 4 * error\n"
    "assert np.isclose(error, np.sqrt(estimate * (1 - estimate) / 4000))\n"
    "print(f\"P(deterrence holds) = {estimate:.4f} +/- {error:.4f}  (exact: {truth} = {float(truth):.4f})\")",
    "### Reproducible for a seed\n\n"
    "The same seed gives the same draws and the same answer; another seed gives other draws.",
    "again = escalation.sample(model, priors={\"A\": prior}, fixed={\"F\": 200, \"g\": 2}, n=4000, seed=2024)\n"
    "other = escalation.sample(model, priors={\"A\": prior}, fixed={\"F\": 200, \"g\": 2}, n=4000, seed=7)\n"
    "assert again.identical(mc)\nassert not np.array_equal(other.A, mc.A)\n"
    "mc.attrs[\"priors\"], mc.attrs[\"seed\"]",
    "## Beyond one machine: dask\n\n"
    "With `backend=\"dask\"` the grid is cut into chunks and each chunk is solved by the same vectorised code, "
    "as one task of a `dask.array`. With `lazy=True` nothing is computed yet: reductions such as a mean or "
    "counts run chunk by chunk on whatever dask scheduler is active, so a grid larger than memory never has "
    "to be held at once. Here a deliberately small grid runs on a `LocalCluster` of threads in this process; "
    "on a real cluster, connect a `Client` to it instead (or pass `client=`).",
    "from dask.distributed import Client, LocalCluster\nimport dask.array as da\n\n"
    "cluster = LocalCluster(processes=False, n_workers=1, threads_per_worker=2, dashboard_address=\":0\")\n"
    "client = Client(cluster)\n"
    "grid = {\"F\": np.linspace(0, 300, 121), \"A\": np.linspace(0, 48, 121)}\n"
    "lazy = escalation.sweep(model, over=grid, fixed=fixed, backend=\"dask\", lazy=True, chunks=40)\n"
    "assert isinstance(lazy.outcome.data, da.Array)   # nothing computed yet\nlazy.outcome",
    "deters = list(lazy.play.values).index(\"deterrence holds\")\n"
    "share = float((lazy.outcome == deters).mean().compute())\n"
    "counts = da.bincount(lazy.outcome.data.ravel(), minlength=lazy.sizes[\"play\"]).compute()\n"
    "reference = escalation.sweep(model, over=grid, fixed=fixed)   # the numpy backend\n"
    "expected = np.bincount(reference.outcome.values.ravel(), minlength=reference.sizes[\"play\"])\n"
    "assert np.array_equal(counts, expected)\n"
    "assert share == float((reference.outcome == deters).mean())\n"
    "assert lazy.compute().equals(reference)\n"
    "client.close()\ncluster.close()\n"
    "print(f\"deterrence holds on {share:.1%} of the grid\")\n"
    "{str(p): int(n) for p, n in zip(lazy.play.values, counts) if n}",
    "## Writing results\n\n"
    "`to_netcdf` keeps coordinates, variables and attributes together. xarray picks an installed netCDF "
    "engine; scipy, a dependency of the package, is enough (netCDF3 format, strings come back as object "
    "arrays). For a table, select the per-point variables first: `to_dataframe()` on the whole Dataset would "
    "write one row per combination of grid point, player, outcome label and action.\n\n"
    "The same sweep from a shell, where `lo:hi:n` means *n* evenly spaced values (not a step):\n\n"
    "```\nescalation sweep tripwire --over F=50:250:5 --over A=5:45:5 --set g=2 --out sweep.nc\n```\n\n"
    "Without `--out` it prints how many grid points each play covers; `.csv` writes one row per point.",
    "import pathlib\nimport subprocess\nimport sys\nimport tempfile\n\nfolder = pathlib.Path(tempfile.mkdtemp())\n"
    "reference.to_netcdf(folder / \"tripwire.nc\")\nback = xr.load_dataset(folder / \"tripwire.nc\")\n"
    "assert back.equals(reference) and back.attrs == reference.attrs\n"
    "table = reference[[\"outcome\", \"knife_edge\", \"equilibria\"]].to_dataframe()\n"
    "table.to_csv(folder / \"tripwire.csv\")\nassert len(table) == reference.outcome.size\ntable.head()",
    "command = [sys.executable, \"-m\", \"escalation\", \"sweep\", \"tripwire\", \"--over\", \"F=50:250:5\",\n"
    "           \"--over\", \"A=5:45:5\", \"--set\", \"g=2\", \"--out\", str(folder / \"cli.nc\")]\n"
    "print(subprocess.run(command, capture_output=True, text=True, check=True).stdout)\n"
    "from_cli = xr.load_dataset(folder / \"cli.nc\")\n"
    "same = escalation.sweep(model, over={\"F\": np.linspace(50, 250, 5), \"A\": np.linspace(5, 45, 5)}, "
    "fixed=fixed)\nassert from_cli.equals(same)\noutcome_names(from_cli).to_pandas()",
]


NOTEBOOKS["09-guarantee-seminar"] = [
    "# Seminar: does a small European force deter? (the guarantee game)\n\n"
    "In January 2026 an op-ed argued that a small multinational force in Ukraine, the \"Coalition of the "
    "Willing\", would be a dangerous guarantee: it would not deter, Moscow might agree to it in order to test it, "
    "a test would leave the contributors to choose between war with Russia and abandoning Ukraine, and it would "
    "draw money away from arming Ukraine. The `guarantee` model writes that argument as one game in which each of "
    "these claims can hold or fail, depending on parameters. This session asks where they hold.\n\n"
    "We model the argument; we do not advocate it. Every equilibrium below is computed by the package's generic "
    "perfect Bayesian solver and verified in exact arithmetic; nothing is written in by hand.",
    SETUP + "\nfrom escalation import claims\nfrom escalation.numbers import exact_str\n"
    "model = get_model(\"guarantee\")",
    "## 1. The game\n\nNature draws the coalition's resolve (how much it fears a war with Russia), Russia's aims "
    "(revisionist or limited) and whether the United States backs the force or has struck a deal with Moscow. "
    "The coalition then offers a force from a menu (0 means the whole budget goes to arming Ukraine: the "
    "\"porcupine\"). Russia consents or refuses, then holds, probes or launches an offensive; an attack on the "
    "force may escalate at once (the tripwire), otherwise the coalition responds or abandons Ukraine, Russia may "
    "answer a failed attack with a nuclear threat, and the coalition stands firm or withdraws.\n\n"
    "The tree has $8\\,(5 + 24\\,(|\\text{menu}| - 1))$ leaves: two coalition types, two Russian types and two US "
    "postures, with 5 outcomes of the porcupine and 24 after each force.",
    "game = model.game()\nmenu = [a for a in game.infosets[\"C:F|H\"].actions]\n"
    "assert len(game.terminals) == 8 * (5 + 24 * (len(menu) - 1))\n"
    "menu, len(game.terminals), len(game.infosets)",
    "### Parameters, ranges, priors and sources\n\n"
    "Every parameter has a default, a plausible range, a prior for Monte Carlo work and a source. Most utility "
    "parameters are assumptions (marked as such): treat the defaults as one calibration among many.",
    "for p in model.parameters.values():\n"
    "    plausible = \"\" if p.plausible is None else f\"[{exact_str(p.plausible[0])}, {exact_str(p.plausible[1])}]\"\n"
    "    print(f\"{p.name:11} {exact_str(p.default):>8} {plausible:>14}  {p.source[:70]}\")",
    "## 2. The equilibrium at the defaults\n\n`claims.at` solves the game and reads every claim in every "
    "equilibrium it finds. The search is bounded to pure play at the offer, consent and attack stages (the full "
    "mixed search of this game does not finish in minutes yet), and the result says so.",
    "point = claims.at(\"guarantee\")\nfound = point.equilibria\n"
    "assert len(found) == 1 and not found.complete\n"
    "print(found.notes[0])\n(eq,) = found\neq.name, {k: exact_str(v) for k, v in eq.outcomes.items() if v}",
    "### What the equilibrium says\n\n"
    "Both coalition types offer no force: the whole budget goes to arms. The revisionist Russia attacks "
    "(probability $1/2$, its prior), the limited one holds, and no NATO-Russia war occurs on the path.",
    "assert eq.name == \"Coalition: pooling on 'F=0'\"\n"
    "assert eq.outcomes[\"hold\"] == sympy.Rational(1, 2)\n"
    "assert not any(\"war\" in k and v for k, v in eq.outcomes.items())",
    "### Each force on the menu, played out\n\n"
    "What would each force have done? The reading `policy` gives, for each menu level, the outcome if both "
    "coalition types offered it and everything after followed the equilibrium: the probability of an attack, of "
    "Russia achieving its objective, of a NATO-Russia war and of nuclear use.",
    "policy = point.readings[0].diagnostics[\"policy\"]\n"
    "for force, row in policy.items():\n"
    "    print(f\"F = {force:>3}k:\", {k: f\"{float(v):.4f}\" for k, v in row.items()})",
    "### The planned force\n\n"
    "A 25,000-strong force (the smallest on the menu) leaves the attack probability where it was, lowers "
    "Russia's chance of success a little and adds a small risk of war: $1/1200$.",
    "assert policy[\"25\"][\"P_attack\"] == policy[\"0\"][\"P_attack\"] == sympy.Rational(1, 2)\n"
    "assert policy[\"25\"][\"P_succ\"] < policy[\"0\"][\"P_succ\"]\n"
    "assert policy[\"25\"][\"P_war\"] == sympy.Rational(1, 1200) and policy[\"0\"][\"P_war\"] == 0",
    "## 3. The claims at the defaults\n\nEach claim is a predicate on an equilibrium (see `escalation.claims`, "
    "or the docs' explanation of the claims). Because nobody offers a force at the defaults, what would happen "
    "after a force is offered is pinned down only partly: the one solution stands for many equilibria that "
    "differ after offers nobody makes (`found.count`). A claim that depends on that play can hold in some of "
    "them and not in others, and the reading says so (\"some\") instead of picking one.",
    "verdicts = {c: v.status for c, v in point.verdicts.items()}\nfound.count, verdicts",
    "### Reading the verdicts\n\n"
    "At the defaults a small force would not deter a revisionist Russia (E1), neither would the largest on the "
    "menu (E4), and a force adds a risk of war (E5); whether the guarantee crowds out the porcupine (E6), and so "
    "the summary E9, depends on the unreached play.",
    "assert (verdicts[\"E1\"], verdicts[\"E4\"], verdicts[\"E5\"]) == (\"all\", \"all\", \"all\")\n"
    "assert verdicts[\"E6\"] == verdicts[\"E9\"] == \"some\"",
    "## 4. Where the claims fail\n\nThe model is useful only if its claims can fail. Raise the symbolic value "
    "of a deployment for the coalition ($g_v = 1/2$, the brief's example G9): now the resolved coalition deploys "
    "and the other does not, so the offer separates the types.",
    "g9 = claims.at(\"guarantee\", g_v=\"1/2\")\n(eq9,) = g9.equilibria\n"
    "assert eq9.name == \"Coalition: separating\"\n"
    "war = sum(v for k, v in eq9.outcomes.items() if k.startswith(\"NATO-Russia war\"))\n"
    "assert 0 < war < sympy.Rational(1, 1000)\n"
    "eq9.name, exact_str(war), {c: v.status for c, v in g9.verdicts.items()}",
    "### What fails here\n\n"
    "Here a NATO-Russia war is on the equilibrium path (with a small probability), yet the crowding-out claim "
    "fails in every equilibrium found: the force does not worsen the porcupine's outcomes, so E6 and with it E9 "
    "fail. Yet the resolved coalition deploys although its force does not lower the probability of an attack: "
    "here the force is a political symbol (E7).",
    "assert g9[\"E6\"].status == g9[\"E9\"].status == \"none\"\nassert g9[\"E7 symbolic\"].status == \"all\"",
    "### Several equilibria (example G5)\n\n"
    "With costly offensives and sanctions (example G5: $c_O = 1/5$, $\\sigma = 1/10$) the "
    "porcupine deters on its own, and the coalition is exactly indifferent between offering nothing and the "
    "largest force. The solver reports the tie and every equilibrium; claims that differ between them are "
    "\"some\".",
    "g5 = claims.at(\"guarantee\", c_O=\"1/5\", sigma=\"1/10\")\n"
    "assert len(g5.equilibria) == 4 and g5.knife_edge\n"
    "assert g5[\"E6 porcupine deters alone\"].status == \"all\" and g5[\"E4\"].status == \"some\"\n"
    "[s.name for s in g5.equilibria], g5.knife_edge",
    "## 5. Exercises\n\n### 5.1 Deterrence by denial\n\nWith no force at all (the porcupine), how much would "
    "Europe have to spend a year on arms for Ukraine before a revisionist Russia no longer gains from an "
    "offensive? And from a probe? Use the closed forms `A_star_Rev_O` and `A_star_Rev_P` of "
    "`escalation.models.guarantee.thresholds()` at the defaults (EUR bn a year) and compare them with the "
    "default budget `B`.",
    ANSWER,
    SOLUTION + "from escalation.models.guarantee import thresholds\n"
    "at_defaults = model.parameters.substitutions()\n"
    "offensive, probe = (thresholds()[f\"A_star_Rev_{a}\"].subs(at_defaults) for a in (\"O\", \"P\"))\n"
    "budget = model.values()[\"B\"]\n"
    "assert probe < budget < offensive\n"
    "# arms alone deter probes at the default budget but would need about six times the budget to deter an "
    "offensive\n"
    "offensive, float(offensive), probe, budget",
    "### 5.2 A more resolved coalition\n\nThe chance that the coalition is resolved comes from a quorum of its "
    "members (`pi_C`). Raise each member's resolve `rho_member` from its default to $9/10$. Does the coalition "
    "now deploy, and does the force deter?",
    ANSWER,
    SOLUTION + "resolved = claims.at(\"guarantee\", rho_member=\"9/10\")\n"
    "assert [s.name for s in resolved.equilibria] == [\"Coalition: pooling on 'F=0'\"]\n"
    "# no: even a coalition that is resolved with probability (9/10)**5 ≈ 0.59 keeps its budget for arms, and the\n"
    "# small force would still be tested (E1)\n"
    "[(s.name, {k: exact_str(v) for k, v in s.outcomes.items() if v}) for s in resolved.equilibria], "
    "{c: v.status for c, v in resolved.verdicts.items() if c in (\"E1\", \"E4\", \"E6\")}",
    "### 5.3 Your own point\n\nChoose a parameter whose source is marked as an assumption, move it to each end "
    "of its plausible range, and report which claims change. Which claim is the most fragile?",
    ANSWER,
]


HIDDEN = {"jupyter": {"source_hidden": True, "outputs_hidden": True}, "hide_input": True}


def cell(source: str):
    if source.startswith(SOLUTION):  # collapsed in JupyterLab and classic Notebook, removable by its tag
        return new_code_cell(source[len(SOLUTION):], metadata={"tags": ["solution"], **HIDDEN})
    if source == ANSWER:
        return new_code_cell(source.removeprefix("#! answer\n"), metadata={"tags": ["answer"]})
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
