"""Career booklet builder: Markdown, data and templates in, a branded print-ready PDF out."""

__version__ = "0.1.0"
