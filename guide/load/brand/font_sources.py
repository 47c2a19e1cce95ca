"""Where a font family's files come from when the brand names no file: a `fonts/` folder
beside the brand file, Google Fonts or Bunny Fonts (fetched once into the user's cache), or
the fonts installed on this computer (fontconfig's fc-match).

The font services' addresses can be changed with CAREER_GUIDE_GOOGLE_FONTS_URL and
CAREER_GUIDE_BUNNY_FONTS_URL (a mirror, or a local server in tests).
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote_plus, urljoin

from guide.load.brand.web import Unreachable, fetch

SERVICES = {"google": ("CAREER_GUIDE_GOOGLE_FONTS_URL", "https://fonts.googleapis.com"),
            "bunny": ("CAREER_GUIDE_BUNNY_FONTS_URL", "https://fonts.bunny.net")}
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
FACE_BLOCK = re.compile(r"@font-face\s*{([^}]*)}", re.IGNORECASE)
FORMAT_ORDER = {"truetype": 0, "opentype": 1, "woff": 2, "woff2": 3}
STYLE_WORDS = {"thin": 100, "hairline": 100, "extralight": 200, "ultralight": 200, "light": 300,
               "regular": 400, "normal": 400, "book": 400, "medium": 500, "semibold": 600,
               "demibold": 600, "extrabold": 800, "ultrabold": 800, "bold": 700, "black": 900,
               "heavy": 900}


@dataclass(frozen=True)
class Face:
    """One font file of a family: its weight (or the span of a variable font) and style."""

    path: Path
    weight: int
    style: str  # "normal" or "italic"
    span: tuple[int, int] | None = None  # a variable font's wght axis


def squashed(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", name.lower())


def folder_faces(folder: Path, family: str) -> list[Face]:
    """Files in `folder` whose names start with the family's name (any case or spacing):
    OpenSans-Bold.ttf, open-sans-italic.woff2, OpenSans[wght].ttf."""
    if not folder.is_dir():
        return []
    key = squashed(family)
    faces = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES or not path.is_file():
            continue
        stem = squashed(path.stem.split("[")[0])
        if not stem.startswith(key):
            continue
        rest = stem[len(key):].replace("variablefont", "").replace("variable", "")
        italic = "italic" in rest or rest.endswith("oblique")
        rest = rest.replace("italic", "").replace("oblique", "")
        if rest and rest not in STYLE_WORDS and not rest.isdigit() and rest not in ("wght",):
            continue  # another family that starts the same way (Lato vs LatoCondensed)
        weight = STYLE_WORDS.get(rest, int(rest) if rest.isdigit() else 400)
        faces.append(Face(path, weight, "italic" if italic else "normal"))
    return faces


def service_faces(service: str, family: str, weights: set[int]) -> list[Face]:
    """The family's faces at `weights`, upright and italic, from a font service; raises
    Unreachable when neither the cache nor the service has them."""
    variable, default = SERVICES[service]
    base = os.environ.get(variable) or default
    spec = ",".join(f"{w}{s}" for w in sorted(weights) for s in ("", "i"))
    if service == "google":
        url = f"{base.rstrip('/')}/css?family={quote_plus(family)}:{spec}"
    else:
        url = f"{base.rstrip('/')}/css?family={quote_plus(family.lower()).replace('+', '-')}:{spec}"
    css = fetch(url, f"webfonts-{service}", ".css").decode("utf-8", "replace")
    faces = []
    seen: set[tuple[int, str]] = set()
    for weight, style, file_url, suffix in _css_faces(css, url):
        if (weight, style) in seen:
            continue
        seen.add((weight, style))
        data = fetch(file_url, "webfonts-files", suffix)
        path = _kept_path(file_url, suffix, data)
        faces.append(Face(path, weight, style))
    if not faces:
        raise Unreachable(f"{service} fonts has no faces of '{family}'")
    return faces


def web_font_file(url: str) -> Path:
    """A font file given by web address, fetched once into the cache."""
    suffix = Path(url.split("?")[0]).suffix.lower()
    suffix = suffix if suffix in FONT_SUFFIXES else ".ttf"
    return _kept_path(url, suffix, fetch(url, "webfonts-files", suffix))


def _css_faces(css: str, base_url: str) -> list[tuple[int, str, str, str]]:
    """(weight, style, file address, suffix) per @font-face, the Latin subset and the most
    convenient format first."""
    found = []
    for block in FACE_BLOCK.findall(css):
        props = {k.strip().lower(): v.strip() for k, _, v in
                 (part.partition(":") for part in block.split(";")) if v}
        ranges = props.get("unicode-range", "")
        if ranges and not _covers(ranges, 0x41):
            continue  # another script's subset
        weight_text = props.get("font-weight", "400").split()[0]
        weight = int(weight_text) if weight_text.isdigit() else STYLE_WORDS.get(weight_text, 400)
        style = "italic" if "italic" in props.get("font-style", "") else "normal"
        sources = [(FORMAT_ORDER.get((fmt or _guess(url)).lower(), 9), urljoin(base_url, url))
                   for url, fmt in _sources(props.get("src", ""))]
        if not sources:
            continue
        rank, url = min(sources)
        suffix = {0: ".ttf", 1: ".otf", 2: ".woff", 3: ".woff2"}.get(rank, ".ttf")
        found.append((weight, style, url, suffix))
    return found


def _sources(src: str) -> list[tuple[str, str]]:
    out = []
    for part in src.split(","):
        match = re.search(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", part)
        if match:
            fmt = re.search(r"format\(\s*['\"]?([\w-]+)", part)
            out.append((match.group(1), fmt.group(1) if fmt else ""))
    return out


def _guess(url: str) -> str:
    suffix = Path(url.split("?")[0]).suffix.lower()
    return {".ttf": "truetype", ".otf": "opentype", ".woff": "woff", ".woff2": "woff2"}.get(
        suffix, "truetype")


def _covers(ranges: str, code: int) -> bool:
    for part in ranges.split(","):
        part = part.strip().upper().removeprefix("U+")
        low, _, high = part.partition("-")
        try:
            if "?" in low:
                lo, hi = int(low.replace("?", "0"), 16), int(low.replace("?", "F"), 16)
            else:
                lo, hi = int(low, 16), int(high or low, 16)
        except ValueError:
            continue
        if lo <= code <= hi:
            return True
    return False


def _kept_path(url: str, suffix: str, data: bytes) -> Path:
    from guide.user_cache import cache_file

    path = cache_file("webfonts-files", url, suffix)
    if path is not None and path.is_file():
        return path
    if path is None:
        import hashlib
        import tempfile
        path = (Path(tempfile.gettempdir()) / "career-guide-webfonts"
                / (hashlib.sha256(url.encode()).hexdigest()[:24] + suffix))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path


def system_faces(family: str, weights: set[int]) -> list[Face]:
    """The family's installed faces at `weights`, through fc-match; [] when fontconfig is
    missing or the family is not installed (fc-match then offers another family)."""
    if shutil.which("fc-match") is None:
        return []
    faces = []
    seen: set[Path] = set()
    for weight in sorted(weights):
        for style in ("normal", "italic"):
            slant = 100 if style == "italic" else 0
            pattern = f"{family}:weight={_fc_weight(weight)}:slant={slant}"
            import subprocess  # fontconfig is asked only for a font no file gives

            try:
                answer = subprocess.run(
                    ["fc-match", "-f", "%{file}\n%{family}\n%{weight}\n%{slant}", pattern],
                    capture_output=True, text=True, timeout=10, check=False)
            except (OSError, subprocess.SubprocessError):
                return []
            lines = answer.stdout.split("\n")
            if answer.returncode != 0 or len(lines) < 4:
                return []
            names = {squashed(n) for n in lines[1].split(",")}
            if squashed(family) not in names:
                return []
            path = Path(lines[0])
            if path in seen or path.suffix.lower() not in (*FONT_SUFFIXES, ".ttc"):
                continue
            seen.add(path)
            got_italic = lines[3].strip() not in ("0", "")
            faces.append(Face(path, _css_weight(lines[2]), "italic" if got_italic else "normal"))
    return faces


FC_WEIGHTS = ((100, 0), (200, 40), (300, 50), (400, 80), (500, 100), (600, 180), (700, 200),
              (800, 205), (900, 210))


def _fc_weight(css: int) -> int:
    return min(FC_WEIGHTS, key=lambda pair: abs(pair[0] - css))[1]


def _css_weight(fc: str) -> int:
    try:
        value = float(fc.split()[0].strip("[]"))
    except (ValueError, IndexError):
        return 400
    return min(FC_WEIGHTS, key=lambda pair: abs(pair[1] - value))[0]
