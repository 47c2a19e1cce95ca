"""Layout stage: theme, fonts, page templates and furniture, the contents page, and the
story of flowables laid out into the PDF."""
