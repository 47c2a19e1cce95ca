"""The stylesheet: page geometry, colours and paragraph styles, built once from brand and size."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, A5, LETTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch, mm

from guide.colors import contrast, link_tone, shade, strong, text_on, tint, to_color
from guide.layout.fonts import Typefaces
from guide.model import Brand
from guide.text.wording import ENGLISH, Wording

PAGE_SIZES = {"half-letter": (5.5 * inch, 8.5 * inch), "a5": A5, "letter": LETTER, "a4": A4}


@dataclass(frozen=True)
class Margins:
    top: float
    bottom: float
    inner: float
    outer: float


@dataclass(frozen=True)
class Theme:
    page_size: str
    width: float
    height: float
    margins: Margins
    colors: dict[str, str]
    faces: Typefaces
    base: float  # body text size in points
    body_leading: float | None = None  # the brand's line heights, as multiples of the size
    heading_leading: float | None = None
    styles: dict[str, ParagraphStyle] = field(default_factory=dict)
    words: Wording = ENGLISH  # the booklet's own words and number formats, in its language

    @property
    def frame_width(self) -> float:
        return self.width - self.margins.inner - self.margins.outer

    @property
    def frame_height(self) -> float:
        return self.height - self.margins.top - self.margins.bottom


def make_colors(brand: Brand) -> dict[str, str]:
    c = brand.colors
    primary, secondary = c["primary"], c["secondary"]
    text = c["foreground"]
    # Headings use the primary colour only when it reads well on paper.
    # as given (the brand's heading colour, else primary) when it reads well
    heading = strong(c.get("headings") or primary, c["background"], 4.5)
    # Bars, rules and marks need 3:1 against the paper; a pale primary is darkened for them.
    bold = strong(primary, c["background"])
    return {
        "primary": primary, "secondary": secondary, "text": text, "paper": c["background"],
        "heading": heading, "muted": tint(text, 0.35), "rule": tint(bold, 0.7), "strong": bold,
        "light": c.get("light") or tint(bold, 0.88), "zebra": tint(bold, 0.92),
        "dark": c["dark"], "on_primary": text_on(primary), "on_secondary": text_on(secondary),
        "on_dark": text_on(c["dark"]),
        "link": (strong(c["link"], c["background"], 4.5) if c.get("link")
                 else link_tone(primary, text, c["background"])),
        "accent": secondary if contrast(secondary, c["background"]) >= 3 else shade(secondary, 0.4),
    }


def make_theme(brand: Brand, faces: Typefaces, page_size: str,
               words: Wording = ENGLISH) -> Theme:
    width, height = PAGE_SIZES[page_size]
    small = width < 450
    base = 9.5 if small else 11.0
    if small:
        margins = Margins(top=0.7 * inch, bottom=0.72 * inch, inner=0.62 * inch, outer=0.55 * inch)
    else:
        margins = Margins(top=0.95 * inch, bottom=0.9 * inch, inner=0.95 * inch, outer=0.85 * inch)
    if page_size == "a5":
        margins = Margins(top=17 * mm, bottom=18 * mm, inner=15 * mm, outer=14 * mm)
    colors = make_colors(brand)
    theme = Theme(page_size, width, height, margins, colors, faces, base,
                  brand.fonts.body_leading, brand.fonts.heading_leading, words=words)
    styles = _styles(theme)
    for style in styles.values():
        if isinstance(style.textColor, str):
            style.textColor = to_color(style.textColor)
    theme.styles.update(styles)
    return theme


def _styles(t: Theme) -> dict[str, ParagraphStyle]:
    b, body, head, c = t.base, t.faces.body, t.faces.heading, t.colors
    lead = b * (t.body_leading or 1.36)
    hl = t.heading_leading  # the brand's heading line height, else the booklet's own
    body_style = ParagraphStyle("body", fontName=body.regular, fontSize=b, leading=lead,
                                textColor=c["text"], spaceAfter=b * 0.5, alignment=TA_LEFT,
                                hyphenationLang="", embeddedHyphenation=0, splitLongWords=1)

    def derive(name: str, parent: ParagraphStyle = body_style, **kw: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=parent, **kw)

    sans = dict(fontName=head.regular)
    return {
        "body": body_style,
        "lead": derive("lead", fontName=body.italic, fontSize=b * 1.08, leading=b * 1.45,
                       textColor=c["muted"], spaceAfter=b * 0.8),
        "h2": derive("h2", fontName=head.bold, fontSize=b * 1.38,
                     leading=b * (hl * 1.38 if hl else 1.7),
                     textColor=c["heading"], spaceBefore=b * 0.85, spaceAfter=b * 0.35,
                     keepWithNext=1),
        "h3": derive("h3", fontName=head.bold, fontSize=b * 1.12,
                     leading=b * (hl * 1.12 if hl else 1.4),
                     textColor=c["text"], spaceBefore=b * 0.8, spaceAfter=b * 0.3, keepWithNext=1),
        "h4": derive("h4", fontName=head.bold, fontSize=b * 0.92,
                     leading=b * (hl * 0.92 if hl else 1.25),
                     textColor=c["heading"], spaceBefore=b * 0.6, spaceAfter=b * 0.2,
                     keepWithNext=1),
        "list": derive("list", spaceAfter=b * 0.15),
        "quote": derive("quote", fontName=body.italic, textColor=c["muted"], leftIndent=b * 1.2,
                        spaceAfter=b * 0.5),
        "callout_title": derive("callout_title", fontName=head.bold, fontSize=b * 0.95,
                                leading=b * 1.25, spaceAfter=b * 0.2),
        "callout": derive("callout", fontSize=b * 0.95, leading=b * 1.36, spaceAfter=b * 0.35),
        "caption": derive("caption", **sans, fontSize=b * 0.78, leading=b * 1.05,
                          textColor=c["muted"], spaceBefore=b * 0.3, spaceAfter=b * 0.9),
        "cell": derive("cell", **sans, fontSize=b * 0.84, leading=b * 1.08, spaceAfter=0),
        "cell_right": derive("cell_right", **sans, fontSize=b * 0.84, leading=b * 1.08,
                             alignment=TA_RIGHT, spaceAfter=0),
        "cell_center": derive("cell_center", **sans, fontSize=b * 0.84, leading=b * 1.08,
                              alignment=TA_CENTER, spaceAfter=0),
        "cell_head": derive("cell_head", fontName=head.bold, fontSize=b * 0.84, leading=b * 1.08,
                            textColor=c["on_primary"], spaceAfter=0),
        "term": derive("term", fontName=head.bold, fontSize=b * 0.95, leading=b * 1.42,
                       textColor=c["heading"], spaceAfter=0),
        "definition": derive("definition", spaceAfter=b * 0.15),
        "note": derive("note", fontSize=b * 0.8, leading=b * 1.1, textColor=c["muted"],
                       spaceAfter=b * 0.2, leftIndent=b * 1.1, firstLineIndent=-b * 1.1),
        "notes_head": derive("notes_head", fontName=head.bold, fontSize=b * 0.82,
                             leading=b * 1.1, textColor=c["muted"], spaceBefore=b * 0.8,
                             spaceAfter=b * 0.3, keepWithNext=1),
        "check": derive("check", spaceAfter=b * 0.22),
        "toc": derive("toc", fontName=head.regular, fontSize=b * 1.02, leading=b * 1.3,
                      spaceAfter=0),
        "toc_kicker": derive("toc_kicker", fontName=head.bold, fontSize=b * 0.7,
                             leading=b * 0.9, textColor=c["accent"], spaceAfter=0),
        "toc_summary": derive("toc_summary", fontName=body.italic, fontSize=b * 0.82,
                              leading=b * 1.1, textColor=c["muted"], spaceAfter=0),
        "planner_label": derive("planner_label", fontName=head.bold, fontSize=b * 0.85,
                                leading=b * 1.1, spaceAfter=0),
    }
