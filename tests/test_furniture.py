"""Template output is YAML: any text a template quotes with the yaml filter reads back as it was."""

from __future__ import annotations

import pytest
import yaml

from guide.layout.shapes import _yaml_string

@pytest.mark.parametrize("text", ["plain", 'a "q" \\ b', "line\nnext", "é ü 中 😀", "ctrl\x01x",
                                  "\x85nel", "Ω\u2028sep", "x: y # z", "{{ a }}", "- [x]", "\ufeffbom"])
def test_the_yaml_filter_round_trips_any_text(text: str) -> None:
    assert yaml.safe_load("v: " + _yaml_string(text))["v"] == text


def test_text_in_a_box_narrower_than_a_letter_is_centred_on_it(tmp_path) -> None:
    """A stage of a few weeks gives its number a box of almost no width (even a negative
    one): the number is drawn at its natural width, centred on the box, not wrapped into
    nothing (which crashed)."""
    from reportlab.pdfgen.canvas import Canvas

    from guide.layout.fonts import register_fonts
    from guide.layout.shapes import PageBox, ShapePainter
    from guide.layout.theme import make_theme
    from guide.load.brand import load_brand

    brand = load_brand(None)
    theme = make_theme(brand, register_fonts(brand.fonts), "half-letter")
    canvas = Canvas(str(tmp_path / "box.pdf"), pagesize=(300, 100))
    painter = ShapePainter(theme, PageBox(300, 100))
    for w in (-0.48, 0.0, 1.5):
        painter.draw_text(canvas, {"kind": "text", "x": 150, "y": 10, "w": w, "text": "3",
                                   "size": 4.6, "align": "center"})
    canvas.save()
    import pypdf

    text = pypdf.PdfReader(tmp_path / "box.pdf").pages[0].extract_text()
    assert text.count("3") == 3
