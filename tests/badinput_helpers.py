"""Helpers for the bad-input tests: a tiny pack, the CLI run in-process, and the error contract.

The contract (README, "Exit codes"): a mistake in the input gives exit code 2, one line
`error: FILE:LINE: what is wrong (how to fix it)` on stderr, no traceback, and any PDF
already at the output path stays byte-identical; no temporary file is left behind.
"""

from __future__ import annotations

import io
import struct
import zlib
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pytest
from click.testing import CliRunner, Result

from guide.cli.commands import main

REPO = Path(__file__).resolve().parent.parent
DEFAULT_PACK = REPO / "content" / "pain-medicine"

INTRO = """\
---
title: Introduction
kind: chapter
summary: Where the path starts.
---

The first chapter says **hello** and points to [the next one](next.md).

## What you will read

- One thing
- Another thing
"""

NEXT = """\
---
title: Next steps
kind: chapter
---

The second chapter has a short paragraph.

## Checklist

- [ ] Read the first chapter
"""


def make_pack(root: Path, chapters: dict[str, str] | None = None) -> Path:
    """A minimal valid pack: guide.yml listing two chapters (intro.md, next.md)."""
    chapters = chapters if chapters is not None else {"intro.md": INTRO, "next.md": NEXT}
    (root / "chapters").mkdir(parents=True, exist_ok=True)
    for name, body in chapters.items():
        (root / "chapters" / name).write_text(textwrap.dedent(body), encoding="utf-8")
    listed = "".join(f"  - {name}\n" for name in chapters)
    (root / "guide.yml").write_text(
        "title: A Small Test Guide\nsubtitle: For bad-input tests\nedition: 2026\n"
        f"chapters:\n{listed}", encoding="utf-8")
    return root


def chapter(body: str, title: str = "Broken", extra: str = "") -> str:
    """A chapter file with valid front matter and the given Markdown body."""
    return f"---\ntitle: {title}\nkind: chapter\n{extra}---\n\n{body}"


def run_cli(*args: object) -> Result:
    """The CLI in-process; exceptions are caught so a traceback counts as a failure, not a crash."""
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=True)


def describe(result: Result) -> str:
    """Everything a result says, for assertion messages and the findings file."""
    exc = ""
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        exc = f"\n[exception] {type(result.exception).__name__}: {result.exception}"
    return (f"[exit {result.exit_code}]\n[stdout]\n{result.stdout}[stderr]\n{result.stderr}"
            f"{exc}")


@dataclass
class Booklet:
    """A pack plus a good PDF already built at `out`, to check it survives a failed build."""

    pack: Path
    out: Path
    good: bytes
    brand: Path | None = None

    @property
    def folder(self) -> Path:
        return self.out.parent

    def build(self, *extra: object, brand: Path | None = None) -> Result:
        brand = brand or self.brand
        args: list[object] = ["build", self.pack, "-o", self.out, *extra]
        if brand is not None:
            args += ["--brand", brand]
        return run_cli(*args)

    def chapter_file(self, name: str = "intro.md") -> Path:
        return self.pack / "chapters" / name


def good_booklet(tmp_path: Path, pack: Path | None = None, brand: Path | None = None) -> Booklet:
    """Make a pack (unless given), build it once to out/booklet.pdf and remember the bytes."""
    pack = pack or make_pack(tmp_path / "pack")
    out_dir = tmp_path / "out"
    out_dir.mkdir(exist_ok=True)
    out = out_dir / "booklet.pdf"
    args: list[object] = ["build", pack, "-o", out]
    if brand is not None:
        args += ["--brand", brand]
    result = run_cli(*args)
    assert result.exit_code == 0, describe(result)
    return Booklet(pack=pack, out=out, good=out.read_bytes(), brand=brand)


def assert_rejected(result: Result, booklet: Booklet | None, file: str | Path | None,
                    line: int | None = None, *, contains: tuple[str, ...] = (),
                    lines: int | None = 1) -> str:
    """The error contract; returns the error message.

    `file` is a file name (or path tail) that must appear right after `error: `; `line` the
    line number that must follow it as `:LINE:`. `lines` is how many `error:` lines are
    expected (None: any number >= 1).
    """
    text = describe(result)
    assert "Traceback" not in result.output, text
    assert result.exception is None or isinstance(result.exception, SystemExit), text
    assert result.exit_code == 2, text
    errors = [ln for ln in result.stderr.splitlines() if ln.startswith("error: ")]
    assert errors, text
    if lines is not None:
        assert len(errors) == lines, text
    message = errors[0]
    if file is not None:
        name = str(file)
        matching = [e for e in errors if name in e.split(": ", 2)[1]]
        assert matching, f"no error names {name!r}:\n{text}"
        message = matching[0]
        where = message.split(": ", 2)[1]
        if line is not None:
            assert where.endswith(f"{name}:{line}"), f"expected {name}:{line}, got {where}\n{text}"
    for piece in contains:
        assert piece.lower() in message.lower(), f"{piece!r} not in {message!r}\n{text}"
    if booklet is not None:
        assert booklet.out.read_bytes() == booklet.good, "the old PDF was changed"
        assert_no_stray_files(booklet.folder, {booklet.out.name})
    return message


def assert_no_stray_files(folder: Path, expected: set[str]) -> None:
    present = {p.name for p in folder.iterdir()}
    assert present == expected, f"unexpected files in {folder}: {sorted(present - expected)}"


def pdf_text(data: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() for page in reader.pages)


def page_count(data: bytes) -> int:
    return len(pypdf.PdfReader(io.BytesIO(data)).pages)


@pytest.fixture()
def booklet(tmp_path: Path) -> Booklet:
    return good_booklet(tmp_path)


def write_chapter(booklet: Booklet, text: str, name: str = "intro.md") -> Path:
    path = booklet.chapter_file(name)
    path.write_text(text, encoding="utf-8")
    return path


def png_bytes(width: int = 4, height: int = 3) -> bytes:
    """A small valid PNG written by hand (8-bit grayscale)."""
    raw = b"".join(b"\x00" + bytes([128] * width) for _ in range(height))
    return _png(width, height, 8, 0, zlib.compress(raw))


def _png(width: int, height: int, depth: int, color: int, idat: bytes) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))

    ihdr = struct.pack(">IIBBBBB", width, height, depth, color, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat)
            + chunk(b"IEND", b""))


def bomb_png(side: int = 20000) -> bytes:
    """A side x side 1-bit PNG of zeros: a few dozen KB on disk, 400 megapixels decoded."""
    row = b"\x00" * (1 + (side + 7) // 8)
    packer = zlib.compressobj(9)
    idat = b"".join(packer.compress(row) for _ in range(side)) + packer.flush()
    return _png(side, side, 1, 0, idat)



TABLE_YML = ("title: Counts\nsource: {name: Test data, year: 2024}\nkey: id\ncolumns:\n"
             "  id: {type: id}\n  name: {label: Name, type: text}\n"
             "  count: {label: Count, type: integer}\n")


def add_table(pack: Path, csv_text: str, yml_text: str = TABLE_YML) -> None:
    (pack / "data").mkdir(exist_ok=True)
    (pack / "data" / "counts.csv").write_text(csv_text, encoding="utf-8")
    (pack / "data" / "counts.yml").write_text(yml_text, encoding="utf-8")




BRAND = """\
meta:
  name: {full: Test College, short: Test}
color:
  palette: {pine: "#1f5c4a"}
  primary: pine
  secondary: "#d9a441"
"""


def write_brand(folder: Path, text: str = BRAND) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "brand.yml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture()
def branded(tmp_path: Path) -> Booklet:
    return good_booklet(tmp_path, brand=write_brand(tmp_path / "brand"))


FONT_BRAND = BRAND + """\
typography:
  fonts:
    - family: Mine
      source: file
      files:
        - path: PATH
  base: Mine
"""
