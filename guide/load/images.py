"""Pictures in chapters: paths kept inside the pack, files checked before reportlab sees them."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image as PILImage

from guide.errors import ContentError
from guide.load.paths import inside

MAX_PIXELS = 40_000_000  # a 40-megapixel photo is plenty for print; more is likely a bomb
MAX_BYTES = 30_000_000


def load_image(root: Path, relative: str, chapter_path: Path, line: int | None,
               what: str = "image") -> tuple[bytes, int, int]:
    """Image bytes and pixel size, or a content error naming the file and line that use it;
    `what` names the picture in messages ("image", "logo")."""
    if relative.startswith(("http://", "https://")):
        raise ContentError(chapter_path, line, f"{what} '{relative}' is on the web",
                           "download it into the pack's images/ folder")
    path = inside(root, relative, chapter_path, line, what)
    if not path.is_file():
        raise ContentError(chapter_path, line, f"{what} '{relative}' not found",
                           "check the file name and that it is inside the content folder")
    if path.suffix.lower() not in (".png", ".jpg", ".jpeg"):
        raise ContentError(chapter_path, line, f"{what} '{relative}' is not PNG or JPEG",
                           "convert it to .png or .jpg")
    if path.stat().st_size > MAX_BYTES:
        raise ContentError(chapter_path, line, f"{what} '{relative}' is larger than 30 MB",
                           "resize it")
    data = path.read_bytes()
    try:
        with PILImage.open(io.BytesIO(data)) as probe:
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ContentError(chapter_path, line, f"{what} '{relative}' has "
                                   f"{width}x{height} pixels", "resize it below 40 megapixels")
            if probe.format not in ("PNG", "JPEG"):
                raise ContentError(chapter_path, line,
                                   f"{what} '{relative}' is {probe.format}, not PNG or JPEG")
            probe.verify()
    except ContentError:
        raise
    except PILImage.DecompressionBombError:
        raise ContentError(chapter_path, line, f"{what} '{relative}' has far too many pixels",
                           "resize it below 40 megapixels") from None
    except (OSError, SyntaxError, ValueError) as exc:
        raise ContentError(chapter_path, line, f"{what} '{relative}' cannot be read: {exc}",
                           "re-export it as PNG or JPEG") from None
    return data, width, height
