"""Cross-reference targets: every chapter and heading, indexed before any chapter is converted."""

from __future__ import annotations

import xml.etree.ElementTree as etree
from dataclasses import dataclass, field

from markdown.extensions.toc import slugify

from guide.errors import ContentError, did_you_mean
from guide.model import Chapter
from guide.text.inline_markup import plain_text


FOOTNOTE_PREFIX = "fn-"  # a footnote's key; the tagging makes a link to one a Reference


def footnote_prefix(chapter_id: str) -> str:
    """The keys of a chapter's footnotes, before their numbers."""
    return f"{FOOTNOTE_PREFIX}{chapter_id}-"


def chapter_key(chapter_id: str) -> str:
    return f"ch-{chapter_id}"


def heading_key(chapter_id: str, slug: str) -> str:
    return f"h-{chapter_id}-{slug}"


def heading_slug(element: etree.Element) -> str:
    return slugify(plain_text(element), "-") or "section"


@dataclass
class AnchorIndex:
    chapters: set[str] = field(default_factory=set)
    headings: dict[str, list[str]] = field(default_factory=dict)  # chapter id -> slugs

    @classmethod
    def build(cls, chapters: list[tuple[Chapter, etree.Element]]) -> AnchorIndex:
        index = cls()
        for chapter, tree in chapters:
            index.chapters.add(chapter.id)
            slugs = index.headings.setdefault(chapter.id, [])
            for element in tree.iter():
                if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
                    slugs.append(unique_slug(heading_slug(element), slugs))
        return index

    def resolve(self, href: str, chapter: Chapter, line: int) -> str:
        """The bookmark key for `#slug`, `file.md` or `file.md#slug`, or a clear error."""
        target_file, _, slug = href.partition("#")
        if target_file:
            if not target_file.endswith(".md"):
                raise ContentError(chapter.path, line, f"link '{href}' is not a web address",
                                   "use https://... for web links, #name for cross-references")
            target = target_file[:-3]
            if target not in self.chapters:
                raise ContentError(chapter.path, line, f"cross-reference to unknown chapter "
                                   f"'{target_file}'", did_you_mean(target, self.chapters))
            if not slug:
                return chapter_key(target)
            return self._heading(target, slug, href, chapter, line)
        if slug in self.chapters:
            return chapter_key(slug)
        if slug in self.headings.get(chapter.id, ()):
            return heading_key(chapter.id, slug)
        owners = [cid for cid, slugs in sorted(self.headings.items()) if slug in slugs]
        if len(owners) == 1:
            return heading_key(owners[0], slug)
        if owners:
            raise ContentError(chapter.path, line, f"cross-reference '#{slug}' matches headings "
                               f"in several chapters", f"write {owners[0]}.md#{slug}")
        every = list(self.chapters) + [s for slugs in self.headings.values() for s in slugs]
        raise ContentError(chapter.path, line, f"cross-reference '#{slug}' matches no chapter "
                           "or heading", did_you_mean(slug, every))

    def _heading(self, target: str, slug: str, href: str, chapter: Chapter, line: int) -> str:
        if slug not in self.headings.get(target, ()):
            raise ContentError(chapter.path, line, f"cross-reference '{href}': no heading "
                               f"'{slug}' in {target}.md",
                               did_you_mean(slug, self.headings.get(target, [])))
        return heading_key(target, slug)


def unique_slug(slug: str, taken: list[str]) -> str:
    if slug not in taken:
        return slug
    n = 2
    while f"{slug}-{n}" in taken:
        n += 1
    return f"{slug}-{n}"
