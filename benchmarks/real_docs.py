"""Real Markdown that nobody here wrote, as a content pack: nine pages of MkDocs' own docs.

    python benchmarks/real_docs.py OUT_DIR      # writes OUT_DIR/guide.yml and chapters/

The pages are kept in benchmarks/corpora/mkdocs-docs/, copied unchanged from
https://github.com/mkdocs/mkdocs/tree/2862536793b3c67d9d83c33e0dd6d50a791928f8/docs
(BSD-2-Clause; LICENSE beside them). About 11,800 words: headings, lists, many fenced code
blocks, tables, admonitions, links and a few images.

What the pack changes, and why (each change is the least that lets any Markdown tool take
the pages as plain Markdown; the other tools get the same text through `markdown_texts`):
- a chapter's first `# Title` becomes its front-matter title;
- MkDocs' mkdocstrings lines (`::: mkdocs.plugins...`) become code spans, since `:::` opens
  a directive here;
- Jinja-looking text (`{{ }}`, `{% %}` in the theme examples) is wrapped in a raw block, since
  chapters are templates here;
- links to other pages become links to the same pages on the project's site, and images
  (not in the pack) keep their alt text only;
- box-drawing characters in folder trees become ASCII, since the bundled faces have no glyphs
  for them (a build refuses characters its fonts cannot draw rather than print empty boxes).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

SOURCE = Path(__file__).resolve().parent / "corpora" / "mkdocs-docs"
PAGES = ("getting-started", "user-guide/installation", "user-guide/writing-your-docs",
         "user-guide/choosing-your-theme", "user-guide/customizing-your-theme",
         "user-guide/deploying-your-docs", "user-guide/localizing-your-theme",
         "dev-guide/translations", "dev-guide/plugins")  # paths under docs/, without .md
SITE = "https://www.mkdocs.org/"
DIRECTIVE = re.compile(r"^:::\s*(\S+)\s*$", re.M)
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
PAGE_LINK = re.compile(r"(\]\(|^\[[^\]]+\]:\s*)(?!https?:|#|mailto:)([^)\s]+)", re.M)
BOX_DRAWING = str.maketrans({"─": "-", "│": "|", "└": "`", "├": "|", "┬": "+", "┼": "+"})


def site_address(page: str, target: str) -> str:
    """Where a relative link of `page` points on the project's site."""
    path, _, anchor = target.partition("#")
    folder = page.rsplit("/", 1)[0] + "/" if "/" in page else ""
    parts: list[str] = []
    for part in (folder + path).split("/"):
        if part == "..":
            parts = parts[:-1]
        elif part not in ("", "."):
            parts.append(part)
    address = "/".join(parts).removesuffix(".md").removesuffix("README").removesuffix("index")
    address = address + "/" if address and not address.endswith("/") else address
    return SITE + address + (f"#{anchor}" if anchor else "")


def chapter_of(page: str, text: str) -> tuple[str, str]:
    """(title, Markdown body) of one page, changed only as the docstring says."""
    title_match = re.search(r"^# (.+)$", text, re.M)
    title = title_match.group(1).strip() if title_match else "Untitled"
    if title_match:
        text = text[:title_match.start()] + text[title_match.end():]
    text = DIRECTIVE.sub(lambda m: f"`{m.group(1)}`", text)
    text = IMAGE.sub(lambda m: m.group(1), text)
    text = PAGE_LINK.sub(lambda m: m.group(1) + site_address(page, m.group(2)), text)
    return title, text.translate(BOX_DRAWING)


def write_pack(root: Path) -> Path:
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    names = []
    for i, page in enumerate(PAGES):
        slug = page.replace("/", "-")
        title, body = chapter_of(page, (SOURCE / f"{slug}.md").read_text(encoding="utf-8"))
        name = f"{i + 1:02d}-{slug}.md"
        quoted_title = title.replace('"', "'")
        (root / "chapters" / name).write_text(
            f'---\ntitle: "{quoted_title}"\nkind: chapter\n---\n{{% raw %}}\n{body}\n{{% endraw %}}\n',
            encoding="utf-8")
        names.append(name)
    (root / "guide.yml").write_text(
        "title: MkDocs, its own documentation\nsubtitle: Nine pages of the project's docs\n"
        "chapters:\n" + "".join(f"  - {n}\n" for n in names), encoding="utf-8")
    return root


def markdown_texts(root: Path) -> list[str]:
    """The chapters as the other tools get them: the title as a level-1 heading, the raw
    block markers (which only this tool's templates need) left out."""
    out = []
    for path in sorted((root / "chapters").glob("*.md")):
        _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
        title = next(line[7:] for line in front.splitlines() if line.startswith("title: "))
        body = body.replace("{% raw %}\n", "").replace("{% endraw %}\n", "")
        out.append(f"# {title.strip(chr(34))}\n\n{body}")
    return out


if __name__ == "__main__":
    target = write_pack(Path(sys.argv[1]))
    words = sum(len(t.split()) for t in markdown_texts(target))
    print(f"{target}: {len(PAGES)} chapters, {words} words")  # noqa: T201
