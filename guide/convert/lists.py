"""Lists and checklists: bullets and numbers, and `- [ ]` items that become form fields
gathered for the master checklist."""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from reportlab.platypus import Flowable

from guide.colors import to_color
from guide.convert.context import BLOCK_TAGS, ChecklistItem
from guide.convert.flowables import CheckItem, Paragraph
from guide.tagging.flowables import LabelBullet, ListLine
from guide.tagging.log import Ref
from guide.tagging.story import tag_item
from guide.text.inline_markup import plain_text

TASK = re.compile(r"^\[([ xX])\][ \t]+")


class ListBlocks:
    """The list methods of guide.convert.chapter.ChapterConverter."""

    def block_ul(self, el: etree.Element) -> list[Flowable]:
        items = el.findall("li")
        if any(TASK.match(_first_text(li)) for li in items):
            return self.checklist(items)
        return self.list(el, "bullet")

    def block_ol(self, el: etree.Element) -> list[Flowable]:
        return self.list(el, "1")

    def list(self, el: etree.Element, kind: str) -> list[Flowable]:
        """One indented line per flowable of each item, the bullet or number on the item's
        first; tagged as L, LI, Lbl and LBody."""
        b = self.theme.base
        indent = b * 1.5
        bullet_style = dict(bulletAlign="left", bulletType="bullet",
                            bulletColor=to_color(self.theme.colors["accent"]),
                            bulletFontName=self.theme.faces.heading.bold,
                            bulletFontSize=b * 0.9 if kind == "bullet" else b * 0.88,
                            bulletOffsetY=0, bulletDedent=indent, bulletDir="ltr")
        start = int(el.get("start") or 1)
        whole = Ref("L")
        lines: list[Flowable] = []
        for number, li in enumerate(el.findall("li"), start=start):
            item = Ref("LI", whole)
            label = "•" if kind == "bullet" else f"{number}."
            for index, flowable in enumerate(tag_item(self.item_content(li), Ref("LBody", item),
                                                           self.theme.words)):
                bullet = LabelBullet(item, value=label, **bullet_style) if index == 0 else None
                lines.append(ListLine(flowable, indent, bullet, whole))
        if lines:
            lines[-1].spaceAfter = b * 0.5
        return lines

    def item_content(self, li: etree.Element) -> list[Flowable]:
        inline_children = [c for c in li if c.tag not in BLOCK_TAGS]
        block_children = [c for c in li if c.tag in BLOCK_TAGS]
        out: list[Flowable] = []
        if (li.text or "").strip() or inline_children:
            holder = etree.Element("p")
            holder.text = li.text
            for child in inline_children:
                holder.append(child)
            pictures = self.pictures_in(holder)
            if (holder.text or "").strip() or len(holder) or not pictures:
                out.append(self.para(holder, "list"))
            out.extend(pictures)
        for child in block_children:
            flowables = self.blocks(wrap_element(child))
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
                out.extend(self.list(_wrap_list(li), "bullet"))
                continue
            _strip_task_marker(li, match.end())
            checked = match.group(1) in "xX"
            holder = _inline_holder(li)
            pictures = self.pictures_in(holder)
            markup = self.inline.content(holder)
            plain = plain_text(holder).strip()
            name = self.env.field_names.make(self.chapter.id, plain)
            paragraph = Paragraph(markup, self.styles["check"])
            out.append(CheckItem(paragraph, name, checked, self.theme.base * 1.05,
                                 colors["heading"], self.env.forms, tooltip=plain))
            out.extend(pictures)
            collected.append(ChecklistItem(self.chapter.id, self.chapter.title, markup, plain,
                                           checked, name))
            for child in li:
                if child.tag in ("ul", "ol"):
                    out.extend(self.list(child, "bullet" if child.tag == "ul" else "1"))
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


def wrap_element(child: etree.Element) -> etree.Element:
    holder = etree.Element("div")
    holder.append(child)
    return holder


def _wrap_list(li: etree.Element) -> etree.Element:
    holder = etree.Element("ul")
    holder.append(li)
    return holder


