"""One pack, two languages: `--lang es` builds the Spanish edition from the same data, and
every word the booklet prints by itself comes from the language's strings file."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner
from conftest import DEFAULT_PACK, all_text, reader_of

from guide.cli.commands import default_output, main
from guide.load.pack import load_guide
from guide.options import BuildOptions
from guide.pipeline import load_edition, render_booklet
from guide.text.formatting import format_value
from guide.text.wording import wording_for

# Words the English booklet prints by itself, none of which a Spanish page may show.
ENGLISH_FURNITURE = ["Contents", "Stage 1", "STAGE", "Appendix", "APPENDIX", "Source:",
                     "Figures as of", "Edition 2026", "Questions? Talk to us.", "Scan for more",
                     "My plan at a glance", "Advisor", ": target", "My next steps", "ongoing",
                     "You are here", "Routes through", "Year 1 ", " years", "can end after",
                     "The path at a glance", "Key facts", "Scan for the full guide"]


@pytest.fixture(scope="module")
def spanish() -> tuple[bytes, int]:
    pdf, pages, _, _ = render_booklet(DEFAULT_PACK, None, BuildOptions(language="es"))
    return pdf, pages


@pytest.fixture(scope="module")
def english() -> bytes:
    return render_booklet(DEFAULT_PACK, None, BuildOptions())[0]


def words_of(pdf: bytes) -> str:
    return " ".join(all_text(reader_of(pdf)).split())


def test_the_spanish_edition_speaks_spanish(spanish) -> None:  # type: ignore[no-untyped-def]
    text = words_of(spanish[0])
    for word in ("Contenido", "ETAPA 1", "Fuente:", "Cifras de", "Edición 2026",
                 "¿Preguntas? Habla con nosotros.", "Mi plan de un vistazo"):
        assert word in text, word
    left = [word for word in ENGLISH_FURNITURE if word in text]
    assert not left, left


def test_its_language_tag_is_es_us(spanish) -> None:  # type: ignore[no-untyped-def]
    reader = reader_of(spanish[0])
    assert reader.trailer["/Root"]["/Lang"] == "es-US"


def test_numbers_are_the_english_editions_formatted_for_the_locale(spanish, english) -> None:  # type: ignore[no-untyped-def]
    guide = load_guide(DEFAULT_PACK)
    words = wording_for("es-US")
    spanish_text, english_text = words_of(spanish[0]), words_of(english)
    checked = 0
    for table in guide.tables.values():
        for row in table.rows:
            for column in table.visible_columns:
                if column.numeric and row.get(column.name) is not None:
                    shown = format_value(row[column.name], column, words)
                    assert shown == format_value(row[column.name], column)  # es-US as en-US
                    assert shown in spanish_text and shown in english_text, (table.name, shown)
                    checked += 1
    assert checked > 20


def test_a_locale_that_writes_numbers_differently_gets_them_its_way() -> None:
    guide = load_guide(DEFAULT_PACK)
    column = next(c for c in guide.tables["match_rates"].columns if c.name == "match_rate")
    assert format_value(0.791, column, wording_for("es-ES")) == "79\xa0%"
    assert wording_for("es-ES").integer(16507) == "16.507"
    assert wording_for("de-DE").decimal(1.5, 1) == "1,5"


def test_the_master_checklist_still_gathers_every_stage_checklist(spanish, english) -> None:  # type: ignore[no-untyped-def]
    def boxes(pdf: bytes) -> int:
        return sum(1 for f in (reader_of(pdf).get_fields() or {}).values()
                   if f.get("/FT") == "/Btn")
    assert boxes(spanish[0]) == boxes(english) > 40


def test_data_and_timeline_numbers_are_shared_not_copied() -> None:
    english, spanish = load_guide(DEFAULT_PACK), load_edition(DEFAULT_PACK, "es")
    for name, table in english.tables.items():
        ours = spanish.tables[name]
        for a, b in zip(table.rows, ours.rows, strict=True):
            assert {k: v for k, v in a.items() if not isinstance(v, str)} == \
                   {k: v for k, v in b.items() if not isinstance(v, str)}
    assert [(s.id, s.min_years, s.max_years) for s in english.timeline.stages] == \
           [(s.id, s.min_years, s.max_years) for s in spanish.timeline.stages]
    assert [s.label for s in spanish.timeline.stages][0] != english.timeline.stages[0].label


def test_the_default_output_name_says_the_language() -> None:
    options = BuildOptions(language="es")
    assert default_output(DEFAULT_PACK, None, "half-letter", options).name == "pain-medicine-es.pdf"
    assert default_output(DEFAULT_PACK, None, "a5", BuildOptions(language="en")).name == \
        "pain-medicine-a5.pdf"


def copy_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(DEFAULT_PACK, pack)
    return pack


def test_a_missing_chapter_translation_is_an_error_naming_it(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    (pack / "es" / "chapters" / "residency.md").unlink()
    result = CliRunner().invoke(main, ["check", str(pack), "--lang", "es"])
    assert result.exit_code == 2
    assert f"error: {pack / 'es' / 'chapters' / 'residency.md'}: no translation of residency.md" \
        in result.output
    allowed = CliRunner().invoke(main, ["check", str(pack), "--lang", "es", "--allow-missing"])
    assert allowed.exit_code == 0, allowed.output
    assert "no translation of residency.md; the English text is used" in allowed.output


def test_a_missing_label_is_named_with_its_file(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    timeline = pack / "es" / "timeline.yml"
    timeline.write_text(re.sub(r"\n  fellowship:\n(    .*\n)+", "\n", timeline.read_text("utf-8")),
                        "utf-8")
    result = CliRunner().invoke(main, ["check", str(pack), "--lang", "es"])
    assert result.exit_code == 2
    assert "stage 'fellowship' has no translated label" in result.output


def test_a_pack_can_override_any_string_and_a_typo_is_caught(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    (pack / "strings.yml").write_text("back_questions: Come and see us.\n", "utf-8")
    pdf, *_ = render_booklet(pack, None, BuildOptions())
    assert "Come and see us." in words_of(pdf)
    (pack / "strings.yml").write_text("back_question: Come and see us.\n", "utf-8")
    result = CliRunner().invoke(main, ["check", str(pack)])
    assert result.exit_code == 2
    assert "strings.yml:1: unknown string 'back_question' (did you mean 'back_questions'?)" \
        in result.output


def test_a_language_without_a_strings_file_falls_back_with_one_warning(tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    shutil.copytree(pack / "es", pack / "fr")
    (pack / "fr" / "guide.yml").write_text(
        (pack / "fr" / "guide.yml").read_text("utf-8").replace("es-US", "fr"), "utf-8")
    result = CliRunner().invoke(main, ["build", str(pack), "--lang", "fr", "-o",
                                       str(tmp_path / "fr.pdf")])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if "no strings for language" in line]
    assert len(warnings) == 1 and "English is used" in warnings[0]


def test_batch_builds_every_brand_in_both_languages(tmp_path: Path) -> None:
    brands = tmp_path / "brands"
    brands.mkdir()
    for name in ("lakeside", "riverton"):
        shutil.copy(DEFAULT_PACK.parent / "brands" / f"{name}.yml", brands)
        shutil.copytree(DEFAULT_PACK.parent / "brands" / name, brands / name)
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["batch", "--brands", str(brands), "-o", str(out),
                                       "--lang", "en,es", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    built = sorted(p.name for p in out.glob("*.pdf"))
    assert len(built) == 4 and sum(name.endswith("-es.pdf") for name in built) == 2, built
    spanish = next(out.glob("*-es.pdf"))
    assert pypdf.PdfReader(spanish).trailer["/Root"]["/Lang"] == "es-US"


def test_new_writes_a_spanish_starter_that_builds(tmp_path: Path) -> None:
    target = tmp_path / "fisioterapia"
    result = CliRunner().invoke(main, ["new", str(target), "--title", "El camino a la fisioterapia",
                                       "--lang", "es"])
    assert result.exit_code == 0, result.output
    pdf, *_ = render_booklet(target, None, BuildOptions())
    reader = reader_of(pdf)
    assert reader.trailer["/Root"]["/Lang"] == "es-US"
    text = words_of(pdf)
    assert "El camino a la fisioterapia" in text and "Contenido" in text
    assert not [word for word in ENGLISH_FURNITURE if word in text]


def test_the_flyer_speaks_spanish_too(tmp_path: Path) -> None:
    out = tmp_path / "flyer.pdf"
    result = CliRunner().invoke(main, ["flyer", "--lang", "es", "-o", str(out)])
    assert result.exit_code == 0, result.output
    text = " ".join(all_text(pypdf.PdfReader(out)).split())
    assert "DATOS CLAVE" in text and "Escanea para ver la guía completa" in text
    assert not [word for word in ENGLISH_FURNITURE if word in text]
