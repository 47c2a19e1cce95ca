"""The brand's colours: every colour syntax brand.yml allows, palette names that refer to other
names, and theme colours that name palette or theme colours, resolved to '#rrggbb'."""

from __future__ import annotations

import colorsys
import re
from typing import Any

from guide.colors import contrast, shade, strong, tint
from guide.errors import ContentError, ErrorCollector, did_you_mean
from guide.load.brand.css_colors import CSS_COLORS
from guide.load.yamlfile import YamlDoc

# Theme colours the booklet prints with; a mistake in one of them is an error.
USED_ROLES = ("foreground", "background", "primary", "secondary", "light", "dark")
# The rest of brand.yml's theme colours: resolved (so a mistake is named) but unused on paper.
OTHER_ROLES = ("tertiary", "success", "info", "warning", "danger")
THEME_ROLES = USED_ROLES + OTHER_ROLES
# Not in the brand.yml spec but common in real files: `link` is the booklet's link colour.
EXTRA_USED = ("link",)
DEFAULT_COLORS = {"primary": "#1d4e6b", "secondary": "#c8553d", "foreground": "#22262a",
                  "background": "#ffffff", "light": "#eef3f6", "dark": "#12303f"}
HEX = re.compile(r"#([0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")
FUNCTION = re.compile(r"(rgba?|hsla?)\(\s*([^)]*)\)", re.IGNORECASE)
COLOR_HINT = "use a hex colour like '#1d4e6b' (in quotes), a CSS colour name, rgb() or hsl()"


class ColorSyntaxError(ValueError):
    """A text that is no colour in any syntax brand.yml allows."""


def parse_color(text: str) -> str:
    """'#rgb', '#rgba', '#rrggbb', '#rrggbbaa', CSS names, rgb()/rgba(), hsl()/hsla() as
    '#rrggbb'. Paper has no transparency: a colour with alpha is mixed with white, as it
    would look on a white page."""
    value = text.strip()
    lower = value.lower()
    if lower in CSS_COLORS:
        return CSS_COLORS[lower]
    match = HEX.fullmatch(value)
    if match:
        digits = match.group(1).lower()
        if len(digits) in (3, 4):
            digits = "".join(ch * 2 for ch in digits)
        rgb = [int(digits[i:i + 2], 16) / 255 for i in (0, 2, 4)]
        alpha = int(digits[6:8], 16) / 255 if len(digits) == 8 else 1.0
        return _hex(rgb, alpha)
    match = FUNCTION.fullmatch(value)
    if not match:
        raise ColorSyntaxError(value)
    kind = match.group(1).lower()
    parts = [p for p in re.split(r"[\s,/]+", match.group(2).strip()) if p]
    if len(parts) not in (3, 4):
        raise ColorSyntaxError(value)
    alpha = _fraction(parts[3], 1.0) if len(parts) == 4 else 1.0
    if kind.startswith("rgb"):
        rgb = [_fraction(p, 255.0) for p in parts[:3]]
    else:
        hue = _hue(parts[0])
        sat, light = (_fraction(p, 100.0, percent_only=True) for p in parts[1:3])
        rgb = list(colorsys.hls_to_rgb(hue, light, sat))
    return _hex(rgb, alpha)


def _fraction(part: str, scale: float, percent_only: bool = False) -> float:
    try:
        if part.endswith("%"):
            number = float(part[:-1]) / 100
        else:
            number = float(part) / (1.0 if scale == 1.0 else scale)
    except ValueError:
        raise ColorSyntaxError(part) from None
    return min(max(number, 0.0), 1.0)


def _hue(part: str) -> float:
    units = {"deg": 360.0, "grad": 400.0, "turn": 1.0, "rad": 6.283185307179586}
    for unit, full in units.items():
        if part.endswith(unit):
            part, scale = part[: -len(unit)], full
            break
    else:
        scale = 360.0
    try:
        return (float(part) / scale) % 1.0
    except ValueError:
        raise ColorSyntaxError(part) from None


def _hex(rgb: list[float], alpha: float) -> str:
    mixed = [round((ch * alpha + (1 - alpha)) * 255) for ch in rgb]
    return "#{:02x}{:02x}{:02x}".format(*mixed)


def light_of(value: Any) -> Any:
    """A {light, dark} pair (Quarto 1.8) as paper sees it: the light one."""
    if isinstance(value, dict) and ("light" in value or "dark" in value):
        return value.get("light", value.get("dark"))
    return value


def dark_only(value: Any) -> bool:
    return isinstance(value, dict) and "dark" in value and "light" not in value


class ColorResolver:
    """Names to colours, following palette and theme references to the end."""

    def __init__(self, doc: YamlDoc, color: dict, palette: dict) -> None:
        self.doc, self.color, self.palette = doc, color, palette
        self.done: dict[tuple, str] = {}
        self.failed: set[tuple] = set()  # reported once, not again for each name using it

    def resolve(self, keys: tuple, value: Any, chain: tuple[str, ...] = ()) -> str:
        """The '#rrggbb' of `value`, found at `keys`; ContentError when it is none."""
        value = light_of(value)
        if keys in self.done:
            return self.done[keys]
        if isinstance(value, (dict, list)):
            kind = "mapping" if isinstance(value, dict) else "list"
            self.failed.add(keys)
            raise self.doc.error(keys, f"'{keys[-1]}' is a {kind}, not a colour", COLOR_HINT)
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            shown = "nothing" if value is None else f"'{value}'"
            self.failed.add(keys)
            raise self.doc.error(keys, f"{shown} is not a colour", COLOR_HINT)
        text = str(value).strip()
        name = text.lower()
        if text in chain:
            loop = " -> ".join((*chain, text))
            raise self.doc.error(keys, f"colour names refer to each other in a loop: {loop}",
                                 "give one of them a colour value")
        if text in self.palette and ("palette", text) != keys[1:]:
            target = ("color", "palette", text)
        elif text in THEME_ROLES and text in self.color and ("color", text) != keys:
            target = ("color", text)
        else:
            target = None
        if target is not None:
            source = self.palette[text] if target[1] == "palette" else self.color[text]
            result = self.resolve(target, source, (*chain, text))
        else:
            try:
                result = parse_color(text if name not in CSS_COLORS else name)
            except ColorSyntaxError:
                names = sorted(set(self.palette) | set(CSS_COLORS))
                hint = COLOR_HINT + (f"; {did_you_mean(text, names)}"
                                     if did_you_mean(text, names).startswith("did") else "")
                self.failed.add(keys)
                raise self.doc.error(keys, f"'{text}' is not a colour", hint) from None
        self.done[keys] = result
        return result


def read_colors(doc: YamlDoc, color: Any, errors: ErrorCollector,
                warnings: list[str]) -> dict[str, str]:
    """Theme colours by role (with the booklet's defaults), plus `link` when the brand has one."""
    colors = dict(DEFAULT_COLORS)
    if color is None:
        color = {}
    if not isinstance(color, dict):
        errors.add(doc.error(("color",), "'color' must be a mapping of roles to colours"))
        return colors
    color = flat_colors(color)
    palette = color.get("palette") or {}
    if not isinstance(palette, dict):
        errors.add(doc.error(("color", "palette"), "'palette' must map names to colours"))
        palette = {}
    resolver = ColorResolver(doc, color, palette)
    for key in color:
        if key in ("palette", "theme") or key in THEME_ROLES or key in EXTRA_USED:
            continue
        if _unused_on_paper(str(key)):
            continue  # hover and dark-mode variants: nothing to print
        warnings.append(_warning(doc, ("color", key), f"colour '{key}' is not a brand.yml theme "
                                 "colour and is not used", did_you_mean(str(key), THEME_ROLES)))
    for role in USED_ROLES:  # theme colours written into the palette, as some files do
        if role not in color and role in palette and not dark_only(palette[role]):
            try:
                colors[role] = resolver.resolve(("color", "palette", role), palette[role])
            except ContentError as error:
                errors.add(error)
    for role in (*USED_ROLES, *EXTRA_USED):
        if role not in color or dark_only(color[role]):
            continue  # a colour for dark mode only: paper keeps the booklet's own
        value = light_of(color[role])
        if isinstance(value, (list, dict)):  # off the format: not a mistake to stop for
            warnings.append(doc.error(("color", role), f"'{role}' is a {type(value).__name__}, "
                                      "not a colour; the booklet's own is used").render())
            continue
        try:
            colors[role] = resolver.resolve(("color", role), value)
        except ContentError as error:
            errors.add(error)
    for role in OTHER_ROLES:
        if role in color:
            try:
                colors[role] = resolver.resolve(("color", role), color[role])
            except ContentError as error:
                warnings.append(f"{error.render()} (not used in print)")
    for name, value in palette.items():
        if ("color", "palette", name) in resolver.failed:
            continue
        try:
            resolver.resolve(("color", "palette", name), value, (str(name),))
        except ContentError as error:
            warnings.append(f"{error.render()} (not used in print)")
    _derived_tones(colors, {**palette, **color})
    return colors


def flat_colors(color: dict) -> dict:
    """The theme colours beside the palette; brand.yml's first drafts (and files written
    for them) kept them under `theme:`."""
    theme = color.get("theme")
    if isinstance(theme, dict):
        return {**{k: v for k, v in theme.items() if k in THEME_ROLES}, **color}
    return color


def _unused_on_paper(key: str) -> bool:
    words = ("hover", "dark", "active", "focus", "visited", "inverse")
    return any(word in key.lower() for word in words)


def _warning(doc: YamlDoc, keys: tuple, message: str, hint: str = "") -> str:
    return doc.error(keys, message, hint if hint.startswith("did") else "").render()


def _derived_tones(colors: dict[str, str], given: dict) -> None:
    """A brand that names only its primary colour gets light and dark tones of that colour,
    not the neutral brand's blue ones."""
    bold = strong(colors["primary"], colors["background"])
    if "light" not in given:
        colors["light"] = tint(bold, 0.9)
    if "dark" not in given:  # deep enough for light text, even from a pale primary, and
        # set apart from an almost black primary by going a little lighter instead
        colors["dark"] = (shade(bold, 0.55) if contrast(colors["primary"], "#000000") > 1.6
                          else tint(colors["primary"], 0.16))
