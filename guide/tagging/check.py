"""The self-check: no painting operator may sit outside marked content or an artifact."""

from __future__ import annotations

import re

# Strings are skipped whole (their bytes may look like operators); the rest are the
# operators that open or close marked content and those that paint.
TOKENS = re.compile(r"\((?:\\.|[^\\()])*\)|(?<![\w/*])(BDC|BMC|EMC|Tj|TJ|Do|sh|BI|"
                    r"f\*|B\*|b\*|[fFBbSs])(?![\w*])")
PAINT = {"Tj", "TJ", "Do", "sh", "BI", "f", "F", "f*", "B", "B*", "b", "b*", "S", "s"}


def unmarked_paint(code: list[str]) -> str | None:
    """The first painting operator outside BDC/BMC ... EMC in a page's content, or None."""
    depth = 0
    for match in TOKENS.finditer("\n".join(code)):
        op = match.group(1)
        if op is None:
            continue
        if op in ("BDC", "BMC"):
            depth += 1
        elif op == "EMC":
            depth -= 1
        elif depth <= 0 and op in PAINT:
            return op
    return None
