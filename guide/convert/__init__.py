"""Convert stage: Markdown element trees into reportlab flowables (blocks, lists,
checklists, tables, images, directives, charts, form fields)."""
