"""The one error type authors see: a file, a line, what is wrong and how to fix it."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import click


class ContentError(click.ClickException):
    """A mistake in a content pack, brand file or template, reported as `file:line: message`."""

    exit_code = 2

    def __init__(self, path: Path | str | None, line: int | None, message: str, hint: str = ""):
        self.path = str(path) if path is not None else None
        self.line = line
        self.problem = message
        self.hint = hint
        super().__init__(self.render())

    def render(self) -> str:
        where = ""
        if self.path:
            where = f"{self.path}:{self.line}: " if self.line else f"{self.path}: "
        hint = f" ({self.hint})" if self.hint else ""
        return f"{where}{self.problem}{hint}"

    def format_message(self) -> str:
        return self.render()

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        click.echo(f"error: {self.render()}", err=True)


class ContentErrors(click.ClickException):
    """Several content errors found in one pass, so an author can fix them all at once."""

    exit_code = 2

    def __init__(self, errors: Iterable[ContentError]):
        # by file, then line: the order an author fixes them in (stable for equal places)
        self.errors = sorted(errors, key=lambda e: (e.path or "", e.line or 0))
        super().__init__("\n".join(e.render() for e in self.errors))

    def show(self, file=None) -> None:  # type: ignore[no-untyped-def]
        for error in self.errors:
            click.echo(f"error: {error.render()}", err=True)
        if len(self.errors) > 1:
            click.echo(f"{len(self.errors)} errors", err=True)


class ErrorCollector:
    """Gathers errors during validation instead of stopping at the first one."""

    def __init__(self) -> None:
        self.errors: list[ContentError] = []

    def add(self, error: ContentError) -> None:
        self.errors.append(error)

    @classmethod
    def of(cls, errors: Iterable[ContentError]) -> ErrorCollector:
        collector = cls()
        collector.errors.extend(errors)
        return collector

    def raise_if_any(self) -> None:
        if len(self.errors) == 1:
            raise self.errors[0]
        if self.errors:
            raise ContentErrors(self.errors)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest valid choice, or listing them all."""
    import difflib  # only a mistake needs it; not imported by every build

    choices = sorted(choices)
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return "expected one of: " + ", ".join(choices)
