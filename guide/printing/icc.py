"""Colour for press through an ICC output profile (littleCMS, through Pillow's ImageCms).

A `PressColor` is built once per build: it holds the profile's transforms (sRGB to the
press CMYK for vector colours and for images) and remembers every colour it has
converted, so a booklet's few hundred colour operators cost a few dozen conversions.

Neutral colours (greys and near-black: text, rules, the QR code) are not sent through
the profile, which would spread them over four plates: they become black-plate tints
(`0 0 0 k`) whose lightness matches the design, so misregistration cannot blur small
text; near-black ones also overprint (see colorspace.py).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from guide.errors import ContentError
from guide.load.paths import file_stamp, shown

PROFILES = Path(__file__).parent / "profiles"
DEFAULT_PROFILE = PROFILES / "FOGRA39L-coated.icc"
DEFAULT_CONDITION = "FOGRA39"  # the registered characterization the default profile is built on
NEUTRAL_CHROMA = 6.0  # CIE C*ab below which a colour is a grey and goes on the black plate
OVERPRINT_LIGHTNESS = 35.0  # CIE L* below which a black-plate colour overprints
PAPER_LIGHTNESS = 99.0  # lighter neutrals are paper: no ink at all


@dataclass(frozen=True)
class OutputProfile:
    """The press profile: its bytes (embedded in the OutputIntent) and what it names."""

    path: Path
    data: bytes
    description: str
    condition: str  # OutputConditionIdentifier: a registered name, or "Custom"


def load_profile(path: Path | None) -> OutputProfile:
    """The shipped FOGRA39 profile, or the printer's own (`--icc FILE`), checked to be a
    CMYK output profile so a wrong file fails here with its name, not at the press."""
    chosen = path or DEFAULT_PROFILE
    if not chosen.is_file():
        if path is None:
            raise ContentError(None, None, f"the default CMYK profile {shown(chosen)} is missing",
                               "reinstall career-guide, or pass your printer's profile with "
                               "--icc FILE (e.g. ISOcoated_v2 or GRACoL2013 from the printer)")
        raise ContentError(shown(chosen), None, "the ICC profile does not exist",
                           "give the path of the .icc/.icm file your printer sent")
    return _read_profile(chosen, file_stamp(chosen), path is None)


@lru_cache(maxsize=8)
def _read_profile(path: Path, stamp: tuple[int, int], default: bool) -> OutputProfile:
    from PIL import ImageCms

    data = path.read_bytes()
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(data))
    except (OSError, ImageCms.PyCMSError):
        raise ContentError(shown(path), None, "this is not an ICC profile",
                           "give the .icc/.icm file your printer sent") from None
    info = profile.profile
    if info.xcolor_space.strip() != "CMYK" or info.device_class != "prtr":
        raise ContentError(shown(path), None, f"not a CMYK printer profile (colour space "
                           f"{info.xcolor_space.strip()}, class {info.device_class})",
                           "ask the print shop for its CMYK output profile")
    description = (info.profile_description or path.stem).strip()
    condition = DEFAULT_CONDITION if default else "Custom"
    return OutputProfile(path, data, description, condition)


@lru_cache(maxsize=16)
def _transform(profile: bytes, mode: str, intent: int):  # type: ignore[no-untyped-def]
    """sRGB (or sRGB-based `mode`) to the profile's CMYK, with black-point compensation.
    Built once per process and profile (littleCMS precomputes a device link)."""
    from PIL import ImageCms

    source = ImageCms.createProfile("sRGB")
    target = ImageCms.ImageCmsProfile(io.BytesIO(profile))
    return ImageCms.buildTransform(source, target, mode, "CMYK", renderingIntent=intent,
                                   flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)


@lru_cache(maxsize=16)
def _black_ramp(profile: bytes) -> tuple[float, ...]:
    """CIE L* of the black plate alone at 0..255, for matching a grey's lightness."""
    from PIL import Image, ImageCms

    ramp = Image.new("CMYK", (256, 1))
    ramp.putdata([(0, 0, 0, k) for k in range(256)])
    lab = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(profile)),
                                  ImageCms.createProfile("LAB"), "CMYK", "LAB",
                                  renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
                                  flags=ImageCms.Flags.BLACKPOINTCOMPENSATION)
    lightness = ImageCms.applyTransform(ramp, lab).tobytes()[::3]
    return tuple(value * 100 / 255 for value in lightness)


def srgb_lab(r: float, g: float, b: float) -> tuple[float, float, float]:
    """CIE L*a*b* (D65 white) of an sRGB colour: enough to tell greys from colours."""
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    lr, lg, lb = linear(r), linear(g), linear(b)
    x = (0.4124 * lr + 0.3576 * lg + 0.1805 * lb) / 0.95047
    y = 0.2126 * lr + 0.7152 * lg + 0.0722 * lb
    z = (0.0193 * lr + 0.1192 * lg + 0.9505 * lb) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


@dataclass
class PressColor:
    """One build's colour conversion to a press profile; every answer is remembered."""

    profile: OutputProfile
    vector_intent: int = 1  # relative colorimetric: brand colours as close as paper allows
    image_intent: int = 0  # perceptual: photographs keep their gradations
    _cache: dict[tuple[float, float, float], tuple[tuple[float, ...], bool]] = field(
        default_factory=dict)

    def cmyk(self, r: float, g: float, b: float) -> tuple[tuple[float, float, float, float], bool]:
        """(c, m, y, k) in 0..1 and whether the colour overprints."""
        key = (r, g, b)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._convert(r, g, b)
        return found  # type: ignore[return-value]

    def _convert(self, r: float, g: float, b: float) -> tuple[tuple[float, ...], bool]:
        lightness, a, b_ = srgb_lab(r, g, b)
        if (a * a + b_ * b_) ** 0.5 < NEUTRAL_CHROMA:
            if lightness >= PAPER_LIGHTNESS:
                return (0.0, 0.0, 0.0, 0.0), False
            return (0.0, 0.0, 0.0, self.black_for(lightness)), lightness < OVERPRINT_LIGHTNESS
        from PIL import Image, ImageCms

        pixel = Image.new("RGB", (1, 1), tuple(round(v * 255) for v in (r, g, b)))
        converted = ImageCms.applyTransform(pixel, _transform(self.profile.data, "RGB",
                                                              self.vector_intent))
        return tuple(round(v / 255, 4) for v in converted.getpixel((0, 0))), False

    def black_for(self, lightness: float) -> float:
        """The black-plate tint printing as light as `lightness` (L*)."""
        ramp = _black_ramp(self.profile.data)
        for k, value in enumerate(ramp):
            if value <= lightness:
                if k == 0:
                    return 0.0
                above = ramp[k - 1]
                part = (above - lightness) / (above - value) if above != value else 1.0
                return round((k - 1 + part) / 255, 4)
        return 1.0

    def image(self, image):  # type: ignore[no-untyped-def]
        """An RGB or grey PIL image as press CMYK (its alpha, if any, is kept apart)."""
        from PIL import ImageCms

        rgb = image.convert("RGB")
        return ImageCms.applyTransform(rgb, _transform(self.profile.data, "RGB",
                                                       self.image_intent))
