"""Pictures in chapters: loaded and checked by guide.load.images, scaled to the frame."""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as etree

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Image, KeepTogether, Spacer

from guide.convert.flowables import Paragraph
from guide.load.images import load_image


class ImageBlocks:
    """The picture method of guide.convert.chapter.ChapterConverter."""

    def alt_text(self, img: etree.Element, src: str) -> str:
        alt = image_alt(img)
        if alt is None:
            raise self.error(src, f"the picture '{src}' has no alt text",
                             f'describe it for readers who cannot see it: ![what it shows]({src}); '
                             f'a purely decorative picture is ![""]({src})')
        return alt

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
        picture.alt_text = self.alt_text(img, src)
        picture.hAlign = "CENTER"
        out: list[Flowable] = [Spacer(1, self.theme.base * 0.3), picture]
        caption = img.get("title")
        if caption:
            out.append(Paragraph(self.inline_text(caption), _centered(self.styles["caption"])))
        else:
            out.append(Spacer(1, self.theme.base * 0.8))
        return [KeepTogether(out)]

    def pictures_in(self, el: etree.Element) -> list[Flowable]:
        """The pictures inside a list item or table cell, taken out of its text (which
        would show only their alt text) and checked like any other image; each shrinks to
        the item's or cell's width."""
        found = take_images(el)
        out: list[Flowable] = []
        for img in found:
            src = img.get("src") or ""
            data, px_w, px_h = load_image(self.env.guide.root, src, self.chapter.path,
                                          self.line_of(src))
            width = min(self.theme.frame_width, px_w * 0.75)
            height = width * px_h / px_w
            max_h = self.theme.frame_height * 0.5
            if height > max_h:
                width, height = width * max_h / height, max_h
            picture = FittingImage(io.BytesIO(data), width=width, height=height)
            picture.hAlign = "LEFT"
            out.append(picture)
        return out


DECORATIVE = ('""', "''")


def image_alt(img: etree.Element) -> str | None:
    """The picture's alt text; "" for a decorative one (written ![""](file)); None when
    the Markdown gives none (![](file))."""
    alt = (img.get("alt") or "").strip()
    if alt in DECORATIVE:
        return ""
    return alt or None


def _length(value: str, full: float) -> float | None:
    value = value.strip().lower()
    match = re.fullmatch(r"(\d+(?:\.\d+)?)\s*(%|in|mm|cm|pt|px)?", value)
    if not match:
        return None
    number, unit = float(match.group(1)), match.group(2) or "px"
    factor = {"%": full / 100, "in": 72, "mm": 72 / 25.4, "cm": 72 / 2.54, "pt": 1, "px": 0.75}
    return number * factor[unit] if number > 0 else None


def take_images(el: etree.Element) -> list[etree.Element]:
    """Remove every <img> below `el`, keeping the text after each, and return them."""
    found: list[etree.Element] = []
    for parent in list(el.iter()):
        for child in list(parent):
            if child.tag != "img":
                continue
            found.append(child)
            tail = child.tail or ""
            index = list(parent).index(child)
            if index == 0:
                parent.text = (parent.text or "") + tail
            else:
                previous = parent[index - 1]
                previous.tail = (previous.tail or "") + tail
            parent.remove(child)
    return found


def only_images(el: etree.Element) -> bool:
    """A paragraph that holds pictures and nothing else is shown as those pictures."""
    return len(el) > 0 and not (el.text or "").strip() and all(
        c.tag == "img" and not (c.tail or "").strip() for c in el)


class FittingImage(Image):
    """A picture sized for the full text width that shrinks, keeping its proportions, where
    it has less room (a quote, a callout, a list item, a table cell)."""

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if availWidth > 0 and self.drawWidth > availWidth + 0.5:
            scale = availWidth / self.drawWidth
            self.drawWidth, self.drawHeight = availWidth, self.drawHeight * scale
        return super().wrap(availWidth, availHeight)




def _centered(style):  # type: ignore[no-untyped-def]
    return ParagraphStyle(style.name + "-centered", parent=style, alignment=TA_CENTER)

