"""Career booklet builder: Markdown, data and templates in, a branded print-ready PDF out."""

from . import lean_imports

__version__ = "0.1.0"

lean_imports.install()
