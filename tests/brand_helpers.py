"""What the brand-format tests share: a local web server standing in for the font services and
logo hosts (tests never touch the network), and font files made from the bundled Lato."""

from __future__ import annotations

import io
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from conftest import FONT_DIR as FONTS

LATO_REGULAR = FONTS / "Lato-Regular.ttf"
LATO_BOLD = FONTS / "Lato-Bold.ttf"


class LocalServer:
    """Serves `files` (address path -> bytes) on 127.0.0.1 and counts the requests."""

    def __init__(self, files: dict[str, bytes]) -> None:
        self.files = files
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.requests.append(self.path)
                body = server.files.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> LocalServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def font_css(base: str, family: str, faces: dict[tuple[int, str], str], fmt: str) -> bytes:
    """A font service's answer: one @font-face per (weight, style), as Google and Bunny give."""
    blocks = []
    for (weight, style), path in faces.items():
        blocks.append(f"@font-face {{\n  font-family: '{family}';\n  font-style: {style};\n"
                      f"  font-weight: {weight};\n  src: url({base}{path}) format('{fmt}');\n"
                      "  unicode-range: U+0000-00FF, U+0131, U+2000-206F;\n}")
    return "\n".join(blocks).encode()


def woff2_of(path: Path) -> bytes:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path))
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def variable_lato(target: Path) -> Path:
    """A variable font (wght 400-700) whose bold master is Lato Regular drawn 30% wider:
    the same outlines at both ends, so the masters are compatible, and an instance at 700
    is measurably not the regular one."""
    from fontTools import varLib
    from fontTools.designspaceLib import AxisDescriptor, DesignSpaceDocument, SourceDescriptor
    from fontTools.ttLib import TTFont

    regular, wide = TTFont(str(LATO_REGULAR)), TTFont(str(LATO_REGULAR))
    glyf, hmtx = wide["glyf"], wide["hmtx"]
    for name in wide.getGlyphOrder():
        glyph = glyf[name]
        if glyph.numberOfContours > 0:
            glyph.coordinates.scale((1.3, 1.0))
            glyph.recalcBounds(glyf)
        width, lsb = hmtx[name]
        hmtx[name] = (int(width * 1.3), int(lsb * 1.3))
    space = DesignSpaceDocument()
    axis = AxisDescriptor()
    axis.tag, axis.name, axis.minimum, axis.default, axis.maximum = "wght", "Weight", 400, 400, 700
    space.addAxis(axis)
    for font, weight in ((regular, 400), (wide, 700)):
        source = SourceDescriptor()
        source.font, source.location = font, {"Weight": weight}
        space.addSource(source)
    variable, _, _ = varLib.build(space, exclude=["MVAR", "HVAR"])
    target.parent.mkdir(parents=True, exist_ok=True)
    variable.save(str(target))
    return target
