"""Both shipped guides build in every edition and page size, with no text below 5.5 pt."""

from __future__ import annotations

import io

import pypdf
import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest
from conftest import REPO, all_text, build_bytes, reader_of

from guide.load.brand import load_brand
from guide.load.pack import load_guide
from guide.options import BuildOptions
from guide.pipeline import StageTimer, pack_brand, render_pdf

GUIDES = ["pain-medicine", "physical-therapy"]
SIZES = ["half-letter", "a5", "letter", "a4"]
EDITIONS = {"digital": {}, "print": {"print_ready": True},
            "imposed": {"impose": "saddle-stitch"}}


@pytest.fixture(scope="module", params=GUIDES)
def loaded(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    root = REPO / "content" / request.param
    return request.param, load_guide(root), load_brand(pack_brand(root, None))


def smallest_text(pdf: bytes) -> float:
    doc = pdfium.PdfDocument(pdf)
    smallest = 99.0
    for index in range(len(doc)):
        text = doc[index].get_textpage()
        for i in range(text.count_chars()):
            if chr(raw.FPDFText_GetUnicode(text, i)).strip():
                smallest = min(smallest, raw.FPDFText_GetFontSize(text, i))
    return smallest


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("edition", EDITIONS)
def test_every_edition_builds(loaded, size: str, edition: str) -> None:  # type: ignore[no-untyped-def]
    name, guide, brand = loaded
    pdf, pages = render_pdf(guide, brand, BuildOptions(page_size=size, **EDITIONS[edition]),
                            StageTimer())
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    if edition == "imposed":
        assert pages % 4 == 0 and len(reader.pages) == pages // 2
        return
    assert len(reader.pages) == pages and 16 <= pages <= 56
    if edition == "print":
        assert pages % 4 == 0
    text = "".join(page.extract_text() for page in reader.pages)
    assert guide.meta.title.split()[-1] in text
    assert smallest_text(pdf) >= 5.5 - 0.01, name


def test_physical_therapy_job_market_is_the_checked_bls_2024_edition() -> None:
    """The job-market figures come from the BLS tables, growth is computed from them, and
    the chapter prints what the tables hold rather than typed numbers."""
    pack = REPO / "content" / "physical-therapy"
    guide = load_guide(pack)
    outlook, pay = guide.tables["bls_outlook_2024"], guide.tables["bls_pay_2024"]
    assert (outlook.source_year, outlook.source_checked) == ("2024", "2026-12")
    assert (pay.source_year, pay.source_checked) == ("2024", "2026-12")
    pt = {row["id"]: row for row in outlook.rows}["pt"]
    assert pt["growth"] == pytest.approx(29300 / 267200)
    assert {row["id"]: row["annual_pay"] for row in pay.rows} == {
        "low": 74420, "median": 101020, "high": 132500}
    text = " ".join(all_text(reader_of(build_bytes(pack))).split())
    assert ("counted 267,200 physical therapist jobs in 2024 and expects 29,300 more by 2034. "
            "That is growth of 11% in ten years, against 3% for all jobs") in text
    assert "earned more than $101,020 a year" in text
    assert "2014" not in text
