"""Inline Markdown elements into reportlab paragraph markup, escaping every character of text."""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as etree
from collections.abc import Callable

from markdown.extensions.footnotes import NBSP_PLACEHOLDER

from guide.text.xml_text import escape, quoteattr

SAFE_SCHEMES = ("http://", "https://", "mailto:", "tel:")
_STASH = re.compile(r"\x02[^\x03]*\x03|" + re.escape(NBSP_PLACEHOLDER))


_OPENING_CONTEXT = re.compile(r"(^|[\s(\[{\u2014\u2013/-])$")


def typographic(value: str) -> str:
    """Straight quotes and apostrophes as the curly ones a printed page uses."""
    if "'" not in value and '"' not in value:
        return value
    out: list[str] = []
    for index, ch in enumerate(value):
        if ch not in "'\"":
            out.append(ch)
            continue
        before = value[index - 1] if index else ""
        opening = bool(_OPENING_CONTEXT.search(before))
        if ch == '"':
            out.append("\u201c" if opening else "\u201d")
        else:
            out.append("\u2018" if opening else "\u2019")
    return "".join(out)


def text(value: str | None) -> str:
    """Author text as paragraph markup: nothing typed can become a reportlab tag."""
    if not value:
        return ""
    return escape(typographic(_STASH.sub("", value)))


def plain_text(element: etree.Element) -> str:
    """The visible text of an element, without any markup."""
    parts = []
    for piece in element.itertext():
        parts.append(_STASH.sub("", piece))
    out = "".join(parts)
    return html.unescape(out) if element.tag == "code" else out


class InlineRenderer:
    """Turns an element's inline content into markup; links resolve through `resolve_link`."""

    def __init__(self, resolve_link: Callable[[str], str | None], link_color: str,
                 code_font: str, code_back: str, footnote_prefix: str):
        self.resolve_link = resolve_link
        self.link_color = link_color
        self.code_font = code_font
        self.code_back = code_back
        self.footnote_prefix = footnote_prefix

    def content(self, element: etree.Element, skip: Callable[[etree.Element], bool] | None = None) -> str:
        parts = [text(element.text)]
        for child in element:
            if skip is None or not skip(child):
                parts.append(self.element(child))
            parts.append(text(child.tail))
        return "".join(parts)

    def element(self, el: etree.Element) -> str:
        tag = el.tag
        if tag in ("strong", "b"):
            return f"<b>{self.content(el)}</b>"
        if tag in ("em", "i"):
            return f"<i>{self.content(el)}</i>"
        if tag == "del":
            return f"<strike>{self.content(el)}</strike>"
        if tag == "code":
            return (f'<font name="{self.code_font}" backColor="{self.code_back}">'
                    f"{escape(plain_text(el))}</font>")
        if tag == "br":
            return "<br/>"
        if tag == "a":
            return self.link(el)
        if tag == "sup":
            ref = el.find("a")
            if ref is not None and "footnote-ref" in (ref.get("class") or ""):
                number = plain_text(ref)
                key = f"{self.footnote_prefix}{number}"
                return (f'<super><a href="#{key}" color="{self.link_color}">{text(number)}</a>'
                        "</super>")
            return f"<super>{self.content(el)}</super>"
        if tag == "img":
            return text(el.get("alt") or "")
        return self.content(el)

    def link(self, el: etree.Element) -> str:
        href = (el.get("href") or "").strip()
        label = self.content(el)
        if href.startswith("#") or href.endswith(".md") or ".md#" in href:
            target = self.resolve_link(href)
            return f'<a href={quoteattr("#" + target)} color="{self.link_color}">{label}</a>'
        if href.startswith(SAFE_SCHEMES):
            return f'<a href={quoteattr(href)} color="{self.link_color}">{label}</a>'
        self.resolve_link(href)  # raises: not a web address nor a cross-reference
        return label
