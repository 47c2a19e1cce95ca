"""Third-party modules imported without the start-up work this tool never uses.

reportlab's paragraph module compiles a URI pattern at import that only URI splitting and
hyphenation read (about 26 ms, a tenth of a build's imports), and loads pyphen when it is
installed; every style here keeps both off. reportlab's CJK word wrapper, PyYAML's
pure-Python reader (the C loader is used) and Markdown's attribute-name cleaner also compile
wide character-class patterns at import that a build seldom or never reaches, and a few
more modules compile patterns for features a build does not use (listed below). While those
modules run their import, `re.compile` hands them a pattern compiled on first use instead,
and pyphen reads as absent to reportlab. Nothing else changes: a pattern used at import is
compiled then, and one used later behaves exactly like the compiled one.

reportlab also imports Pillow's Image module at start-up (about 10 ms), which only pictures
and logos use; it is loaded on first use instead (importlib's LazyLoader).
"""

from __future__ import annotations

import importlib.machinery
import importlib.util
import re
import sys
from types import ModuleType

DEFERRED_PATTERN_MODULES = frozenset({
    "reportlab.platypus.paragraph",
    "reportlab.lib.textsplit",
    "reportlab.lib.rl_safe_eval",  # reportlab's safe eval, never called here
    "reportlab.lib.PyFontify",  # Python syntax colouring for XPreformatted, not used
    "yaml.reader",
    "yaml.constructor",  # only timestamps use its pattern
    "markdown.extensions.attr_list",
    "markdown.serializers",  # trees are converted, never serialised to HTML
    "jinja2.lexer",  # compiled templates come from the bytecode cache
    "jinja2.utils",  # the urlize filter's patterns
})
HIDDEN_OPTIONAL_IMPORTS = {"reportlab.platypus.paragraph": ("pyphen",)}
# Imported by reportlab at start-up, needed only when a booklet has a picture or a logo.
LOADED_ON_FIRST_USE = frozenset({"PIL.Image"})

_compile = re.compile


class CompiledOnFirstUse:
    """A regular expression that compiles itself when first used, not at import."""

    __slots__ = ("source", "flags", "_pattern")

    def __init__(self, source: str | bytes, flags: int) -> None:
        self.source = source
        self.flags = flags
        self._pattern: re.Pattern | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if self._pattern is None:
            self._pattern = _compile(self.source, self.flags)
        return getattr(self._pattern, name)


def _compile_later(pattern, flags=0):  # type: ignore[no-untyped-def]
    caller = sys._getframe(1).f_globals.get("__name__")
    if caller in DEFERRED_PATTERN_MODULES and isinstance(pattern, (str, bytes)):
        return CompiledOnFirstUse(pattern, flags)
    return _compile(pattern, flags)


class _LeanLoader:  # importlib.abc is not imported: it costs 8 ms of start-up
    """Runs one module's import with deferred patterns and hidden optional imports."""

    def __init__(self, loader, name: str) -> None:  # type: ignore[no-untyped-def]
        self.loader = loader
        self.name = name

    def create_module(self, spec):  # type: ignore[no-untyped-def]
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        hidden = [name for name in HIDDEN_OPTIONAL_IMPORTS.get(self.name, ())
                  if name not in sys.modules]
        for name in hidden:
            sys.modules[name] = None  # type: ignore[assignment]  # makes `import name` fail
        outer_compile, re.compile = re.compile, _compile_later
        try:
            self.loader.exec_module(module)
        finally:
            re.compile = outer_compile
            for name in hidden:
                if sys.modules.get(name, ...) is None:
                    del sys.modules[name]

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.loader, name)  # get_code, get_source, is_package, ...


class _LeanFinder:
    """Finds the listed modules as usual and wraps their loader."""

    def find_spec(self, name, path, target=None):  # type: ignore[no-untyped-def]
        if name not in DEFERRED_PATTERN_MODULES and name not in LOADED_ON_FIRST_USE:
            return None
        spec = importlib.machinery.PathFinder.find_spec(name, path, target)
        if spec is None or spec.loader is None:
            return None
        if name in LOADED_ON_FIRST_USE:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        else:
            spec.loader = _LeanLoader(spec.loader, name)
        return spec


def install() -> None:
    """Put the finder first, once; modules already imported are left as they are."""
    if not any(isinstance(finder, _LeanFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _LeanFinder())
