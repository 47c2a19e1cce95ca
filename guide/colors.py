"""Colour arithmetic: WCAG contrast, readable text on brand colours, and tints."""

from __future__ import annotations

import colorsys
from functools import lru_cache

from reportlab.lib.colors import Color, HexColor

WHITE = "#ffffff"


def _channel(value: float) -> float:
    return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    c = HexColor(hex_color)
    return 0.2126 * _channel(c.red) + 0.7152 * _channel(c.green) + 0.0722 * _channel(c.blue)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str, dark: str = "#1a1a1a") -> str:
    """White or dark text, whichever reads better on `background` (WCAG contrast)."""
    return WHITE if contrast(WHITE, background) >= contrast(dark, background) else dark


def tint(hex_color: str, amount: float) -> str:
    """Mix with white: amount 0 is the colour, 1 is white."""
    c = HexColor(hex_color)
    mix = [round((ch + (1 - ch) * amount) * 255) for ch in (c.red, c.green, c.blue)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def shade(hex_color: str, amount: float) -> str:
    """Mix with black: amount 0 is the colour, 1 is black."""
    c = HexColor(hex_color)
    mix = [round(ch * (1 - amount) * 255) for ch in (c.red, c.green, c.blue)]
    return "#{:02x}{:02x}{:02x}".format(*mix)


def strong(color: str, paper: str, ratio: float = 3.0) -> str:
    """`color`, darkened just enough to stand out on `paper` (WCAG's 3:1 for graphics), so
    bars, rules and marks in a pale brand colour stay visible."""
    amount = 0.0
    while contrast(shade(color, amount), paper) < ratio and amount < 1:
        amount = round(amount + 0.05, 2)
    return shade(color, amount)


def link_tone(color: str, text: str, paper: str) -> str:
    """`color` at another lightness (same hue and saturation) that differs from body text
    by 3:1, so a link shows without an underline, and still reads on paper at 4.5:1. If no
    lightness does both, the colour as it is, darkened if it reads poorly on paper."""
    c = HexColor(color)
    hue, light, sat = colorsys.rgb_to_hls(c.red, c.green, c.blue)
    best = None
    for step in range(101):
        rgb = colorsys.hls_to_rgb(hue, step / 100, sat)
        candidate = "#{:02x}{:02x}{:02x}".format(*(round(ch * 255) for ch in rgb))
        if contrast(candidate, text) >= 3 and contrast(candidate, paper) >= 4.5:
            if best is None or abs(step / 100 - light) < abs(best[0] - light):
                best = (step / 100, candidate)
    if best is not None:
        return best[1]
    return color if contrast(color, paper) >= 4.5 else strong(color, paper, 4.5)


@lru_cache(maxsize=512)
def to_color(hex_color: str) -> Color:
    """A reportlab colour object, made once per hex string: reportlab re-parses a string
    colour every time a paragraph is drawn."""
    return HexColor(hex_color)
