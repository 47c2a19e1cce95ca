"""PDF/X-4 and PDF/X-1a:2003 (ISO 15930-7 and -4): the file a print shop's preflight accepts.

What the standards ask of the file itself, on top of the print edition's boxes and the
press colours (colorspace.py): one OutputIntent /GTS_PDFX carrying the CMYK output
profile; the PDF/X version in the XMP metadata and the document info, whose dates agree;
/Trapped set; no annotations (links, form fields) on the pages; every font embedded
(reportlab embeds subsets of every TrueType font); PDF 1.6 at most (1.4 for X-1a, which
also has no transparency: the logo is flattened where it is drawn).
"""

from __future__ import annotations

import io
import re
import zlib
from functools import lru_cache

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)

from guide.errors import ContentError
from guide.printing.icc import OutputProfile, PressColor, load_profile

VERSIONS = {"4": ("PDF/X-4", b"%PDF-1.6"), "1a": ("PDF/X-1a:2003", b"%PDF-1.4")}
REGISTRY = "http://www.color.org"
PDF_DATE = re.compile(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:([+-])(\d\d)'?(\d\d)'?|Z)?")


def press_finish(source: bytes, cmyk: bool, grayscale: bool, pdf_x: str | None,
                 icc=None) -> bytes:  # type: ignore[no-untyped-def]
    """The finished file with its colours converted and, with `pdf_x`, made PDF/X: one
    read and one write of the PDF whatever is asked."""
    from guide.printing.colorspace import convert_writer

    if pdf_x is not None and pdf_x not in VERSIONS:
        raise ContentError(None, None, f"unknown PDF/X version '{pdf_x}'", "use 4 or 1a")
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(source)))
    profile = load_profile(icc) if (cmyk or pdf_x) else None
    if cmyk or pdf_x:
        convert_writer(writer, "cmyk", PressColor(profile))  # type: ignore[arg-type]
    elif grayscale:
        convert_writer(writer, "gray", None)
    if pdf_x is not None:
        make_pdfx(writer, profile, pdf_x)  # type: ignore[arg-type]
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_pdfx(writer: PdfWriter, profile: OutputProfile, version: str) -> None:
    name, header = VERSIONS[version]
    check_images(writer, version)
    writer.pdf_header = header
    root = writer._root_object
    for page in writer.pages:
        if "/Annots" in page:
            del page["/Annots"]
        for box in ("/TrimBox", "/BleedBox"):
            if box not in page:
                raise ContentError(None, None, f"page without {box[1:]}",
                                   "PDF/X needs the print edition (--print)")
    for key in ("/AcroForm", "/OpenAction", "/AA"):
        if key in root:
            del root[key]
    names = root.get("/Names")
    if names is not None and "/JavaScript" in names.get_object():
        del names.get_object()["/JavaScript"]
    root[NameObject("/OutputIntents")] = ArrayObject([writer._add_object(
        _output_intent(writer, profile))])
    info = writer._info.get_object() if writer._info is not None else DictionaryObject()
    created = str(info.get("/CreationDate") or "D:20000101000000+00'00'")
    modified = str(info.get("/ModDate") or created)
    trapped = "/False"
    updates = {"/CreationDate": created, "/ModDate": modified, "/GTS_PDFXVersion": name}
    if version == "1a":
        updates["/GTS_PDFXConformance"] = name
    for key, value in updates.items():
        info[NameObject(key)] = TextStringObject(value)
    info[NameObject("/Trapped")] = NameObject(trapped)
    title = str(info.get("/Title") or "Booklet")
    document_id = _document_id(writer)
    metadata = DecodedStreamObject()
    metadata.set_data(xmp_packet(title=title, author=str(info.get("/Author") or ""),
                                 producer=str(info.get("/Producer") or ""),
                                 creator=str(info.get("/Creator") or ""),
                                 created=xmp_date(created), modified=xmp_date(modified),
                                 version=name, document_id=document_id,
                                 conformance=name if version == "1a" else None))
    metadata[NameObject("/Type")] = NameObject("/Metadata")
    metadata[NameObject("/Subtype")] = NameObject("/XML")
    root[NameObject("/Metadata")] = writer._add_object(metadata)


def check_images(writer: PdfWriter, version: str) -> None:
    """Refuse to label a file PDF/X that is not: an image the conversion could not make
    CMYK (or, for X-1a, one still transparent) stops the build with a message."""
    seen: set[int] = set()

    def visit(resources) -> None:  # type: ignore[no-untyped-def]
        for ref in ((resources or {}).get("/XObject") or {}).values():
            xobject = ref.get_object()
            if id(xobject) in seen:
                continue
            seen.add(id(xobject))
            if xobject.get("/Subtype") == "/Form":
                visit(xobject.get("/Resources"))
                continue
            space = xobject.get("/ColorSpace")
            if "/DeviceRGB" in str(space.get_object() if space is not None else ""):
                raise ContentError(None, None, "an image could not be converted to CMYK "
                                   f"({xobject.get('/Width')}x{xobject.get('/Height')}, "
                                   f"{xobject.get('/BitsPerComponent')} bits)",
                                   "save the image as an 8-bit RGB PNG or JPEG")
            if version == "1a" and "/SMask" in xobject and not _onto_paper(xobject):
                raise ContentError(None, None, "PDF/X-1a allows no transparency, and an "
                                   "image's alpha channel could not be flattened",
                                   "use --pdf-x 4, or an image without transparency")

    for page in writer.pages:
        visit(page.get("/Resources"))


def _onto_paper(image: StreamObject) -> bool:
    """A transparent CMYK image flattened onto white paper: each ink times the alpha (the
    logo, drawn on colour, is flattened where it is drawn; other images sit on paper)."""
    from PIL import Image, ImageChops

    mask = image["/SMask"].get_object()
    size = (int(image["/Width"]), int(image["/Height"]))
    if image.get("/ColorSpace") != "/DeviceCMYK" or image.get("/Filter") != "/FlateDecode" \
            or (int(mask["/Width"]), int(mask["/Height"])) != size \
            or int(mask.get("/BitsPerComponent", 8)) != 8:
        return False
    alpha = Image.frombytes("L", size, mask.get_data())
    inks = Image.frombytes("CMYK", size, image.get_data())
    flat = Image.merge("CMYK", [ImageChops.multiply(band, alpha) for band in inks.split()])
    image._data = zlib.compress(flat.tobytes(), 6)
    if hasattr(image, "decoded_self"):
        image.decoded_self = None
    del image["/SMask"]
    return True


def _output_intent(writer: PdfWriter, profile: OutputProfile) -> DictionaryObject:
    stream = StreamObject()
    stream._data = _compressed(profile.data)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream[NameObject("/N")] = NumberObject(4)
    return DictionaryObject({
        NameObject("/Type"): NameObject("/OutputIntent"),
        NameObject("/S"): NameObject("/GTS_PDFX"),
        NameObject("/OutputConditionIdentifier"): TextStringObject(profile.condition),
        NameObject("/OutputCondition"): TextStringObject(profile.description),
        NameObject("/RegistryName"): TextStringObject(REGISTRY),
        NameObject("/Info"): TextStringObject(profile.description),
        NameObject("/DestOutputProfile"): writer._add_object(stream),
    })


@lru_cache(maxsize=4)
def _compressed(data: bytes) -> bytes:
    """The profile compressed once per process (it is the same in every booklet)."""
    return zlib.compress(data, 6)


def _document_id(writer: PdfWriter) -> str:
    """A uuid made from the file's own /ID (itself made from the content), so the same
    booklet keeps its identity and the build stays byte-for-byte reproducible."""
    first = writer._ID[0] if writer._ID else b""
    raw = bytes(first.original_bytes if hasattr(first, "original_bytes") else first)
    hexed = (raw.hex() + "0" * 32)[:32]
    return f"uuid:{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"


def xmp_date(pdf_date: str) -> str:
    """D:20000101000000+00'00' as 2000-01-01T00:00:00+00:00, the same instant."""
    match = PDF_DATE.match(pdf_date)
    if not match:
        raise ContentError(None, None, f"unreadable document date '{pdf_date}'", None)
    y, mo, d, h, mi, s, sign, zh, zm = match.groups()
    zone = "Z" if sign is None else f"{sign}{zh}:{zm}"
    return f"{y}-{mo}-{d}T{h}:{mi}:{s}{zone}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def xmp_packet(*, title: str, author: str, producer: str, creator: str, created: str,
               modified: str, version: str, document_id: str, conformance: str | None) -> bytes:
    t, a = _escape(title), _escape(author)
    extra = f"\n   <pdfxid:GTS_PDFXConformance>{conformance}</pdfxid:GTS_PDFXConformance>" \
        if conformance else ""
    creators = f"<dc:creator><rdf:Seq><rdf:li>{a}</rdf:li></rdf:Seq></dc:creator>" if a else ""
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
    xmlns:pdfxid="http://www.npes.org/pdfx/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{t}</rdf:li></rdf:Alt></dc:title>
   {creators}
   <xmp:CreateDate>{created}</xmp:CreateDate>
   <xmp:ModifyDate>{modified}</xmp:ModifyDate>
   <xmp:MetadataDate>{modified}</xmp:MetadataDate>
   <xmp:CreatorTool>{_escape(creator)}</xmp:CreatorTool>
   <pdf:Producer>{_escape(producer)}</pdf:Producer>
   <pdf:Trapped>False</pdf:Trapped>
   <xmpMM:DocumentID>{document_id}</xmpMM:DocumentID>
   <xmpMM:InstanceID>{document_id}</xmpMM:InstanceID>
   <xmpMM:VersionID>1</xmpMM:VersionID>
   <xmpMM:RenditionClass>default</xmpMM:RenditionClass>
   <pdfxid:GTS_PDFXVersion>{version}</pdfxid:GTS_PDFXVersion>{extra}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>""".encode()
