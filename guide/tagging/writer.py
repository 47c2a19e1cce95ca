"""The structure tree, parent tree, page and catalog entries and XMP metadata of a tagged
booklet, written with reportlab's own PDF objects just before the file is saved."""

from __future__ import annotations

import itertools
from typing import Any

from reportlab.pdfbase.pdfdoc import (
    LinkAnnotation,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFPage,
    PDFStream,
    PDFString,
)

from guide.tagging.log import Node, TagLog
from guide.text.xml_text import escape

PAGE_KEYS = [*PDFPage.__NoDefault__, "StructParents", "Tabs"]


def prune(node: Node) -> bool:
    """Drop elements that own nothing (a heading drawn inside a table cell, say)."""
    node.kids = [k for k in node.kids if not isinstance(k, Node) or prune(k)]
    return bool(node.kids)


class StructElem(PDFObject):
    """One structure element, formatted straight to bytes: a booklet has a thousand of
    them, and reportlab's general dictionary formatting would be most of their cost."""

    __RefOnly__ = 1

    def __init__(self, node: Node):
        self.node = node
        self.parent: Any = None
        self.page: Any = None
        self.kids: list = []  # ints (MCIDs on self.page), references, or (kind, refs...)
        self.note_id = ""  # a Note's /ID, which PDF/UA requires

    def format(self, document: Any) -> bytes:
        node = self.node
        numbers = document.idToObjectNumberAndVersion
        out = [b"<< /S /", node.S.encode("ascii"), b" /P ", b"%d %d R" % numbers[self.parent.name]]
        if self.page is not None:
            out += [b" /Pg ", b"%d %d R" % numbers[self.page.name]]
        if self.note_id:
            out += [b" /ID ", PDFString(self.note_id).format(document)]
        if node.alt is not None:
            out += [b" /Alt ", PDFString(node.alt).format(document)]
        if node.attrs:
            out += [b" /A <<", *(f" /{k} /{v}".encode("ascii") for k, v in node.attrs.items()),
                    b" >>"]
        out.append(b" /K [")
        for kid in self.kids:
            if isinstance(kid, int):
                out.append(b" %d" % kid)
            elif isinstance(kid, tuple) and kid[0] == "mcr":
                out += [b" << /Type /MCR /Pg ", b"%d %d R" % numbers[kid[1].name],
                        b" /MCID %d >>" % kid[2]]
            elif isinstance(kid, tuple):
                out += [b" << /Type /OBJR /Pg ", b"%d %d R" % numbers[kid[1].name], b" /Obj ",
                        b"%d %d R" % numbers[kid[2].name], b" >>"]
            else:
                out.append(b" %d %d R" % numbers[kid.name])
        out.append(b" ] >>")
        return b"".join(out)


class ParentTree(PDFObject):
    """The number tree from each page's MCIDs and each annotation to their elements."""

    def __init__(self, entries: list[tuple[int, Any]]):
        self.entries = entries  # (key, reference or list of references)

    def format(self, document: Any) -> bytes:
        numbers = document.idToObjectNumberAndVersion  # references written directly: thousands
        out = [b"<< /Nums ["]
        for key, value in self.entries:
            if isinstance(value, list):
                out += [b" %d [" % key, *(b" %d %d R" % numbers[ref.name] for ref in value), b" ]"]
            else:
                out.append(b" %d %d %d R" % (key, *numbers[value.name]))
        out.append(b" ] >>")
        return b"".join(out)


class IDTree(PDFObject):
    """The name tree from each element's /ID (the notes') to the element."""

    def __init__(self, entries: list[tuple[str, Any]]):
        self.entries = sorted(entries, key=lambda entry: entry[0].encode("ascii"))

    def format(self, document: Any) -> bytes:
        out = [b"<< /Names ["]
        for key, ref in self.entries:
            out += [b" ", PDFString(key).format(document), b" ", ref.format(document)]
        out.append(b" ] >>")
        return b"".join(out)


def write_structure(canv: Any, log: TagLog) -> None:
    doc = canv._doc
    pages = doc.Pages.pages
    page_refs = [doc.Reference(page) for page in pages]
    prune(log.document)
    owners: list[dict[int, Any]] = [{} for _ in pages]
    annotation_owner: dict[int, Any] = {}
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    notes = itertools.count(1)  # Note IDs, in reading order
    ids: list[tuple[str, Any]] = []

    def build(node: Node, parent_ref: Any) -> Any:
        element = StructElem(node)
        ref = doc.Reference(element)
        element.parent = parent_ref
        if node.S == "Note":
            element.note_id = f"note-{next(notes)}"
            ids.append((element.note_id, ref))
        first_page = next((k[1] for k in node.kids if isinstance(k, tuple)), None)
        if first_page is not None:
            element.page = page_refs[first_page - 1]
        kids = element.kids
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(build(kid, ref))
            elif kid[0] == "mcid":
                _, page, mcid = kid
                owners[page - 1][mcid] = ref
                kids.append(mcid if page == first_page else ("mcr", page_refs[page - 1], mcid))
            else:
                _, page, index = kid
                annotation_owner[index] = ref
                kids.append(("objr", page_refs[page - 1],
                             doc.Reference(log.annotations[index][1])))
        return ref

    top = build(log.document, root_ref)
    entries: list[tuple[int, Any]] = []
    annotated = {page for _, _, page in log.annotations}
    for index, page in enumerate(pages):
        page.__NoDefault__ = PAGE_KEYS
        page.StructParents = index
        if index + 1 in annotated:
            page.Tabs = PDFName("S")
        mcids = owners[index]
        entries.append((index, [mcids[m] for m in sorted(mcids)]))
    for index, (_, annotation, _) in enumerate(log.annotations):
        key = len(pages) + index
        _set_struct_parent(annotation, key)
        entries.append((key, annotation_owner[index]))
    root.dict.update({"K": top, "ParentTree": ParentTree(entries),
                      "ParentTreeNextKey": len(pages) + len(log.annotations)})
    if ids:
        root.dict["IDTree"] = IDTree(ids)
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Metadata = PDFStream(PDFDictionary({"Type": PDFName("Metadata"),
                                                "Subtype": PDFName("XML")}),
                                 xmp(log.title, log.lang), filters=[])


def _set_struct_parent(annotation: Any, key: int) -> None:
    if isinstance(annotation, LinkAnnotation):
        annotation.permitted = (*annotation.permitted, "StructParent")
        annotation.otherkw["StructParent"] = key
    else:
        annotation.dict["StructParent"] = key


def _ascii_xml(text: str) -> str:
    return "".join(ch if ord(ch) < 128 else f"&#{ord(ch)};" for ch in escape(text))


def xmp(title: str, lang: str) -> str:
    """XMP with the title, the language and the PDF/UA-1 claim (no dates: builds repeat)."""
    return (
        '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_ascii_xml(title)}</rdf:li>'
        '</rdf:Alt></dc:title>\n'
        f'<dc:language><rdf:Bag><rdf:li>{_ascii_xml(lang)}</rdf:li></rdf:Bag></dc:language>\n'
        '<pdfuaid:part>1</pdfuaid:part>\n'
        '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>')
