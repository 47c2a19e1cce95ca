"""The speed layer is a switch: off, the build uses stock libraries; on, the same bytes.

Importing any module of the package changes nothing in reportlab, `re` or the import
system; only guide.speed.enable() does, and disable() puts everything back.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from conftest import DEFAULT_PACK, REPO, build_bytes, with_stock_libraries

from guide import speed

LAKESIDE = REPO / "content" / "brands" / "lakeside.yml"
EDITIONS = {
    "default": ({}, None),
    "print": ({"print_ready": True, "cmyk": True}, None),
    "imposed": ({"impose": "saddle-stitch", "sheet_marks": True}, None),
    "pdf/x-4 with a transparent logo": ({"print_ready": True, "cmyk": True, "pdf_x": "4"},
                                        LAKESIDE),
    "brand with a logo, a5": ({"page_size": "a5"}, LAKESIDE),
}


@pytest.mark.parametrize("edition", EDITIONS)
def test_the_layer_on_and_off_gives_identical_bytes(edition: str) -> None:
    options, brand = EDITIONS[edition]
    assert speed.enabled()
    fast = build_bytes(DEFAULT_PACK, brand, **options)
    stock = with_stock_libraries(lambda: build_bytes(DEFAULT_PACK, brand, **options))
    assert fast == stock


def test_importing_every_module_leaves_other_libraries_untouched() -> None:
    probe = textwrap.dedent("""
        import pkgutil, re, sys, importlib
        from reportlab.pdfbase import pdfdoc, ttfonts
        from reportlab.pdfgen import canvas
        from reportlab.platypus import paragraph
        import markdown.treeprocessors as tp
        def snapshot():
            return {"re.compile": re.compile, "meta_path": list(sys.meta_path),
                    "sameFrag": paragraph.sameFrag, "stringWidth": paragraph.stringWidth,
                    "Canvas.stringWidth": canvas.Canvas.stringWidth,
                    "format": pdfdoc.format, "PDFName": pdfdoc.PDFName,
                    "splitString": ttfonts.TTFont.splitString,
                    "InlineProcessor": dict(vars(tp.InlineProcessor))}
        watched = snapshot()
        import guide
        for info in pkgutil.walk_packages(guide.__path__, "guide."):
            importlib.import_module(info.name)
        now = snapshot()
        changed = [k for k in watched if watched[k] != now[k]]
        from guide import speed
        speed.enable()
        assert paragraph.sameFrag is not watched["sameFrag"], "enable() installed nothing"
        speed.disable()
        restored = snapshot()
        undone = [k for k in watched if watched[k] != restored[k]]
        print(changed, undone)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.strip() == "[] []"


def test_the_environment_switch_keeps_the_layer_off(monkeypatch) -> None:
    monkeypatch.setenv("CAREER_GUIDE_SPEEDUPS", "off")
    try:
        assert speed.enable() is None
        assert not speed.enabled()
    finally:
        monkeypatch.delenv("CAREER_GUIDE_SPEEDUPS")
        speed.enable()
    assert speed.enabled()


def test_an_untested_library_version_keeps_the_layer_off(monkeypatch) -> None:
    monkeypatch.setattr(speed, "installed_versions",
                        lambda: {"reportlab": "9.9.9", "markdown": "3.11.3"})
    try:
        warning = speed.enable()
        assert warning is not None and "reportlab 9.9.9" in warning
        assert not speed.enabled()
    finally:
        monkeypatch.undo()
        speed.enable()


def test_the_command_line_says_when_the_layer_stays_off(tmp_path) -> None:
    script = ("import guide.speed as s; s.TESTED_VERSIONS['reportlab'] = ('0',);"
              "from guide.cli import main; main(['check'])")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         cwd=REPO)
    assert run.returncode == 0, run.stderr
    assert "warning: speed-ups are off: they were not tested with reportlab" in run.stderr


def test_patterns_deferred_while_enable_imports_libraries_behave_as_compiled(tmp_path) -> None:
    """enable() imports reportlab, PyYAML and Markdown with their wide patterns compiled on
    first use: re.compile is back afterwards, a deferred pattern answers as the compiled
    one, and a build in such a process gives the bytes of a build with stock libraries."""
    probe = textwrap.dedent("""
        import re, sys
        original = re.compile
        from guide import speed
        speed.enable()
        from reportlab.platypus import paragraph
        deferred = paragraph.uri_pat
        compiled = original(deferred.source, deferred.flags)
        for uri in ("https://www.aamc.org/x?y=1", "mailto:a@b.edu", "not a uri", ""):
            a, b = deferred.match(uri), compiled.match(uri)
            assert (a and a.groups()) == (b and b.groups()), uri
        print(type(deferred).__name__, re.compile is original)
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         cwd=REPO, check=True).stdout
    assert out.split() == ["CompiledOnFirstUse", "True"]
    built = {}
    for layer in ("on", "off"):
        target = tmp_path / f"{layer}.pdf"
        env = {**__import__("os").environ, "CAREER_GUIDE_SPEEDUPS": layer}
        subprocess.run([sys.executable, "build.py", "build", "-o", str(target)], cwd=REPO,
                       env=env, check=True, capture_output=True)
        built[layer] = target.read_bytes()
    assert built["on"] == built["off"]
