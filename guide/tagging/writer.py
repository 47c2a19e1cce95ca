"""The structure tree, parent tree, page and catalog entries and XMP metadata of a tagged
booklet, written with reportlab's own PDF objects just before the file is saved."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import (
    LinkAnnotation,
    PDFArray,
    PDFDictionary,
    PDFName,
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


def write_structure(canv: Any, log: TagLog) -> None:
    doc = canv._doc
    pages = doc.Pages.pages
    page_refs = [doc.Reference(page) for page in pages]
    prune(log.document)
    refs: dict[int, Any] = {}
    owners: list[dict[int, Any]] = [{} for _ in pages]
    annotation_owner: dict[int, Any] = {}
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)

    def build(node: Node, parent_ref: Any) -> Any:
        d = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName(node.S), "P": parent_ref})
        ref = doc.Reference(d)
        refs[id(node)] = ref
        first_page = next((k[1] for k in node.kids if isinstance(k, tuple)), None)
        if first_page is not None:
            d.dict["Pg"] = page_refs[first_page - 1]
        if node.S == "Note":
            d.dict["ID"] = PDFString(f"note-{len(refs)}")
        if node.alt is not None:
            d.dict["Alt"] = PDFString(node.alt)
        if node.attrs:
            d.dict["A"] = PDFDictionary({k: PDFName(v) for k, v in node.attrs.items()})
        kids = []
        for kid in node.kids:
            if isinstance(kid, Node):
                kids.append(build(kid, ref))
            elif kid[0] == "mcid":
                _, page, mcid = kid
                owners[page - 1][mcid] = ref
                kids.append(mcid if page == first_page else PDFDictionary(
                    {"Type": PDFName("MCR"), "Pg": page_refs[page - 1], "MCID": mcid}))
            else:
                _, page, index = kid
                annotation = log.annotations[index][1]
                annotation_owner[index] = ref
                kids.append(PDFDictionary({"Type": PDFName("OBJR"), "Pg": page_refs[page - 1],
                                           "Obj": doc.Reference(annotation)}))
        d.dict["K"] = PDFArray(kids)
        return ref

    top = build(log.document, root_ref)
    nums: list[Any] = []
    annotated = {page for _, _, page in log.annotations}
    for index, page in enumerate(pages):
        page.__NoDefault__ = PAGE_KEYS
        page.StructParents = index
        if index + 1 in annotated:
            page.Tabs = PDFName("S")
        mcids = owners[index]
        nums += [index, PDFArray([mcids[m] for m in sorted(mcids)])]
    for index, (_, annotation, _) in enumerate(log.annotations):
        key = len(pages) + index
        _set_struct_parent(annotation, key)
        nums += [key, annotation_owner[index]]
    root.dict.update({"K": top, "ParentTree": PDFDictionary({"Nums": PDFArray(nums)}),
                      "ParentTreeNextKey": len(pages) + len(log.annotations)})
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
