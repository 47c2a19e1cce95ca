"""Escaping text for reportlab's paragraph markup.

The same results as xml.sax.saxutils.escape and quoteattr, without importing that module,
which pulls in urllib, http and email (a tenth of the tool's start-up time).
"""

from __future__ import annotations


def escape(text: str) -> str:
    """&, < and > as entities, so text never turns into markup."""
    return text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")


def quoteattr(text: str) -> str:
    """An attribute value with its quotes, escaped as saxutils.quoteattr does."""
    text = escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' in text:
        if "'" in text:
            return '"{}"'.format(text.replace('"', "&quot;"))
        return f"'{text}'"
    return f'"{text}"'
