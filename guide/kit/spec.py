"""Load step of the kit: the `flyer:` section of guide.yml (which facts to show, how many
checklist items per stage, where the QR code points), validated with its lines kept."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from guide.errors import ErrorCollector
from guide.load.paths import shown
from guide.load.yamlfile import YamlDoc, check_keys, parse_yaml, read_text

FLYER_KEYS = {"facts", "checklist-items", "url"}
FACT_KEYS = {"value", "line"}
MIN_FACTS, MAX_FACTS = 3, 5
DEFAULT_ITEMS = 2
MAX_ITEMS = 3


@dataclass(frozen=True)
class FactSpec:
    """One key fact: a data expression (what goes inside `{{ }}` in a chapter) and the short
    line printed under its value; `line_no` points errors at guide.yml."""

    value: str
    line: str
    line_no: int


@dataclass(frozen=True)
class FlyerSpec:
    path: Path  # guide.yml, as shown in messages
    facts: tuple[FactSpec, ...]  # empty: the defaults are chosen from the data
    checklist_items: int = DEFAULT_ITEMS
    url: str = ""  # empty: the brand's page
    lines: tuple[tuple[str, int], ...] = ()  # line of each guide.yml field the kit prints

    def line_of(self, key: str) -> int | None:
        return dict(self.lines).get(key)


def load_flyer_spec(root: Path, language: str | None = None) -> FlyerSpec:
    """The kit's settings from guide.yml (load_guide has already checked the rest of it);
    for an edition in another language, from its translated guide.yml when that has a
    `flyer:` section of its own (the facts' lines in that language)."""
    guide_file = root / "guide.yml"
    if language:
        translated = root / language.replace("_", "-").split("-")[0].lower() / "guide.yml"
        if translated.is_file() and re.search(r"^flyer:", read_text(translated, shown(translated)),
                                              re.MULTILINE):
            guide_file = translated
    where = Path(shown(guide_file))
    doc = parse_yaml(where, read_text(guide_file, where))
    data = doc.data if isinstance(doc.data, dict) else {}
    lines = tuple((key, doc.line(key)) for key in ("title", "subtitle", "audience")
                  if key in data)
    section = data.get("flyer")
    if section is None:
        return FlyerSpec(where, (), lines=lines)
    errors = ErrorCollector()
    for error in check_keys(doc, ("flyer",), section, FLYER_KEYS, set(), "flyer:"):
        errors.add(error)
    errors.raise_if_any()
    facts = _facts(doc, section.get("facts"), errors)
    items = section.get("checklist-items", DEFAULT_ITEMS)
    if type(items) is not int or not 0 <= items <= MAX_ITEMS:
        errors.add(doc.error(("flyer", "checklist-items"),
                             f"'checklist-items' must be a whole number from 0 to {MAX_ITEMS}",
                             "the back has room for two or three items per stage"))
        items = DEFAULT_ITEMS
    url = str(section.get("url") or "").strip()
    if url and not re.match(r"^https?://[^\s<>\"]+$", url):
        errors.add(doc.error(("flyer", "url"), f"'{url}' is not a web address",
                             "write the full address, starting with https://"))
    errors.raise_if_any()
    if url:
        lines += (("url", doc.line("flyer", "url")),)
    return FlyerSpec(where, facts, items, url, lines)


def _facts(doc: YamlDoc, facts: object, errors: ErrorCollector) -> tuple[FactSpec, ...]:
    if facts is None:
        return ()
    if not isinstance(facts, list) or not MIN_FACTS <= len(facts) <= MAX_FACTS:
        errors.add(doc.error(("flyer", "facts"),
                             f"'facts' must list {MIN_FACTS} to {MAX_FACTS} facts",
                             "each fact is '- {value: stats.TABLE.ROW.COLUMN, line: ...}'"))
        return ()
    out = []
    for i, fact in enumerate(facts):
        keys = ("flyer", "facts", i)
        problems = check_keys(doc, keys, fact, FACT_KEYS, FACT_KEYS, "a fact")
        if problems:
            errors.errors.extend(problems)
            continue
        texts = {k: fact[k] for k in FACT_KEYS}
        if any(isinstance(v, (dict, list)) or v is None or not str(v).strip()
               for v in texts.values()):
            errors.add(doc.error(keys, "a fact's 'value' and 'line' must be text",
                                 "value: stats.match_rates.md.match_rate"))
            continue
        out.append(FactSpec(str(fact["value"]).strip(), str(fact["line"]).strip(),
                            doc.line(*keys)))
    return tuple(out)
