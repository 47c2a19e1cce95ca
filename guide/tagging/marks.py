"""Marked content for drawing code: `content` for what a reader needs, `artifact` for
decoration and page furniture, `group` for an element whose parts draw themselves.

All three do nothing on an untagged canvas, and nothing inside marked content that is
already open (marked content does not nest: the outer element owns what is drawn).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from guide.errors import ContentError
from guide.tagging.log import Node, Ref, TagLog


def log_of(canv: Any) -> TagLog | None:
    return getattr(canv, "tags", None)


class artifact:  # noqa: N801 - used as a function: `with artifact(canv):`
    """Drawing inside is an Artifact (of `kind`, e.g. Pagination, when given). A class,
    not a generator: every flowable and template shape of a booklet opens one of these."""

    __slots__ = ("canv", "kind", "subtype", "log")

    def __init__(self, canv: Any, kind: str | None = None, subtype: str | None = None):
        self.canv, self.kind, self.subtype, self.log = canv, kind, subtype, None

    def __enter__(self) -> None:
        log = getattr(self.canv, "tags", None)
        if log is None or log.depth:
            return
        if self.kind:
            extra = f" /Subtype /{self.subtype}" if self.subtype else ""
            log.enter(self.canv, f"/Artifact <</Type /{self.kind}{extra}>> BDC")
        else:
            log.enter(self.canv, "/Artifact BMC")
        self.log = log

    def __exit__(self, *exc: object) -> None:
        if self.log is not None:
            self.log.leave(self.canv)
            self.log = None


class content:  # noqa: N801 - used as a function: `with content(canv, ref=...) as node:`
    """Marked content owned by `ref`'s element (kept across pages) or by a new one; the
    node it marks (None on an untagged canvas or inside open marked content)."""

    __slots__ = ("canv", "S", "ref", "alt", "attrs", "log")

    def __init__(self, canv: Any, S: str = "P", ref: Ref | None = None,  # noqa: N803
                 alt: str | None = None, attrs: dict | None = None):
        self.canv, self.S, self.ref, self.alt, self.attrs, self.log = canv, S, ref, alt, attrs, None

    def __enter__(self) -> Node | None:
        canv = self.canv
        log = getattr(canv, "tags", None)
        if log is None or log.depth:
            return None
        log.page = canv.getPageNumber()
        node = log.node_for(self.ref) if self.ref is not None else log.new(self.S, self.alt,
                                                                          self.attrs)
        mcid = log.next_mcid()
        node.kids.append(("mcid", log.page, mcid))
        log.enter(canv, f"/{node.S} <</MCID {mcid}>> BDC")
        log.open = node
        self.log = log
        return node

    def __exit__(self, *exc: object) -> None:
        if self.log is not None:
            self.log.open = None
            self.log.leave(self.canv)
            self.log = None


class group:  # noqa: N801 - used as a function: `with group(canv, ref):`
    """Elements made while drawing inside go under `ref`'s element (None: no change)."""

    __slots__ = ("canv", "ref", "log")

    def __init__(self, canv: Any, ref: Ref | None):
        self.canv, self.ref, self.log = canv, ref, None

    def __enter__(self) -> None:
        log = getattr(self.canv, "tags", None)
        if log is None or log.depth or self.ref is None:
            return
        log.stack.append(log.node_for(self.ref))
        self.log = log

    def __exit__(self, *exc: object) -> None:
        if self.log is not None:
            self.log.stack.pop()
            self.log = None


def begin_section(canv: Any, S: str = "Sect") -> None:  # noqa: N803
    log = log_of(canv)
    if log is not None:
        log.begin_section(S)


# The structure types a template may name in `tag:` or a group's `tag:` (ISO 32000-1,
# 14.8.4): a misspelt type would pass the build and fail PDF/UA, so it is refused.
STRUCTURE_TYPES = frozenset({
    "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "NonStruct", "P", "H1", "H2", "H3",
    "H4", "H5", "H6", "L", "LI", "Lbl", "LBody", "Span", "Quote", "Note", "Link", "Figure"})


def shape_marks(canv: Any, shape: dict[str, Any], painter: Any):  # type: ignore[no-untyped-def]
    """How a template shape is tagged: text is a paragraph (or the `tag:` it names), the
    logo, the QR code and a kit's timeline are figures, everything else an Artifact. With
    `in: NAME` the shape's element goes inside the template's group NAME (its own content,
    without `tag:`); a link's annotation joins the group's Link."""
    kind = shape.get("kind")
    tag = str(shape.get("tag", "")) or None
    if tag is not None and tag != "artifact" and tag not in STRUCTURE_TYPES:
        raise ContentError("template", None, f"unknown tag '{tag}'",
                           "use artifact or one of: " + ", ".join(sorted(STRUCTURE_TYPES)))
    inside = _group_of(shape, painter)
    if kind == "group" or log_of(canv) is None:  # untagged: checked, nothing to mark
        return _nothing()
    if kind == "link":
        return group(canv, inside) if inside is not None else _nothing()
    if tag == "artifact":
        return artifact(canv)
    if kind == "text" and not str(shape.get("text", "")).strip():
        return _nothing()  # draws nothing: no empty element for a reader to stop at
    alt = painter.figure_alt(shape)
    if kind == "text" or alt is not None:
        S = tag or ("P" if kind == "text" else "Figure")  # noqa: N806 - the PDF's key
        if inside is None:
            return content(canv, S, alt=alt)
        if "tag" not in shape:  # the group's own content: one element over several shapes
            return content(canv, ref=inside)
        return _within(canv, inside, S, alt)
    return artifact(canv)


def declare_group(groups: dict[str, Ref], shape: dict[str, Any]) -> None:
    """`- group: {name: facts, tag: L, in: ...}`: an element made when its first content is
    drawn, so it takes its place in reading order there."""
    name, tag = str(shape.get("name", "")), str(shape.get("tag", ""))
    if not name or tag not in STRUCTURE_TYPES:
        raise ContentError("template", None, f"a group needs a name and a tag, not {shape!r}",
                           "e.g. - group: {name: facts, tag: L}; tags: "
                           + ", ".join(sorted(STRUCTURE_TYPES)))
    groups[name] = Ref(tag, _group_of(shape, groups=groups), str(shape.get("alt", "")) or None)


def _group_of(shape: dict[str, Any], painter: Any = None,
              groups: dict[str, Ref] | None = None) -> Ref | None:
    if "in" not in shape:
        return None
    known = groups if groups is not None else painter.groups
    name = str(shape["in"])
    if name not in known:
        raise ContentError("template", None, f"'in: {name}' names no group declared above it",
                           f"add '- group: {{name: {name}, tag: ...}}' before the shape")
    return known[name]


@contextmanager
def _within(canv: Any, parent: Ref, S: str, alt: str | None) -> Iterator[Node | None]:  # noqa: N803
    with group(canv, parent), content(canv, S, alt=alt) as node:
        yield node


@contextmanager
def _nothing() -> Iterator[None]:
    yield
