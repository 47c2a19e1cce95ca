"""Page furniture from templates: Jinja2 renders a YAML list of shapes that we draw.

A designer edits `templates/*.yml.j2` (cover, back cover, chapter openings, running header
and footer) without touching Python. Coordinates are measured from the top-left corner of the
trimmed page; numbers are points, or strings with a unit: '12mm', '0.5in', '40%'.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
import yaml
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from guide.colors import shade, text_on, tint, to_color
from guide.convert.flowables import Paragraph
from guide.errors import ContentError
from guide.layout.theme import Theme
from guide.load.paths import shown
from guide.load.resources import resource_dir
from guide.text.bounded import BoundedSandbox, TooMuchWork, render_bounded
from guide.text.jinja_cache import bytecode_cache, template_line
from guide.text.xml_text import escape
from guide.user_cache import cache_file, read_quietly, write_quietly

TEMPLATE_DIR = resource_dir("templates")
SHAPES = {"rect", "line", "text", "image", "qr", "link", "circle", "group"}
UNIT = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(%|pt|in|mm|cm)?\s*$")
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class PageBox:
    """The trimmed page and how far art may run past it (bleed) when printing."""

    width: float
    height: float
    bleed: float = 0.0


@lru_cache(maxsize=16)
def template_environment(override: Path | None) -> SandboxedEnvironment:
    """One environment per template folder, so compiled templates are reused across builds
    in a process (batch and watch); Jinja2 still reloads a template whose file changed."""
    folders = [str(p) for p in (override, TEMPLATE_DIR) if p is not None]
    env = BoundedSandbox(loader=jinja2.FileSystemLoader(folders),
                               bytecode_cache=bytecode_cache(),
                               undefined=jinja2.StrictUndefined, autoescape=False,
                               trim_blocks=True, lstrip_blocks=True)
    env.filters["yaml"] = _yaml_string
    env.globals.update(tint=tint, shade=shade, text_on=text_on)
    return env


class Templates:
    """The template folder (a brand may override single files) and its sandboxed environment."""

    def __init__(self, override: Path | None = None):
        self.env = template_environment(override)

    def shapes(self, name: str, context: dict[str, Any],
               kinds: frozenset[str] | set[str] = SHAPES) -> list[dict[str, Any]]:
        """The shapes a template draws; `kinds` are the shapes its painter knows."""
        try:
            template = self.env.get_template(name)
            text = render_bounded(template, context)
        except jinja2.TemplateNotFound:
            raise ContentError(name, None, "template not found") from None
        except jinja2.TemplateSyntaxError as exc:
            raise ContentError(exc.filename or name, exc.lineno, f"template error: {exc.message}") from None
        except jinja2.UndefinedError as exc:
            path = _template_path(self.env, name)
            raise ContentError(path, template_line(exc, lambda f: f.endswith(Path(path).name)),
                               f"undefined name in template: {exc.message}",
                               "see the names each template receives in docs/templates.md"
                               ) from None
        except SecurityError as exc:
            path = _template_path(self.env, name)
            raise ContentError(path, template_line(exc, lambda f: f.endswith(Path(path).name)),
                               f"not allowed in a template: {exc}",
                               "templates may only use the names in docs/templates.md") from None
        except (TooMuchWork, TypeError, ValueError, ArithmeticError, AttributeError,
                LookupError, NameError) as exc:
            path = _template_path(self.env, name)
            raise ContentError(path, template_line(exc, lambda f: f.endswith(Path(path).name)),
                               f"template error: {exc}",
                               "see the template limits in docs/brand-format.md") from None
        return _parse_shapes(text, name, kinds)


def _template_path(env: jinja2.Environment, name: str) -> str:
    try:
        source = env.loader.get_source(env, name)  # type: ignore[union-attr]
        return shown(Path(source[1]))
    except jinja2.TemplateNotFound:
        return name


@lru_cache(maxsize=256)
def _parse_cached(text: str) -> Any:
    """A rendered template's shapes. The same text recurs across builds (every page of a
    booklet, every rebuild), so its parse is also kept in the user's cache folder as JSON:
    reading that is ~20x faster than parsing YAML, and JSON cannot carry code."""
    entry = cache_file(f"shapes-pyyaml{yaml.__version__}", text, ".json")
    kept = read_quietly(entry)
    if kept is not None:  # a digest line, then the JSON: a damaged entry is parsed again
        digest, _, dumped = kept.partition(b"\n")
        if digest == hashlib.sha256(dumped).hexdigest().encode("ascii"):
            return json.loads(dumped)
    data = _parse_yaml(text)
    try:
        dumped = json.dumps(data, allow_nan=False, ensure_ascii=False).encode("utf-8")
    except (TypeError, ValueError):  # a date or another type JSON has not: parse each time
        return data
    if json.loads(dumped) == data:  # not when keys are numbers, say
        write_quietly(entry, hashlib.sha256(dumped).hexdigest().encode("ascii") + b"\n" + dumped)
    return data


def _parse_yaml(text: str) -> Any:
    if "&" in text and "*" in text:  # aliases: measure before expanding (billion laughs)
        from guide.load.yamlfile import expansion_problem

        node = yaml.compose(text, Loader=_YAML_LOADER)
        problem = expansion_problem(node) if node is not None else None
        if problem is not None:
            raise yaml.YAMLError(f"too large: {problem[1]} "
                                 f"(rendered line {problem[0].start_mark.line + 1})")
    return yaml.load(text, Loader=_YAML_LOADER)


def _parse_shapes(text: str, name: str,
                  kinds: frozenset[str] | set[str] = SHAPES) -> list[dict[str, Any]]:
    try:
        data = _parse_cached(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ContentError(name, None, f"template output is not valid YAML"
                           f"{f' (rendered line {mark.line + 1})' if mark else ''}: {exc}",
                           "quote text values with the | yaml filter") from None
    if data is None:
        return []
    if not isinstance(data, list):
        raise ContentError(name, None, "a template must produce a list of shapes")
    shapes = []
    for item in data:
        if not isinstance(item, dict) or len(item) != 1 or next(iter(item)) not in kinds:
            raise ContentError(name, None, f"unknown shape {item!r}",
                               "use one of: " + ", ".join(sorted(kinds)))
        kind, spec = next(iter(item.items()))
        shapes.append({"kind": kind, **(spec or {})})
    return shapes


def _yaml_string(value: Any) -> str:
    """Quote any text safely for the YAML a template produces.

    A JSON string is a valid YAML double-quoted scalar and far quicker to make; text with
    characters YAML will not take raw (controls, lone surrogates) goes through PyYAML.
    """
    text = str(value)
    if _YAML_UNPRINTABLE.search(text) is None:
        return json.dumps(text, ensure_ascii=False)
    return yaml.safe_dump(text, default_style='"', width=10_000).strip().removesuffix("...").strip()


# What PyYAML's reader will not take unescaped: controls other than tab and LF, surrogates,
# the BOM and the two non-characters. (Written as the small excluded set: the wide allowed
# set took 2.6 ms to compile at every start.)
_YAML_UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufeff\ufffe\uffff]")


def length(value: Any, full: float) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    match = UNIT.match(str(value))
    if not match:
        raise ContentError("template", None, f"'{value}' is not a length", "use 12, '5mm', '0.5in' or '40%'")
    number, unit = float(match.group(1)), match.group(2) or "pt"
    return number * {"%": full / 100, "pt": 1, "in": 72, "mm": 72 / 25.4, "cm": 72 / 2.54}[unit]


class ShapePainter:
    """Draws template shapes on a canvas, with colours and fonts from the theme."""

    def __init__(self, theme: Theme, box: PageBox, logo: Any = None, qr: Any = None):
        self.theme, self.box, self.logo, self.qr = theme, box, logo, qr
        self.logo_alt = "Logo"  # what a screen reader says for the logo
        self.qr_alt = "QR code for {url}"  # and for a QR code
        self._fills: list[tuple[tuple[float, float, float, float], Any]] = []
        self.groups: dict[str, Any] = {}  # the template's `group` shapes, by name

    def color(self, value: Any) -> Any:
        value = str(value)
        if value in self.theme.colors:
            value = self.theme.colors[value]
        try:
            return to_color(value)
        except (ValueError, TypeError):
            raise ContentError("template", None, f"'{value}' is not a colour") from None

    def font(self, name: str) -> str:
        faces = self.theme.faces
        table = {"display": faces.display, "heading": faces.heading.regular,
                 "heading-bold": faces.heading.bold, "heading-italic": faces.heading.italic,
                 "body": faces.body.regular, "body-italic": faces.body.italic,
                 "body-bold": faces.body.bold}
        return table.get(name, faces.body.regular)

    def draw(self, canv: Any, shapes: list[dict[str, Any]], furniture: bool = False) -> None:
        """`furniture`: running header and footer, all Artifacts in a tagged booklet."""
        from guide.tagging.marks import artifact, shape_marks
        self._fills = []  # filled rectangles drawn so far, for what lies behind an image
        self.groups = {}
        if furniture:
            with artifact(canv, "Pagination"):
                for shape in shapes:
                    getattr(self, "draw_" + shape["kind"])(canv, shape)
            return
        for shape in shapes:
            with shape_marks(canv, shape, self):
                getattr(self, "draw_" + shape["kind"])(canv, shape)

    def figure_alt(self, shape: dict[str, Any]) -> str | None:
        """What a screen reader says for a shape that is a figure; None for any other."""
        if shape.get("kind") == "image" and self.logo is not None and shape.get("src") == "logo":
            return str(shape.get("alt") or self.logo_alt)
        if shape.get("kind") == "qr" and shape.get("url"):
            return str(shape.get("alt") or self.qr_alt.format(url=shape["url"]))
        return None

    def draw_group(self, canv: Any, s: dict[str, Any]) -> None:
        """Draws nothing: names a structure element that later shapes go `in`."""
        from guide.tagging.marks import declare_group
        declare_group(self.groups, s)

    # Coordinates: x from the left, y from the top, both on the trimmed page.
    def _rect(self, shape: dict[str, Any]) -> tuple[float, float, float, float]:
        W, H = self.box.width, self.box.height
        x = length(shape.get("x", 0), W)
        top = length(shape.get("y", 0), H)
        w = length(shape.get("w", 0), W)
        h = length(shape.get("h", 0), H)
        if shape.get("bleed") and self.box.bleed:
            b = self.box.bleed
            if x <= 0.01:
                x, w = x - b, w + b
            if x + w >= W - 0.01:
                w += b
            if top <= 0.01:
                top, h = top - b, h + b
            if top + h >= H - 0.01:
                h += b
        return x, H - top - h, w, h

    def draw_rect(self, canv: Any, s: dict[str, Any]) -> None:
        x, y, w, h = self._rect(s)
        canv.saveState()
        fill = s.get("fill")
        if fill:
            canv.setFillColor(self.color(fill))
            self._fills.append(((x, y, w, h), self.color(fill)))
        stroke = self._stroke(canv, s)
        radius = float(s.get("radius", 0))
        if radius:
            canv.roundRect(x, y, w, h, radius, stroke=1 if stroke else 0, fill=1 if fill else 0)
        else:
            canv.rect(x, y, w, h, stroke=1 if stroke else 0, fill=1 if fill else 0)
        if s.get("hatch"):
            self._hatch(canv, x, y, w, h, s)
        canv.restoreState()

    def _stroke(self, canv: Any, s: dict[str, Any]) -> bool:
        """Set the outline a shape asks for (`stroke`, `stroke_width`); False for none."""
        if not s.get("stroke"):
            return False
        canv.setStrokeColor(self.color(s["stroke"]))
        canv.setLineWidth(float(s.get("stroke_width", 0.8)))
        return True

    def _hatch(self, canv: Any, x: float, y: float, w: float, h: float, s: dict[str, Any]) -> None:
        """Diagonal lines inside a rectangle: tells areas apart without relying on colour."""
        canv.saveState()
        path = canv.beginPath()
        path.rect(x, y, w, h)
        canv.clipPath(path, stroke=0, fill=0)
        canv.setStrokeColor(self.color(s["hatch"]))
        canv.setLineWidth(float(s.get("hatch_width", 0.6)))
        step = float(s.get("hatch_step", 3.5))
        offset = -h
        while offset < w:
            canv.line(x + offset, y, x + offset + h, y + h)
            offset += step
        canv.restoreState()

    def draw_circle(self, canv: Any, s: dict[str, Any]) -> None:
        W, H = self.box.width, self.box.height
        r = length(s.get("r", 10), W)
        canv.saveState()
        canv.setFillColor(self.color(s.get("fill", "primary")))
        stroke = self._stroke(canv, s)
        canv.circle(length(s.get("x", 0), W), H - length(s.get("y", 0), H), r,
                    stroke=1 if stroke else 0, fill=1)
        canv.restoreState()

    def draw_line(self, canv: Any, s: dict[str, Any]) -> None:
        W, H = self.box.width, self.box.height
        canv.saveState()
        canv.setStrokeColor(self.color(s.get("color", "rule")))
        canv.setLineWidth(float(s.get("width", 0.6)))
        if s.get("dash"):
            canv.setDash(*[float(v) for v in str(s["dash"]).split()])
        canv.line(length(s.get("x1", 0), W), H - length(s.get("y1", 0), H),
                  length(s.get("x2", 0), W), H - length(s.get("y2", 0), H))
        canv.restoreState()

    def paragraph(self, s: dict[str, Any], size: float) -> Paragraph:
        font = self.font(str(s.get("font", "body")))
        style = ParagraphStyle("furniture", fontName=font, fontSize=size,
                               leading=size * float(s.get("leading", 1.2)),
                               textColor=self.color(s.get("color", "text")),
                               alignment=ALIGN.get(str(s.get("align", "left")), TA_LEFT),
                               splitLongWords=1)
        text = str(s.get("text", ""))
        markup = "<br/>".join(escape(line) for line in text.split("\n"))
        if s.get("upper"):
            markup = markup.upper()
        return Paragraph(markup, style)

    def draw_one_line(self, canv: Any, s: dict[str, Any], x: float, top: float, w: float,
                      size: float, limit: float | None) -> bool:
        """Text that fits on one line is drawn as a string: where a Paragraph would put it
        (baseline one font size below the top), without parsing markup and breaking lines,
        which is most of the cost of the running header and footer on every page."""
        text = str(s.get("text", ""))
        if s.get("upper"):
            text = text.upper()
        font = self.font(str(s.get("font", "body")))
        leading = size * float(s.get("leading", 1.2))
        if ("\n" in text or "anchor" in s or (limit is not None and leading > limit)
                or stringWidth(text, font, size) > w):
            return False
        canv.saveState()
        canv.setFillColor(self.color(s.get("color", "text")))
        canv.setFont(font, size)
        baseline = top - size
        align = str(s.get("align", "left"))
        if align == "center":
            canv.drawCentredString(x + w / 2, baseline, text)
        elif align == "right":
            canv.drawRightString(x + w, baseline, text)
        else:
            canv.drawString(x, baseline, text)
        canv.restoreState()
        return True

    def draw_text(self, canv: Any, s: dict[str, Any]) -> None:
        """Wrap text in its box; with `h`, shrink until it fits (never clip)."""
        if not str(s.get("text", "")).strip():
            return
        W, H = self.box.width, self.box.height
        x = length(s.get("x", 0), W)
        top = length(s.get("y", 0), H)
        w = length(s.get("w", W - x), W)
        size = float(s.get("size", 10))
        limit = length(s["h"], H) if "h" in s else None
        if w < size:
            # A box narrower than a letter (a stage lasting a few weeks, say) cannot take
            # wrapped text: centre the text on it at its natural width instead.
            text = str(s["text"]).upper() if s.get("upper") else str(s["text"])
            font = self.font(str(s.get("font", "body")))
            natural = max(stringWidth(line, font, size) for line in text.split("\n"))
            centre, w = x + w / 2, natural
            x = min(max(centre - natural / 2, 0.0), max(W - natural, 0.0))
        if self.draw_one_line(canv, s, x, H - top, w, size, limit):
            return
        para = self.paragraph(s, size)
        _, height = para.wrap(w, 1e6)
        while limit is not None and height > limit and size > 5:
            size *= 0.93
            para = self.paragraph(s, size)
            _, height = para.wrap(w, 1e6)
        y = H - top - height
        if s.get("anchor") == "bottom":
            y = H - top
        para.drawOn(canv, x, y)

    def draw_image(self, canv: Any, s: dict[str, Any]) -> None:
        if s.get("src") != "logo" or self.logo is None:
            return
        x, y, w, h = self._rect(s)
        behind = next((color for (bx, by, bw, bh), color in reversed(self._fills)
                       if bx <= x and by <= y and bx + bw >= x + w and by + bh >= y + h), None)
        self.logo(canv, x, y, w, h, str(s.get("align", "left")), behind)

    def draw_qr(self, canv: Any, s: dict[str, Any]) -> None:
        if self.qr is None or not s.get("url"):
            return
        W, H = self.box.width, self.box.height
        size = length(s.get("size", 72), W)
        x = length(s.get("x", 0), W)
        y = H - length(s.get("y", 0), H) - size
        self.qr(canv, str(s["url"]), x, y, size, self.color(s.get("color", "dark")))

    def draw_link(self, canv: Any, s: dict[str, Any]) -> None:
        x, y, w, h = self._rect(s)
        url = str(s.get("url", ""))
        if url.startswith(("http://", "https://", "mailto:")):
            canv.linkURL(url, (x, y, x + w, y + h), relative=1, thickness=0)
