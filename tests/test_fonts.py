"""Fonts loaded through the face cache are the fonts reportlab's TTFont makes."""

import pickle
from pathlib import Path

import pytest
from conftest import FONT_DIR
from reportlab.pdfbase.ttfonts import TTFont, TTFontFace

from guide.load.paths import file_stamp
from guide.speed import font_cache as fonts

BUNDLED = sorted(FONT_DIR.glob("*.ttf"))


def same_face(ours: TTFontFace, theirs: TTFontFace) -> None:
    def state(face: TTFontFace) -> dict:
        return {k: v for k, v in vars(face).items() if k != "_pdfScale"}

    assert state(ours) == state(theirs)
    for value in (0, 1, 500, 1000, 733.5, -270):
        assert ours._pdfScale(value) == theirs._pdfScale(value)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_a_font_from_a_cache_entry_matches_reportlabs(path: Path) -> None:
    name = "F-test-" + path.stem
    theirs = TTFont(name, str(path))
    entry = fonts.font_entry(TTFont(name, str(path)))
    assert entry is not None
    ours = fonts.font_from_entry(pickle.loads(pickle.dumps(entry)))
    assert set(vars(ours)) == set(vars(theirs))
    for key, value in vars(theirs).items():
        if key in ("face", "encoding", "state"):
            assert type(vars(ours)[key]) is type(value), key
        else:
            assert vars(ours)[key] == value, key
    assert len(ours.state) == 0
    same_face(ours.face, theirs.face)
    for text in ("Anesthesiology", "naïve — “quoted”", ""):
        assert ours.stringWidth(text, 10) == theirs.stringWidth(text, 10)


def test_a_scale_other_than_1000_units_is_rebuilt() -> None:
    assert fonts._scale(2048)(2048) == 2048 * (1000 / 2048)
    assert fonts._scale(1000)(733.5) == 733.5
    assert fonts._scale(0) is None and fonts._scale(None) is None


def test_a_font_whose_scaling_cannot_be_rebuilt_is_not_kept() -> None:
    font = TTFont("F-odd", str(BUNDLED[0]))
    font.face._pdfScale = lambda x: x * 2  # not what reportlab's units per em would give
    assert fonts.font_entry(font) is None


def test_load_font_parses_once_then_reads_the_cache(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    path = FONT_DIR / "Lato-Regular.ttf"
    first = fonts.load_font("F-cache-1", path, file_stamp(path))
    assert len(list(tmp_path.rglob("*.pickle"))) == 1

    def no_parse(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("parsed again")

    monkeypatch.setattr(TTFontFace, "__init__", no_parse)
    second = fonts.load_font("F-cache-1", path, file_stamp(path))
    same_face(second.face, first.face)


def test_a_broken_or_switched_off_cache_means_a_plain_parse(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    path = FONT_DIR / "Lato-Italic.ttf"
    fonts.load_font("F-broken-1", path, file_stamp(path))
    (cached,) = tmp_path.rglob("*.pickle")
    cached.write_bytes(b"not a pickle")
    same_face(fonts.load_font("F-broken-1", path, file_stamp(path)).face, TTFont("x", str(path)).face)
    assert cached.read_bytes() != b"not a pickle"  # written afresh

    off = tmp_path / "off"
    monkeypatch.setenv("CAREER_GUIDE_CACHE", "off")
    fonts.load_font("F-off", path, file_stamp(path))
    assert not off.exists()


def test_a_changed_file_gets_its_own_entry(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path / "cache"))
    copy = tmp_path / "Face.ttf"
    copy.write_bytes((FONT_DIR / "Lato-Bold.ttf").read_bytes())
    fonts.load_font("F-changed-1", copy, file_stamp(copy))
    copy.write_bytes((FONT_DIR / "Lato-Black.ttf").read_bytes())
    second = fonts.load_font("F-changed-1", copy, file_stamp(copy))
    assert len(list((tmp_path / "cache").rglob("*.pickle"))) == 2
    same_face(second.face, TTFont("x", str(copy)).face)
