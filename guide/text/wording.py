"""The booklet's own words and numbers in the pack's language.

Every word the booklet prints by itself (contents, kickers, the back cover, table sources,
timeline phrases...) comes from a strings file per language (guide/strings/LANG.yml), and
every number is formatted for the locale by Babel from CLDR data: "1,840" and "13.1%" in
en-US, the same in es-US, "1840" and "13,1 %" in es-ES. A language without a strings file
falls back to English with one warning naming what is missing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

STRINGS_DIR = Path(__file__).resolve().parent.parent / "strings"
DEFAULT_LANGUAGE = "en-US"


@lru_cache(maxsize=16)
def _strings_file(language: str) -> dict[str, Any] | None:
    path = STRINGS_DIR / f"{language}.yml"
    if not path.is_file():
        return None
    with path.open(encoding="utf-8") as handle:  # libyaml: the English file is read on import
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@lru_cache(maxsize=16)
def _locale(tag: str):  # type: ignore[no-untyped-def]
    from babel import Locale, UnknownLocaleError
    try:
        return Locale.parse(tag.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(tag.split("-")[0]) if "-" in tag else Locale.parse("en_US")


def base_language(tag: str) -> str:
    """'es' for 'es-US', 'es_MX' or 'es'."""
    return tag.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True)
class Wording:
    """Strings and number formats for one language; made once per build."""

    language: str = DEFAULT_LANGUAGE  # the BCP 47 tag from guide.yml, e.g. es-US
    strings: dict[str, Any] = field(default_factory=dict)
    missing: tuple[str, ...] = ()  # keys taken from English because the language lacks them

    @property
    def locale(self):  # type: ignore[no-untyped-def]
        return _locale(self.language)

    def __call__(self, key: str, **fields: Any) -> str:
        value = self.strings[key]
        if isinstance(value, dict):
            raise KeyError(f"'{key}' counts something: use Wording.count")
        return str(value).format(**fields) if fields else str(value)

    def count(self, key: str, n: float, **fields: Any) -> str:
        """The form of `key` for the number `n` (CLDR plural rules), with {n} filled in."""
        forms = self.strings[key]
        form = self.locale.plural_form(abs(n)) if float(n).is_integer() else "other"
        text = forms.get(form) or forms["other"]
        return text.format(n=self.number(n), **fields)

    def join(self, items: list[str]) -> str:
        """'a', 'a and b', 'a, b and c' ('a, b y c'), by the locale's list patterns."""
        from babel.lists import format_list
        return format_list(items, locale=self.locale) if items else ""

    # -- numbers ---------------------------------------------------------------------
    def number(self, value: float) -> str:
        """A plain number as a person writes it: 3, 3.5 (3,5 where the comma is decimal)."""
        from babel.numbers import format_decimal
        if float(value).is_integer():
            return format_decimal(int(value), format="0", locale=self.locale)
        return format_decimal(value, format="0.##", locale=self.locale)

    def integer(self, value: float) -> str:
        from babel.numbers import format_decimal
        return format_decimal(round(value), format="#,##0", locale=self.locale)

    def decimal(self, value: float, decimals: int) -> str:
        from babel.numbers import format_decimal
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        return format_decimal(value, format=pattern, locale=self.locale,
                              decimal_quantization=True)

    def percent(self, share: float, decimals: int) -> str:
        """`share` is a fraction: 0.131 is 13.1%."""
        from babel.numbers import format_percent
        pattern = self.locale.percent_formats.get(None)
        base = pattern.pattern if pattern is not None else "#,##0%"
        if decimals:  # digits after the last integer 0, wherever the locale puts its %
            base = re.sub(r"0(?=[^0#.]*%)", "0." + "0" * decimals, base, count=1)
        return format_percent(share, format=base, locale=self.locale, decimal_quantization=True)

    def currency(self, value: float, decimals: int) -> str:
        from babel.numbers import format_currency
        pattern = self.locale.currency_formats["standard"].pattern
        if not decimals:
            pattern = pattern.replace(".00", "")
        return format_currency(value, "USD", format=pattern, locale=self.locale,
                               currency_digits=False, decimal_quantization=True)

    def month(self, year_month: str) -> str:
        """'2026-11' as 'November 2026' / 'noviembre de 2026'."""
        from datetime import date

        from babel.dates import format_skeleton
        year, month = (int(part) for part in year_month.split("-")[:2])
        return format_skeleton("yMMMM", date(year, month, 1), locale=self.locale)


ENGLISH = Wording(strings=dict(_strings_file("en") or {}))


def wording_for(language: str, overrides: dict[str, Any] | None = None) -> Wording:
    """The strings of `language` (falling back to English key by key), then `overrides`."""
    english = _strings_file("en") or {}
    own = _strings_file(base_language(language)) or {}
    missing = tuple(sorted(k for k in english if k not in own)) \
        if base_language(language) != "en" else ()
    strings = {**english, **own, **(overrides or {})}
    return Wording(language=language, strings=strings, missing=missing)


def missing_strings_warning(words: Wording) -> str | None:
    if not words.missing:
        return None
    shown = ", ".join(words.missing[:12]) + (" ..." if len(words.missing) > 12 else "")
    return (f"no strings for language '{words.language}' ({len(words.missing)} missing: "
            f"{shown}); English is used for them (add guide/strings/"
            f"{base_language(words.language)}.yml or a strings.yml in the pack)")


def check_overrides(doc) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    """A strings.yml (a pack's or a translation's): known keys, text values (or `one:` and
    `other:` for counted ones); anything else is a mistake named with its line."""
    from guide.errors import ContentError, did_you_mean
    data = doc.data or {}
    if not isinstance(data, dict):
        raise doc.error((), "strings.yml must map string names to text",
                        "e.g. back_questions: Questions? Come and see us.")
    english = _strings_file("en") or {}
    problems: list[ContentError] = []
    for key, value in data.items():
        if key not in english:
            problems.append(doc.error((key,), f"unknown string '{key}'",
                                      did_you_mean(str(key), english)))
        elif isinstance(english[key], dict):
            if not isinstance(value, dict) or "other" not in value:
                problems.append(doc.error((key,), f"'{key}' counts something: give its forms",
                                          f"{key}: {{one: ..., other: ...}}"))
        elif isinstance(value, (dict, list)) or value is None:
            problems.append(doc.error((key,), f"'{key}' must be text"))
    if problems:
        from guide.errors import ContentErrors
        raise ContentErrors(problems)
    return {key: value if isinstance(value, dict) else str(value) for key, value in data.items()}
