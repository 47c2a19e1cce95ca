"""Load stage: read a content pack folder into a validated `Guide`."""

from __future__ import annotations

import re
from pathlib import Path

from guide.errors import ContentError, ErrorCollector
from guide.load.data_tables import load_tables
from guide.load.paths import shown, stays_inside
from guide.load.timeline_data import load_timeline
from guide.load.yamlfile import YamlDoc, check_keys, parse_yaml, read_text
from guide.model import CHAPTER_KINDS, Chapter, Guide, GuideMeta, Timeline

GUIDE_KEYS = {"title", "subtitle", "audience", "language", "edition", "author", "keywords",
              "colophon", "chapters", "flyer"}  # flyer: read by guide.kit.spec
FRONT_MATTER_KEYS = {"title", "kind", "stage", "summary"}
CHAPTER_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


def load_guide(root: Path) -> Guide:
    """Read and validate everything in a content pack, reporting all problems at once."""
    if not root.exists():
        raise ContentError(shown(root), None, "content folder not found",
                           "pass the folder that holds guide.yml")
    if not root.is_dir():
        raise ContentError(shown(root), None, "expected a content folder, found a file")
    guide_file = root / "guide.yml"
    if not guide_file.exists():
        raise ContentError(shown(guide_file), None, "guide.yml not found",
                           "a content pack needs guide.yml listing its chapters; start "
                           "one with: python build.py new FOLDER --title \"...\"")
    stays_inside(root, guide_file)
    errors = ErrorCollector()
    doc = parse_yaml(Path(shown(guide_file)), read_text(guide_file, shown(guide_file)))
    if doc.data is None:
        raise doc.error((), "guide.yml is empty", "add at least 'title:' and 'chapters:'")
    meta = _guide_meta(doc, errors)
    timeline = _collect(errors, lambda: load_timeline(root))
    tables = _collect(errors, lambda: load_tables(root, errors)) or {}
    chapters = _load_chapters(root, doc, timeline, errors)
    strings = _collect(errors, lambda: _pack_strings(root)) or {}
    errors.raise_if_any()
    return Guide(root=root, meta=meta, chapters=tuple(chapters), tables=tables,
                 timeline=timeline, strings=strings)


def _pack_strings(root: Path) -> dict:
    """strings.yml: the pack's own words for what the booklet prints by itself (optional)."""
    path = root / "strings.yml"
    if not path.is_file():
        return {}
    stays_inside(root, path)
    from guide.text.wording import check_overrides
    doc = parse_yaml(Path(shown(path)), read_text(path, shown(path)))
    return check_overrides(doc)


def _collect(errors: ErrorCollector, load):  # type: ignore[no-untyped-def]
    try:
        return load()
    except ContentError as error:
        errors.add(error)
    return None


def _text(doc: YamlDoc, data: dict, key: str, errors: ErrorCollector, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if isinstance(value, (dict, list)):
        errors.add(doc.error((key,), f"'{key}' must be text", f"write {key}: some text"))
        return default
    return str(value).strip()


def _guide_meta(doc: YamlDoc, errors: ErrorCollector) -> GuideMeta:
    data = doc.data
    for error in check_keys(doc, (), data, GUIDE_KEYS, {"title", "chapters"}, "guide.yml"):
        errors.add(error)
    if not isinstance(data, dict):
        errors.raise_if_any()
    keywords = data.get("keywords") or []
    if isinstance(keywords, str):
        keywords = [k.strip() for k in keywords.split(",")]
    if not isinstance(keywords, list):
        errors.add(doc.error(("keywords",), "'keywords' must be a list", "keywords: [a, b]"))
        keywords = []
    language = _text(doc, data, "language", errors, "en-US")
    if not re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*", language):
        errors.add(doc.error(("language",), f"'{language}' is not a language tag",
                             "use a tag such as en-US or es"))
    return GuideMeta(
        title=_text(doc, data, "title", errors) or "Untitled guide",
        subtitle=_text(doc, data, "subtitle", errors),
        audience=_text(doc, data, "audience", errors),
        language=language,
        edition=_text(doc, data, "edition", errors),
        author=_text(doc, data, "author", errors),
        colophon=_text(doc, data, "colophon", errors),
        keywords=tuple(str(k) for k in keywords),
    )


def _load_chapters(root: Path, doc: YamlDoc, timeline: Timeline | None,
                   errors: ErrorCollector) -> list[Chapter]:
    listed = doc.data.get("chapters") if isinstance(doc.data, dict) else None
    if listed is None:
        return []
    if not isinstance(listed, list) or not listed:
        errors.add(doc.error(("chapters",), "'chapters' must be a list of chapter files",
                             "chapters:\n  - welcome.md"))
        return []
    folder = root / "chapters"
    try:
        stays_inside(root, folder)
    except ContentError as error:
        errors.add(error)
        return []
    chapters = []
    seen: set[str] = set()
    for index, name in enumerate(listed):
        if not isinstance(name, str) or not name.endswith(".md") or "/" in name or "\\" in name:
            errors.add(doc.error(("chapters", index), f"'{name}' is not a chapter file name",
                                 "list file names in chapters/, like welcome.md"))
            continue
        if name in seen:
            errors.add(doc.error(("chapters", index), f"{name} is listed twice"))
            continue
        seen.add(name)
        path = folder / name
        if not path.is_file():
            errors.add(doc.error(("chapters", index), f"chapter file chapters/{name} not found",
                                 "create it or remove it from the list"))
            continue
        try:
            stays_inside(root, path)
            chapters.append(load_chapter(path, timeline))
        except ContentError as error:
            errors.add(error)
    if folder.is_dir():
        for path in sorted(folder.glob("*.md")):
            if path.name not in seen:
                errors.add(doc.error(("chapters",), f"chapters/{path.name} is not listed in "
                                     "guide.yml", "add it to 'chapters:' or delete the file"))
    return chapters


def load_chapter(path: Path, timeline: Timeline | None) -> Chapter:
    """One chapter file: YAML front matter between `---` lines, then Markdown."""
    name = shown(path)
    text = read_text(path, name)
    stem = path.stem
    if not CHAPTER_ID.match(stem):
        raise ContentError(name, 1, f"chapter file name '{path.name}' must use lower-case "
                           "letters, digits and hyphens", "rename it, e.g. my-chapter.md")
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        raise ContentError(name, 1, "missing front matter",
                           "start the file with '---', 'title: ...', 'kind: chapter', '---'")
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        raise ContentError(name, 1, "front matter is not closed",
                           "add a line with '---' after the title and kind") from None
    doc = parse_yaml(Path(name), "\n".join(lines[1:end]), first_line=2)
    data = doc.data
    if data is None:
        raise ContentError(name, 2, "front matter is empty", "add 'title:' (and 'kind:' for a stage chapter or an appendix)")
    problems = check_keys(doc, (), data, FRONT_MATTER_KEYS, {"title"}, "front matter")
    if problems:
        raise problems[0]
    kind = str(data.get("kind") or "chapter")  # an ordinary chapter needs no kind line
    if kind not in CHAPTER_KINDS:
        raise doc.error(("kind",), f"unknown kind '{kind}'",
                        "use one of: " + ", ".join(CHAPTER_KINDS))
    stage = data.get("stage")
    if kind == "stage":
        if not stage:
            raise doc.error(("kind",), "a stage chapter needs 'stage:'",
                            "name the stage id from timeline.yml, e.g. stage: college")
        if timeline is not None and stage not in {s.id for s in timeline.stages}:
            from guide.errors import did_you_mean
            raise doc.error(("stage",), f"unknown stage '{stage}'",
                            did_you_mean(str(stage), [s.id for s in timeline.stages]))
    elif stage is not None:
        raise doc.error(("stage",), "'stage' only applies to chapters of kind stage",
                        "set kind: stage or remove the stage line")
    title = _front_text(doc, data, "title")
    if not title:
        raise doc.error(("title",), "title is empty", "write title: and the chapter's title")
    return Chapter(id=stem, path=Path(name), title=title, kind=kind,
                   stage=str(stage) if stage else None,
                   summary=_front_text(doc, data, "summary"),
                   body="\n".join(lines[end + 1:]), body_line=end + 2)


def _front_text(doc: YamlDoc, data: dict, key: str) -> str:
    """A text value of the front matter; a list or mapping there is a mistake, not text."""
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        raise doc.error((key,), f"'{key}' must be text, not a {'list' if isinstance(value, list) else 'mapping'}",
                        f"write {key}: followed by the text on one line")
    return str(value).strip()
