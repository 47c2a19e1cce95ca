"""Marked content for drawing code: `content` for what a reader needs, `artifact` for
decoration and page furniture, `group` for an element whose parts draw themselves.

All three do nothing on an untagged canvas, and nothing inside marked content that is
already open (marked content does not nest: the outer element owns what is drawn).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

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


def shape_marks(canv: Any, shape: dict[str, Any], painter: Any):  # type: ignore[no-untyped-def]
    """How a template shape is tagged: text is a paragraph (or the `tag:` it names), the
    logo and the QR code are figures, everything else an Artifact."""
    kind = shape.get("kind")
    tag = str(shape.get("tag", "")) or None
    if kind == "link":
        return _nothing()
    if tag == "artifact":
        return artifact(canv)
    if kind == "text":
        return content(canv, tag or "P")
    if kind == "image" and painter.logo is not None and shape.get("src") == "logo":
        return content(canv, "Figure", alt=str(shape.get("alt") or painter.logo_alt))
    log = log_of(canv)
    if kind == "qr" and shape.get("url") and log is not None:
        return content(canv, "Figure", alt=log.words("alt_qr", url=shape["url"]))
    return artifact(canv)


@contextmanager
def _nothing() -> Iterator[None]:
    yield
