"""brand.yml `typography`: the fonts (files, Google, Bunny, installed) and the base, headings,
monospace and link settings the booklet can honour on paper (family, weight, colour, line
height). Sizes and web-only settings are accepted and left to the booklet's own design."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from guide.errors import ContentError, ErrorCollector
from guide.load.brand.colors import ColorResolver, light_of
from guide.load.brand.font_files import FontFileError, static_truetype, weight_range
from guide.load.brand.font_sources import Face, folder_faces, service_faces, system_faces
from guide.load.brand.paths import brand_path, is_web_address
from guide.load.brand.web import Unreachable
from guide.load.paths import shown
from guide.load.yamlfile import YamlDoc
from guide.model import BrandFonts

FONT_DIR = Path(__file__).resolve().parent.parent.parent / "fonts"
DEFAULT_BODY = tuple(FONT_DIR / f"SourceSerifPro-{s}.ttf"
                     for s in ("Regular", "It", "Semibold", "SemiboldIt"))
DEFAULT_HEADING = tuple(FONT_DIR / f"Lato-{s}.ttf"
                        for s in ("Regular", "Italic", "Bold", "BoldItalic"))
DEFAULT_DISPLAY = FONT_DIR / "Lato-Black.ttf"
TYPE_KEYS = {"fonts", "font", "base", "headings", "monospace", "monospace-inline",
             "monospace-block", "link"}
SERIF = {"serif", "ui-serif", "georgia", "times", "timesnewroman", "cambria"}
SANS = {"sansserif", "uisansserif", "systemui", "applesystem", "blinkmacsystemfont",
        "helvetica", "helveticaneue", "arial", "segoeui", "roboto", "monospace", "uimonospace"}
WEIGHT_NAMES = {"thin": 100, "extra-light": 200, "light": 300, "normal": 400, "regular": 400,
                "medium": 500, "semi-bold": 600, "semibold": 600, "bold": 700,
                "extra-bold": 800, "black": 900}


class Typography:
    """Reads `typography`; warnings (one per family that could not be had) go to `warnings`."""

    def __init__(self, doc: YamlDoc, root: Path, errors: ErrorCollector, warnings: list[str],
                 resolver: ColorResolver) -> None:
        self.doc, self.root, self.errors, self.warnings = doc, root, errors, warnings
        self.resolver = resolver
        self.declared: dict[str, list[tuple[tuple, dict]]] = {}  # family -> its declarations
        self.faces: dict[str, list[Face] | None] = {}  # None: could not be had (warned)
        self.colors: dict[str, str] = {}

    def read(self, typography: Any) -> BrandFonts:
        default = BrandFonts(body=DEFAULT_BODY, heading=DEFAULT_HEADING,  # type: ignore[arg-type]
                             heading_display=DEFAULT_DISPLAY)
        if not typography:
            return default
        if not isinstance(typography, dict):
            self.errors.add(self.doc.error(("typography",), "'typography' must be a mapping"))
            return default
        for key in typography:
            if key not in TYPE_KEYS:
                self.warnings.append(self.doc.error(("typography", key), f"'{key}' is not a "
                                     "brand.yml typography key and is not used").render())
        self._declare(typography.get("fonts") or [])
        self._declare_legacy(typography.get("font") or [])
        base = self._settings("base", typography.get("base"))
        heads = self._settings("headings", typography.get("headings"))
        mono = self._settings("monospace", typography.get("monospace"))
        for key in ("monospace-inline", "link"):
            self._settings(key, typography.get(key))
        body_weight, head_weight = base.get("weight", 400), heads.get("weight", 700)
        body = self._family(("typography", "base"), base.get("family") or (
            "Source Serif Pro" if "weight" in base else None), default.body,
            body_weight, 700)
        heading = self._family(("typography", "headings"), heads.get("family") or base.get(
            "family") or ("Lato" if "weight" in heads else None), default.heading, 400,
            head_weight)
        mono_files = None
        if mono.get("family"):
            found = self._family(("typography", "monospace"), mono["family"], None, 400, 700)
            mono_files = found[0] if found else None
        display = default.heading_display if heading == default.heading else heading[2]
        return BrandFonts(body=body, heading=heading, heading_display=display,  # type: ignore[arg-type]
                          mono=mono_files, body_leading=base.get("line-height"),
                          heading_leading=heads.get("line-height"))

    def _settings(self, name: str, spec: Any) -> dict:
        """family, weight, colour and line-height of base/headings/monospace/link."""
        keys = ("typography", name)
        if spec is None:
            return {}
        if isinstance(spec, str):
            return {"family": spec}
        if not isinstance(spec, dict):
            self.errors.add(self.doc.error(keys, f"'{name}' must be a family name or a mapping"))
            return {}
        out: dict[str, Any] = {}
        if spec.get("family"):
            out["family"] = str(spec["family"])
        if "weight" in spec:
            out["weight"] = self._weight((*keys, "weight"), spec["weight"])
        height = spec.get("line-height")
        if height is not None:
            factor = _line_height(height)
            if factor is None:
                self.warnings.append(self.doc.error((*keys, "line-height"), f"line-height "
                                     f"'{height}' is not a number and is not used").render())
            else:
                out["line-height"] = factor
        if spec.get("color") is not None and name in ("base", "headings", "link"):
            try:
                self.colors[name] = self.resolver.resolve((*keys, "color"), spec["color"])
            except ContentError as error:
                self.errors.add(error)
        return out

    def _weight(self, keys: tuple, value: Any) -> int:
        value = light_of(value)
        if isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 1000:
            return int(round(value / 100) * 100) or 100
        if isinstance(value, str):
            text = value.strip().lower()
            if text.isdigit():
                return self._weight(keys, int(text))
            if text in WEIGHT_NAMES:
                return WEIGHT_NAMES[text]
        self.errors.add(self.doc.error(keys, f"'{value}' is not a font weight",
                                       "use 100-900, normal or bold"))
        return 400

    def _declare(self, fonts: Any) -> None:
        if not isinstance(fonts, list):
            self.warnings.append(self.doc.error(("typography", "fonts"), "'fonts' is not a list "
                                 "of fonts (family:, source:, files:) and is not used").render())
            return
        for index, font in enumerate(fonts):
            keys = ("typography", "fonts", index)
            if not isinstance(font, dict) or not font.get("family"):
                self.errors.add(self.doc.error(keys, "each font needs 'family:'"))
                continue
            source = str(font.get("source", "file"))
            if source not in ("file", "google", "bunny", "system"):
                self.errors.add(self.doc.error((*keys, "source"), f"unknown font source '{source}'",
                                               "use file, google, bunny or system"))
                continue
            self.declared.setdefault(str(font["family"]).strip(), []).append((keys, font))

    def _declare_legacy(self, fonts: Any) -> None:
        """brand.yml's first drafts: `font:` entries of `- google: "Family"` or
        `- google: {family: ...}` (and likewise bunny, file, system)."""
        if not isinstance(fonts, list):
            return
        for index, entry in enumerate(fonts):
            if not isinstance(entry, dict) or len(entry) != 1:
                continue
            source, spec = next(iter(entry.items()))
            if source not in ("google", "bunny", "system", "file"):
                continue
            font = dict(spec) if isinstance(spec, dict) else {"family": spec}
            if source == "file" and "path" in font:
                font["files"] = [{"path": font["path"]}]
            font["source"] = source
            if font.get("family"):
                self.declared.setdefault(str(font["family"]).strip(), []).append(
                    (("typography", "font", index), font))

    def _family(self, keys: tuple, stack: Any, default: tuple | None, regular: int,
                bold: int) -> tuple:
        """The first family of a CSS stack ('Open Sans, Arial, sans-serif') that can be had,
        as four files: regular, italic, bold, bold italic."""
        if not stack:
            return default  # type: ignore[return-value]
        names = [n.strip().strip("'\"") for n in str(stack).split(",") if n.strip()]
        for position, name in enumerate(names):
            generic = name.lower().replace("-", "").replace(" ", "")
            if name not in self.declared and generic in SERIF | SANS:
                if default is None:
                    return None  # type: ignore[return-value]
                return DEFAULT_BODY if generic in SERIF else DEFAULT_HEADING
            last = position == len(names) - 1
            faces = self._faces(keys, name, {regular, bold}, warn=last)
            if faces:
                return self._four(keys, name, faces, regular, bold) or default  # type: ignore[return-value]
        return default  # type: ignore[return-value]

    def _faces(self, keys: tuple, family: str, weights: set[int],
               warn: bool) -> list[Face] | None:
        """The family's files, or None (with one warning, unless a later family of the stack
        is meant to stand in: CSS's own fallback)."""
        if family in self.faces:
            return self.faces[family]
        bundled = _bundled(family)
        if bundled:
            self.faces[family] = bundled
            return bundled
        declarations = self.declared.get(family) or [(keys, {"source": "system"})]
        faces, whys = None, []
        for where, font in declarations:  # a family may be declared twice: file, then bunny
            faces, why = self._declared_faces(where, family, font, weights)
            if faces:
                break
            whys.append(why)
        if faces is None:
            faces = folder_faces(self.root / "fonts", family) or None
        if faces is None and (family in self.declared or warn):
            first = declarations[0]
            self._fallback_warning(first[0], family, str(first[1].get("source", "file")),
                                   "; ".join(w for w in whys if w))
        self.faces[family] = faces
        return faces

    def _declared_faces(self, keys: tuple, family: str, font: dict,
                        weights: set[int]) -> tuple[list[Face] | None, str]:
        source = str(font.get("source", "file"))
        if source == "file":
            return self._file_faces(keys, family, font)
        local = folder_faces(self.root / "fonts", family)
        if local:
            return local, ""
        if source in ("google", "bunny"):
            try:
                return service_faces(source, family, weights | {400, 700}), ""
            except Unreachable as error:
                return None, f"{source} fonts could not be reached: {error}"
        return system_faces(family, weights | {400, 700}) or None, "it is not installed here"

    def _fallback_warning(self, keys: tuple, family: str, source: str, why: str) -> None:
        stem = family.replace(" ", "")
        self.warnings.append(self.doc.error(keys, f"the font '{family}' ({source}) could not be "
                             f"had ({why}); the booklet's own fonts are used instead",
                             f"put its files in fonts/ beside {self.doc.path.name}, e.g. "
                             f"fonts/{stem}-Regular.ttf and fonts/{stem}-Bold.ttf").render())

    def _file_faces(self, keys: tuple, family: str,
                    font: dict) -> tuple[list[Face] | None, str]:
        """The family's files, and why there are none; a file that is not there (or not
        fetched) is left out, with one warning for the family when others are used."""
        files = font.get("files") or []
        if isinstance(files, str):
            files = [files]
        if not isinstance(files, list) or not files:
            return None, "no files are listed"
        faces, missing = [], []
        for index, entry in enumerate(files):
            file_keys = (*keys, "files", index)
            entry = {"path": entry} if isinstance(entry, str) else entry
            if not isinstance(entry, dict) or not entry.get("path"):
                self.errors.add(self.doc.error(file_keys, "a font file needs 'path:'"))
                return None, ""
            text = str(entry["path"]).strip()
            path = self._font_file(file_keys, text)
            if path is None:
                missing.append(text)
                continue
            try:
                span = weight_range(path)
            except (FontFileError, OSError) as error:
                self.errors.add(ContentError(shown(path), None, f"cannot use this font file "
                                             f"(named at {self.doc.path.name} line "
                                             f"{self.doc.line(*file_keys)}): {error}",
                                             "use a .ttf, .otf, .woff or .woff2 file"))
                return None, ""
            weight = _file_weight(entry.get("weight", 400))
            if isinstance(weight, tuple):
                span, weight = span or weight, 400
            italic = str(entry.get("style", "normal")) in ("italic", "oblique")
            style = "italic" if italic else "normal"
            faces.append(Face(path, weight, style, span))
        if missing:
            missing = list(dict.fromkeys(missing))
            why = ("the file " if len(missing) == 1 else "the files ") + ", ".join(
                f"'{m}'" for m in missing[:3]) + (" is" if len(missing) == 1 else " are") + (
                " not there or not fetched" if self._any_web(missing) else " not there")
            if not faces:
                return None, why
            self.warnings.append(self.doc.error(keys, f"font '{family}': {why}; its other "
                                                "files are used").render())
        return faces, ""

    @staticmethod
    def _any_web(paths: list[str]) -> bool:
        return any(is_web_address(p) for p in paths)

    def _font_file(self, keys: tuple, text: str) -> Path | None:
        """A font file of the brand, local or (fetched into the cache) on the web."""
        if is_web_address(text):
            from guide.load.brand.font_sources import web_font_file
            try:
                return web_font_file(text)
            except Unreachable:
                return None
        try:
            path = brand_path(self.root, text, self.doc, keys, "font")
        except ContentError as error:
            self.errors.add(error)
            return None
        return path if path.is_file() else None

    def _four(self, keys: tuple, family: str, faces: list[Face], regular: int,
              bold: int) -> tuple | None:
        def pick(weight: int, style: str) -> Path | None:
            options = [f for f in faces if f.style == style]
            if not options:
                return None
            face = min(options, key=lambda f: (0 if f.span and f.span[0] <= weight <= f.span[1]
                                                else abs(f.weight - weight), str(f.path)))
            try:
                return static_truetype(face.path, weight if face.span else face.weight,
                                       style == "italic")
            except (FontFileError, OSError) as error:
                self.errors.add(self.doc.error(keys, f"cannot use the font file {face.path.name} "
                                               f"of '{family}': {error}"))
                return None

        upright = pick(regular, "normal")
        if upright is None:
            self.errors.add(self.doc.error(keys, f"font family '{family}' has no upright file"))
            return None
        strong = pick(bold, "normal") or upright
        return (upright, pick(regular, "italic") or upright, strong, pick(bold, "italic") or strong)


def _bundled(family: str) -> list[Face] | None:
    """The booklet's own faces when the brand asks for one of its families."""
    key = family.lower().replace(" ", "")
    if key == "lato":
        return [Face(FONT_DIR / f"Lato-{name}.ttf", weight, style) for name, weight, style in
                (("Regular", 400, "normal"), ("Italic", 400, "italic"), ("Bold", 700, "normal"),
                 ("BoldItalic", 700, "italic"), ("Black", 900, "normal"))]
    if key == "sourceserifpro":
        return [Face(FONT_DIR / f"SourceSerifPro-{name}.ttf", weight, style) for name, weight, style
                in (("Regular", 400, "normal"), ("It", 400, "italic"),
                    ("Semibold", 600, "normal"), ("SemiboldIt", 600, "italic"))]
    return None


def _file_weight(value: Any) -> int | tuple[int, int]:
    """A font file's weight: 400, "bold", or a variable font's span ("100 900", "100..900");
    a value that is none of these reads as regular."""
    value = light_of(value)
    if isinstance(value, bool):
        return 400
    if isinstance(value, (int, float)):
        return min(max(int(round(value / 100) * 100), 100), 900)
    text = str(value).strip().lower()
    parts = [p for p in text.replace("..", " ").split() if p]
    if len(parts) == 2 and all(p.isdigit() for p in parts):
        return int(parts[0]), int(parts[1])
    if text.isdigit():
        return _file_weight(int(text))
    return WEIGHT_NAMES.get(text, 400)


def _line_height(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value) if 0.8 <= value <= 3 else None
    text = str(value).strip()
    try:
        if text.endswith("%"):
            return _line_height(float(text[:-1]) / 100)
        if text.endswith("em"):
            return _line_height(float(text[:-2]))
        return _line_height(float(text))
    except ValueError:
        return None
