"""The condition and preference-statement language: syntax, parser, evaluation."""

from accord.core.language.evaluate import evaluate, evaluate_on_codes, truth
from accord.core.language.parser import RESERVED_WORDS, is_identifier, parse_condition
from accord.core.language.syntax import And, Expr, If, Iff, Name, Not, Or, names_in, to_text

__all__ = [
    "RESERVED_WORDS",
    "And",
    "Expr",
    "If",
    "Iff",
    "Name",
    "Not",
    "Or",
    "evaluate",
    "evaluate_on_codes",
    "is_identifier",
    "names_in",
    "parse_condition",
    "to_text",
    "truth",
]
