"""The user's cache folder: QR codes and entries that cannot be trusted."""

import json

from guide import user_cache
from guide.layout import brand_art


def test_qr_runs_from_the_cache_match_a_fresh_encoding(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    url = "https://www.example.edu/pre-health/pain-medicine"
    fresh = brand_art._encoded_runs(url)
    brand_art.qr_runs.cache_clear()
    assert brand_art.qr_runs(url) == fresh  # made and stored
    (entry,) = tmp_path.rglob("*.json")
    brand_art.qr_runs.cache_clear()
    monkeypatch.setattr(brand_art, "_encoded_runs", lambda url: (_ for _ in ()).throw(
        AssertionError("encoded again")))
    assert brand_art.qr_runs(url) == fresh  # read back
    assert json.loads(entry.read_text())[0] == fresh[0]


def test_a_damaged_qr_entry_is_made_again(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    url = "https://example.org/x"
    brand_art.qr_runs.cache_clear()
    fresh = brand_art.qr_runs(url)
    (entry,) = tmp_path.rglob("*.json")
    for damage in (b"", b"not json", b"[1]", b'[25, [[1, 2]]]', b'[25, [[1, 2, "x"]]]'):
        entry.write_bytes(damage)
        brand_art.qr_runs.cache_clear()
        assert brand_art.qr_runs(url) == fresh
    brand_art.qr_runs.cache_clear()


def test_cache_off_and_unwritable_folders_never_fail(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_CACHE", "off")
    assert user_cache.cache_file("qr-x", "key", ".json") is None
    user_cache.write_quietly(None, b"data")
    assert user_cache.read_quietly(None) is None
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(blocker))
    target = user_cache.cache_file("qr-x", "key", ".json")
    user_cache.write_quietly(target, b"data")  # cannot make the folder: quietly nothing
    assert user_cache.read_quietly(target) is None
    assert [p.name for p in tmp_path.iterdir()] == ["a-file"]


def test_parsed_shapes_are_read_back_from_the_cache_and_damage_is_parsed_again(
        tmp_path, monkeypatch) -> None:
    from guide.layout import shapes
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    text = '- {kind: rect, x: 1, y: 2.5, w: "50%", fill: "#ff0000"}\n- {kind: text, text: "Año"}\n'
    shapes._parse_cached.cache_clear()
    fresh = shapes._parse_cached(text)
    (entry,) = tmp_path.rglob("*.json")
    shapes._parse_cached.cache_clear()
    monkeypatch.setattr(shapes, "_parse_yaml", lambda text: (_ for _ in ()).throw(
        AssertionError("parsed again")))
    assert shapes._parse_cached(text) == fresh  # read back, not parsed
    monkeypatch.undo()
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    for damage in (b"", b"not json", entry.read_bytes().replace(b"50%", b"60%")):
        entry.write_bytes(damage)
        shapes._parse_cached.cache_clear()
        assert shapes._parse_cached(text) == fresh
    shapes._parse_cached.cache_clear()


def test_shapes_json_cannot_hold_are_parsed_each_time(tmp_path, monkeypatch) -> None:
    from guide.layout import shapes
    monkeypatch.setenv("CAREER_GUIDE_CACHE", str(tmp_path))
    shapes._parse_cached.cache_clear()
    assert shapes._parse_cached("- {kind: text, when: 2026-12-02}\n- {1: x}\n")[1] == {1: "x"}
    assert not list(tmp_path.rglob("*.json"))
    shapes._parse_cached.cache_clear()
