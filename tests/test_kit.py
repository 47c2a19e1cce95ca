"""The career-fair kit: flyer and poster sizes, print boxes, the QR link, facts equal to the
data (and following an edited CSV), text that never leaves its box, and batch --kind."""

from __future__ import annotations

import io
import itertools
import shutil
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from click.testing import CliRunner
from conftest import DEFAULT_PACK, REPO
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.cli.commands import main
from guide.errors import ContentError
from guide.kit.pieces import SIZES, KitRender, render_piece
from guide.kit.spec import load_flyer_spec
from guide.load.brand import load_brand
from guide.load.pack import load_guide
from guide.options import BuildOptions
from guide.printing.print_edition import PrintGeometry
from guide.text.formatting import format_value

BRANDS = [None, *sorted((REPO / "content" / "brands").glob("*.yml"))]
PIECES = [(kind, size) for kind, sizes in SIZES.items() for size in sizes]
MM = 72 / 25.4


def render(kind: str, pack: Path = DEFAULT_PACK, brand: Path | None = None,
           **options) -> KitRender:  # type: ignore[no-untyped-def]
    options.setdefault("page_size", "letter" if kind == "flyer" else "18x24in")
    return render_piece(kind, load_guide(pack), load_flyer_spec(pack), load_brand(brand),
                        BuildOptions(**options))


def reader(pdf: bytes) -> pypdf.PdfReader:
    return pypdf.PdfReader(io.BytesIO(pdf))


def box(value) -> tuple[float, ...]:  # type: ignore[no-untyped-def]
    return tuple(round(float(v), 2) for v in value)


@pytest.mark.parametrize("brand", BRANDS, ids=lambda b: b.stem if b else "default")
@pytest.mark.parametrize("kind,size", PIECES)
def test_every_brand_and_size(kind: str, size: str, brand: Path | None) -> None:
    width, height = SIZES[kind][size]
    plain = reader(render(kind, brand=brand, page_size=size).pdf)
    assert len(plain.pages) == (2 if kind == "flyer" else 1)
    for page in plain.pages:
        assert box(page.mediabox) == box((0, 0, width, height))
    printed = reader(render(kind, brand=brand, page_size=size, print_ready=True).pdf)
    g = PrintGeometry.for_bleed(9.0)
    for page in printed.pages:
        assert box(page.trimbox) == box(g.trim_box(width, height))
        assert box(page.bleedbox) == box(g.bleed_box(width, height))
        assert float(page.mediabox.width) == pytest.approx(width + 2 * g.border)


def links(page: pypdf.PageObject) -> list[tuple[str, tuple[float, ...]]]:
    out = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        if annot.get("/Subtype") == "/Link" and "/A" in annot:
            out.append((str(annot["/A"]["/URI"]), box(annot["/Rect"])))
    return out


@pytest.mark.parametrize("brand", BRANDS, ids=lambda b: b.stem if b else "default")
def test_qr_code_links_to_the_school_page_and_is_large_enough(brand: Path | None) -> None:
    url = load_brand(brand).url
    back = reader(render("flyer", brand=brand).pdf).pages[1]
    (target, rect), = links(back)
    assert target == url
    assert rect[2] - rect[0] >= 25 * MM and rect[3] - rect[1] >= 25 * MM
    poster = reader(render("poster", brand=brand).pdf).pages[0]
    assert [t for t, _ in links(poster)] == [url]


def test_a_flyer_url_in_guide_yml_wins(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    text = (pack / "guide.yml").read_text()
    (pack / "guide.yml").write_text(text.replace("  checklist-items: 2",
                                                 "  checklist-items: 2\n  url: https://example.edu/guide"))
    (target, _), = links(reader(render("flyer", pack).pdf).pages[1])
    assert target == "https://example.edu/guide"


def copy_pack(tmp_path: Path) -> Path:
    return Path(shutil.copytree(DEFAULT_PACK, tmp_path / "pack"))


def front_text(pdf: bytes) -> str:
    return " ".join(reader(pdf).pages[0].extract_text().split())


def test_facts_equal_the_data_and_follow_an_edited_csv(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    text = front_text(render("flyer", pack).pdf)
    for fact in ("12-13", "79%", "377", "$81,807", "of US MD graduates who applied matched"):
        assert fact in text
    csv = pack / "data" / "match_rates.csv"
    csv.write_text(csv.read_text().replace("md,US MD graduates,79%", "md,US MD graduates,83%"))
    rows = pack / "data" / "resident_stipends.csv"
    rows.write_text(rows.read_text().replace("pgy5,Fifth year (PGY-5),81807",
                                             "pgy5,Fifth year (PGY-5),84250"))
    text = front_text(render("flyer", pack).pdf)
    assert "83%" in text and "79%" not in text
    assert "$84,250" in text and "$81,807" not in text


def test_default_facts_come_from_the_tables(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    guide_yml = pack / "guide.yml"
    guide_yml.write_text(guide_yml.read_text().split("# The career-fair flyer")[0])
    text = front_text(render("flyer", pack).pdf)
    assert "12–13" in text  # the length of the path
    guide = load_guide(pack)
    expected = []
    for table in guide.tables.values():  # the first number of each of the first three tables
        numeric = [c for c in table.visible_columns if c.numeric and c.type != "year"]
        if numeric and len(expected) < 3:
            row = table.total if table.total is not None else table.rows[0]
            expected.append(format_value(row[numeric[0].name], numeric[0]))
    assert len(expected) == 3
    for value in expected:
        assert value in text, value


def test_back_shows_each_stages_first_checklist_items() -> None:
    back = " ".join(reader(render("flyer").pdf).pages[1].extract_text().split())
    guide = load_guide(DEFAULT_PACK)
    for stage in guide.timeline.stages:
        assert stage.label in back
    assert "Meet a pre-health advisor and map your premed courses" in back
    assert "Find steady clinical experience" not in back  # the college checklist's third item


def test_a_wrong_fact_names_its_line_in_guide_yml(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    guide_yml = pack / "guide.yml"
    text = guide_yml.read_text().replace("stats.match_rates.md.match_rate",
                                         "stats.match_rates.mdd.match_rate")
    guide_yml.write_text(text)
    line = text.split("\n").index("    - value: stats.match_rates.mdd.match_rate") + 1
    with pytest.raises(ContentError) as caught:
        render("flyer", pack)
    assert caught.value.path.endswith("guide.yml") and caught.value.line == line
    assert "no row 'mdd'" in caught.value.problem


def test_too_few_facts_is_an_error(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    (pack / "guide.yml").write_text(
        (pack / "guide.yml").read_text().split("# The career-fair")[0]
        + "flyer:\n  facts:\n    - {value: timeline.total_years, line: years}\n")
    with pytest.raises(ContentError, match="3 to 5 facts"):
        load_flyer_spec(pack)


# -- text never overflows: generated titles and paths of 3-8 stages -----------------------
words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=14)
phrases = st.lists(words, min_size=1, max_size=12).map(" ".join)


def write_generated_pack(root: Path, title: str, stages: list[tuple[str, int, list[str]]],
                         milestones: int) -> Path:
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    lines = ["unit: years", "stages:"]
    chapters = []
    for i, (label, years, items) in enumerate(stages):
        lines.append(f"  - {{id: s{i}, label: {label!r}, years: {years}, description: Stage {i}}}")
        body = "\n".join(f"- [ ] {item}" for item in items)
        (root / "chapters" / f"s{i}.md").write_text(
            f"---\ntitle: Stage {i}\nkind: stage\nstage: s{i}\n---\n"
            f"Text.\n\n## Checklist\n\n{body}\n")
        chapters.append(f"s{i}.md")
    lines.append("milestones:")
    for m in range(milestones):
        lines.append(f"  - {{label: Milestone {m}, stage: s{m % len(stages)}, at: 0.5}}")
    if not milestones:
        lines[-1] = "milestones: []"
    (root / "timeline.yml").write_text("\n".join(lines) + "\n")
    (root / "guide.yml").write_text(f"title: {title!r}\nsubtitle: A generated guide\n"
                                    f"chapters: [{', '.join(chapters)}]\n")
    return root


def assert_inside_boxes(render_result: KitRender, page_size: tuple[float, float]) -> None:
    """Every character drawn lies inside the box of the text (or diagram) it belongs to, and
    no two drawn texts overlap."""
    width, height = page_size
    pdf = pypdfium2.PdfDocument(render_result.pdf)
    for number, placed in enumerate(render_result.placed):
        for p in placed:
            assert p.used <= p.h + 0.01, p
        rects = [(p.x, height - p.top - p.used, p.x + p.w, height - p.top, p.size * 0.3)
                 for p in placed]
        text = pdf[number].get_textpage()
        for i in range(text.count_chars()):
            left, bottom, right, top = text.get_charbox(i)
            if right - left <= 0 or text.get_text_range(i, 1).isspace():
                continue
            assert 0 <= left and right <= width and 0 <= bottom and top <= height
            assert any(x0 - pad / 2 <= left and right <= x1 + pad / 2 and y0 - pad <= bottom and
                       top <= y1 + pad for x0, y0, x1, y1, pad in rects), \
                (number, text.get_text_range(i, 1), (left, bottom, right, top))
        for a, b in itertools.combinations(rects, 2):
            assert not (a[2] > b[0] + 0.5 and b[2] > a[0] + 0.5 and
                        a[3] > b[1] + 0.5 and b[3] > a[1] + 0.5), (a, b)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=phrases, stages=st.lists(st.tuples(phrases.map(lambda p: p[:40]),
                                                st.integers(1, 5),
                                                st.lists(phrases, min_size=0, max_size=4)),
                                      min_size=3, max_size=8),
       milestones=st.integers(0, 8))
def test_flyer_text_never_overflows(tmp_path_factory: pytest.TempPathFactory, title: str,
                                    stages: list, milestones: int) -> None:
    pack = write_generated_pack(tmp_path_factory.mktemp("gen"), title, stages, milestones)
    try:
        result = render("flyer", pack)
    except ContentError as error:
        # Shrinking has limits: then the field that is too long is named, with its file.
        assert len(title) > 90 or error.path.endswith(("timeline.yml", ".md")), error
        assert error.path.endswith(("guide.yml", "timeline.yml", ".md"))
        assert "too long" in error.problem or "too tall" in error.problem
        return
    assert_inside_boxes(result, SIZES["flyer"]["letter"])


@pytest.mark.parametrize("kind,size", [("flyer", "a4"), ("poster", "18x24in"),
                                       ("poster", "tabloid")])
def test_the_example_pack_stays_inside_its_boxes(kind: str, size: str) -> None:
    assert_inside_boxes(render(kind, page_size=size), SIZES[kind][size])


def test_a_title_too_long_names_the_field(tmp_path: Path) -> None:
    pack = write_generated_pack(tmp_path, "A very long title " * 40,
                                [("One", 2, ["a"]), ("Two", 2, ["b"]), ("Three", 1, [])], 1)
    with pytest.raises(ContentError) as caught:
        render("flyer", pack)
    assert caught.value.path.endswith("guide.yml") and caught.value.line == 1
    assert caught.value.problem.startswith("the title is too long for the flyer")


def test_a_brand_overrides_a_kit_template(tmp_path: Path) -> None:
    folder = tmp_path / "templates"
    folder.mkdir()
    source = (REPO / "templates" / "poster.yml.j2").read_text()
    (folder / "poster.yml.j2").write_text(
        source + '- text: {x: 5%, y: 1%, w: 50%, h: 2%, text: "OPEN HOUSE FRIDAY", size: 20}\n')
    brand = tmp_path / "brand.yml"
    brand.write_text("meta:\n  name: Override School\n"
                     "defaults:\n  career-guide:\n    templates: templates\n")
    assert "OPEN HOUSE FRIDAY" in reader(render("poster", brand=brand).pdf).pages[0].extract_text()


def test_cli_flyer_poster_and_batch_kit(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "f.pdf"
    result = runner.invoke(main, ["flyer", str(DEFAULT_PACK), "-o", str(out), "--page-size", "a4"])
    assert result.exit_code == 0, result.output
    assert "2 pages at a4" in result.output and out.exists()
    result = runner.invoke(main, ["poster", str(DEFAULT_PACK), "-o", str(tmp_path / "p.pdf"),
                                  "--size", "24x36in", "--print"])
    assert result.exit_code == 0, result.output
    brands = tmp_path / "brands"
    brands.mkdir()
    shutil.copy(REPO / "content" / "brands" / "default.yml", brands / "default.yml")
    result = runner.invoke(main, ["batch", str(DEFAULT_PACK), "--brands", str(brands), "-o",
                                  str(tmp_path / "kit"), "--kind", "booklet,flyer,poster",
                                  "-j", "1"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "kit").iterdir()) == [
        "pre-health-advising-flyer.pdf", "pre-health-advising-poster.pdf",
        "pre-health-advising.pdf"]
    result = runner.invoke(main, ["batch", str(DEFAULT_PACK), "--brands", str(brands), "-o",
                                  str(tmp_path / "kit2"), "--kind", "leaflet"])
    assert result.exit_code == 2 and "unknown --kind 'leaflet'" in result.output


def test_a_kit_build_is_reproducible() -> None:
    assert render("flyer").pdf == render("flyer").pdf


def test_the_documented_flyer_section_builds(tmp_path: Path) -> None:
    from test_docs import photo, starter_pack, write_files

    pack = starter_pack(tmp_path)
    photo(pack)
    write_files("content-format.md", pack)
    result = render("flyer", pack)
    text = front_text(result.pdf)
    for fact in ("7 years from college to your first clinic", "7,902", "13.1%"):
        assert fact in text, fact
    (target, _), = links(reader(result.pdf).pages[1])
    assert target == "https://example.edu/pre-health/guide"
    back = " ".join(reader(result.pdf).pages[1].extract_text().split())
    assert "Find the prerequisite list of three programs you like" in back


def test_a_pack_without_a_timeline_is_one_line_exit_2(tmp_path: Path) -> None:
    (tmp_path / "chapters").mkdir()
    (tmp_path / "chapters" / "a.md").write_text("---\ntitle: A\nkind: chapter\n---\nHi\n")
    (tmp_path / "guide.yml").write_text("title: T\nchapters: [a.md]\n")
    out = tmp_path / "flyer.pdf"
    out.write_bytes(b"earlier")
    result = CliRunner().invoke(main, ["poster", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 2
    assert result.output.strip().endswith("the flyer and poster need the pack's timeline.yml "
                                          "(add timeline.yml; its format is in "
                                          "docs/content-format.md)")
    assert out.read_bytes() == b"earlier"  # the previous file survives


def test_the_flyer_goes_through_the_booklets_finishing_step() -> None:
    from test_print import _colour_operators

    for kind in ("flyer", "poster"):
        operators = _colour_operators(reader(render(kind, print_ready=True, cmyk=True).pdf))
        assert b"k" in operators and b"rg" not in operators and b"RG" not in operators
    with pytest.raises(ContentError, match="exclude each other"):
        render("flyer", cmyk=True, grayscale=True)


@pytest.mark.parametrize("kind", ["flyer", "poster"])
def test_the_speed_layer_on_and_off_gives_identical_kit_bytes(kind: str) -> None:
    from conftest import with_stock_libraries

    from guide import speed

    lakeside = REPO / "content" / "brands" / "lakeside.yml"
    assert speed.enabled()
    fast = render(kind, brand=lakeside, print_ready=True).pdf
    stock = with_stock_libraries(lambda: render(kind, brand=lakeside, print_ready=True).pdf)
    assert fast == stock
