"""Fitting text into boxes: wrap first, then shrink, never clip."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

MIN_SIZE = 5.5  # points; no text in the booklet is smaller
LEADING = 1.18


def wrap_words(text: str, font: str, size: float, width: float) -> list[str] | None:
    """Greedy word wrap; None when a single word is wider than `width`."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        if stringWidth(word, font, size) > width:
            return None
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width:
            current = trial
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    return lines or [""]


def break_characters(text: str, font: str, size: float, width: float) -> list[str]:
    """Last resort for a word longer than its box: break it between characters."""
    lines, current = [], ""
    for ch in text:
        if stringWidth(current + ch, font, size) > width and current:
            lines.append(current.rstrip())
            current = ch.lstrip()
        else:
            current += ch
    return lines + [current] if current else lines


def fit_text(text: str, font: str, size: float, width: float, height: float,
             max_lines: int = 3) -> tuple[list[str], float]:
    """Lines and size that fit `width` x `height`: wrap first, then shrink, never clip."""
    size = max(size, MIN_SIZE)
    while True:
        lines = wrap_words(text, font, size, width)
        if lines is not None and len(lines) <= max_lines and len(lines) * size * LEADING <= height:
            return lines, size
        if size * 0.92 < MIN_SIZE:
            break
        size *= 0.92
    size = MIN_SIZE
    lines = wrap_words(text, font, size, width) or break_characters(text, font, size, width)
    return lines, size


def text_width(lines: list[str], font: str, size: float) -> float:
    return max((stringWidth(line, font, size) for line in lines), default=0.0)


def overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float],
             gap: float = 0.0) -> bool:
    return a[0] < b[2] + gap and b[0] < a[2] + gap and a[1] < b[3] + gap and b[1] < a[3] + gap



def fits(text: str, lines: list[str], font: str, size: float, width: float,
         max_lines: int) -> bool:
    """Whether fitted lines really fit: not too many, none wider than the box, and no word
    broken between lines (fit_text's last resort)."""
    return (len(lines) <= max_lines and text_width(lines, font, size) <= width + 0.01
            and " ".join(lines).split() == text.split())
