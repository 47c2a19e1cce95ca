"""A Jinja2 sandbox that also bounds work: every template render finishes in well under a
second or stops with a content error, whatever the template says.

Jinja2's sandbox keeps templates away from Python's internals but not from a CPU or memory
bomb: `{{ 'a' * 10**9 }}`, loops over `range(100000)` inside each other, recursive macros.
Here each render has a budget of steps (loop iterations and calls), each text a template
builds has a size limit, and the whole output has one too. The limits are documented in
docs/content-format.md and docs/brand-format.md.
"""

from __future__ import annotations

import contextvars
import math
import operator
from collections.abc import Iterable, Iterator
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator, Frame
from jinja2.ext import Extension
from jinja2.lexer import Token, TokenStream
from jinja2.sandbox import SandboxedEnvironment

MAX_STEPS = 1_000_000  # loop iterations plus calls in one render of one template
MAX_TEXT = 1_000_000  # characters (or items) in one value a template builds
MAX_OUTPUT = 2_000_000  # characters one template may produce
MAX_INT_BITS = 4_096  # an integer a template computes (about 1,200 digits)
MAX_DECIMALS = 10  # decimals for ratio() and percent_change()


class TooMuchWork(ValueError):
    """A template went over one of the limits above."""


class Budget:
    def __init__(self) -> None:
        self.steps = 0

    def spend(self, steps: int = 1) -> None:
        self.steps += steps
        if self.steps > MAX_STEPS:
            raise TooMuchWork(f"the template runs more than {MAX_STEPS:,} loop steps and calls")


_budget: contextvars.ContextVar[Budget] = contextvars.ContextVar("template_budget")


def _current() -> Budget:
    try:
        return _budget.get()
    except LookupError:  # a render not started through render_bounded: give it its own
        budget = Budget()
        _budget.set(budget)
        return budget


def render_bounded(template: jinja2.Template, context: dict[str, Any]) -> str:
    """template.render(context) within the step budget and the output limit."""
    token = _budget.set(Budget())
    try:
        parts, size = [], 0
        for piece in template.generate(context):
            size += len(piece)
            if size > MAX_OUTPUT:
                raise TooMuchWork(f"the template produces more than {MAX_OUTPUT:,} characters")
            parts.append(piece)
        return "".join(parts)
    except RecursionError:
        raise TooMuchWork("the template calls itself too deeply (a recursive macro or "
                          "loop())") from None
    finally:
        _budget.reset(token)


def _bounded_items(values: Any) -> Iterator[Any]:
    """What a `{% for %}` loops over, one budget step per item."""
    budget = _current()
    for value in values:
        budget.spend()
        yield value


def _check_size(value: Any) -> Any:
    if isinstance(value, (str, list, tuple)) and len(value) > MAX_TEXT:
        raise TooMuchWork(f"a value of more than {MAX_TEXT:,} characters or items")
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > MAX_INT_BITS:
        raise TooMuchWork(f"a number of more than {MAX_INT_BITS:,} bits")
    return value


def _sized(value: Any) -> int | None:
    return len(value) if isinstance(value, (str, list, tuple)) else None


class BoundLoops(Extension):
    """Rewrites `{% for x in EXPR %}` to loop over `(EXPR)|_bounded_items`, through the
    public token-stream hook, so every loop iteration is counted."""

    def filter_stream(self, stream: TokenStream) -> Iterable[Token]:
        in_for = False
        depth = 0
        wrapping = False
        for token in stream:
            if token.type == "block_begin":
                in_for, wrapping, depth = False, False, 0
            elif token.type == "name" and token.value == "for" and not in_for and not wrapping:
                in_for = True
            elif in_for and not wrapping and token.type == "name" and token.value == "in":
                yield token
                yield Token(token.lineno, "lparen", "(")
                wrapping, in_for = True, False
                continue
            elif wrapping:
                if token.type in ("lparen", "lbracket", "lbrace"):
                    depth += 1
                elif token.type in ("rparen", "rbracket", "rbrace"):
                    depth -= 1
                ends = token.type == "block_end" or (
                    depth == 0 and token.type == "name" and token.value in ("if", "recursive"))
                if ends:
                    yield Token(token.lineno, "rparen", ")")
                    yield Token(token.lineno, "pipe", "|")
                    yield Token(token.lineno, "name", "_bounded_items")
                    wrapping = False
            yield token


BINOPS = {"*": operator.mul, "**": operator.pow, "+": operator.add, "%": operator.mod,
          "//": operator.floordiv}


class BoundedCodeGenerator(CodeGenerator):
    """Checks the size of every `a ~ b` text (Jinja2's documented code_generator_class)."""

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.bounded_text(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedSandbox(SandboxedEnvironment):
    """The sandbox with a step budget, value size limits and bounded arithmetic."""

    intercepted_binops = frozenset(BINOPS)
    code_generator_class = BoundedCodeGenerator

    @staticmethod
    def bounded_text(text: Any) -> Any:
        return _check_size(text)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["extensions"] = [*kwargs.get("extensions", ()), BoundLoops]
        super().__init__(*args, **kwargs)
        self.filters["_bounded_items"] = _bounded_items
        for name in ("center", "indent", "replace", "wordwrap", "join", "format", "truncate"):
            self.filters[name] = _bounded_filter(self.filters[name])

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any,
                   right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                size = _sized(seq)
                if size is not None and isinstance(times, int) and size * times > MAX_TEXT:
                    raise TooMuchWork(f"a value of more than {MAX_TEXT:,} characters or items")
        if operator == "**" and isinstance(left, int) and isinstance(right, int):
            if abs(left) > 1 and right > 0 and right * math.log2(abs(left)) > MAX_INT_BITS:
                raise TooMuchWork(f"a number of more than {MAX_INT_BITS:,} bits")
        if operator == "**" and isinstance(left, float | int) and isinstance(right, float | int):
            if abs(right) > 10_000:
                raise TooMuchWork("an exponent above 10,000")
        return _check_size(BINOPS[operator](left, right))

    def call(__self, __context: jinja2.runtime.Context, __obj: Any,  # noqa: N805 - as Jinja2
             *args: Any, **kwargs: Any) -> Any:
        _current().spend()
        return _check_size(super().call(__context, __obj, *args, **kwargs))


def _bounded_filter(function: Any) -> Any:
    """A text filter whose width, count or result may not pass MAX_TEXT."""
    def bounded(*args: Any, **kwargs: Any) -> Any:
        for value in (*args, *kwargs.values()):
            if isinstance(value, int) and not isinstance(value, bool) and value > MAX_TEXT:
                raise TooMuchWork(f"a width or count above {MAX_TEXT:,}")
        if function.__name__ == "do_replace":
            texts = [a for a in args if isinstance(a, str)]
            if len(texts) >= 3 and len(texts[-3]) * max(1, len(texts[-1])) > MAX_TEXT * 4:
                raise TooMuchWork(f"a value of more than {MAX_TEXT:,} characters or items")
        return _check_size(function(*args, **kwargs))

    for attribute in ("jinja_pass_arg",):
        if hasattr(function, attribute):
            setattr(bounded, attribute, getattr(function, attribute))
    bounded.__name__ = function.__name__
    return bounded


def check_decimals(decimals: Any) -> int:
    """ratio() and percent_change() print 0 to MAX_DECIMALS decimals."""
    if isinstance(decimals, bool) or not isinstance(decimals, int | float) or \
            not float(decimals).is_integer() or not 0 <= decimals <= MAX_DECIMALS:
        raise TooMuchWork(f"decimals must be a whole number from 0 to {MAX_DECIMALS}, "
                          f"not {decimals!r}")
    return int(decimals)
