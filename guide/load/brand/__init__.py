"""Load stage for a school's brand file (the brand.yml format, as Quarto 1.8 reads it) plus the
booklet's own section, `defaults: career-guide:`.

Everything brand.yml allows is accepted. What the booklet can honour on paper it honours;
what print has no use for (dark-mode variants, hover colours, other tools' defaults) it
accepts quietly; what it cannot have (a font service that does not answer, a key outside
the format) is a warning. Only the booklet's own section is strict, and mistakes in values
it needs (a colour that is no colour, a logo file that is not there) are errors.
"""

from __future__ import annotations

from pathlib import Path

from guide.colors import contrast
from guide.errors import ContentError, ErrorCollector, did_you_mean
from guide.load.brand import own
from guide.load.brand.colors import ColorResolver, flat_colors, read_colors
from guide.load.brand.discovery import given_brand
from guide.load.brand.logos import read_logo
from guide.load.brand.typography import (
    DEFAULT_BODY,
    DEFAULT_DISPLAY,
    DEFAULT_HEADING,
    FONT_DIR,
    Typography,
)
from guide.load.paths import shown
from guide.load.resources import resource_dir
from guide.load.yamlfile import parse_yaml, read_text
from guide.model import Brand

__all__ = ["load_brand", "brand_warnings", "DEFAULT_BRAND", "DEFAULT_BODY", "DEFAULT_HEADING",
           "DEFAULT_DISPLAY", "FONT_DIR"]

DEFAULT_BRAND = resource_dir("content") / "brands" / "default.yml"
TOP_KEYS = ("meta", "logo", "color", "typography", "defaults")


def load_brand(path: Path | None = None) -> Brand:
    """Read and validate a brand file (or the folder holding one); all problems are
    reported together."""
    path = given_brand(path) if path is not None else DEFAULT_BRAND
    name = shown(path)
    if not path.is_file():
        raise ContentError(name, None, "brand file not found",
                           "pass --brand with a brand.yml file or the folder holding it")
    doc = parse_yaml(Path(name), read_text(path, name))
    data = doc.data if doc.data is not None else {}
    if not isinstance(data, dict):
        raise doc.error((), "a brand file must be a mapping with 'meta:' and 'color:'",
                        "see docs/brand-format.md")
    errors = ErrorCollector()
    warnings: list[str] = []
    for key in data:
        if key not in TOP_KEYS:
            hint = did_you_mean(str(key), TOP_KEYS)
            warnings.append(doc.error((key,), f"'{key}' is not a brand.yml section and is not "
                                      "used", hint if hint.startswith("did") else "").render())
    root = path.parent
    meta = data.get("meta")
    full, short = own.names(doc, meta, errors)
    home = own.home_link(doc, meta, errors)
    section = own.own_section(doc, data, errors)
    color = data.get("color")
    colors = read_colors(doc, color, errors, warnings)
    color = flat_colors(color) if isinstance(color, dict) else {}
    palette = color.get("palette")
    resolver = ColorResolver(doc, color, palette if isinstance(palette, dict) else {})
    logo, logo_alt = read_logo(doc, root, data.get("logo"), full, errors, warnings)
    typography = Typography(doc, root, errors, warnings, resolver)
    fonts = typography.read(data.get("typography"))
    for role, key in (("base", "foreground"), ("headings", "headings"), ("link", "link")):
        if role in typography.colors:
            colors[key] = typography.colors[role]
    office = own.office(doc, section.get("office"), errors)
    qr_url = own.qr_address(doc, section, home, errors)
    local_page = own.optional_path(doc, root, section, "local-page", errors)
    templates = own.optional_path(doc, root, section, "templates", errors, folder=True)
    errors.raise_if_any()
    return Brand(path=Path(name), name=full, short_name=short, url=qr_url, logo=logo,
                 logo_alt=logo_alt, colors=colors, fonts=fonts, office=office,
                 local_page=local_page, templates=templates, warnings=tuple(warnings))


def brand_warnings(brand: Brand) -> list[str]:
    """Problems worth knowing that still give a booklet: what the brand file asks for that
    cannot be had, and text colours that read poorly."""
    out = list(brand.warnings)
    c = brand.colors
    ratio = contrast(c["foreground"], c["background"])
    if ratio < 4.5:
        out.append(f"{brand.path}: the brand's foreground {c['foreground']} on its background "
                   f"{c['background']} has a contrast of {ratio:.1f}:1, below the 4.5:1 that body "
                   "text needs (WCAG AA); choose a darker foreground")
    return out
