"""Claims a text makes about a shipped model, and the checks that compute them.

A check is a plain function in `lstm_core.lessons.<family>_checks` that takes the model
and input a lesson step sets and returns its facts: a dict of numbers, words and flags
(which unit follows the depth and its r, the verdict after a swap, a MASE). The data
(`assets/lessons/*.toml`) names the check, its arguments and what the text claims about
the facts (`expect`); the text's numbers are {placeholders} filled from the same facts.
So the words cannot say what the model does not do: the tests run every check and fail
on an expectation that does not hold.
"""

from __future__ import annotations

import ast
import importlib
import operator
import re
import string
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Callable

Facts = dict[str, object]
WIDGET = "@"  # an argument or expected value "@key" is the value the step sets for widget `key`
FAMILIES = ("gates", "tokens", "sentiment", "forecast", "generate", "why", "practical", "gan", "tagging", "seq2seq")
_OPERATORS: dict[str, Callable[[object, object], bool]] = {
    "==": operator.eq, "!=": operator.ne, "<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
    "in": lambda a, b: a in b, "not in": lambda a, b: a not in b,  # the fact is one of the values
    "has": lambda a, b: b in a, "lacks": lambda a, b: b not in a,  # the fact (a list) holds the value
}
_EXPECT = re.compile(r"\s*([a-z_][a-z0-9_]*)\s+(==|!=|<=|>=|<|>|not in|in|has|lacks)\s+(.+?)\s*")


@dataclass(frozen=True)
class Check:
    """A check as the data names it: `family.function`, its arguments, and the claims on its facts."""

    name: str
    args: tuple[tuple[str, object], ...] = ()
    expect: tuple[str, ...] = ()

    @classmethod
    def from_data(cls, item: Mapping) -> Check:
        """From a TOML table with `check`, optional `args` (a table) and `expect` (a list of claims)."""
        check = cls(str(item["check"]), tuple(dict(item.get("args", {})).items()), tuple(item.get("expect", ())))
        function(check.name)  # an unknown check is an error when the data is read, not when it is shown
        for claim in check.expect:
            parse(claim)
        return check


@dataclass(frozen=True)
class Finding:
    """What a check found: its facts, and each claim that they do not bear out (none: all hold)."""

    facts: Facts
    failed: tuple[str, ...]

    @property
    def holds(self) -> bool:
        return not self.failed


def function(name: str) -> Callable[..., Facts]:
    """The check function `family.name`: listed in its module's CHECKS, so data can name nothing else."""
    family, _, short = name.partition(".")
    if family not in FAMILIES or not short:
        raise ValueError(f"a check is named family.function with a family among {FAMILIES}, not {name!r}")
    module = importlib.import_module(f"lstm_core.lessons.{family}_checks")  # its model family loads on first use
    if short not in module.CHECKS:
        raise ValueError(f"{name!r} is not a check: lstm_core/lessons/{family}_checks.py lists {sorted(module.CHECKS)}")
    return getattr(module, short)


def parse(claim: str) -> tuple[str, str, str]:
    """(fact, operator, right side) of a claim such as "r <= -0.9" or "unit in @gates_step_units"."""
    match = _EXPECT.fullmatch(claim)
    if not match:
        raise ValueError(f"a claim reads `fact op value` (op one of {sorted(_OPERATORS)}), not {claim!r}")
    return match[1], match[2], match[3]


def _value(text: str, facts: Facts, widgets: Mapping[str, object]) -> object:
    """The right side of a claim: a widget value (@key), another fact, or a Python literal."""
    if text.startswith(WIDGET):
        return widgets[text[1:]]
    if text in facts:
        return facts[text]
    return ast.literal_eval(text)


def _widget(value: object, widgets: Mapping[str, object], name: str) -> object:
    """`value` with every "@key" in it (also inside lists) replaced by that widget's value."""
    if isinstance(value, list):
        return [_widget(item, widgets, name) for item in value]
    if isinstance(value, str) and value.startswith(WIDGET):
        if value[1:] not in widgets:
            raise KeyError(f"argument {name} = {value!r}: the step sets no widget {value[1:]!r}")
        return widgets[value[1:]]
    return value


def resolve(args: tuple[tuple[str, object], ...], widgets: Mapping[str, object]) -> dict[str, object]:
    """The check's keyword arguments, with "@key" replaced by the value the step sets for that widget."""
    return {name: _widget(value, widgets, name) for name, value in args}


def run(check: Check, widgets: Mapping[str, object] | None = None) -> Finding:
    """Compute the check's facts from the model and input named, and test every claim on them."""
    widgets = dict(widgets or {})
    facts = function(check.name)(**resolve(check.args, widgets))
    failed = []
    for claim in check.expect:
        fact, op, right = parse(claim)
        if fact not in facts:
            failed.append(f"{claim}: {check.name} gives no fact {fact!r} (it gives {sorted(facts)})")
        elif not _OPERATORS[op](facts[fact], _value(right, facts, widgets)):
            failed.append(f"{claim}: {fact} is {facts[fact]!r}")
    return Finding(facts, tuple(failed))


def placeholders(template: str) -> set[str]:
    """The names of a text's {placeholders}."""
    return {re.split(r"[.\[]", name)[0] for _, name, _, _ in string.Formatter().parse(template) if name}


class _Partial(dict):
    """For `fill`: a placeholder with no fact stays visible as an ellipsis rather than failing."""

    def __missing__(self, key: str) -> str:
        return "…"


def fill(template: str, facts: Mapping[str, object] | None) -> str:
    """The text with its placeholders filled from `facts` (an ellipsis for a fact that is missing)."""
    if not placeholders(template):
        return template
    if facts is None or not placeholders(template) <= facts.keys():
        bare = re.sub(r"\{([a-z_0-9]+)(?:\[\d+\])?(?::[^{}]*)?\}", r"{\1}", template)  # no format to fail on "…"
        return string.Formatter().vformat(bare, (), _Partial(facts or {}))
    return template.format(**facts)
