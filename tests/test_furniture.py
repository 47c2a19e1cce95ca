"""Template output is read exactly as PyYAML would read it, quick path or not."""

from __future__ import annotations

import pytest
import yaml

from guide.furniture import _parse_cached, _parse_shape_lines, _yaml_string

LINES = [
    "- rect: {x: 0, y: 0, w: 100%, h: 100%, fill: primary, bleed: true}",
    '- text: {x: 9%, y: 6%, w: 82%, text: "Your, {Pre}: Office \\"q\\" é", upper: true}',
    '- line: {x1: 39.6, y1: 579.8592, x2: -3, y2: 0.45%, color: "#1d4e6b", dash: "2 2"}',
    "- rect: {x: 8.881784197001252e-16, y: 5., w: 1.5E+3}",
    "- rect: {x: 1e5, y: 2.5e3}",          # strings to PyYAML: no dot or no exponent sign
    "- rect: {x: yes, y: no, z: on, w: off, h: ~, q: null}",
    "- rect: {x: 012, y: 0x1f, z: 1_000}",
    '- rect: {x: "a\\Nb", y: "\\x41", z: "tab\\there"}',
    "- rect: {x: 3, x: 4}",
    "- rect: {}",
    "- text: {text: Pre-Health Advising: Room 2}",
    "- text: {text: plain words here}",
    "- rect: {x: 5 , fill: primary , stroke: secondary}",
    "- qr: {url: \"https://x.org/a?b=c#d\", size: 99.0}",
    "- rect: {x: 1} # a comment",
    "-   rect: {x: 1}",
]


@pytest.mark.parametrize("line", LINES)
def test_quick_reading_agrees_with_pyyaml(line: str) -> None:
    try:
        expected = yaml.safe_load(line)
    except yaml.YAMLError:
        assert _parse_shape_lines(line) is None  # errors are PyYAML's to report
        return
    quick = _parse_shape_lines(line)
    assert quick is None or quick == expected
    assert _parse_cached(line) == expected


@pytest.mark.parametrize("text", ["plain", 'a "q" \\ b', "line\nnext", "é ü 中 😀", "ctrl\x01x",
                                  "\x85nel", "Ω\u2028sep", "x: y # z", "{{ a }}", "- [x]", "\ufeffbom"])
def test_the_yaml_filter_round_trips_any_text(text: str) -> None:
    assert yaml.safe_load("v: " + _yaml_string(text))["v"] == text


def test_text_in_a_box_narrower_than_a_letter_is_centred_on_it(tmp_path) -> None:
    """A stage of a few weeks gives its number a box of almost no width (even a negative
    one): the number is drawn at its natural width, centred on the box, not wrapped into
    nothing (which crashed)."""
    from reportlab.pdfgen.canvas import Canvas

    from guide.brand import load_brand
    from guide.fonts import register_fonts
    from guide.furniture import PageBox, ShapePainter
    from guide.theme import make_theme

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
