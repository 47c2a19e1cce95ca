"""The same Markdown through other tools, one per process: `peers.py TOOL PACK OUT.pdf`."""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import json  # noqa: E402

from corpus import markdown_texts as corpus_texts  # noqa: E402

PEER_TEXTS = "peer-markdown.json"  # a pack's chapters as plain Markdown, written by run.py


def markdown_texts(pack: Path) -> list[str]:
    """The chapters the other tools get: the pack's peer-markdown.json when the benchmark
    wrote one (chapters rendered by our template stage, titles as headings), else the
    generated corpus's own chapters."""
    given = pack / PEER_TEXTS
    if given.is_file():
        return json.loads(given.read_text("utf-8"))
    return corpus_texts(pack)

CSS = """@page { size: 5.5in 8.5in; margin: 0.7in 0.55in 0.72in 0.62in; }
body { font-family: serif; font-size: 9.5pt; line-height: 1.36; }
h1 { font-family: sans-serif; font-size: 20pt; }
h2 { font-family: sans-serif; font-size: 14pt; } h3 { font-family: sans-serif; font-size: 11pt; }
table { border-collapse: collapse; } td, th { padding: 2pt 4pt; border-bottom: 0.5pt solid #ccc; }
.chapter { page-break-before: always; }"""


def html_of(pack: Path) -> str:
    import markdown
    md = markdown.Markdown(extensions=["tables", "footnotes", "sane_lists"],
                           extension_configs={"footnotes": {"BACKLINK_TEXT": "^"}})
    chapters = []
    for text in markdown_texts(pack):
        md.reset()
        chapters.append(f'<div class="chapter">{md.convert(text)}</div>')
    return f"<html><head><style>{CSS}</style></head><body>{''.join(chapters)}</body></html>"


def weasyprint(pack: Path, out: Path) -> None:
    from weasyprint import HTML
    HTML(string=html_of(pack)).write_pdf(out)


def xhtml2pdf(pack: Path, out: Path) -> None:
    from xhtml2pdf import pisa
    with open(out, "wb") as handle:
        pisa.CreatePDF(html_of(pack), dest=handle)


def typst_markup(text: str) -> str:
    """A small Markdown → Typst converter for the corpus's constructs."""
    lines, out, table = text.split("\n"), [], []

    def inline(s: str) -> str:
        s = re.sub(r"[#$@<>\\]", lambda m: "\\" + m.group(0), s)
        s = re.sub(r"(?<![*\w])\*(?!\*)(.+?)\*(?!\*)", r"_\1_", s)
        s = re.sub(r"\*\*(.+?)\*\*", r"*\1*", s)
        s = re.sub(r"\[\^(\d+)\]", r"#super[\1]", s)
        s = re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r'#link("\2")[\1]', s)
        return s

    for line in lines:
        if line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(set(c) <= set(":-") for c in cells):
                table.append(cells)
            continue
        if table:
            cols = len(table[0])
            body = ", ".join(f"[{inline(c)}]" for row in table for c in row)
            out.append(f"#table(columns: {cols}, {body})")
            table = []
        heading = re.match(r"(#{1,4}) ", line)
        if heading:
            out.append("=" * len(heading.group(1)) + " " + inline(line[heading.end():]))
        elif line.startswith("- [ ] "):
            out.append("- ☐ " + inline(line[6:]))
        elif re.match(r"\d+\. ", line):
            out.append("+ " + inline(line.split(". ", 1)[1]))
        elif line.startswith("[^"):
            out.append(inline(re.sub(r"^\[\^(\d+)\]:", r"\1.", line)))
        else:
            out.append(inline(line))
    return "\n".join(out)


def typst(pack: Path, out: Path) -> None:
    import typst as typst_module
    head = ('#set page(width: 5.5in, height: 8.5in, margin: (x: 0.58in, y: 0.71in))\n'
            '#set text(size: 9.5pt)\n'
            '#show heading.where(level: 1): set text(size: 20pt)\n')
    body = "\n#pagebreak()\n".join(typst_markup(t) for t in markdown_texts(pack))
    source = out.with_suffix(".typ")
    source.write_text(head + body)
    typst_module.compile(str(source), output=str(out))


TOOLS = {"weasyprint": weasyprint, "xhtml2pdf": xhtml2pdf, "typst": typst}

if __name__ == "__main__":
    TOOLS[sys.argv[1]](Path(sys.argv[2]), Path(sys.argv[3]))
