"""Convert stage: one chapter's element tree into reportlab flowables."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    Image,
    KeepTogether,
    ListFlowable,
    ListItem,
    PageBreak,
    Spacer,
    Table,
    TableStyle,
)

from .anchors import AnchorIndex, heading_key, heading_slug, unique_slug
from .colors import to_color
from .errors import ContentError, ErrorCollector, did_you_mean
from .flowables import Box, CheckItem, FormSettings, Paragraph
from .furniture import Templates
from .images import load_image
from .inline_markup import InlineRenderer, plain_text
from .markdown_parse import DIRECTIVES, undefined_footnotes
from .model import Chapter, Guide
from .theme import Theme

TASK = re.compile(r"^\[([ xX])\][ \t]+")
CALLOUT_KINDS = {"note": "strong", "tip": "strong", "important": "accent", "warning": "accent",
                 "info": "strong", "danger": "accent", "caution": "accent"}


class HeadingParagraph(Paragraph):
    """A heading that knows its bookmark, so layout can add it to the outline."""

    def __init__(self, markup: str, style, key: str, title: str, level: int):  # type: ignore[no-untyped-def]
        super().__init__(markup, style)
        self.outline_key, self.outline_title, self.outline_level = key, title, level


@dataclass(frozen=True)
class ChecklistItem:
    chapter_id: str
    chapter_title: str
    text_markup: str
    plain: str
    checked: bool
    field_name: str


@dataclass
class FieldNames:
    """Stable, unique form field names derived from chapter and item text, never a counter."""

    taken: set[str] = field(default_factory=set)

    def make(self, prefix: str, text: str) -> str:
        base = f"{prefix}.{slugify(text, '-')[:48].strip('-') or 'item'}"
        name, n = base, 2
        while name in self.taken:
            name, n = f"{base}-{n}", n + 1
        self.taken.add(name)
        return name


DirectiveBuilder = Callable[["ChapterConverter", str, int], list[Flowable]]


@dataclass
class ConvertEnv:
    """What every chapter's conversion shares: the guide, the look, links, fields, directives."""

    guide: Guide
    theme: Theme
    anchors: AnchorIndex
    forms: FormSettings
    directives: dict[str, DirectiveBuilder]
    templates: Templates
    field_names: FieldNames = field(default_factory=FieldNames)
    checklists: dict[str, list[ChecklistItem]] = field(default_factory=dict)


class ChapterConverter:
    """Walks one chapter's tree; each element kind has one small method."""

    def __init__(self, chapter: Chapter, env: ConvertEnv):
        self.chapter, self.env = chapter, env
        self.theme = env.theme
        self.styles = env.theme.styles
        self.slugs: list[str] = []
        self.mistakes = ErrorCollector()
        colors = env.theme.colors
        self.inline = InlineRenderer(self._resolve_link, colors["link"],
                                     env.theme.faces.heading.regular, colors["light"],
                                     f"fn-{chapter.id}-")

    # -- helpers ---------------------------------------------------------------
    def line_of(self, needle: str) -> int:
        """Best-effort file line of some text, for error messages."""
        for offset, line in enumerate(self.chapter.body.split("\n")):
            if needle and needle in line:
                return self.chapter.body_line + offset
        return self.chapter.body_line

    def error(self, needle: str, message: str, hint: str = "") -> ContentError:
        return ContentError(self.chapter.path, self.line_of(needle), message, hint)

    def _resolve_link(self, href: str) -> str:
        try:
            return self.env.anchors.resolve(href, self.chapter, self.line_of(f"({href}"))
        except ContentError as error:
            self.mistakes.add(error)  # keep converting, to report the chapter's other mistakes
            return "#"

    def para(self, element: etree.Element, style: str) -> Paragraph:
        return Paragraph(self.inline.content(element), self.styles[style])

    # -- blocks ----------------------------------------------------------------
    def convert(self, root: etree.Element) -> list[Flowable]:
        """The chapter's flowables; every link, callout and footnote mistake is reported."""
        for name in undefined_footnotes(self.chapter.body):
            self.mistakes.add(self.error(f"[^{name}]", f"footnote '[^{name}]' has no note",
                                         f"add a line '[^{name}]: the note' at the end of the "
                                         "chapter"))
        flowables = self.blocks(root)
        self.mistakes.raise_if_any()
        return flowables

    def blocks(self, parent: etree.Element) -> list[Flowable]:
        out: list[Flowable] = []
        for child in parent:
            handler = getattr(self, "block_" + child.tag.replace("-", "_"), None)
            out.extend(handler(child) if handler else self.block_unknown(child))
        return out

    def block_unknown(self, el: etree.Element) -> list[Flowable]:
        if len(el) and all(c.tag in BLOCK_TAGS for c in el):
            return self.blocks(el)
        return [self.para(el, "body")] if plain_text(el).strip() else []

    def block_p(self, el: etree.Element) -> list[Flowable]:
        if _only_images(el):
            return [f for img in el for f in self.image(img)]
        paragraph = self.para(el, "body")
        # A sentence that introduces what follows ("...you will need:") never ends a page.
        paragraph.keepWithNext = plain_text(el).rstrip().endswith(":")
        return [paragraph]

    def heading(self, el: etree.Element, level: int) -> list[Flowable]:
        slug = unique_slug(heading_slug(el), self.slugs)
        self.slugs.append(slug)
        key = heading_key(self.chapter.id, slug)
        style = {2: "h2", 3: "h3"}.get(level, "h4")
        markup = f'<a name="{key}"/>{self.inline.content(el)}'
        heading = HeadingParagraph(markup, self.styles[style], key, plain_text(el), level)
        # Keep a heading off the bottom of a page: ask for room for it and two lines.
        room = self.styles[style].leading * 2 + self.styles["body"].leading * 3
        return [CondPageBreak(room), heading]

    def block_h1(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 2)

    def block_h2(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 2)

    def block_h3(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 3)

    def block_h4(self, el: etree.Element) -> list[Flowable]:
        return self.heading(el, 4)

    block_h5 = block_h6 = block_h4

    def block_hr(self, el: etree.Element) -> list[Flowable]:
        b = self.theme.base
        return [HRFlowable(width="100%", thickness=0.6, color=self.theme.colors["rule"],
                           spaceBefore=b * 0.6, spaceAfter=b * 1.0)]

    def block_pre(self, el: etree.Element) -> list[Flowable]:
        code = plain_text(el).rstrip("\n")
        markup = "<br/>".join(self.inline_text(line).replace(" ", "&nbsp;")
                              for line in code.split("\n"))
        style = self.styles["cell"]
        return [Box([Paragraph(markup, style)], fill=self.theme.colors["light"], bar=None,
                    padding=self.theme.base * 0.6)]

    @staticmethod
    def inline_text(value: str) -> str:
        from .inline_markup import text
        return text(value)

    def block_blockquote(self, el: etree.Element) -> list[Flowable]:
        content = self.blocks(el) if len(el) else [self.para(el, "quote")]
        for flowable in content:
            if isinstance(flowable, Paragraph) and flowable.style.name == "body":
                flowable.style = self.styles["quote"]
        box = Box(content, fill=None, bar=self.theme.colors["rule"], padding=self.theme.base * 0.5,
                  bar_width=2.5)
        box.spaceAfter = self.theme.base * 0.5
        return [box]

    def block_div(self, el: etree.Element) -> list[Flowable]:
        classes = (el.get("class") or "").split()
        if "admonition" in classes:
            return self.callout(el, classes)
        if "footnote" in classes:
            return self.footnotes(el)
        return self.blocks(el)

    def callout(self, el: etree.Element, classes: list[str]) -> list[Flowable]:
        kind = next((c for c in classes if c != "admonition"), "note")
        if kind not in CALLOUT_KINDS:
            self.mistakes.add(self.error(f"!!! {kind}", f"unknown callout kind '{kind}'",
                                         did_you_mean(kind, CALLOUT_KINDS)))
            kind = "note"
        color = self.theme.colors[CALLOUT_KINDS[kind]]
        content: list[Flowable] = []
        for child in el:
            if child.tag == "p" and "admonition-title" in (child.get("class") or ""):
                title = Paragraph(self.inline.content(child), self.styles["callout_title"])
                title.style = _with_color(self.styles["callout_title"], color)
                title.keepWithNext = True
                content.append(title)
            elif child.tag == "p" and _only_images(child):
                content.extend(self.block_p(child))
            elif child.tag == "p":
                content.append(self.para(child, "callout"))
            else:
                content.extend(self.blocks(_wrap(child)))
        b = self.theme.base
        box = Box(content, fill=self.theme.colors["light"], bar=color, padding=b * 0.8)
        # Space as attributes, not Spacers: reportlab drops it at a page's top or bottom.
        box.spaceBefore, box.spaceAfter = b * 0.2, b * 0.9
        return [box]

    def footnotes(self, el: etree.Element) -> list[Flowable]:
        items = el.findall("./ol/li")
        if not items:
            return []
        out: list[Flowable] = [HRFlowable(width="30%", thickness=0.5, hAlign="LEFT",
                                          color=self.theme.colors["rule"], spaceBefore=self.theme.base),
                               Paragraph("Notes", self.styles["notes_head"])]
        for number, li in enumerate(items, start=1):
            for backref in li.iter("a"):
                if "footnote-backref" in (backref.get("class") or ""):
                    backref.text, backref.tag = "", "span"
            paragraphs = [c for c in li if c.tag == "p"] or [li]
            key = f"fn-{self.chapter.id}-{number}"
            body = " ".join(self.inline.content(p, skip=lambda c: c.tag == "span")
                            for p in paragraphs)
            out.append(Paragraph(f'<a name="{key}"/>{number}.&nbsp;&nbsp;{body}', self.styles["note"]))
        return out

    # -- lists -------------------------------------------------------------------
    def block_ul(self, el: etree.Element) -> list[Flowable]:
        items = el.findall("li")
        if any(TASK.match(_first_text(li)) for li in items):
            return self.checklist(items)
        return [self.list(el, "bullet")]

    def block_ol(self, el: etree.Element) -> list[Flowable]:
        return [self.list(el, "1")]

    def list(self, el: etree.Element, kind: str) -> ListFlowable:
        b = self.theme.base
        entries = [ListItem(self.item_content(li), leftIndent=b * 1.5) for li in el.findall("li")]
        options: dict = dict(leftIndent=b * 1.5, bulletFontName=self.theme.faces.heading.bold,
                             bulletColor=to_color(self.theme.colors["accent"]), spaceAfter=b * 0.5)
        if kind == "bullet":
            options.update(bulletType="bullet", start="•", bulletFontSize=b * 0.9)
        else:
            options.update(bulletType="1", bulletFormat="%s.", bulletFontSize=b * 0.88,
                           start=int(el.get("start") or 1))
        return ListFlowable(entries, **options)

    def item_content(self, li: etree.Element) -> list[Flowable]:
        inline_children = [c for c in li if c.tag not in BLOCK_TAGS]
        block_children = [c for c in li if c.tag in BLOCK_TAGS]
        out: list[Flowable] = []
        if (li.text or "").strip() or inline_children:
            holder = etree.Element("p")
            holder.text = li.text
            for child in inline_children:
                holder.append(child)
            out.append(self.para(holder, "list"))
        for child in block_children:
            flowables = self.blocks(_wrap(child))
            for f in flowables:
                if isinstance(f, Paragraph) and f.style.name == "body":
                    f.style = self.styles["list"]
            out.extend(flowables)
        return out or [Paragraph("", self.styles["list"])]

    def checklist(self, items: list[etree.Element]) -> list[Flowable]:
        out: list[Flowable] = []
        collected = self.env.checklists.setdefault(self.chapter.id, [])
        colors = self.theme.colors
        for li in items:
            first = _first_text(li)
            match = TASK.match(first)
            if not match:
                out.append(self.list(_wrap_list(li), "bullet"))
                continue
            _strip_task_marker(li, match.end())
            checked = match.group(1) in "xX"
            holder = _inline_holder(li)
            markup = self.inline.content(holder)
            plain = plain_text(holder).strip()
            name = self.env.field_names.make(self.chapter.id, plain)
            paragraph = Paragraph(markup, self.styles["check"])
            out.append(CheckItem(paragraph, name, checked, self.theme.base * 1.05,
                                 colors["heading"], self.env.forms, tooltip=plain))
            collected.append(ChecklistItem(self.chapter.id, self.chapter.title, markup, plain,
                                           checked, name))
            for child in li:
                if child.tag in ("ul", "ol"):
                    out.append(self.list(child, "bullet" if child.tag == "ul" else "1"))
        if out:
            out[0].spaceBefore = self.theme.base * 0.2
            out[-1].spaceAfter = self.theme.base * 0.6
        # A short checklist stays on one page with its heading (reportlab groups a run of
        # keep-with-next flowables); a long one never leaves one box alone on a page.
        chained = out[:-1] if len(out) <= 10 else [out[0], out[-2]] if len(out) >= 3 else []
        for flowable in chained:
            flowable.keepWithNext = True
        return out

    # -- tables, definitions, images ----------------------------------------------------
    def block_table(self, el: etree.Element) -> list[Flowable]:
        from .stats_table import styled_table
        header = [c for c in el.iter() if c.tag == "th"]
        rows = [[cell for cell in tr if cell.tag in ("td", "th")] for tr in el.iter("tr")]
        aligns = [_align(c) for c in rows[0]] if rows else []
        data = []
        for r, row in enumerate(rows):
            cells = []
            for c, cell in enumerate(row):
                style = "cell_head" if cell.tag == "th" else {
                    "right": "cell_right", "center": "cell_center"}.get(
                        aligns[c] if c < len(aligns) else "left", "cell")
                cells.append(Paragraph(self.inline.content(cell), self._cell_style(style, aligns, c)))
            data.append(cells)
        if not data:
            return []
        return [styled_table(data, self.theme, header_rows=1 if header else 0)]

    def _cell_style(self, style: str, aligns: list[str], column: int):  # type: ignore[no-untyped-def]
        base = self.styles[style]
        if style == "cell_head" and column < len(aligns) and aligns[column] in ("right", "center"):
            from reportlab.lib.enums import TA_CENTER, TA_RIGHT
            from reportlab.lib.styles import ParagraphStyle
            return ParagraphStyle(f"cell_head_{aligns[column]}", parent=base,
                                  alignment=TA_RIGHT if aligns[column] == "right" else TA_CENTER)
        return base

    def block_dl(self, el: etree.Element) -> list[Flowable]:
        """Terms in a narrow left column beside their definitions: compact, easy to scan."""
        from .stats_table import FittingTable
        rows: list[list] = []
        for child in el:
            if child.tag == "dt":
                rows.append([self.para(child, "term"), []])
            elif child.tag == "dd":
                if not rows:
                    rows.append([Paragraph("", self.styles["term"]), []])
                parts = [c for c in child if c.tag == "p"] if len(child) and child[0].tag == "p" else [child]
                for part in parts:
                    rows[-1][1].append(self.para(part, "definition"))
                for extra in (c for c in child if c.tag in BLOCK_TAGS and c.tag != "p"):
                    rows[-1][1].extend(self.blocks(_wrap(extra)))
        if not rows:
            return []
        width = self.theme.frame_width
        term_width = min(width * 0.3, max(
            (r[0].minWidth() + 6 for r in rows), default=width * 0.22))
        table = FittingTable([[term, body or [Spacer(1, 1)]] for term, body in rows],
                             colWidths=[term_width, width - term_width], splitByRow=1,
                             hAlign="LEFT")
        b = self.theme.base
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (0, -1), b * 0.6),
            ("RIGHTPADDING", (1, 0), (1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), b * 0.18), ("BOTTOMPADDING", (0, 0), (-1, -1), b * 0.05),
            ("LINEBELOW", (0, 0), (-1, -2), 0.4, self.theme.colors["rule"]),
        ]))
        table.spaceAfter = b * 0.8
        return [table]

    def image(self, img: etree.Element) -> list[Flowable]:
        src = img.get("src") or ""
        data, px_w, px_h = load_image(self.env.guide.root, src, self.chapter.path,
                                      self.line_of(src))
        frame_w = self.theme.frame_width
        width = _length(img.get("width") or "", frame_w)
        if width is None:
            if img.get("width"):
                raise self.error(src, f"image width '{img.get('width')}' is not understood",
                                 "use a percent like 60% or a length like 2in or 50mm")
            width = min(frame_w, px_w * 0.75)
        width = min(width, frame_w)
        height = width * px_h / px_w
        max_h = self.theme.frame_height * 0.7
        if height > max_h:
            width, height = width * max_h / height, max_h
        picture = FittingImage(io.BytesIO(data), width=width, height=height)
        picture.hAlign = "CENTER"
        out: list[Flowable] = [Spacer(1, self.theme.base * 0.3), picture]
        caption = img.get("title")
        if caption:
            out.append(Paragraph(self.inline_text(caption), _centered(self.styles["caption"])))
        else:
            out.append(Spacer(1, self.theme.base * 0.8))
        return [KeepTogether(out)]

    # -- directives ---------------------------------------------------------------
    def block_directive(self, el: etree.Element) -> list[Flowable]:
        kind, arg = el.get("kind") or "", el.get("arg") or ""
        line = self.line_of(f"::: {kind}") if kind else self.chapter.body_line
        if kind == "pagebreak":
            return [PageBreak()]
        builder = self.env.directives.get(kind)
        if builder is None:
            if kind in DIRECTIVES:
                raise ContentError(self.chapter.path, line, f"'::: {kind}' needs data this pack "
                                   "does not have", "add timeline.yml, or remove the line")
            raise ContentError(self.chapter.path, line, f"unknown directive '::: {kind}'",
                               did_you_mean(kind, DIRECTIVES))
        return builder(self, arg, line)


BLOCK_TAGS = {"p", "ul", "ol", "table", "blockquote", "div", "pre", "hr", "dl", "h1", "h2",
              "h3", "h4", "h5", "h6", "directive"}


def _first_text(li: etree.Element) -> str:
    if (li.text or "").strip():
        return li.text.lstrip()
    if len(li) and li[0].tag == "p":
        return (li[0].text or "").lstrip()
    return ""


def _strip_task_marker(li: etree.Element, length: int) -> None:
    if (li.text or "").strip():
        li.text = li.text.lstrip()[length:]
    elif len(li) and li[0].tag == "p":
        li[0].text = (li[0].text or "").lstrip()[length:]


def _inline_holder(li: etree.Element) -> etree.Element:
    """The item's own text (the first paragraph of a loose item), without nested lists."""
    if not (li.text or "").strip() and len(li) and li[0].tag == "p":
        return li[0]
    holder = etree.Element("p")
    holder.text = li.text
    for child in li:
        if child.tag in BLOCK_TAGS:
            break
        holder.append(child)
    return holder


def _wrap(child: etree.Element) -> etree.Element:
    holder = etree.Element("div")
    holder.append(child)
    return holder


def _wrap_list(li: etree.Element) -> etree.Element:
    holder = etree.Element("ul")
    holder.append(li)
    return holder


def _align(cell: etree.Element) -> str:
    style = cell.get("style") or cell.get("align") or ""
    for value in ("right", "center", "left"):
        if value in style:
            return value
    return "left"


def _length(value: str, full: float) -> float | None:
    value = value.strip().lower()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|in|mm|cm|pt|px)?", value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    factor = {"%": full / 100, "in": 72, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1, "px": 0.75}
    return number * factor[unit] if number > 0 else None


def _only_images(el: etree.Element) -> bool:
    """A paragraph that holds pictures and nothing else is shown as those pictures."""
    return len(el) > 0 and not (el.text or "").strip() and all(
        c.tag == "img" and not (c.tail or "").strip() for c in el)


class FittingImage(Image):
    """A picture sized for the full text width that shrinks, keeping its proportions, where
    it has less room (a quote, a callout, a list item)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self.drawWidth > availWidth + 0.5:
            scale = availWidth / self.drawWidth
            self.drawWidth, self.drawHeight = availWidth, self.drawHeight * scale
        return super().wrap(availWidth, availHeight)


def _with_color(style, color: str):  # type: ignore[no-untyped-def]
    from reportlab.lib.styles import ParagraphStyle
    return ParagraphStyle(style.name + "-colored", parent=style, textColor=to_color(color))


def _centered(style):  # type: ignore[no-untyped-def]
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    return ParagraphStyle(style.name + "-centered", parent=style, alignment=TA_CENTER)


__all__ = ["ChapterConverter", "ConvertEnv", "FieldNames", "HeadingParagraph", "ChecklistItem",
           "Table", "TableStyle"]
