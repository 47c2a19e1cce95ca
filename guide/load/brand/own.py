"""`meta` (open in brand.yml: only the names and home link are read) and the booklet's own
section, `defaults: career-guide:`, which is strict: it is ours, so a typo is an error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from guide.errors import ContentError, ErrorCollector
from guide.load.brand.paths import brand_path
from guide.load.yamlfile import YamlDoc, check_keys
from guide.model import Office

OWN_SECTION = "career-guide"
MAX_QR_URL = 300  # characters; a longer address makes a code too dense to scan in print
OWN_KEYS = {"office", "qr-url", "local-page", "templates"}
OFFICE_KEYS = {"name", "address", "email", "phone", "hours"}
WEB_ADDRESS = re.compile(r"^https?://[^\s<>\"]+$")


def names(doc: YamlDoc, meta: Any, errors: ErrorCollector) -> tuple[str, str]:
    """The school's full and short names; brand.yml allows a plain string or full/short."""
    if meta is None:
        return "", ""
    if not isinstance(meta, dict):
        errors.add(doc.error(("meta",), "'meta' must be a mapping (name:, link:, ...)"))
        return "", ""
    name = meta.get("name")
    if isinstance(name, dict):
        full = str(name.get("full") or name.get("short") or "").strip()
        short = str(name.get("short") or full).strip()
    elif name is None:
        return "", ""
    elif isinstance(name, (list, bool)):
        errors.add(doc.error(("meta", "name"), "'name' must be text or have 'full:' and 'short:'"))
        return "", ""
    else:
        full = short = str(name).strip()
    if not full:
        errors.add(doc.error(("meta", "name"), "the school name is empty"))
    return full, short


def home_link(doc: YamlDoc, meta: Any, errors: ErrorCollector) -> str:
    """meta.link as a web address, or its `home:` when it maps link kinds to addresses."""
    link = meta.get("link") if isinstance(meta, dict) else None
    if isinstance(link, dict):
        link = link.get("home")
    if link is not None and not isinstance(link, str):
        errors.add(doc.error(("meta", "link"), "'link' must be a web address or have 'home:'"))
        return ""
    return (link or "").strip()


def own_section(doc: YamlDoc, data: dict, errors: ErrorCollector) -> dict:
    """`defaults: career-guide:`; a near-miss of its name is an error, not a silent skip."""
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        errors.add(doc.error(("defaults",), "'defaults' must be a mapping"))
        return {}
    for key in defaults:
        if key != OWN_SECTION and _near(str(key), OWN_SECTION):
            errors.add(doc.error(("defaults", key), f"unknown section '{key}' under defaults",
                                 f"did you mean '{OWN_SECTION}'?"))
    own = defaults.get(OWN_SECTION) or {}
    for problem in check_keys(doc, ("defaults", OWN_SECTION), own, OWN_KEYS, set(), OWN_SECTION):
        errors.add(problem)
    return own if isinstance(own, dict) else {}


def _near(word: str, target: str) -> bool:
    import difflib  # only for a key that is not one of ours

    simple = re.sub(r"[\s_.-]", "", word.lower())
    return simple == re.sub(r"-", "", target) or difflib.SequenceMatcher(
        None, word.lower(), target).ratio() >= 0.75


def qr_address(doc: YamlDoc, own: dict, home: str, errors: ErrorCollector) -> str:
    qr_url = str(own.get("qr-url") or home)
    if qr_url and not WEB_ADDRESS.match(qr_url):
        keys = ("defaults", OWN_SECTION, "qr-url") if own.get("qr-url") else ("meta", "link")
        errors.add(doc.error(keys, f"'{qr_url}' is not a web address",
                             "use a full https:// address"))
        return ""
    if len(qr_url) > MAX_QR_URL:
        keys = ("defaults", OWN_SECTION, "qr-url") if own.get("qr-url") else ("meta", "link")
        errors.add(doc.error(keys, f"the web address for the QR code has {len(qr_url):,} "
                             f"characters; the limit is {MAX_QR_URL}",
                             "a long address makes a QR code too dense to scan; use a short link"))
        return ""
    return qr_url


def office(doc: YamlDoc, data: Any, errors: ErrorCollector) -> Office:
    """The back cover's contact block: short texts, and an address of one or more lines."""
    keys = ("defaults", OWN_SECTION, "office")
    if data is None:
        return Office()
    if not isinstance(data, dict):
        errors.add(doc.error(keys, "'office' must be a mapping",
                             "give name:, address:, email:, phone: and hours: under it"))
        return Office()
    for problem in check_keys(doc, keys, data, OFFICE_KEYS, set(), "office"):
        errors.add(problem)

    def text(key: str) -> str:
        value = data.get(key)
        if value is None:
            return ""
        if isinstance(value, (dict, list, bool)):
            errors.add(doc.error((*keys, key), f"'{key}' must be text", f"write {key}: some text"))
            return ""
        return str(value)

    address = data.get("address")
    if isinstance(address, str):
        lines = tuple(line.strip() for line in address.split("\n") if line.strip())
    elif isinstance(address, list) and all(isinstance(line, (str, int, float))
                                           and not isinstance(line, bool) for line in address):
        lines = tuple(str(line) for line in address)
    elif address is None:
        lines = ()
    else:
        errors.add(doc.error((*keys, "address"), "'address' must be text or a list of lines",
                             "address:\n  - Room 210\n  - Science Hall"))
        lines = ()
    return Office(name=text("name"), address=lines, email=text("email"),
                  phone=text("phone"), hours=text("hours"))


def optional_path(doc: YamlDoc, root: Path, own: dict, key: str, errors: ErrorCollector,
                  folder: bool = False) -> Path | None:
    if not own.get(key):
        return None
    keys = ("defaults", OWN_SECTION, key)
    try:
        path = brand_path(root, str(own[key]), doc, keys, key)
    except ContentError as error:
        errors.add(error)
        return None
    if not (path.is_dir() if folder else path.is_file()):
        errors.add(doc.error(keys, f"'{own[key]}' not found"))
        return None
    return path
