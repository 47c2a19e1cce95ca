"""The speed layer: every stand-in for a private piece of reportlab or Python-Markdown.

Off until an entry point (the command line, a batch worker) calls `enable()`; importing
the package changes nothing. `CAREER_GUIDE_SPEEDUPS=off` keeps it off. It also stays off,
with one warning, on library versions the tests did not compare it against, so an upgrade
can never silently change the output. Each stand-in gives the same result as what it
replaces: tests build with the layer on and off and compare the bytes.

What it replaces, and why (docs/architecture.md has the measured gains):
- reportlab_calls: sameFrag, stringWidth, getAscentDescent, splitString, PDF name and
  value encoding, font subsetting and stream compression, remembered or done in C;
- paragraph (with paragraph_markup, line_breaking and single_style_breaking): reportlab's
  markup parser and line breaking skipped for plain paragraphs, and a paragraph's last
  wrap remembered;
- markdown_inline: Python-Markdown's inline stage skips patterns that cannot match;
- font_cache: parsed fonts kept in the user's cache folder;
- deferred_patterns: wide patterns reportlab, PyYAML and Markdown compile at import are
  compiled on first use, while enable() imports them (re.compile is restored after).
"""

from __future__ import annotations

import os

# Versions the on/off tests ran on; any other turns the layer off.
TESTED_VERSIONS = {"reportlab": ("5.1.0",), "markdown": ("3.11.3",)}

_state = {"enabled": False}


def installed_versions() -> dict[str, str]:
    import markdown
    import reportlab
    return {"reportlab": reportlab.Version, "markdown": markdown.__version__}


def enable() -> str | None:
    """Turn the layer on; returns a warning when it must stay off (None otherwise)."""
    if os.environ.get("CAREER_GUIDE_SPEEDUPS", "").lower() in ("off", "0", "no", "false"):
        disable()
        return None
    from guide.speed.deferred_patterns import deferred_patterns
    with deferred_patterns():  # the first import of reportlab, PyYAML and Markdown
        versions = installed_versions()
    untested = [f"{name} {version}" for name, version in versions.items()
                if version not in TESTED_VERSIONS[name]]
    if untested:
        disable()
        return (f"speed-ups are off: they were not tested with {', '.join(untested)} "
                f"(set CAREER_GUIDE_SPEEDUPS=off to silence this)")
    if not _state["enabled"]:
        from guide.convert.flowables import Paragraph
        from guide.speed import paragraph, reportlab_calls
        reportlab_calls.install()
        paragraph.install(Paragraph)
        _state["enabled"] = True
    return None


def disable() -> None:
    """Back to stock reportlab and Python-Markdown for everything built from now on."""
    if _state["enabled"]:
        from guide.convert.flowables import Paragraph
        from guide.speed import paragraph, reportlab_calls
        paragraph.uninstall(Paragraph)
        reportlab_calls.uninstall()
        _state["enabled"] = False


def enabled() -> bool:
    return _state["enabled"]


def forget_measurements() -> None:
    """After a font is registered: a remembered width may belong to another file now."""
    from guide.speed import reportlab_calls
    reportlab_calls.forget_measurements()
