"""Career booklet builder: Markdown, data and templates in, a branded print-ready PDF out.

Importing the package changes nothing in other libraries; the entry points turn on the
speed layer (guide.speed) themselves.
"""

__version__ = "0.1.0"
