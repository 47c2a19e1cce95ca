"""Colour-space editions: every colour in the finished PDF rewritten as press CMYK or gray.

Rewriting the drawing operators of the finished file catches every colour, whichever
module drew it (text, tables, charts, timelines, furniture), which a per-call
conversion could miss. CMYK goes through the press profile (icc.py); greys and blacks
go on the black plate, near-black overprinting (ExtGState /OP /op with /OPM 1, set only
around those colours, so everything else still knocks out). Images are converted with
their soft mask kept, so a transparent logo never gains a box.
"""

from __future__ import annotations

import io
import re
import zlib

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    ContentStream,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
)

from guide.printing.icc import PressColor

RGB_OPERATORS = {b"rg": (b"k", b"g"), b"RG": (b"K", b"G")}
GRAY_OPERATORS = {b"g": b"k", b"G": b"K"}
STROKE = {b"RG", b"G", b"K"}
_NUM = rb"[-+]?(?:\d+\.?\d*|\.\d+)"
_END = rb"(?![^\s\[\]()<>{}/%])"
# The tokens of a content stream the conversion cares about, found without parsing the
# rest: literal strings (skipped whole, one level of nested parentheses), rg/RG with three
# numbers, g/G with one, q and Q. Anything else (inline images) takes pypdf's parser.
TOKENS = re.compile(
    rb"(\((?:\\.|[^\\()]|\((?:\\.|[^\\()])*\))*\))"
    rb"|(?<!\S)((?:" + _NUM + rb"\s+){3})(rg|RG)" + _END +
    rb"|(?<!\S)(" + _NUM + rb"\s+)(g|G)" + _END +
    rb"|(?<!\S)(q|Q)" + _END, re.S)
INLINE_IMAGE = re.compile(rb"(?<!\S)BI(?!\S)")


def rgb_to_gray(r: float, g: float, b: float) -> float:
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def overprint_state(stroke: bool, fill: bool) -> str:
    """The ExtGState name for one overprint setting (stroking, non-stroking)."""
    return f"/GSop{int(stroke)}{int(fill)}"


class Recolor:
    """Rewrites one content stream's colour operators; says which overprint states it used."""

    def __init__(self, mode: str, press: PressColor | None, overprint: bool = True):
        self.mode, self.press, self.overprint = mode, press, overprint and mode == "cmyk"

    def operations(self, content: ContentStream, state: tuple[bool, bool] | None) -> set[str]:
        """`state`: the (stroke, fill) overprint in force when the stream starts, or None
        when unknown (a form drawn from anywhere). Returns the ExtGState names used;
        an empty set and no changes when nothing needed converting."""
        out: list = []
        used: set[str] = set()
        stack: list = []
        changed = False
        for operands, operator in content.operations:
            if operator == b"q":
                stack.append(state)
            elif operator == b"Q":
                state = stack.pop() if stack else None
            converted = self._convert(operands, operator)
            if converted is None:
                out.append((operands, operator))
                continue
            changed = True
            values, new_operator, overprints = converted
            if self.overprint:
                stroke = new_operator in STROKE
                current = state or (False, False)
                wanted = (overprints, current[1]) if stroke else (current[0], overprints)
                if state is None or wanted != state:
                    name = overprint_state(*wanted)
                    used.add(name)
                    out.append(([NameObject(name)], b"gs"))
                    state = wanted
            out.append((values, new_operator))
        if changed:
            content.operations = out
            used.add("")  # changed, even if no overprint state was needed
        return used

    def rewrite(self, data: bytes, state: tuple[bool, bool] | None
                ) -> tuple[bytes | None, set[str]]:
        """`operations` on the stream's bytes, with a scanner instead of pypdf's parser
        (a tenth of the time; the same result). (None, set()) when nothing changed."""
        used: set[str] = set()
        stack: list = []
        current = [state]
        changed = False

        def replace(match: re.Match) -> bytes:  # type: ignore[type-arg]
            nonlocal changed
            if match.group(1) is not None:
                return match.group(0)
            if match.group(6) is not None:
                if match.group(6) == b"q":
                    stack.append(current[0])
                else:
                    current[0] = stack.pop() if stack else None
                return match.group(0)
            operands = (match.group(2) or match.group(4)).split()
            operator = match.group(3) or match.group(5)
            converted = self._convert(operands, operator)
            if converted is None:
                return match.group(0)
            changed = True
            values, new_operator, overprints = converted
            prefix = b""
            if self.overprint:
                stroke = new_operator in STROKE
                now = current[0] or (False, False)
                wanted = (overprints, now[1]) if stroke else (now[0], overprints)
                if current[0] is None or wanted != current[0]:
                    name = overprint_state(*wanted)
                    used.add(name)
                    prefix = name.encode() + b" gs\n"
                    current[0] = wanted
            return prefix + b" ".join(_text(v) for v in values) + b" " + new_operator

        result = TOKENS.sub(replace, data)
        if not changed:
            return None, set()
        return result, used | {""}

    def _convert(self, operands, operator):  # type: ignore[no-untyped-def]
        if operator in RGB_OPERATORS and len(operands) == 3:
            rgb = tuple(float(x) for x in operands)
            cmyk_op, gray_op = RGB_OPERATORS[operator]
        elif operator in GRAY_OPERATORS and len(operands) == 1 and self.mode == "cmyk":
            rgb = (float(operands[0]),) * 3
            cmyk_op = GRAY_OPERATORS[operator]
        else:
            return None
        if self.mode == "gray":
            return [FloatObject(round(rgb_to_gray(*rgb), 4))], gray_op, False
        assert self.press is not None
        values, overprints = self.press.cmyk(*rgb)
        return [_number(v) for v in values], cmyk_op, overprints


def _text(value) -> bytes:  # type: ignore[no-untyped-def]
    """A number as the stream writes it: `0`, `1`, `0.9742`."""
    number = float(value)
    if number == int(number):
        return str(int(number)).encode()
    return f"{number:.4f}".rstrip("0").encode()


def recolor_stream(stream: StreamObject, writer: PdfWriter, recolor: Recolor,
                   state: tuple[bool, bool] | None) -> set[str]:
    """Convert one stream in place; the ExtGState names it now uses."""
    data = stream.get_data()
    if INLINE_IMAGE.search(data):
        content = ContentStream(stream, writer)
        used = recolor.operations(content, state)
        if used:
            _replace_data(stream, content.get_data())
        return used
    new, used = recolor.rewrite(data, state)
    if new is not None:
        _replace_data(stream, new)
    return used


def _number(value: float):  # type: ignore[no-untyped-def]
    """0 and 1 as `0` and `1` (a black-plate tint reads `0 0 0 0.97 k`)."""
    return NumberObject(int(value)) if value in (0.0, 1.0) else FloatObject(value)


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


class OverprintStates:
    """The four overprint ExtGStates, written once per file and shared by every page."""

    def __init__(self, writer: PdfWriter):
        self.writer = writer
        self.objects: dict[str, object] = {}

    def add(self, resources: DictionaryObject, names: set[str]) -> None:
        names = {n for n in names if n}
        if not names:
            return
        states = resources.get("/ExtGState")
        if states is None:
            states = resources[NameObject("/ExtGState")] = DictionaryObject()
        states = states.get_object()
        for name in sorted(names):
            states[NameObject(name)] = self._object(name)

    def _object(self, name: str):  # type: ignore[no-untyped-def]
        if name not in self.objects:
            stroke, fill = name[-2] == "1", name[-1] == "1"
            self.objects[name] = self.writer._add_object(DictionaryObject({
                NameObject("/Type"): NameObject("/ExtGState"),
                NameObject("/OP"): BooleanObject(stroke), NameObject("/op"): BooleanObject(fill),
                NameObject("/OPM"): NumberObject(1)}))
        return self.objects[name]


def _convert_forms(resources: DictionaryObject | None, writer: PdfWriter, recolor: Recolor,
                   seen: set[int], states: OverprintStates) -> None:
    if not resources or "/XObject" not in resources:
        return
    for xobject_ref in resources["/XObject"].values():
        xobject = xobject_ref.get_object()
        if id(xobject) in seen:
            continue
        seen.add(id(xobject))
        if xobject.get("/Subtype") == "/Form":
            used = recolor_stream(xobject, writer, recolor, None)
            if used:
                if "/Resources" not in xobject:
                    xobject[NameObject("/Resources")] = DictionaryObject()
                states.add(xobject["/Resources"].get_object(), used)
            _convert_forms(xobject.get("/Resources"), writer, recolor, seen, states)
        elif xobject.get("/Subtype") == "/Image":
            _convert_image(xobject, recolor)


def _convert_image(image: StreamObject, recolor: Recolor) -> None:
    """An RGB image's samples converted in place; its /SMask (the alpha) stays as it is."""
    from PIL import Image

    space = image.get("/ColorSpace")
    if space != "/DeviceRGB" or int(image.get("/BitsPerComponent", 8)) != 8:
        return
    size = (int(image["/Width"]), int(image["/Height"]))
    filters = image.get("/Filter")
    if filters == "/DCTDecode" or (isinstance(filters, ArrayObject) and "/DCTDecode" in filters):
        pil = Image.open(io.BytesIO(image._data if filters == "/DCTDecode" else image.get_data()))
    else:
        pil = Image.frombytes("RGB", size, image.get_data())
    if recolor.mode == "cmyk":
        assert recolor.press is not None
        converted, space = recolor.press.image(pil), "/DeviceCMYK"
    else:
        converted, space = pil.convert("RGB").convert("L"), "/DeviceGray"
    for key in ("/Filter", "/DecodeParms", "/Decode"):
        if key in image:
            del image[key]
    image[NameObject("/Filter")] = NameObject("/FlateDecode")
    image[NameObject("/ColorSpace")] = NameObject(space)
    image._data = zlib.compress(converted.tobytes(), 6)
    if hasattr(image, "decoded_self"):
        image.decoded_self = None


def convert_writer(writer: PdfWriter, mode: str, press: PressColor | None) -> None:
    """Convert every page of `writer` in place (`mode` "cmyk" for print shops, "gray" for a
    proof that reads without colour)."""
    recolor = Recolor(mode, press)
    plain = Recolor(mode, press, overprint=False)  # annotation appearances
    seen: set[int] = set()
    states = OverprintStates(writer)
    for page in writer.pages:
        contents = page.get("/Contents")
        contents = contents.get_object() if contents is not None else None
        used: set[str] = set()
        if isinstance(contents, StreamObject):
            used = recolor_stream(contents, writer, recolor, (False, False))
        elif contents is not None:
            content = ContentStream(page.get_contents(), writer)
            used = recolor.operations(content, (False, False))
            if used:
                page.replace_contents(content)
        if used:
            if "/Resources" not in page:
                page[NameObject("/Resources")] = DictionaryObject()
            states.add(page["/Resources"].get_object(), used)
        _convert_forms(page.get("/Resources"), writer, recolor, seen, states)  # type: ignore[arg-type]
        for annot_ref in page.get("/Annots") or []:
            annot = annot_ref.get_object()
            for appearance in (annot.get("/AP") or {}).values():
                appearance = appearance.get_object()
                streams = appearance.values() if isinstance(appearance, DictionaryObject) \
                    else [appearance]
                for ap in streams:
                    ap = ap.get_object()
                    if isinstance(ap, StreamObject):
                        recolor_stream(ap, writer, plain, None)
            if "/C" in annot and len(annot["/C"]) == 3:
                annot[NameObject("/C")] = _array(annot["/C"], mode, press)


def convert_colors(source: bytes, mode: str, press: PressColor | None = None) -> bytes:
    """The finished PDF with its colours converted (see convert_writer)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    convert_writer(writer, mode, press)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def _array(values, mode: str, press: PressColor | None):  # type: ignore[no-untyped-def]
    r, g, b = (float(v) for v in values)
    if mode == "cmyk":
        assert press is not None
        out: tuple[float, ...] = press.cmyk(r, g, b)[0]
    else:
        out = (rgb_to_gray(r, g, b),)
    return ArrayObject([FloatObject(round(v, 4)) for v in out])
