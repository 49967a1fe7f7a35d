"""The worked examples of the research brief (GUARANTEE.md §5) as complete assessments of the guarantee game.

``data/guarantee-examples.json`` is the brief's machine-readable file (copied
unchanged from ``shared/research``).  For every equilibrium it gives the
offers, Russia's belief after every offer, Russia's attack without a force,
and the *complete* continuation after the planned force (25k): consent,
attack when deployed or refused, and the respond/threat/stand subgame after
each attack scale and US posture.  After the other offers (60k, 150k) it
gives only what that continuation produces: the policy outcomes (P(attack),
P(success), P(war) when both types offer it) and each coalition type's
expected payoff.  :func:`complete_level` therefore searches the continuation
after such an offer, stage by stage from the end (stand firm is dominant;
the respond/threat subgame's pure equilibria and those in which one type of
each side mixes; Russia's consent and attack), keeping only continuations in
which every Russian and coalition choice is a best reply; the tests then keep
the ones that reproduce the brief's numbers exactly and check the assembled
assessment with the package's verifier on the whole tree.  Expected values
all come from the JSON; the search only fills in behaviour the JSON leaves out.
"""

from __future__ import annotations

import functools
import itertools
import json
from fractions import Fraction
from pathlib import Path

from escalation.models.guarantee import PARAMETERS, Variant, build, coalition_prior
from escalation.numbers import exact
from escalation.solvers.beliefs import subtree_value

DATA = Path(__file__).parent / "data" / "guarantee-examples.json"
EXAMPLES = json.loads(DATA.read_text())
ATTACK = {"hold": "hold", "P": "probe", "O": "offensive"}
RUSSIA_TYPES, POSTURES, COALITION_TYPES = ("Rev", "Lim"), ("B", "D"), ("H", "L")
COALITION, RUSSIA = 0, 1  # player positions in the game


def F(x) -> Fraction:
    return Fraction(str(x))


def cases():
    """``(id, example, equilibrium)`` for every equilibrium of every example (G5a ... G5d for several)."""
    out = []
    for ex in EXAMPLES:
        many = len(ex["equilibria"]) > 1
        for i, eq in enumerate(ex["equilibria"]):
            out.append((ex["code"] + ("abcd"[i] if many else ""), ex, eq))
    return out


def values(example) -> dict:
    """The example's parameter point (defaults changed as the example says)."""
    return PARAMETERS.validate(example["changes"])


def game(example, menu=(0, 25, 60, 150)):
    return build(values(example), Variant(menu=menu))


def path(theta_c, theta_r, u, *rest) -> str:
    return "/".join(("root", theta_c, theta_r, u, *rest))


def split(belief_first, first, second) -> dict:
    return {first: F(belief_first), second: 1 - F(belief_first)}


def pure(actions, chosen) -> dict:
    return {a: Fraction(int(a == chosen)) for a in actions}


# --- assembling an assessment ---------------------------------------------------------------------

def offer_part(eq, levels, prior) -> tuple[dict, dict]:
    """The coalition's offers (``C:F|H``, ``C:F|L``), believed at the prior over Russia's type and the US posture."""
    behaviour = {f"C:F|{t}": pure([f"F={lv}" for lv in levels], f"F={eq['F'][t]}") for t in COALITION_TYPES}
    beliefs = {f"C:F|{t}": {path(t, r, u): prior[r, u] for r in RUSSIA_TYPES for u in POSTURES}
               for t in COALITION_TYPES}
    return behaviour, beliefs


def porcupine_part(eq) -> tuple[dict, dict]:
    """Russia's attack without an offer, believing the coalition resolved with probability mu(0)."""
    behaviour, beliefs = {}, {}
    for r, u in itertools.product(RUSSIA_TYPES, POSTURES):
        label = f"R:attack|{r}|{u}|0|none"
        behaviour[label] = pure(("hold", "probe", "offensive"), ATTACK[eq["porcupine"][f"{r},{u}"]])
        beliefs[label] = {path("H", r, u, "F=0"): F(eq["mu"]["0"]), path("L", r, u, "F=0"): 1 - F(eq["mu"]["0"])}
    return behaviour, beliefs


def _stand_belief(sub) -> Fraction:
    """The coalition's belief that Russia is revisionist after a threat: Bayes from nu and the threats."""
    nu, t_rev, t_lim = F(sub["nu"]), F(sub["t_Rev"]), F(sub["t_Lim"])
    total = nu * t_rev + (1 - nu) * t_lim
    return nu if total == 0 else nu * t_rev / total


def level_part(level, mu, data) -> tuple[dict, dict]:
    """Everything after a positive offer ``level`` in the JSON's ``planned`` format, as behaviour and beliefs."""
    behaviour, beliefs = {}, {}
    for r, u in itertools.product(RUSSIA_TYPES, POSTURES):
        consent = F(data["consent"][f"{r},{u}"])
        behaviour[f"R:consent|{r}|{u}|{level}"] = {"consent": consent, "refuse": 1 - consent}
        beliefs[f"R:consent|{r}|{u}|{level}"] = {path(t, r, u, f"F={level}"): w
                                                 for t, w in split(mu, "H", "L").items()}
        for status, key in (("deployed", "attack_if_deployed"), ("refused", "attack_if_refused")):
            label = f"R:attack|{r}|{u}|{level}|{status}"
            behaviour[label] = pure(("hold", "probe", "offensive"), ATTACK[data[key][f"{r},{u}"]])
            move = "consent" if status == "deployed" else "refuse"
            beliefs[label] = {path(t, r, u, f"F={level}", move): w for t, w in split(mu, "H", "L").items()}
    for key, sub in data["respond_subgames"].items():
        a, u = key.split(",")
        scale = ATTACK[a]
        contained = ("F=" + str(level), "consent", scale, "contained")
        for t in COALITION_TYPES:
            r_t = F(sub[f"r_{t}"])
            behaviour[f"C:respond|{t}|{level}|{scale}|{u}"] = {"respond": r_t, "abandon": 1 - r_t}
            beliefs[f"C:respond|{t}|{level}|{scale}|{u}"] = {path(t, r, u, *contained): w
                                                             for r, w in split(sub["nu"], "Rev", "Lim").items()}
            firm = Fraction(int(sub[f"stands_{t}"]))
            behaviour[f"C:stand|{t}|{level}|{scale}|{u}"] = {"stand firm": firm, "withdraw": 1 - firm}
            beliefs[f"C:stand|{t}|{level}|{scale}|{u}"] = {
                path(t, r, u, *contained, "respond", "R fails", "threaten"): w
                for r, w in split(_stand_belief(sub), "Rev", "Lim").items()}
        for r in RUSSIA_TYPES:
            t_r = F(sub[f"t_{r}"])
            behaviour[f"R:threat|{r}|{u}|{level}|{scale}"] = {"threaten": t_r, "back down": 1 - t_r}
            beliefs[f"R:threat|{r}|{u}|{level}|{scale}"] = {path(t, r, u, *contained, "respond", "R fails"): w
                                                           for t, w in split(sub["mu_resp"], "H", "L").items()}
    return behaviour, beliefs


def prior_of(v) -> dict:
    pi_r, beta = F(v["pi_R"]), F(v["beta"])
    return {(r, u): (pi_r if r == "Rev" else 1 - pi_r) * (beta if u == "B" else 1 - beta)
            for r in RUSSIA_TYPES for u in POSTURES}


def assessment(eq, v, levels, completed) -> tuple[dict, dict]:
    """The whole assessment: offers, the porcupine, the planned force from the JSON, other levels from ``completed``."""
    parts = [offer_part(eq, levels, prior_of(v)), porcupine_part(eq)]
    for level in levels[1:]:
        data = eq["planned"] if str(level) == str(eq["planned"]["F"]) else completed[level]
        parts.append(level_part(level, eq["mu"][str(level)], data))
    behaviour = {k: x for b, _ in parts for k, x in b.items()}
    beliefs = {k: x for _, m in parts for k, x in m.items()}
    return behaviour, beliefs


def pi_c(v) -> Fraction:
    return F(coalition_prior(v["N_members"], v["k_quorum"], v["rho_member"]))


# --- completing the continuation after an offer the JSON summarises only -------------------------

class Level:
    """The continuation after a positive offer ``level`` of ``game``, with Russia's belief ``mu`` that C is H."""

    def __init__(self, game, v, level, mu):
        self.game, self.level, self.mu, self.pi_r = game, level, F(mu), F(v["pi_R"])
        self._cache: dict = {}

    def at(self, *parts) -> int:
        return self.game.node(path(*parts)).index

    def value(self, player, behaviour, *parts) -> Fraction:
        return subtree_value(self.game, behaviour, self.at(*parts), player)

    def base(self, t, r, u) -> tuple[str, ...]:
        return (t, r, u, f"F={self.level}")

    # stage 7 and the refused branch: no beliefs needed
    def stands(self, t, scale, u) -> int:
        at = (*self.base(t, "Rev", u), "consent", scale, "contained", "respond", "R fails", "threaten")
        firm, withdraw = (self.value(COALITION, {}, *at, a) for a in ("stand firm", "withdraw"))
        assert firm != withdraw, "knife edge at stage 7"
        return int(firm > withdraw)

    def refused_attack(self, r, u) -> str:
        scores = {a: self.value(RUSSIA, {}, *self.base("H", r, u), "refuse", a) for a in ("hold", "probe", "offensive")}
        return max(scores, key=scores.get)

    # the respond/threat subgame after attack ``scale`` in posture ``u``
    def subgame_behaviour(self, scale, u, sub) -> dict:
        b = {}
        for t in COALITION_TYPES:
            b[f"C:respond|{t}|{self.level}|{scale}|{u}"] = {"respond": sub["r"][t], "abandon": 1 - sub["r"][t]}
            b[f"C:stand|{t}|{self.level}|{scale}|{u}"] = pure(("stand firm", "withdraw"),
                                                              "stand firm" if sub["s"][t] else "withdraw")
        for r in RUSSIA_TYPES:
            b[f"R:threat|{r}|{u}|{self.level}|{scale}"] = {"threaten": sub["t"][r], "back down": 1 - sub["t"][r]}
        return b

    def scalars(self, scale, u) -> dict:
        """What the respond/threat subgame after ``scale`` in posture ``u`` turns on (cached).

        The coalition's payoffs do not depend on Russia's type nor Russia's on
        the coalition's, so each is read at one node: stand firm (dominant),
        abandon, respond when Russia never / always threatens, and Russia's gain
        from a threat when the coalition never / always stands firm.
        """
        key = (scale, u)
        if key not in self._cache:
            contained = ("consent", scale, "contained")
            s = {t: self.stands(t, scale, u) for t in COALITION_TYPES}
            abandon = {t: self.value(COALITION, {}, *self.base(t, "Rev", u), *contained, "abandon")
                       for t in COALITION_TYPES}
            respond = {}
            for t in COALITION_TYPES:
                for T in (0, 1):
                    sub = {"r": {x: Fraction(1) for x in COALITION_TYPES}, "t": {x: Fraction(T) for x in RUSSIA_TYPES},
                           "s": s}
                    b = self.subgame_behaviour(scale, u, sub)
                    respond[t, T] = self.value(COALITION, b, *self.base(t, "Rev", u), *contained, "respond")
            gain = {}
            for r in RUSSIA_TYPES:
                after = (*self.base("H", r, u), *contained, "respond", "R fails")
                back = self.value(RUSSIA, {}, *after, "back down")
                for firm in (0, 1):
                    stand = {f"C:stand|H|{self.level}|{scale}|{u}": pure(("stand firm", "withdraw"),
                                                                         "stand firm" if firm else "withdraw")}
                    gain[r, firm] = self.value(RUSSIA, stand, *after, "threaten") - back
            self._cache[key] = {"s": s, "abandon": abandon, "respond": respond, "gain": gain}
        return self._cache[key]

    def subgames(self, scale, u, nu) -> list[dict]:
        """Equilibria of the respond/threat subgame given Russia's belief mu and the coalition's nu (Rev)."""
        key = (scale, u, nu)
        if key in self._cache:
            return self._cache[key]
        k = self.scalars(scale, u)
        T_star = {}
        for t in COALITION_TYPES:
            r0, r1 = k["respond"][t, 0], k["respond"][t, 1]
            T_star[t] = None if r0 == r1 else (r0 - k["abandon"][t]) / (r0 - r1)
        found = []
        options = (Fraction(0), Fraction(1), "mix")
        for rh, rl, tr, tl in itertools.product(options, repeat=4):
            for sub in self._solve_mixing(rh, rl, tr, tl, nu, k, T_star):
                if self._subgame_ok(sub, nu, k) and sub not in found:
                    found.append(sub)
        self._cache[key] = found
        return found

    def _solve_mixing(self, rh, rl, tr, tl, nu, k, T_star):
        r, t = {"H": rh, "L": rl}, {"Rev": tr, "Lim": tl}
        c_mix = [x for x in r if r[x] == "mix"]
        r_mix = [x for x in t if t[x] == "mix"]
        if len(c_mix) != len(r_mix) or len(c_mix) > 1:
            return []
        if c_mix:
            (cm,), (rm,) = c_mix, r_mix
            other = "Lim" if rm == "Rev" else "Rev"
            weight = nu if rm == "Rev" else 1 - nu
            if T_star[cm] is None or weight == 0:
                return []
            # T = nu t_Rev + (1 - nu) t_Lim equals the mixing coalition type's threshold
            t[rm] = (T_star[cm] - (1 - weight) * t[other]) / weight
            # Russia's mixing type is indifferent: the chance of a firm stand after a response is its threshold
            g0, g1 = k["gain"][rm, 0], k["gain"][rm, 1]
            if g0 == g1:
                return []
            firm, s = g0 / (g0 - g1), k["s"]
            if s["H"] == s["L"]:
                return []
            mu_resp = firm if s["H"] else 1 - firm  # P(stand) = mu_resp s_H + (1 - mu_resp) s_L
            co = "L" if cm == "H" else "H"
            # Bayes: mu_resp = mu r_H / (mu r_H + (1 - mu) r_L), solved for the mixing type's r
            if self.mu in (0, 1):
                return []  # one coalition type has zero probability: its mixing carries no information
            if cm == "H":
                if mu_resp in (0, 1):
                    return []
                r["H"] = mu_resp * (1 - self.mu) * r[co] / ((1 - mu_resp) * self.mu)
            else:
                if mu_resp == 0:
                    return []
                r["L"] = (1 - mu_resp) * self.mu * r[co] / (mu_resp * (1 - self.mu))
            return [{"r": r, "t": t, "s": s, "mu_resp": mu_resp, "nu": nu}]
        total = self.mu * r["H"] + (1 - self.mu) * r["L"]
        beliefs = [self.mu * r["H"] / total] if total else [self.mu, Fraction(1), Fraction(0)]
        return [{"r": dict(r), "t": dict(t), "s": k["s"], "mu_resp": m, "nu": nu} for m in beliefs]

    def _subgame_ok(self, sub, nu, k) -> bool:
        r, t, mu_resp, s = sub["r"], sub["t"], sub["mu_resp"], k["s"]
        if not all(0 <= p <= 1 for p in (*r.values(), *t.values())):
            return False
        T = nu * t["Rev"] + (1 - nu) * t["Lim"]
        for c in COALITION_TYPES:
            gain = (1 - T) * k["respond"][c, 0] + T * k["respond"][c, 1] - k["abandon"][c]
            if (gain > 0 and r[c] != 1) or (gain < 0 and r[c] != 0):
                return False
        firm = mu_resp * s["H"] + (1 - mu_resp) * s["L"]
        for x in RUSSIA_TYPES:
            gain = (1 - firm) * k["gain"][x, 0] + firm * k["gain"][x, 1]
            if (gain > 0 and t[x] != 1) or (gain < 0 and t[x] != 0):
                return False
        return True

    # Russia's consent and attack in one posture block
    def _worth(self, r, u, behaviour, *after) -> Fraction:
        """Russia type ``r``'s expected payoff below ``after`` the offer, believing C is H with probability mu."""
        return sum((w * self.value(RUSSIA, behaviour, *self.base(t, r, u), *after)
                    for t, w in split(self.mu, "H", "L").items()), Fraction(0))

    def blocks(self, u) -> list[dict]:
        """Russia's consent and deployed attack in posture ``u`` with the subgames they lead to, all best replies."""
        refused = {r: self.refused_attack(r, u) for r in RUSSIA_TYPES}
        refuse_b = {f"R:attack|{r}|{u}|{self.level}|refused": pure(("hold", "probe", "offensive"), refused[r])
                    for r in RUSSIA_TYPES}
        fixed = {r: {"hold": self._worth(r, u, {}, "consent", "hold"), "refuse": self._worth(r, u, refuse_b, "refuse")}
                 for r in RUSSIA_TYPES}
        attack_worth: dict = {}

        def worth(r, scale, sub_index, sub):
            key = (r, scale, sub_index)
            if key not in attack_worth:
                attack_worth[key] = self._worth(r, u, self.subgame_behaviour(scale, u, sub), "consent", scale)
            return attack_worth[key]

        candidates = {scale: [(nu, sub) for nu in (self.pi_r, Fraction(1), Fraction(0))
                              for sub in self.subgames(scale, u, nu)] for scale in ("probe", "offensive")}
        out = []
        plans = list(itertools.product(("consent", "refuse"), ("hold", "probe", "offensive")))
        for rev, lim in itertools.product(plans, repeat=2):
            plan = {"Rev": rev, "Lim": lim}
            allowed = {}
            for scale in ("probe", "offensive"):
                w = {r: (self.pi_r if r == "Rev" else 1 - self.pi_r) * (plan[r] == ("consent", scale))
                     for r in RUSSIA_TYPES}
                total = sum(w.values())
                allowed[scale] = [i for i, (nu, _) in enumerate(candidates[scale])
                                  if total == 0 or nu == w["Rev"] / total]
            for i, j in itertools.product(allowed["probe"], allowed["offensive"]):
                chosen = {"probe": (i, candidates["probe"][i][1]), "offensive": (j, candidates["offensive"][j][1])}
                if all(self._best_reply(plan[r], fixed[r], {s: worth(r, s, *chosen[s]) for s in chosen})
                       for r in RUSSIA_TYPES):
                    out.append({"u": u, "plan": plan, "refused": refused,
                                "subgames": {s: sub for s, (_, sub) in chosen.items()}})
        return out

    @staticmethod
    def _best_reply(choice, fixed, attacks) -> bool:
        """Is (consent or refuse, attack when deployed) a best reply, ties allowed?"""
        values = {"hold": fixed["hold"], **attacks}
        consent, attack = choice
        if values[attack] < max(values.values()):
            return False
        deployed = values[attack]
        return (deployed if consent == "consent" else fixed["refuse"]) >= max(deployed, fixed["refuse"])

    def block_behaviour(self, block) -> dict:
        u, b = block["u"], {}
        for scale, sub in block["subgames"].items():
            b.update(self.subgame_behaviour(scale, u, sub))
        for r in RUSSIA_TYPES:
            consent, attack = block["plan"][r]
            b[f"R:consent|{r}|{u}|{self.level}"] = pure(("consent", "refuse"), consent)
            b[f"R:attack|{r}|{u}|{self.level}|deployed"] = pure(("hold", "probe", "offensive"), attack)
            b[f"R:attack|{r}|{u}|{self.level}|refused"] = pure(("hold", "probe", "offensive"), block["refused"][r])
        return b


def as_planned(level, blocks) -> dict:
    """Two posture blocks in the JSON's ``planned`` format."""
    out = {"F": level, "consent": {}, "attack_if_deployed": {}, "attack_if_refused": {}, "respond_subgames": {}}
    short = {v: k for k, v in ATTACK.items()}
    for block in blocks:
        u = block["u"]
        for r in RUSSIA_TYPES:
            consent, attack = block["plan"][r]
            out["consent"][f"{r},{u}"] = int(consent == "consent")
            out["attack_if_deployed"][f"{r},{u}"] = short[attack]
            out["attack_if_refused"][f"{r},{u}"] = short[block["refused"][r]]
        for scale, sub in block["subgames"].items():
            out["respond_subgames"][f"{short[scale]},{u}"] = {
                "nu": str(sub["nu"]), "r_H": str(sub["r"]["H"]), "r_L": str(sub["r"]["L"]),
                "t_Rev": str(sub["t"]["Rev"]), "t_Lim": str(sub["t"]["Lim"]), "mu_resp": str(sub["mu_resp"]),
                "stands_H": sub["s"]["H"], "stands_L": sub["s"]["L"]}
    return out


def complete_level(game, v, level, mu) -> list[dict]:
    """Every continuation after offer ``level`` found by the search, in the JSON's ``planned`` format."""
    search = Level(game, v, level, mu)
    return [as_planned(level, pair) for pair in itertools.product(search.blocks("B"), search.blocks("D"))]


def exact_value(x) -> Fraction:
    return F(exact(x))


# --- what an assessment implies -------------------------------------------------------------------

SUCCESS = ("R wins (Ukraine alone)", "abandon, R wins", "force overrun", "C withdraws under nuclear threat")
WARS = ("NATO-Russia war (conventional)", "NATO-Russia war (nuclear use)")


def outcome_distribution(game, behaviour) -> dict:
    from escalation.solvers.beliefs import fraction_profile, reach

    p = reach(game, fraction_profile(game, behaviour))
    out: dict = {}
    for node in game.terminals:
        if p[node.index]:
            out[node.outcome] = out.get(node.outcome, Fraction(0)) + p[node.index]
    return out


def policy(game, behaviour, level, levels) -> dict:
    """P(attack), P(success), P(war) when both coalition types offer ``level`` (GUARANTEE.md §6.1)."""
    forced = {**behaviour, **{f"C:F|{t}": pure([f"F={lv}" for lv in levels], f"F={level}")
                              for t in COALITION_TYPES}}
    dist = outcome_distribution(game, forced)
    return {"P_attack": 1 - dist.get("hold", Fraction(0)),
            "P_succ": sum((dist.get(o, Fraction(0)) for o in SUCCESS), Fraction(0)),
            "P_war": sum((dist.get(o, Fraction(0)) for o in WARS), Fraction(0))}


def coalition_value(game, behaviour, v, theta, level) -> Fraction:
    """The coalition type ``theta``'s expected payoff from offering ``level``."""
    from escalation.solvers.beliefs import fraction_profile

    b = fraction_profile(game, behaviour)
    return sum((w * subtree_value(game, b, game.node(path(theta, r, u, f"F={level}")).index, COALITION)
                for (r, u), w in prior_of(v).items()), Fraction(0))


def _level_outcomes(game, behaviour, v, theta_c, level) -> tuple[dict, Fraction]:
    """Outcome distribution below offer ``level`` for one coalition type, and that type's expected payoff."""
    from escalation.solvers.evaluation import moves

    dist: dict = {}
    payoff = Fraction(0)
    for (r, u), w in prior_of(v).items():
        stack = [(game.node(path(theta_c, r, u, f"F={level}")).index, w)]
        while stack:
            x, p = stack.pop()
            node = game.nodes[x]
            if p == 0:
                continue
            if node.kind == "terminal":
                dist[node.outcome] = dist.get(node.outcome, Fraction(0)) + p
                payoff += p * F(node.payoffs[COALITION])
                continue
            stack.extend(zip(node.children, (p * q for q in moves(game, x, behaviour)), strict=True))
    return dist, payoff


def level_numbers(game, v, level, mu, data) -> tuple[dict, dict]:
    """The policy outcomes of offering ``level`` (both types) and each type's expected payoff from it."""
    b, _ = level_part(level, mu, data)
    b = {k: {a: F(p) for a, p in acts.items()} for k, acts in b.items()}
    prior_h = pi_c(v)
    total: dict = {}
    worth = {}
    for t, w in (("H", prior_h), ("L", 1 - prior_h)):
        dist, worth[t] = _level_outcomes(game, b, v, t, level)
        for o, p in dist.items():
            total[o] = total.get(o, Fraction(0)) + w * p
    numbers = {"P_attack": 1 - total.get("hold", Fraction(0)),
               "P_succ": sum((total.get(o, Fraction(0)) for o in SUCCESS), Fraction(0)),
               "P_war": sum((total.get(o, Fraction(0)) for o in WARS), Fraction(0))}
    return numbers, worth


def _behaviour_key(data) -> str:
    strip = {k: {kk: {x: y for x, y in vv.items() if x not in ("nu", "mu_resp")} for kk, vv in d.items()}
             if k == "respond_subgames" else d for k, d in data.items()}
    return json.dumps(strip, sort_keys=True)


def matching_completion(game, v, eq, level) -> dict | None:
    """The first continuation after ``level`` whose policy outcomes and coalition payoffs equal the JSON's."""
    want = {k: F(x) for k, x in eq["policy"][str(level)].items()}
    seen = set()
    for data in complete_level(game, v, level, eq["mu"][str(level)]):
        key = _behaviour_key(data)
        if key in seen:
            continue
        seen.add(key)
        numbers, worth = level_numbers(game, v, level, eq["mu"][str(level)], data)
        if numbers == want and all(worth[t] == F(eq["coalition_values"][t][str(level)]) for t in COALITION_TYPES):
            return data
    return None


# --- equilibria as the solver would return them ---------------------------------------------------

@functools.cache
def completed_assessment(cid: str) -> tuple:
    """(game, behaviour, beliefs) of equilibrium ``cid`` on the full game, 60k and 150k completed."""
    _, ex, eq = next(c for c in cases() if c[0] == cid)
    g, v = game(ex), values(ex)
    completed = {level: matching_completion(g, v, eq, level) for level in (60, 150)}
    behaviour, beliefs = assessment(eq, v, (0, 25, 60, 150), completed)
    return g, behaviour, beliefs


def solution(g, behaviour, beliefs):
    """A :class:`~escalation.solvers.Solution` holding a JSON assessment (as the generic solver would return it)."""
    from escalation.solvers.beliefs import continuation_values, fraction_profile
    from escalation.solvers.solution import Computation, Solution

    b = fraction_profile(g, behaviour)
    strategies = {p: {} for p in g.players}
    for label, h in g.infosets.items():
        strategies[g.players[h.player]][label] = b[label]
    root = continuation_values(g, b)[0]
    return Solution(players=g.players, strategies=strategies, payoffs=dict(zip(g.players, root, strict=True)),
                    outcomes=outcome_distribution(g, b), beliefs=beliefs,
                    computation=Computation("research brief's worked example", "perfect Bayesian", verified=True))


def example_equilibria(code: str):
    """The brief's equilibria at example ``code`` (e.g. ``"G5"``) as an :class:`~escalation.solvers.Equilibria`."""
    from escalation.solvers.solution import Equilibria

    found = []
    for cid, _, _ in cases():
        if cid == code or (cid[:-1] == code and cid[-1] in "abcd"):
            g, behaviour, beliefs = completed_assessment(cid)
            found.append(solution(g, behaviour, beliefs))
    return g, Equilibria(tuple(found), "research brief's worked example", "perfect Bayesian")
