"""Games: normal forms, trees, anonymous games of many players, and their builders."""

from .anonymous import AnonymousGame
from .nodes import Chance, Decision, Node, Outcome, chance, decision, outcome
from .normal_form import NormalFormGame
from .profiles import expected_payoffs, outcome_distribution, reach_probabilities
from .strategic import pure_plans, to_normal_form
from .tree import ExtensiveFormGame, InfoSet, NodeInfo

__all__ = [
    "AnonymousGame",
    "Chance",
    "Decision",
    "ExtensiveFormGame",
    "InfoSet",
    "Node",
    "NodeInfo",
    "NormalFormGame",
    "Outcome",
    "chance",
    "decision",
    "expected_payoffs",
    "outcome",
    "outcome_distribution",
    "pure_plans",
    "reach_probabilities",
    "to_normal_form",
]
