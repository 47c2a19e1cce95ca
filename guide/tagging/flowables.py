"""Flowables that carry their structure: a flowable marked as what it is, a group whose
parts tag themselves, and list lines with a labelled bullet.

A flowable is tagged in place: it becomes an instance of a subclass of its own class
(made once per class) whose drawOn marks what it draws and whose split tags the pieces
the same way. Layout sees the flowable itself, so keep-with-next, spacing, outline
entries and `isinstance` checks work unchanged, at no cost per attribute. A flowable
already tagged, or one whose class cannot be changed, is wrapped in a Proxy instead.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus.flowables import BulletDrawer, LIIndenter

from guide.tagging.links import has_links, linked
from guide.tagging.log import Ref
from guide.tagging.marks import artifact, content, group

OWN = frozenset({"_inner", "tag_ref", "_kind"})


class Proxy:
    """Draws `inner` inside marked content of `tag_ref`'s element (kind "content"), the
    same with each link's words marked as a Link (kind "linked", a paragraph with links),
    inside an artifact (kind "artifact"), or with `tag_ref` open as a group (kind "group")."""

    def __init__(self, inner: Any, tag_ref: Ref | None, kind: str = "content"):
        object.__setattr__(self, "_inner", inner)
        object.__setattr__(self, "tag_ref", tag_ref)
        object.__setattr__(self, "_kind", kind)

    @property  # type: ignore[misc]
    def __class__(self):  # noqa: D105 - isinstance sees the wrapped flowable's class
        return self._inner.__class__

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def __setattr__(self, name: str, value: Any) -> None:
        if name in OWN:
            object.__setattr__(self, name, value)
        else:
            setattr(self._inner, name, value)

    def __delattr__(self, name: str) -> None:
        delattr(self._inner, name)

    def getKeepWithNext(self) -> bool:  # noqa: N802
        # reportlab clears keepWithNext in a flowable's __dict__ once it has grouped it
        # with the next (doctemplate.handle_keepWithNext); that clearing is the proxy's own.
        own = object.__getattribute__(self, "__dict__")
        if "keepWithNext" in own:
            return own["keepWithNext"]
        return self._inner.getKeepWithNext()

    def _again(self, piece: Any) -> Proxy:
        return Proxy(piece, self.tag_ref, self._kind)

    def wrapOn(self, canv: Any, aw: float, ah: float) -> tuple[float, float]:  # noqa: N802
        return self._inner.wrapOn(canv, aw, ah)

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return self._inner.wrap(aw, ah)

    def splitOn(self, canv: Any, aw: float, ah: float) -> list:  # noqa: N802
        return [self._again(p) for p in self._inner.splitOn(canv, aw, ah)]

    def split(self, aw: float, ah: float) -> list:
        return [self._again(p) for p in self._inner.split(aw, ah)]

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self._kind == "artifact":
            with artifact(canv):
                self._inner.drawOn(canv, x, y, _sW)
        elif self._kind == "group":
            with group(canv, self.tag_ref):
                self._inner.drawOn(canv, x, y, _sW)
        elif self._kind == "linked":
            with linked(canv, self.tag_ref):
                self._inner.drawOn(canv, x, y, _sW)
        else:
            with content(canv, ref=self.tag_ref):
                self._inner.drawOn(canv, x, y, _sW)

    def __repr__(self) -> str:
        return f"<tagged {self._kind} {self._inner!r}>"


def marked(flowable: Any, S: str, parent: Ref | None = None, alt: str | None = None,  # noqa: N803
           attrs: dict | None = None) -> Proxy:
    return tag(flowable, Ref(S, parent, alt, attrs))


def marked_text(paragraph: Any, S: str, parent: Ref | None = None) -> Proxy:  # noqa: N803
    """A paragraph marked as `S`; its links, if it has any, marked as Links inside it."""
    return tag(paragraph, Ref(S, parent), "linked" if has_links(paragraph) else "content")


def grouped(flowable: Any, S: str, parent: Ref | None = None) -> Proxy:  # noqa: N803
    return tag(flowable, Ref(S, parent), "group")


def decoration(flowable: Any) -> Proxy:
    return tag(flowable, None, "artifact")


def is_tagged(flowable: Any) -> bool:
    return isinstance(flowable, (Tagged, Proxy, ListLine))


class Tagged:
    """The mixin of a tagged flowable's class; `tag_ref` and `_tag_kind` are the
    flowable's own attributes (kinds as for Proxy)."""

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        draw = super().drawOn  # type: ignore[misc]
        kind = self.__dict__["_tag_kind"]
        if kind == "artifact":
            with artifact(canv):
                draw(canv, x, y, _sW)
        elif kind == "group":
            with group(canv, self.tag_ref):  # type: ignore[attr-defined]
                draw(canv, x, y, _sW)
        elif kind == "linked":
            with linked(canv, self.tag_ref):  # type: ignore[attr-defined]
                draw(canv, x, y, _sW)
        else:
            with content(canv, ref=self.tag_ref):  # type: ignore[attr-defined]
                draw(canv, x, y, _sW)

    def split(self, aw: float, ah: float) -> list:
        return [_again(p, self) for p in super().split(aw, ah)]  # type: ignore[misc]

    def splitOn(self, canv: Any, aw: float, ah: float) -> list:  # noqa: N802
        return [_again(p, self) for p in super().splitOn(canv, aw, ah)]  # type: ignore[misc]


_TAGGED_CLASSES: dict[type, type] = {}


def _tagged_class(cls: type) -> type:
    made = _TAGGED_CLASSES.get(cls)
    if made is None:
        made = type(cls.__name__, (Tagged, cls), {"__module__": cls.__module__,
                                                 "__qualname__": cls.__qualname__})
        _TAGGED_CLASSES[cls] = made
    return made


def tag(flowable: Any, tag_ref: Ref | None, kind: str = "content") -> Any:
    """`flowable`, tagged in place (or wrapped in a Proxy when it cannot be)."""
    if isinstance(flowable, (Tagged, Proxy)):
        return Proxy(flowable, tag_ref, kind)  # the outer element owns what is drawn
    made = _tagged_class(type(flowable))
    try:  # past the class's own __setattr__ (reportlab's shapes check every attribute)
        object.__setattr__(flowable, "__class__", made)
    except TypeError:  # a class whose instances' layout differs (slots, builtins)
        return Proxy(flowable, tag_ref, kind)
    if type(flowable) is not made:
        return Proxy(flowable, tag_ref, kind)
    own = flowable.__dict__
    own["tag_ref"], own["_tag_kind"] = tag_ref, kind
    return flowable


def _again(piece: Any, source: Any) -> Any:
    """A split piece tagged as the flowable it came from."""
    own = getattr(piece, "__dict__", None)
    if own is not None and isinstance(piece, Tagged) and "_tag_kind" in own:
        return piece
    if isinstance(piece, Tagged):  # made by reportlab from the tagged class itself
        own["tag_ref"], own["_tag_kind"] = source.tag_ref, source.__dict__["_tag_kind"]
        return piece
    return tag(piece, source.tag_ref, source.__dict__["_tag_kind"])


class LabelBullet(BulletDrawer):
    """A list bullet or number drawn as the item's label (Lbl)."""

    def __init__(self, item: Ref, **kwargs: Any):
        super().__init__(**kwargs)
        self.item = item

    def drawOn(self, indenter, canv, x, y, _sW=0):  # type: ignore[no-untyped-def]  # noqa: N802, N803
        with content(canv, ref=Ref("Lbl", self.item)):
            super().drawOn(indenter, canv, x, y, _sW)


class ListLine(LIIndenter):
    """One flowable of a list item, indented, with the item's label on its first one.

    `tag_ref` is the list's own element, so a list inside another item can be placed
    under that item's body.
    """

    def __init__(self, flowable: Any, indent: float, bullet: LabelBullet | None, tag_ref: Ref,
                 space_after: float | None = None):
        super().__init__(flowable, leftIndent=indent, rightIndent=0, bullet=bullet,
                         spaceAfter=space_after)
        self.__dict__["tag_ref"] = tag_ref
