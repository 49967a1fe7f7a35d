r"""Every perfect Bayesian equilibrium of a finite game with private information.

:func:`perfect_bayesian` takes any numeric tree with perfect recall -- chance
moves anywhere, information sets, any number of players -- and returns every
perfect Bayesian equilibrium, pure and mixed, each verified exactly
(:func:`~escalation.solvers.pbe.verify.verify_pbe`).  The search
(:mod:`.engine`) solves the game block by block from the root down with beliefs
carried as weights, enumerates supports at information sets (strictly
dominated actions removed first), solves the indifference and Bayes conditions
exactly, and keeps, with each equilibrium, the whole set of off-path beliefs
that support it.

Beer or quiche (Cho & Kreps 1987): a strong sender (probability 9/10) prefers
beer, a weak one quiche; each gains 2 if the receiver does not duel, and the
receiver wants to duel only the weak type.

>>> from escalation.games import ExtensiveFormGame, chance, decision, outcome
>>> def sender(kind, beer, quiche):
...     def respond(food, base):
...         duel = 1 if kind == "weak" else 0
...         return decision("Receiver", {"Duel": outcome("duel", (base, duel)),
...                                      "Not": outcome("peace", (base + 2, 1 - duel))}, infoset=f"after {food}")
...     return decision("Sender", {"Beer": respond("beer", beer), "Quiche": respond("quiche", quiche)})
>>> game = ExtensiveFormGame(("Sender", "Receiver"), chance({
...     "strong": ("9/10", sender("strong", 1, 0)), "weak": ("1/10", sender("weak", 0, 1))}))
>>> free = perfect_bayesian(game, offpath="free")
>>> [s.name for s in free], free.count
(["Sender: pooling on 'Beer'", "Sender: pooling on 'Quiche'"], 4)
>>> beer = free[0]
>>> [dict(b["after quiche"]) for b in beer.alternatives["after Sender plays 'Quiche' at 'root/strong' or 'root/weak'"]]
[{'Duel': 1, 'Not': 0}, {'Duel': 1/2, 'Not': 1/2}]
>>> [{x: str(p) for x, p in b.items()} for b in beer.belief_sets["after quiche"]]
[{'root/strong/Quiche': '0', 'root/weak/Quiche': '1'}, {'root/strong/Quiche': '1/2', 'root/weak/Quiche': '1/2'}]
>>> [s.name for s in perfect_bayesian(game, offpath="D1")]
["Sender: pooling on 'Beer'"]

With free off-path beliefs the sender pools on beer or on quiche: four
equilibria in all, listed as two, because after the meal nobody orders the
receiver may duel, or -- at the belief that makes it indifferent -- duel with
any probability from 1/2 (the extreme members of that continuum are the listed
alternatives).  Pooling on beer is supported by any belief that puts at least
1/2 on the weak type (the extreme points of that set are listed).  Pooling on
quiche survives only if beer is read as the weak type's choice, which the
intuitive criterion and D1 rule out: the weak type could never gain from beer.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import itertools
from collections.abc import Callable, Mapping
from fractions import Fraction

from ...errors import GameStructureError, SolverError, VerificationError
from ...games.tree import ExtensiveFormGame
from ..beliefs import reach
from ..evaluation import fraction_profile
from ..solution import Computation, Equilibria, Solution
from .assemble import Candidate, Option, candidates, flatten
from .audit import refinement_problem
from .engine import Options, Search, _count, _count_bounded
from .labels import describe
from .offpath import OFFPATH_RULES
from .structure import Structure
from .verify import BeliefCheck, verify_pbe

__all__ = ["MAX_SEARCH", "perfect_bayesian"]

METHOD = "block-wise support enumeration with exact indifference and Bayes conditions"
REFINEMENT = "perfect Bayesian"
MAX_SEARCH = 2_000_000
MAX_ASSEMBLY = 10_000  # combinations of block solutions assembled into equilibria (each a few exact programmes)
DROPPED = "a continuation after a deviation nobody makes failed exact verification and was dropped"
OFF_PATH_CONTINUA = "continuations after deviations nobody makes form continua whose extreme members are listed: "


def perfect_bayesian(game: ExtensiveFormGame, *, offpath: str | Mapping[str, str] = "D1",
                     max_mixed_infosets: int | None = None) -> Equilibria:
    """Every perfect Bayesian equilibrium of ``game``, each verified exactly.

    Parameters
    ----------
    game : ExtensiveFormGame
        Numeric payoffs and probabilities, perfect recall.
    offpath : {"D1", "intuitive", "prior", "free"} or mapping
        The rule for beliefs after a move of probability zero (see
        :mod:`escalation.solvers.pbe.offpath`); a mapping from information-set
        label patterns (``fnmatch``, e.g. ``"R:consent*"``) to rules, with
        ``"*"`` for the rest, applies different rules at different places (the
        rule of a deviation is the one of the first information set at which an
        observer needs the belief).
    max_mixed_infosets : int, optional
        Search only support profiles in which at most this many information
        sets of one stage mix; the result then says it is not exhaustive.

    Returns
    -------
    Equilibria
        Each :class:`~escalation.solvers.solution.Solution` holds behaviour at
        every information set, a supporting belief at every information set
        with several nodes, ``belief_sets`` (the extreme points of the
        supporting beliefs where they are not unique), the outcome
        distribution, expected payoffs and a descriptive name.  ``alternatives``
        lists, for each deviation nobody makes, every continuation after it that
        gives an equilibrium, and ``alternative_beliefs`` beliefs supporting
        each; every one is verified exactly, one deviation at a time (a
        continuation that fails is dropped, and ``notes`` say so).
        ``knife_edge`` lists ties and continua of equilibria; ``notes`` say
        what was searched; ``degenerate`` is True when some equilibrium
        returned lies in a continuum, or some continuation after a deviation
        nobody makes does (the extreme members are listed).

    Raises
    ------
    SolverError
        For an unknown rule, or a game whose search would exceed
        ``MAX_SEARCH`` support combinations in one block (the message gives
        the size; ``max_mixed_infosets`` bounds it).
    GameStructureError
        For imperfect recall.
    ParameterError
        For payoffs or probabilities that are not numbers.
    """
    rule_of = _rule_function(offpath)
    options = Options(rule=rule_of, max_mixed_infosets=max_mixed_infosets)  # refuses a bad bound first
    structure = Structure.of(game)
    _check_size(structure, max_mixed_infosets)
    search = Search(structure, options)
    roots = search.root_pieces()
    _check_assembly(roots, max_mixed_infosets)
    found = candidates(structure, roots)
    check_rule = offpath if isinstance(offpath, str) else "free"
    notes = [_searched(structure, search, max_mixed_infosets), f"off-path beliefs: {_describe_rule(offpath)}",
             *sorted(search.notes)]
    searched = tuple(notes)  # each solution's own notes: what was searched, and its own continuum (not the others')
    solutions: list[Solution] = []
    ties: list[str] = []
    continua = False
    for cand in found:
        try:
            solution = _solution(game, structure, cand, check_rule, searched, _options(offpath, max_mixed_infosets),
                                 search)
        except Unrefined as exc:
            notes.append(f"{UNREFINED}: {exc}")
            continue
        except VerificationError as exc:
            if not cand.continuum:
                raise
            notes.append(f"a continuum of equilibria is open at one end (its limit is not an equilibrium: {exc})")
            continue
        solutions.append(solution)
        ties.extend(cand.ties)
        notes.extend(n for n in solution.computation.notes if n.startswith(DROPPED) and n not in notes)
        continua = continua or bool(cand.continuum or cand.continuations)
        if cand.continuum and cand.continuum not in notes:
            notes.append(cand.continuum)
        if cand.continuations and f"{OFF_PATH_CONTINUA}{cand.continuations}" not in notes:
            notes.append(f"{OFF_PATH_CONTINUA}{cand.continuations}")
    solutions.sort(key=lambda sol: (sol.name or "", str(sorted((sol.outcomes or {}).items()))))
    return Equilibria(tuple(solutions), METHOD, REFINEMENT, degenerate=continua,
                      knife_edge=tuple(dict.fromkeys(ties)), notes=tuple(notes),
                      options=_options(offpath, max_mixed_infosets),
                      complete=max_mixed_infosets is None and not search.undecided and not search.unweighed,
                      count=sum(_combinations(sol) for sol in solutions))


def _combinations(solution: Solution) -> int:
    out = 1
    for options in (solution.alternatives or {}).values():
        out *= len(options)
    return out


def _checked_alternatives(game: ExtensiveFormGame, b, cand: Candidate, plain: str, rule: str,
                          search: Search, check: BeliefCheck) -> tuple[dict | None, dict | None, list[str]]:
    """The alternative continuations after each deviation nobody makes, each verified exactly.

    Returns ``(alternatives, beliefs, dropped)``: for each deviation (groups left with one option are left out)
    the continuations, the representative's first; the beliefs at their information sets with several nodes
    that support each; and a note for each continuation that failed verification.

    The deviations are independent of each other (nobody makes them), so each option is checked substituted
    into the representative alone, with its own beliefs from the search inside the continuation and the
    representative's elsewhere: :func:`verify_pbe` under ``plain`` (as ``check``, the representative's
    :class:`BeliefCheck`, re-checks the conditions the substitution can change), and for D1 and the intuitive
    criterion :func:`refinement_problem`.  The representative's own continuation was verified with it.  An option that
    fails under every belief the search found for it is dropped, never returned, and a note (added to the
    solution's and the result's notes) says so: failing D1 or the intuitive criterion where the search could
    not apply it (the deviators' payoffs were not yet known there) is expected; failing :func:`verify_pbe`
    is a solver bug, and the note says that.  Dropping rather than raising keeps the verified equilibria.
    """
    if not cand.alternatives:
        return None, None, []
    alternatives, beliefs, dropped = {}, {}, []
    for d, options in cand.alternatives.items():
        kept: list[tuple[dict, dict]] = []
        for option in _representative_first(b, options):
            if _plays_as(b, option.behaviour):
                kept.append((option.behaviour, {h: cand.beliefs[h] for h in option.behaviour if h in cand.beliefs}))
                continue
            found, problem, refined = _supporting_beliefs(game, b, cand.beliefs, option, rule, search, check)
            if found is None:
                why = (f"it fails {rule}, which the search could not apply there" if refined
                       else "a solver bug, please report it")
                dropped.append(f"{DROPPED} ({why}): {d}, {_shown(option.behaviour)}: {problem}")
                continue
            kept.append((option.behaviour, found))
        if len(kept) > 1:
            alternatives[d] = tuple(behaviour for behaviour, _ in kept)
            beliefs[d] = tuple(mu for _, mu in kept)
    return alternatives or None, beliefs or None, dropped


def _supporting_beliefs(game: ExtensiveFormGame, b, beliefs, option: Option, rule: str, search: Search,
                        check: BeliefCheck) -> tuple[dict | None, str, bool]:
    """The first of the option's beliefs that makes it, substituted into ``(b, beliefs)``, pass the rule; else
    None, the last problem found, and whether the option passed ``check``'s rule and failed only the refinement."""
    behaviour = {h: dict(acts) for h, acts in option.behaviour.items()}
    try:
        change = check.change(behaviour)
    except (VerificationError, GameStructureError) as exc:
        return None, str(exc), False
    problem, refined = "the search carried no beliefs for it", False
    for mu in option.beliefs:
        found = check.change_problem(behaviour, mu, change)
        only_refinement = False
        if found is None and check.offpath != rule:
            found = refinement_problem(game, change.b, {**beliefs, **mu}, rule, search, values=change.values,
                                       within={*behaviour, *mu})
            only_refinement = found is not None
        if found is None:
            return mu, "", False
        if only_refinement:
            problem, refined = found, True
        elif not refined:
            problem = found
    return None, problem, refined


def _assessment_problem(game: ExtensiveFormGame, profile, beliefs, plain: str, rule: str,
                        search: Search) -> tuple[str | None, bool]:
    """Why ``(profile, beliefs)`` fails :func:`verify_pbe` under ``plain`` or then ``rule`` (None if it passes), and
    whether it failed the refinement only."""
    try:
        verify_pbe(game, (profile, beliefs), offpath=plain)
    except VerificationError as exc:
        return str(exc), False
    if plain == rule:
        return None, False
    found = refinement_problem(game, profile, beliefs, rule, search)
    return found, found is not None


def _plays_as(b, behaviour) -> bool:
    return all(b[h][a] == p for h, acts in behaviour.items() for a, p in acts.items())


def _shown(behaviour) -> str:
    return "; ".join(f"{h}: " + ", ".join(f"{a} {p}" for a, p in acts.items() if p) for h, acts in behaviour.items())


def _representative_first(b, options: list[Option]) -> list[Option]:
    """``options`` with the continuation the representative plays first (a representative inside a continuum of
    continuations is one of its extreme members, not necessarily the first listed)."""
    own = [k for k, option in enumerate(options) if _plays_as(b, option.behaviour)]
    if not own:
        return list(options)
    return [options[own[0]], *options[:own[0]], *options[own[0] + 1:]]


def _options(offpath, max_mixed_infosets) -> dict:
    return {"offpath": offpath if isinstance(offpath, str) else dict(offpath),
            "max_mixed_infosets": max_mixed_infosets}


def _rule_function(offpath: str | Mapping[str, str]) -> Callable[[str], str]:
    if isinstance(offpath, str):
        _check_rule(offpath)
        return lambda _label: offpath
    table = dict(offpath)
    for given in table.values():
        _check_rule(given)
    default = table.pop("*", "D1")

    def rule(label: str) -> str:
        for pattern, value in table.items():
            if fnmatch.fnmatchcase(label, pattern):
                return value
        return default

    return rule


def _check_rule(rule: str) -> None:
    if rule not in OFFPATH_RULES:
        raise SolverError(f"unknown off-path belief rule {rule!r}; use one of {', '.join(OFFPATH_RULES)}")


def _describe_rule(offpath: str | Mapping[str, str]) -> str:
    if isinstance(offpath, str):
        return offpath
    return ", ".join(f"{k}: {v}" for k, v in offpath.items())


def _check_size(structure: Structure, bound: int | None) -> None:
    for block in structure.blocks:
        pure, mixed = [], []
        for h in block.layer:
            k = len(structure.actions[h]) - len(structure.dominated(h))
            pure.append(range(k))
            mixed.append(range(2 ** k - 1 - k))
        size = _count_bounded(pure, mixed, min(bound, len(pure))) if bound is not None else _count(
            [range(len(p) + len(m)) for p, m in zip(pure, mixed, strict=True)])
        if size > MAX_SEARCH:
            names = ", ".join(structure.labels[h] for h in block.layer[:4])
            raise SolverError(
                f"an exhaustive search needs {size:,} support combinations at the stage with information sets "
                f"{names}{', ...' if len(block.layer) > 4 else ''} (limit {MAX_SEARCH:,}); pass "
                "max_mixed_infosets=0 (pure equilibria) or a small bound to search fewer")


def _check_assembly(roots, bound: int | None) -> None:
    """Refuse, before assembling, a search whose block solutions combine into more than MAX_ASSEMBLY pieces:
    ties everywhere make almost every support an equilibrium, and each piece is a continuum to describe."""
    size = sum(1 for _ in itertools.islice((f for piece in roots for f in flatten(piece)), MAX_ASSEMBLY + 1))
    if size <= MAX_ASSEMBLY:
        return
    way_out = {None: "; pass max_mixed_infosets=0 (pure equilibria) or a small bound to search fewer",
               0: ", even of pure assessments only"}.get(bound, "; pass a smaller max_mixed_infosets")
    raise SolverError(f"the search found more than {MAX_ASSEMBLY:,} combinations of block solutions to assemble "
                      f"into equilibria (payoffs tied almost everywhere make nearly every support an "
                      f"equilibrium){way_out}")


def _searched(structure: Structure, search: Search, bound: int | None) -> str:
    blocks = len(structure.blocks)
    if bound is None:
        return (f"exhaustive: every support at every information set was searched ({blocks} blocks, "
                f"{len(search.memo)} block solves)")
    return (f"bounded: support profiles with more than {bound} mixing information set(s) at one stage were not "
            f"searched ({search.skipped_supports} skipped); equilibria needing them are missing")


MAX_BELIEF_TRIALS = 256
UNREFINED = ("dropped an assessment the search kept where it could not apply the refinement (the deviators' "
             "payoffs were not yet known there): the exact check rejects it under every continuation and belief "
             "the search listed")


class Unrefined(VerificationError):
    """An assessment that passes the plain rule but fails D1 or the intuitive criterion under every listed
    continuation after the deviations nobody makes and every supporting belief: not an equilibrium under the rule."""


def _refined(game: ExtensiveFormGame, b, cand: Candidate, plain: str, rule: str,
             search: Search) -> tuple[Candidate, Mapping[str, Mapping[str, Fraction]]]:
    """``(cand, b)`` refined as :func:`_refined_beliefs` does, or else with another listed continuation.

    Where the search could not apply the refinement, it listed every continuation after a deviation nobody makes
    (as under ``"free"``).  If the representative's fails under every supporting belief, each combination of the
    listed continuations (at most ``MAX_BELIEF_TRIALS``) is substituted in turn, and the first that passes the
    plain rule and the refinement exactly becomes the representative.  If none does, :class:`Unrefined`.
    """
    try:
        return _refined_beliefs(game, b, cand, plain, rule, search), b
    except VerificationError as exc:
        first = exc
    for trial in itertools.islice(_continuation_trials(cand), MAX_BELIEF_TRIALS):
        tb = fraction_profile(game, trial.behaviour)
        if _assessment_problem(game, tb, trial.beliefs, plain, plain, search)[0] is not None:
            continue
        try:
            return _refined_beliefs(game, tb, trial, plain, rule, search), tb
        except VerificationError:
            continue
    raise Unrefined(str(first))


def _continuation_trials(cand: Candidate):
    """``cand`` with each combination of listed continuations (and each of their beliefs) substituted, in the
    order listed (the representative's own is among them, not necessarily first, so none is skipped)."""
    deviations = list(cand.alternatives)
    choices = [[(option, mu) for option in cand.alternatives[d] for mu in option.beliefs or [{}]]
               for d in deviations]
    for combo in itertools.product(*choices):
        behaviour = {h: dict(acts) for h, acts in cand.behaviour.items()}
        beliefs = dict(cand.beliefs)
        replaced: set[str] = set()
        for option, mu in combo:
            behaviour.update({h: dict(acts) for h, acts in option.behaviour.items()})
            beliefs.update(mu)
            replaced |= set(option.behaviour) | set(mu)
        yield dataclasses.replace(cand, behaviour=behaviour, beliefs=beliefs,
                                  belief_sets={h: e for h, e in cand.belief_sets.items() if h not in replaced})


def _refined_beliefs(game: ExtensiveFormGame, b, cand: Candidate, plain: str, rule: str, search: Search) -> Candidate:
    """``cand`` with supporting beliefs that pass ``rule`` (D1 or the intuitive criterion).

    Where the search could not apply the refinement (the deviators' equilibrium payoffs were still unknown), the
    representative beliefs may fail it while other supporting beliefs pass.  The beliefs that pass at an off-path
    set are those giving no weight to ruled-out types: a face of the supporting polytope, so if any passes, one of
    its extreme points does; the extreme points are tried (at most ``MAX_BELIEF_TRIALS`` combinations).
    """
    problem = refinement_problem(game, b, cand.beliefs, rule, search)
    if problem is None:
        return cand
    labels = list(cand.belief_sets)
    choices = [[cand.beliefs[label], *cand.belief_sets[label]] for label in labels]
    for trial in itertools.islice(itertools.product(*choices), 1, MAX_BELIEF_TRIALS):
        beliefs = {**cand.beliefs, **dict(zip(labels, trial, strict=True))}
        if _assessment_problem(game, b, beliefs, plain, rule, search)[0] is None:
            return dataclasses.replace(cand, beliefs=beliefs)
    raise VerificationError(problem)


def _solution(game: ExtensiveFormGame, structure: Structure, cand: Candidate, rule: str, notes,
              options, search: Search) -> Solution:
    b = fraction_profile(game, cand.behaviour)
    plain = "free" if rule in ("D1", "intuitive") else rule
    verify_pbe(game, (b, cand.beliefs), offpath=plain)
    if plain != rule:
        cand, b = _refined(game, b, cand, plain, rule, search)
    belief_sets = {}
    check = BeliefCheck(game, b, cand.beliefs, plain)
    for label, extremes in cand.belief_sets.items():
        kept = [e for e in extremes if check.admits(label, e)]
        if plain != rule:  # the refinement's face of the supporting polytope: its extreme points are among these
            kept = [e for e in kept
                    if refinement_problem(game, b, {**cand.beliefs, label: e}, rule, search, within={label}) is None]
        if len(kept) > 1:
            belief_sets[label] = tuple(kept)
    probs = reach(game, b)
    outcomes: dict[str, Fraction] = {}
    for node in game.terminals:
        label = game.outcome_label(node.index)
        outcomes[label] = outcomes.get(label, Fraction(0)) + probs[node.index]
    reached = {label: sum((probs[x] for x in h.nodes), Fraction(0)) for label, h in game.infosets.items()}
    strategies: dict[str, dict] = {p: {} for p in game.players}
    for label, h in game.infosets.items():
        strategies[game.players[h.player]][label] = b[label]
    payoffs = dict(zip(game.players, check.values[0], strict=True))
    alternatives, alternative_beliefs, dropped = _checked_alternatives(game, b, cand, plain, rule, search, check)
    own_notes = (*notes, *([cand.continuum] if cand.continuum else []), *dropped)
    return Solution(players=game.players, strategies=strategies, payoffs=payoffs, outcomes=outcomes,
                    beliefs=cand.beliefs, name=describe(structure, b, reached),
                    belief_sets=belief_sets or None, alternatives=alternatives,
                    alternative_beliefs=alternative_beliefs,
                    computation=Computation(METHOD, REFINEMENT, exact=True, verified=True, notes=own_notes,
                                            options=options))

