"""Statistics: derived columns computed from the CSV, quoted in prose, charted, with sources."""

from __future__ import annotations

import io
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner

from guide.cli.commands import main
from guide.errors import ContentError
from guide.load.brand import load_brand
from guide.load.expressions import ExpressionError, compile_expression, evaluate
from guide.load.pack import load_guide
from guide.options import BuildOptions
from guide.pipeline import StageTimer, render_pdf

META = """title: Residents, 2019
source: {name: Example registry, url: "https://example.org/data", year: 2019}
key: id
columns:
  id: {type: id}
  specialty: {label: Specialty}
  residents: {label: Residents, type: integer}
  img_residents: {label: IMG residents, type: integer}
derived:
  img_share: {label: IMG share, expr: img_residents / residents, type: percent, decimals: 1}
total: {label: Both, sum: [residents, img_residents]}
chart: {value: img_share, label: specialty, title: IMG share by specialty}
"""
CSV = "id,specialty,residents,img_residents\nanes,Anesthesiology,\"6,507\",854\npmr,PM&R,1395,150\n"
CHAPTER = """---
title: Numbers
kind: appendix
---
In 2019, {{ stats.residents.anes.img_share }} of anesthesiology residents were IMGs
({{ stats.residents.source }}); overall {{ stats.residents.total.img_share }}.

{{ table("residents") }}

::: chart residents
"""


def make_pack(root: Path, csv: str = CSV, meta: str = META, chapter: str = CHAPTER) -> Path:
    (root / "chapters").mkdir(parents=True)
    (root / "data").mkdir()
    (root / "guide.yml").write_text("title: Stats\nchapters: [numbers.md]\n")
    (root / "chapters" / "numbers.md").write_text(chapter)
    (root / "data" / "residents.csv").write_text(csv)
    (root / "data" / "residents.yml").write_text(meta)
    return root


def build_text(root: Path) -> str:
    pdf, _ = render_pdf(load_guide(root), load_brand(None), BuildOptions(), StageTimer())
    return "\n".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def test_derived_share_is_computed_and_quoted(tmp_path: Path) -> None:
    text = build_text(make_pack(tmp_path / "p"))
    assert "13.1% of anesthesiology residents" in text  # 854 / 6,507
    assert "12.7%" in text  # total row: 1,004 / 7,902, recomputed, not summed
    for cell in ("6,507", "1,395", "7,902", "1,004", "10.8%"):
        assert cell in text
    flat = " ".join(text.split())
    assert "Source: Example registry." in flat and "Figures as of 2019." in flat
    assert "IMG share by specialty" in text


def test_editing_the_csv_changes_table_and_sentence(tmp_path: Path) -> None:
    text = build_text(make_pack(tmp_path / "p", csv=CSV.replace("854", "1000")))
    assert "15.4% of anesthesiology residents" in text  # 1000 / 6507
    assert "13.1%" not in text


def test_source_link_is_clickable(tmp_path: Path) -> None:
    pdf, _ = render_pdf(load_guide(make_pack(tmp_path / "p")), load_brand(None), BuildOptions(),
                        StageTimer())
    uris = [a.get_object()["/A"].get("/URI") for p in pypdf.PdfReader(io.BytesIO(pdf)).pages
            for a in p.get("/Annots") or [] if "/A" in a.get_object()]
    assert "https://example.org/data" in uris


@pytest.mark.parametrize("csv,where,what", [
    ("id,specialty,residents,img_residents\nanes,A,10\n", ":2:", "row has 3 cells"),
    ("id,specialty,residents,img_residents\nanes,A,ten,1\n", ":2:", "column 'residents': 'ten'"),
    ("id,specialty,residents,extra\nanes,A,1,1\n", ":1:", "column 'extra'"),
])
def test_malformed_csv_names_file_row_and_column(tmp_path: Path, csv: str, where: str, what: str) -> None:
    root = make_pack(tmp_path / "p", csv=csv)
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2
    assert "residents.csv" + where in result.output
    assert what in result.output
    assert "Traceback" not in result.output


def test_unknown_column_in_expression_is_named(tmp_path: Path) -> None:
    root = make_pack(tmp_path / "p", meta=META.replace("img_residents / residents",
                                                       "img_residents / resident"))
    result = CliRunner().invoke(main, ["check", str(root)])
    assert result.exit_code == 2
    assert "residents.yml:" in result.output and "unknown column 'resident'" in result.output


@pytest.mark.parametrize("expr", ["__import__('os')", "a.b", "a[0]", "f(a)", "a if a else b",
                                  "'text'", "a ** 2", "lambda: 1"])
def test_expressions_allow_only_arithmetic(expr: str) -> None:
    with pytest.raises(ExpressionError):
        compile_expression(expr, {"a", "b"})


def test_expression_arithmetic_and_division_by_zero() -> None:
    tree = compile_expression("(a - b) / a * 100", {"a", "b"})
    assert evaluate(tree, {"a": 4, "b": 1}) == pytest.approx(75.0)
    assert evaluate(compile_expression("a / b", {"a", "b"}), {"a": 1, "b": 0}) is None


def test_unknown_row_in_prose_is_an_error_with_line(tmp_path: Path) -> None:
    root = make_pack(tmp_path / "p", chapter=CHAPTER.replace("stats.residents.anes", "stats.residents.anse"))
    with pytest.raises(ContentError) as info:
        build_text(root)
    assert info.value.line == 5 and "did you mean 'anes'" in str(info.value)


def test_long_chart_labels_wrap_instead_of_being_cut(tmp_path: Path) -> None:
    """A label too long for one line of the chart's label column takes two lines, whole,
    and nothing in any chart is shortened with '…'."""
    import shutil

    from conftest import DEFAULT_PACK, build_bytes
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, pack)
    rates = pack / "data" / "match_rates.csv"
    rates.write_text(rates.read_text().replace(
        "International medical graduates", "Graduates of physical medicine and rehabilitation"))
    reader = pypdf.PdfReader(io.BytesIO(build_bytes(pack)))
    page = next(p for p in reader.pages if "Match rate by type of applicant" in p.extract_text())
    runs: list[str] = []
    page.extract_text(visitor_text=lambda text, *_: runs.append(text.strip()))
    assert any(r.endswith("and") for r in runs) and "rehabilitation" in runs
    assert not any("…" in p.extract_text() for p in reader.pages)
