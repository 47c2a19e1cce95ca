"""Colour-space editions: every colour in the finished PDF rewritten as CMYK or gray.

Rewriting the drawing operators of the finished file catches every colour, whichever
module drew it (text, tables, charts, timelines, furniture), which a per-call
conversion could miss.
"""

from __future__ import annotations

import io
import zlib

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, DictionaryObject, FloatObject, NameObject, StreamObject

RGB_OPERATORS = {b"rg": (b"k", b"g"), b"RG": (b"K", b"G")}


def rgb_to_cmyk(r: float, g: float, b: float) -> tuple[float, float, float, float]:
    k = 1 - max(r, g, b)
    if k >= 1:
        return 0.0, 0.0, 0.0, 1.0
    return ((1 - r - k) / (1 - k), (1 - g - k) / (1 - k), (1 - b - k) / (1 - k), k)


def rgb_to_gray(r: float, g: float, b: float) -> float:
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _convert_stream(stream: StreamObject, reader: PdfReader, mode: str) -> None:
    content = ContentStream(stream, reader)
    if _convert_operations(content, mode):
        _replace_data(stream, content.get_data())


def _convert_operations(content: ContentStream, mode: str) -> bool:
    changed = False
    for index, (operands, operator) in enumerate(content.operations):
        if operator in RGB_OPERATORS and len(operands) == 3:
            r, g, b = (float(x) for x in operands)
            cmyk_op, gray_op = RGB_OPERATORS[operator]
            if mode == "cmyk":
                values = [FloatObject(round(v, 4)) for v in rgb_to_cmyk(r, g, b)]
                content.operations[index] = (values, cmyk_op)
            else:
                content.operations[index] = ([FloatObject(round(rgb_to_gray(r, g, b), 4))], gray_op)
            changed = True
    return changed


def _replace_data(stream: StreamObject, data: bytes) -> None:
    """Store new content Flate-compressed; pypdf refuses to re-encode reportlab's
    ASCII85+Flate form streams, so the filter chain is replaced."""
    for key in ("/Filter", "/DecodeParms"):
        if key in stream:
            del stream[key]
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = zlib.compress(data)
    if hasattr(stream, "decoded_self"):
        stream.decoded_self = None


def _convert_resources(resources: DictionaryObject | None, reader: PdfReader, mode: str,
                       seen: set[int]) -> None:
    if not resources or "/XObject" not in resources:
        return
    for xobject_ref in resources["/XObject"].values():
        key = id(xobject_ref.get_object())
        if key in seen:
            continue
        seen.add(key)
        xobject = xobject_ref.get_object()
        if xobject.get("/Subtype") == "/Form":
            _convert_stream(xobject, reader, mode)
            _convert_resources(xobject.get("/Resources"), reader, mode, seen)


def _convert_images(page, mode: str) -> None:  # type: ignore[no-untyped-def]
    for image in page.images:
        pil = image.image
        if pil is None or pil.mode in ("CMYK", "L", "1"):
            continue
        target = "CMYK" if mode == "cmyk" else "L"
        converted = pil.convert("RGB").convert(target) if pil.mode not in ("RGB",) else pil.convert(target)
        image.replace(converted, quality=92) if target == "CMYK" else image.replace(converted)


def convert_colors(source: bytes, mode: str) -> bytes:
    """`mode` is "cmyk" (for print shops) or "gray" (a proof that reads without colour)."""
    reader = PdfReader(io.BytesIO(source))
    writer = PdfWriter(clone_from=reader)
    seen: set[int] = set()
    for page in writer.pages:
        contents = page.get_contents()
        if contents is not None:
            content = ContentStream(contents, writer)
            if _convert_operations(content, mode):
                page.replace_contents(content)
        _convert_resources(page.get("/Resources"), writer, mode, seen)  # type: ignore[arg-type]
        for annot_ref in page.get("/Annots") or []:
            annot = annot_ref.get_object()
            for states in (annot.get("/AP") or {}).values():
                states = states.get_object()
                streams = states.values() if isinstance(states, DictionaryObject) else [states]
                for ap in streams:
                    ap = ap.get_object()
                    if isinstance(ap, StreamObject):
                        _convert_stream(ap, writer, mode)  # type: ignore[arg-type]
            if "/C" in annot and len(annot["/C"]) == 3:
                annot[NameObject("/C")] = _array(annot["/C"], mode)
        _convert_images(page, mode)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _array(values, mode: str):  # type: ignore[no-untyped-def]
    from pypdf.generic import ArrayObject
    r, g, b = (float(v) for v in values)
    out = rgb_to_cmyk(r, g, b) if mode == "cmyk" else (rgb_to_gray(r, g, b),)
    return ArrayObject([FloatObject(round(v, 4)) for v in out])
