"""Shared helpers: small content packs written on the fly, built in-process, read back with pypdf."""

from __future__ import annotations

import io
import textwrap
from pathlib import Path

import pypdf
import pytest

from guide import speed
from guide.load.brand import load_brand
from guide.load.pack import load_guide
from guide.options import BuildOptions
from guide.pipeline import StageTimer, pack_brand, render_pdf

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PACK = REPO / "content" / "pain-medicine"
FONT_DIR = REPO / "guide" / "fonts"


def write_pack(root: Path, chapters: dict[str, str], title: str = "Test Guide",
               extra: str = "") -> Path:
    """A pack with one file per chapter; bodies without front matter get `title: <name>`."""
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    for name, body in chapters.items():
        body = textwrap.dedent(body).lstrip("\n")
        if not body.startswith("---\n"):
            body = f"---\ntitle: {name.title()}\nkind: chapter\n---\n{body}"
        (root / "chapters" / f"{name}.md").write_text(body, encoding="utf-8")
    listed = ", ".join(f"{name}.md" for name in chapters)
    (root / "guide.yml").write_text(f"title: {title}\nchapters: [{listed}]\n{extra}",
                                    encoding="utf-8")
    return root


def build_bytes(pack: Path, brand: Path | None = None, **options) -> bytes:
    from guide.pipeline import load_edition
    brand_file = pack_brand(pack, brand)
    language = options.get("language")
    pdf, _ = render_pdf(load_edition(pack, language), load_brand(brand_file),
                        BuildOptions(**options), StageTimer())
    return pdf


def reader_of(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def all_text(reader: pypdf.PdfReader) -> str:
    return "\n".join(page.extract_text() for page in reader.pages)


def text_runs(reader: pypdf.PdfReader) -> list[tuple[str, str]]:
    """Every shown string with the base font it is shown in."""
    runs: list[tuple[str, str]] = []
    for page in reader.pages:
        def visit(text, cm, tm, font_dict, font_size):  # type: ignore[no-untyped-def]
            if text.strip() and font_dict is not None:
                runs.append((text, str(font_dict.get("/BaseFont", ""))))
        page.extract_text(visitor_text=visit)
    return runs


def link_annotations(reader: pypdf.PdfReader) -> list[dict]:
    out = []
    for number, page in enumerate(reader.pages):
        for ref in page.get("/Annots") or []:
            annot = ref.get_object()
            if annot.get("/Subtype") == "/Link":
                out.append({"page": number, "annot": annot})
    return out


@pytest.fixture(scope="session")
def default_pdf() -> bytes:
    """The default booklet, built once for all tests that only read it."""
    return build_bytes(DEFAULT_PACK)


@pytest.fixture(scope="session")
def default_reader(default_pdf: bytes) -> pypdf.PdfReader:
    return reader_of(default_pdf)


@pytest.fixture(autouse=True, scope="session")
def speed_layer_on():
    """Tests build as the command line does: with the speed layer on (where its library
    versions are the tested ones). `with_stock_libraries` runs a step with it off."""
    speed.enable()
    yield


def with_stock_libraries(make):  # type: ignore[no-untyped-def]
    """`make()` run with stock reportlab and Python-Markdown, for a test's oracle."""
    was_on = speed.enabled()
    speed.disable()
    try:
        return make()
    finally:
        if was_on:
            speed.enable()
