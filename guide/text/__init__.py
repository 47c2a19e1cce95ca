"""Text stage: chapter templates rendered by sandboxed Jinja2, then parsed by Python-Markdown
into element trees; inline markup for reportlab paragraphs."""
