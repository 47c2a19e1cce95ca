"""Jinja2 plumbing shared by chapters and page templates: compiled templates kept between
runs, so a build does not recompile every template, and the template line of an error.

Compiling the page templates and chapter texts to Python is a fifth of a cold build. Jinja2
keys its bytecode by template name and a checksum of the source, so a changed file is always
recompiled. The cache lives in the user's cache folder; if that cannot be written, builds
simply compile as before.
"""

from __future__ import annotations

import hashlib
import os
import traceback
from collections.abc import Callable
from pathlib import Path

import jinja2

from guide.user_cache import cache_root


def cache_folder() -> Path | None:
    """Compiled templates, per Jinja2 version."""
    root = cache_root()
    # "-bounded": templates compile with the loop counting of guide.text.bounded, so code
    # compiled without it must not be reused
    return root / f"jinja-{jinja2.__version__}-bounded" if root is not None else None


class QuietBytecodeCache(jinja2.FileSystemBytecodeCache):
    """A bytecode cache that never fails a build: unreadable or unwritable means no cache."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            super().load_bytecode(bucket)
        except (OSError, EOFError, ValueError):
            bucket.reset()

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        try:
            os.makedirs(self.directory, exist_ok=True)
            super().dump_bytecode(bucket)
        except OSError:
            pass


def bytecode_cache() -> jinja2.BytecodeCache | None:
    folder = cache_folder()
    return QuietBytecodeCache(str(folder)) if folder is not None else None


class TextLoader(jinja2.BaseLoader):
    """Templates given as text (chapters). Each is named by its checksum, so the same text
    is compiled once per process and, with the bytecode cache, once per machine."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}

    def name_for(self, text: str) -> str:
        name = hashlib.sha1(text.encode("utf-8")).hexdigest()
        if len(self.texts) > 2000:  # a long `watch` session saves many versions of a chapter
            self.texts.clear()
        self.texts[name] = text
        return name

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str | None, Callable[[], bool]]:
        if template not in self.texts:  # {% include %}, {% import %}, {% extends %}
            raise jinja2.TemplateNotFound(template)
        return self.texts[template], None, lambda: True


def template_line(exc: BaseException, matches: Callable[[str], bool]) -> int | None:
    """The line of the template being rendered when `exc` was raised: Jinja2 rewrites
    tracebacks so a template's frames carry its own file name and line numbers."""
    line = None
    for frame, lineno in traceback.walk_tb(exc.__traceback__):
        if matches(frame.f_code.co_filename):
            line = lineno
    return line
