"""Every example in docs/ is built, so the documentation cannot drift from the tool.

Code blocks say what they are in their info string:
  yaml file=PATH        a complete file, written at PATH into the doc's example folder
  yaml append=PATH      lines added to the end of a bundled template, in a brand override
  sh run                commands run in order, in a scratch folder holding a copy of content/
Blocks without a language (folder trees, sample output) are illustrations. Any other block
must carry one of the tags above; the first test fails if one does not.
"""

from __future__ import annotations

import re
import shlex
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from conftest import REPO, all_text, build_bytes, link_annotations, reader_of
from PIL import Image

from guide.pipeline import render_booklet

DOCS = REPO / "docs"
STARTER = REPO / "templates" / "new-guide"
FENCE = re.compile(r"^```([A-Za-z0-9_-]*)([^\n]*)\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)
TAGS = {"file", "append", "run"}


@dataclass(frozen=True)
class Block:
    doc: str
    line: int
    language: str
    tags: dict[str, str]
    text: str


def blocks(doc: str) -> list[Block]:
    source = (REPO / doc if doc == "README.md" else DOCS / doc).read_text("utf-8")
    found = []
    for match in FENCE.finditer(source):
        tags = dict(t.split("=", 1) if "=" in t else (t, "") for t in match.group(2).split())
        found.append(Block(doc, source.count("\n", 0, match.start()) + 1, match.group(1),
                           tags, match.group(3)))
    return found


def all_docs() -> list[str]:
    return sorted(p.name for p in DOCS.glob("*.md"))


def test_every_code_block_in_the_docs_is_built_or_run() -> None:
    untagged = [f"{b.doc}:{b.line}" for doc in all_docs() for b in blocks(doc)
                if b.language and not TAGS & set(b.tags)]
    assert not untagged, f"tag these blocks with file=, append= or run: {untagged}"
    assert sum(1 for doc in all_docs() for b in blocks(doc) if TAGS & set(b.tags)) >= 20


def write_files(doc: str, folder: Path, under: str = "") -> list[str]:
    """Write the doc's `file=` blocks whose path starts with `under` into `folder`."""
    written = []
    for block in blocks(doc):
        name = block.tags.get("file", "")
        if name and name.startswith(under):
            target = folder / name[len(under):]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, "utf-8")
            written.append(name)
    return written


def starter_pack(tmp_path: Path, name: str = "pack") -> Path:
    pack = tmp_path / name
    shutil.copytree(STARTER, pack)
    return pack


def photo(folder: Path) -> None:
    (folder / "images").mkdir(exist_ok=True)
    Image.new("RGB", (320, 200), "#2f5d50").save(folder / "images" / "photo.png")


def test_content_format_examples_build_into_one_pack(tmp_path: Path) -> None:
    pack = starter_pack(tmp_path)
    photo(pack)
    written = write_files("content-format.md", pack)
    assert set(written) == {
        "guide.yml", "chapters/college.md", "chapters/reference.md", "chapters/numbers.md",
        "chapters/my-plan.md", "data/residents_2019.csv", "data/residents_2019.yml",
        "timeline.yml"}
    reader = reader_of(build_bytes(pack))
    text = " ".join(all_text(reader).split())
    for expected in ("The Path to Physical Therapy", "Markdown reference", "a nested bullet",
                     "Deadlines move", "A caption under the picture", "Prerequisite",
                     "The note, printed at the end of the chapter.", "7,902 residents",
                     "13.1%", "4.7", "+366%", "Both specialties", "Part-time program",
                     "Share of residents who are IMGs, 2019", "about 7 years",
                     "3 years, or 4 years part-time", "My plan"):
        assert expected in text, expected
    assert "author only" not in text and "{{" not in text
    assert any(page.images for page in reader.pages[1:])  # the photo
    urls = {(a["annot"].get("/A") or {}).get("/URI") for a in link_annotations(reader)}
    assert "https://www.apta.org/" in urls


def brand_folder(tmp_path: Path) -> Path:
    """The files a brand-format example names, besides those the doc shows in full."""
    folder = tmp_path / "brand"
    (folder / "fonts").mkdir(parents=True)
    for font in (REPO / "guide" / "fonts").glob("Lato-*.ttf"):
        shutil.copy(font, folder / "fonts" / font.name)
    (folder / "lakeside").mkdir()
    shutil.copy(REPO / "content/brands/lakeside/logo.png", folder / "lakeside" / "logo.png")
    return folder


def test_brand_format_example_builds_with_every_part(tmp_path: Path) -> None:
    folder = brand_folder(tmp_path)
    written = write_files("brand-format.md", folder)
    assert "brand.yml" in written and "local.md" in written
    assert any(name.startswith("my-templates/") for name in written)
    pdf, _, _, _ = render_booklet(starter_pack(tmp_path), folder / "brand.yml")
    Path(tmp_path / "branded.pdf").write_bytes(pdf)
    reader = reader_of(pdf)
    text = " ".join(all_text(reader).split())
    for expected in ("Lakeside University", "Lakeside Health Professions Advising",
                     "Carver Hall, Room 210", "healthadvising@lakeside.example.edu",
                     "Drop-in hours Monday to Thursday, 1-4 pm", "Visiting Lakeside's advisors"):
        assert expected in text, expected
    urls = {(a["annot"].get("/A") or {}).get("/URI") for a in link_annotations(reader)}
    assert "https://www.lakeside.example.edu/prehealth/booklet" in urls
    fonts = {str(f.get_object().get("/BaseFont")) for page in reader.pages
             for f in (page["/Resources"].get("/Font") or {}).values()}
    assert any("Lato" in name for name in fonts), fonts
    assert reader.pages[0].images  # the logo on the cover
    openings = [i for i, page in enumerate(reader.pages)
                if "STAGE 1" in page.extract_text() or "STAGE 2" in page.extract_text()]
    assert openings and all(reader.pages[i].images for i in openings)  # template override


def test_templates_example_changes_the_cover(tmp_path: Path) -> None:
    appended = [b for b in blocks("templates.md") if "append" in b.tags]
    assert appended
    folder = tmp_path / "brand"
    overrides = folder / "my-templates"
    overrides.mkdir(parents=True)
    for block in appended:
        base = (REPO / "templates" / block.tags["append"]).read_text("utf-8")
        (overrides / block.tags["append"]).write_text(base.rstrip("\n") + "\n" + block.text)
    (folder / "brand.yml").write_text(
        "meta:\n  name:\n    full: Frame School\n    short: Frame\n"
        "defaults:\n  career-guide:\n    templates: my-templates/\n")
    pack = starter_pack(tmp_path)
    plain = build_bytes(pack, REPO / "content/brands/default.yml")
    framed = build_bytes(pack, folder / "brand.yml")
    plain_cover = reader_of(plain).pages[0].get_contents().get_data()
    framed_cover = reader_of(framed).pages[0].get_contents().get_data()
    assert framed_cover.count(b" re") > plain_cover.count(b" re")  # the added rectangle


def run_doc(doc: str, cwd: Path, write: bool) -> list[str]:
    """Follow a doc as a reader would: in order, write each `file=` block (if `write`) and
    run each `sh run` line, from a folder holding a copy of content/."""
    outputs = []
    for block in blocks(doc):
        if write and "file" in block.tags:
            target = cwd / block.tags["file"]
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(block.text, "utf-8")
        if "run" not in block.tags:
            continue
        for raw in block.text.splitlines():
            line = raw.split("  #")[0].strip()
            if not line or line.startswith("#"):
                continue
            words = shlex.split(line)
            assert words[:2] == ["python", "build.py"], f"{doc}:{block.line}: {line}"
            command = [sys.executable, str(REPO / "build.py"), *words[2:]]
            if len(words) > 2 and words[2] == "watch":
                outputs.append(run_watch(command, cwd))
                continue
            done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)
            assert done.returncode == 0, f"{doc}:{block.line}: {line}\n{done.stderr}"
            outputs.append(done.stdout + done.stderr)
    return outputs


def run_watch(command: list[str], cwd: Path) -> str:
    """Start `watch`, wait (bounded) for its first build, then stop it as Ctrl-C would."""
    log = cwd / "watch.log"
    with log.open("w") as sink:
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        deadline = time.monotonic() + 60
        while "first build" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=20)
    output = log.read_text()
    assert "first build" in output and process.returncode == 0, output
    return output


@pytest.mark.parametrize("doc,write", [("cli.md", True), ("new-guide.md", True),
                                       ("brand-format.md", False)])
def test_documented_commands_run(tmp_path: Path, doc: str, write: bool) -> None:
    shutil.copytree(REPO / "content", tmp_path / "content")
    outputs = run_doc(doc, tmp_path, write)
    assert outputs and all("internal error" not in out for out in outputs)
    if doc == "new-guide.md":  # the walkthrough's second guide, as its reader would have it
        text = " ".join(all_text(reader_of((tmp_path / "dist/physical-therapy.pdf")
                                           .read_bytes())).split())
        for expected in ("The Path to Physical Therapy", "The Doctor of Physical Therapy",
                         "Most programs take about 3 years", "PTCAS application", "Glossary",
                         "Commission on Accreditation", "Northfield Health Careers Office"):
            assert expected in text, expected
        assert sorted(p.name for p in (tmp_path / "pt-previews").iterdir()) == [
            "page-01.png", "page-03.png"]


def test_readme_examples_build(tmp_path: Path) -> None:
    """The README's chapter (in the pain-medicine pack) and brand file (with a logo)."""
    tagged = [b for b in blocks("README.md") if b.language in ("yaml", "markdown")]
    assert tagged and all("file" in b.tags for b in tagged)
    pack = tmp_path / "pack"
    shutil.copytree(REPO / "content" / "pain-medicine", pack)
    brand = tmp_path / "brand"
    brand.mkdir()
    Image.new("RGB", (120, 120), "#1f5c4a").save(brand / "logo.png")
    for block in tagged:
        folder = brand if block.tags["file"] == "brand.yml" else pack
        (folder / block.tags["file"]).write_text(block.text, "utf-8")
    text = " ".join(all_text(reader_of(build_bytes(pack, brand / "brand.yml"))).split())
    for expected in ("Northfield College", "College and the MCAT",
                     "From 2018 to 2023, 79% of US MD graduates",
                     "Shadow a physician in a clinic", "prehealth@example.edu"):
        assert expected in text, expected
