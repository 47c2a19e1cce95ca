"""Load stage for a school's brand file (the brand.yml format) plus the booklet's own section."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from guide.colors import contrast, shade, strong, tint
from guide.errors import ContentError, ErrorCollector, did_you_mean
from guide.load.images import load_image
from guide.load.paths import inside, shown
from guide.load.resources import resource_dir
from guide.load.yamlfile import YamlDoc, check_keys, parse_yaml, read_text
from guide.model import Brand, BrandFonts, Office

FONT_DIR = Path(__file__).resolve().parent.parent / "fonts"
DEFAULT_BODY = tuple(FONT_DIR / f"SourceSerifPro-{s}.ttf" for s in ("Regular", "It", "Semibold", "SemiboldIt"))
DEFAULT_HEADING = tuple(FONT_DIR / f"Lato-{s}.ttf" for s in ("Regular", "Italic", "Bold", "BoldItalic"))
DEFAULT_DISPLAY = FONT_DIR / "Lato-Black.ttf"
DEFAULT_BRAND = resource_dir("content") / "brands" / "default.yml"

TOP_KEYS = {"meta", "logo", "color", "typography", "defaults"}
COLOR_ROLES = {"foreground", "background", "primary", "secondary", "tertiary", "success", "info",
               "warning", "danger", "light", "dark"}
DEFAULT_COLORS = {"primary": "#1d4e6b", "secondary": "#c8553d", "foreground": "#22262a",
                  "background": "#ffffff", "light": "#eef3f6", "dark": "#12303f"}
OWN_SECTION = "career-guide"
OWN_KEYS = {"office", "qr-url", "local-page", "templates"}
OFFICE_KEYS = {"name", "address", "email", "phone", "hours"}
HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
IMAGE_TYPES = (".png", ".jpg", ".jpeg")


def load_brand(path: Path | None = None) -> Brand:
    """Read and validate a brand file; all problems are reported together."""
    path = path or DEFAULT_BRAND
    name = shown(path)
    if not path.is_file():
        raise ContentError(name, None, "brand file not found", "pass --brand with a YAML file")
    doc = parse_yaml(Path(name), read_text(path, name))
    data = doc.data
    if not isinstance(data, dict):
        raise doc.error((), "a brand file must be a mapping with 'meta:' and 'color:'",
                        "see docs/brand-format.md")
    errors = ErrorCollector()
    for problem in check_keys(doc, (), data, TOP_KEYS, {"meta"}, "brand file"):
        errors.add(problem)
    root = path.parent
    meta = data.get("meta") or {}
    full, short = _names(doc, meta, errors)
    home = _home_link(doc, meta, errors)
    own = _own_section(doc, data, errors)
    colors = _colors(doc, data.get("color") or {}, errors)
    logo, logo_alt = _logo(doc, root, data.get("logo"), full, errors)
    fonts = _fonts(doc, root, data.get("typography"), errors)
    office = _office(doc, own.get("office"), errors)
    qr_url = str(own.get("qr-url") or home)
    if qr_url and not re.match(r"^https?://[^\s<>\"]+$", qr_url):
        errors.add(doc.error(("defaults", OWN_SECTION, "qr-url"), f"'{qr_url}' is not a web address",
                             "use a full https:// address"))
    local_page = _optional_path(doc, root, own, "local-page", errors)
    templates = _optional_path(doc, root, own, "templates", errors, folder=True)
    errors.raise_if_any()
    return Brand(path=Path(name), name=full, short_name=short, url=qr_url, logo=logo,
                 logo_alt=logo_alt, colors=colors, fonts=fonts, office=office,
                 local_page=local_page, templates=templates)


def _office(doc: YamlDoc, data: Any, errors: ErrorCollector) -> Office:
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


def _names(doc: YamlDoc, meta: Any, errors: ErrorCollector) -> tuple[str, str]:
    if not isinstance(meta, dict):
        errors.add(doc.error(("meta",), "'meta' must be a mapping with 'name:'"))
        return "", ""
    for problem in check_keys(doc, ("meta",), meta, {"name", "link"}, {"name"}, "meta"):
        errors.add(problem)
    name = meta.get("name")
    if isinstance(name, dict):
        for problem in check_keys(doc, ("meta", "name"), name, {"full", "short"}, {"full"}, "name"):
            errors.add(problem)
        full = str(name.get("full") or "").strip()
        short = str(name.get("short") or full).strip()
    else:
        full = short = str(name or "").strip()
    if "name" in meta and not full:
        errors.add(doc.error(("meta", "name"), "the school name is empty"))
    return full, short


def _home_link(doc: YamlDoc, meta: Any, errors: ErrorCollector) -> str:
    link = meta.get("link") if isinstance(meta, dict) else None
    if isinstance(link, dict):
        link = link.get("home")
    if link is not None and not isinstance(link, str):
        errors.add(doc.error(("meta", "link"), "'link' must be a web address or have 'home:'"))
        return ""
    return link or ""


def _own_section(doc: YamlDoc, data: dict, errors: ErrorCollector) -> dict:
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        errors.add(doc.error(("defaults",), "'defaults' must be a mapping"))
        return {}
    own = defaults.get(OWN_SECTION) or {}
    for problem in check_keys(doc, ("defaults", OWN_SECTION), own, OWN_KEYS, set(), OWN_SECTION):
        errors.add(problem)
    return own if isinstance(own, dict) else {}


def _colors(doc: YamlDoc, color: Any, errors: ErrorCollector) -> dict[str, str]:
    colors = dict(DEFAULT_COLORS)
    if not isinstance(color, dict):
        errors.add(doc.error(("color",), "'color' must be a mapping of roles to colours"))
        return colors
    palette = color.get("palette") or {}
    if not isinstance(palette, dict):
        errors.add(doc.error(("color", "palette"), "'palette' must map names to colours"))
        palette = {}
    for problem in check_keys(doc, ("color",), color, COLOR_ROLES | {"palette"}, set(), "color"):
        errors.add(problem)
    bad_names = {key for key, value in palette.items() if not HEX.match(str(value))}
    for key, value in palette.items():
        if not HEX.match(str(value)):
            errors.add(doc.error(("color", "palette", key), f"'{value}' is not a colour",
                                 "use a hex colour like '#1d4e6b' (in quotes)"))
    for role in COLOR_ROLES:
        if role not in color:
            continue
        value = color[role]
        if isinstance(value, str) and value in bad_names:
            continue  # the palette entry itself was reported
        if isinstance(value, str) and value in palette:
            value = palette[value]
        if not isinstance(value, str) or not HEX.match(value):
            hint = ("use a hex colour like '#1d4e6b' (in quotes) or a palette name"
                    + (f"; {did_you_mean(str(value), palette)}" if palette else ""))
            shown_value = "nothing" if color[role] is None else f"'{color[role]}'"
            errors.add(doc.error(("color", role), f"{shown_value} is not a colour", hint))
            continue
        colors[role] = _long_hex(value)
    # A brand that names only its primary colour gets light and dark tones of that colour,
    # not the neutral brand's blue ones.
    bold = strong(colors["primary"], colors["background"])
    if "light" not in color:
        colors["light"] = tint(bold, 0.9)
    if "dark" not in color:  # deep enough for light text, even from a pale primary, and
        # set apart from an almost black primary by going a little lighter instead
        colors["dark"] = (shade(bold, 0.55) if contrast(colors["primary"], "#000000") > 1.6
                          else tint(colors["primary"], 0.16))
    return colors


def brand_warnings(brand: Brand) -> list[str]:
    """Problems worth knowing that still give a booklet: text colours that read poorly."""
    c = brand.colors
    ratio = contrast(c["foreground"], c["background"])
    if ratio < 4.5:
        return [f"{brand.path}: the brand's foreground {c['foreground']} on its background "
                f"{c['background']} has a contrast of {ratio:.1f}:1, below the 4.5:1 that body "
                "text needs (WCAG AA); choose a darker foreground"]
    return []


def _long_hex(value: str) -> str:
    value = value.lower()
    if len(value) == 4:
        value = "#" + "".join(ch * 2 for ch in value[1:])
    return value


def _logo(doc: YamlDoc, root: Path, logo: Any, school: str,
          errors: ErrorCollector) -> tuple[Path | None, str]:
    if logo is None:
        return None, ""
    alt = f"{school} logo"
    if isinstance(logo, str):
        choice: Any = logo
        images: dict = {}
        keys: tuple = ("logo",)
    elif isinstance(logo, dict):
        for problem in check_keys(doc, ("logo",), logo, {"images", "small", "medium", "large"},
                                  set(), "logo"):
            errors.add(problem)
        images = logo.get("images") or {}
        size = next((s for s in ("large", "medium", "small") if s in logo), None)
        if size is None:
            errors.add(doc.error(("logo",), "the logo needs 'medium:' (or small/large)"))
            return None, ""
        choice, keys = logo[size], ("logo", size)
    else:
        errors.add(doc.error(("logo",), "'logo' must be a path or a mapping"))
        return None, ""
    if isinstance(choice, dict):  # a {light, dark} pair: print is light
        choice = choice.get("light") or choice.get("dark")
    if isinstance(choice, str) and choice in images:
        image = images[choice]
        keys = ("logo", "images", choice)
        if isinstance(image, dict):
            alt = str(image.get("alt") or alt)
            choice = image.get("path")
            if "path" in image:
                keys = (*keys, "path")  # errors point at the path line itself
        else:
            choice = image
    if not isinstance(choice, str):
        errors.add(doc.error(keys, "the logo must name an image file"))
        return None, ""
    try:
        path = inside(root, choice, doc.path, doc.line(*keys), "logo")
    except ContentError as error:
        errors.add(error)
        return None, ""
    if path.suffix.lower() not in IMAGE_TYPES:
        errors.add(doc.error(keys, f"logo '{choice}' is not PNG or JPEG", "export the logo as PNG"))
        return None, ""
    if not path.is_file():
        errors.add(doc.error(keys, f"logo file '{choice}' not found",
                             f"put it beside {doc.path.name} or fix the path"))
        return None, ""
    try:  # open it now, as chapter images are, so a broken file is named here, not mid-build
        load_image(root, choice, doc.path, doc.line(*keys), "logo")
    except ContentError as error:
        errors.add(error)
        return None, ""
    return path, alt


def _fonts(doc: YamlDoc, root: Path, typography: Any, errors: ErrorCollector) -> BrandFonts:
    default = BrandFonts(body=DEFAULT_BODY, heading=DEFAULT_HEADING,  # type: ignore[arg-type]
                         heading_display=DEFAULT_DISPLAY)
    if not typography:
        return default
    if not isinstance(typography, dict):
        errors.add(doc.error(("typography",), "'typography' must be a mapping"))
        return default
    for problem in check_keys(doc, ("typography",), typography,
                              {"fonts", "base", "headings", "monospace", "link"}, set(), "typography"):
        errors.add(problem)
    families: dict[str, dict[tuple[int, str], Path]] = {}
    broken: set[str] = set()  # families with a file already reported: no follow-on errors
    for index, font in enumerate(typography.get("fonts") or []):
        keys = ("typography", "fonts", index)
        if not isinstance(font, dict) or "family" not in font:
            errors.add(doc.error(keys, "each font needs 'family:' and 'files:'"))
            continue
        if font.get("source", "file") != "file":
            errors.add(doc.error(keys + ("source",), f"font source '{font.get('source')}' needs "
                                 "the internet", "use source: file with local font files"))
            continue
        faces = families.setdefault(str(font["family"]), {})
        for file_index, entry in enumerate(font.get("files") or []):
            file_keys = keys + ("files", file_index)
            entry = {"path": entry} if isinstance(entry, str) else entry
            if not isinstance(entry, dict) or "path" not in entry:
                broken.add(str(font["family"]))
                errors.add(doc.error(file_keys, "a font file needs 'path:'"))
                continue
            try:
                font_path = inside(root, str(entry["path"]), doc.path, doc.line(*file_keys), "font")
            except ContentError as error:
                broken.add(str(font["family"]))
                errors.add(error)
                continue
            if not font_path.is_file():
                broken.add(str(font["family"]))
                errors.add(doc.error(file_keys, f"font file '{entry['path']}' not found"))
                continue
            if font_path.suffix.lower() not in (".ttf", ".otf"):
                broken.add(str(font["family"]))
                errors.add(doc.error(file_keys, f"'{entry['path']}' is not a TrueType font",
                                     "use a .ttf file"))
                continue
            weight = _weight(entry.get("weight", 400))
            style = str(entry.get("style", "normal"))
            faces[(weight, "italic" if style == "italic" else "normal")] = font_path
    body = _family(doc, ("typography", "base"), typography.get("base"), families, default.body,
                   errors, broken)
    heading = _family(doc, ("typography", "headings"), typography.get("headings"), families,
                      default.heading, errors, broken)
    display = default.heading_display if heading == default.heading else heading[2]
    return BrandFonts(body=body, heading=heading, heading_display=display)


def _weight(value: Any) -> int:
    names = {"thin": 100, "light": 300, "normal": 400, "regular": 400, "medium": 500,
             "semibold": 600, "bold": 700, "black": 900}
    if isinstance(value, str):
        return names.get(value.lower(), 400)
    return int(value) if isinstance(value, int) else 400


def _family(doc: YamlDoc, keys: tuple, spec: Any, families: dict, default: tuple,
            errors: ErrorCollector, broken: set[str]) -> tuple:
    if spec is None:
        return default
    family = spec.get("family") if isinstance(spec, dict) else spec
    if family not in families:
        errors.add(doc.error(keys, f"font family '{family}' has no files under typography.fonts",
                             did_you_mean(str(family), families) if families else
                             "add it to typography.fonts with source: file"))
        return default
    faces = families[family]

    def pick(weight: int, style: str) -> Path | None:
        options = [(abs(w - weight), path) for (w, s), path in faces.items() if s == style]
        return min(options)[1] if options else None

    regular = pick(400, "normal")
    if regular is None:
        if family not in broken:
            errors.add(doc.error(keys, f"font family '{family}' has no regular (upright) file"))
        return default
    bold = pick(700, "normal") or regular
    return (regular, pick(400, "italic") or regular, bold, pick(700, "italic") or bold)


def _optional_path(doc: YamlDoc, root: Path, own: dict, key: str, errors: ErrorCollector,
                   folder: bool = False) -> Path | None:
    if not own.get(key):
        return None
    keys = ("defaults", OWN_SECTION, key)
    try:
        path = inside(root, str(own[key]), doc.path, doc.line(*keys), key)
    except ContentError as error:
        errors.add(error)
        return None
    if not (path.is_dir() if folder else path.is_file()):
        errors.add(doc.error(keys, f"'{own[key]}' not found"))
        return None
    return path
