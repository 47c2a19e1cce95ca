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


@contextmanager
def artifact(canv: Any, kind: str | None = None, subtype: str | None = None) -> Iterator[None]:
    log = log_of(canv)
    if log is None or log.depth:
        yield
        return
    if kind:
        extra = f" /Subtype /{subtype}" if subtype else ""
        log.enter(canv, f"/Artifact <</Type /{kind}{extra}>> BDC")
    else:
        log.enter(canv, "/Artifact BMC")
    try:
        yield
    finally:
        log.leave(canv)


@contextmanager
def content(canv: Any, S: str = "P", ref: Ref | None = None, alt: str | None = None,  # noqa: N803
            attrs: dict | None = None) -> Iterator[Node | None]:
    """Marked content owned by `ref`'s element (kept across pages) or by a new one."""
    log = log_of(canv)
    if log is None or log.depth:
        yield None
        return
    log.page = canv.getPageNumber()
    node = log.node_for(ref) if ref is not None else log.new(S, alt, attrs)
    mcid = log.next_mcid()
    node.kids.append(("mcid", log.page, mcid))
    log.enter(canv, f"/{node.S} <</MCID {mcid}>> BDC")
    log.open = node
    try:
        yield node
    finally:
        log.open = None
        log.leave(canv)


@contextmanager
def group(canv: Any, ref: Ref | None) -> Iterator[None]:
    """Elements made while drawing inside go under `ref`'s element (None: no change)."""
    log = log_of(canv)
    if log is None or log.depth or ref is None:
        yield
        return
    log.stack.append(log.node_for(ref))
    try:
        yield
    finally:
        log.stack.pop()


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
