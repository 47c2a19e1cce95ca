"""Wide regular expressions that libraries compile at import, compiled on first use instead.

reportlab's paragraph module compiles a URI pattern over most of Unicode at import (about a
tenth of a build's imports), which only URI splitting reads; its CJK splitter, PyYAML's
pure-Python reader (the C loader is used) and Markdown's attribute-name cleaner do the same
for patterns a build seldom or never reaches. While `enable()` imports those modules,
`re.compile` called from one of them returns a pattern that compiles itself when first
used; `re.compile` is put back as soon as the imports are done, and a call from any other
module in that window is passed straight through. A deferred pattern behaves exactly as the
compiled one (it hands every attribute to it), so output does not change.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager

MODULES = frozenset({
    "reportlab.platypus.paragraph",
    "reportlab.lib.textsplit",
    "reportlab.lib.rl_safe_eval",  # reportlab's safe eval, never called by a build
    "reportlab.lib.PyFontify",  # Python colouring for XPreformatted, not used
    "yaml.reader",  # the pure-Python reader; builds read YAML with libyaml
    "yaml.constructor",  # only timestamps use its pattern
    "markdown.extensions.attr_list",
    "markdown.serializers",  # trees are converted, never serialised to HTML
})
# Imported inside the window because every build imports them anyway.
IMPORTS = ("reportlab.platypus", "yaml", "markdown", "markdown.extensions.attr_list")


class CompiledOnFirstUse:
    """A regular expression that compiles itself when first used, not at import."""

    __slots__ = ("source", "flags", "_pattern")

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.source, self.flags = source, flags
        self._pattern: re.Pattern | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if self._pattern is None:
            self._pattern = re.compile(self.source, self.flags)
        return getattr(self._pattern, name)


@contextmanager
def deferred_patterns() -> Iterator[None]:
    """Import IMPORTS with MODULES' patterns deferred; modules already imported are left
    as they are."""
    original = re.compile

    def compile_later(pattern, flags=0):  # type: ignore[no-untyped-def]
        caller = sys._getframe(1).f_globals.get("__name__")
        if caller in MODULES and isinstance(pattern, (str, bytes)):
            return CompiledOnFirstUse(pattern, flags)
        return original(pattern, flags)

    re.compile = compile_later  # type: ignore[assignment]
    try:
        import importlib
        for name in IMPORTS:
            importlib.import_module(name)
        yield
    finally:
        re.compile = original
