"""Tagged PDF (PDF/UA-1): the structure a screen reader follows, written while drawing.

Flowables are wrapped (guide.tagging.flowables) so that everything they paint sits in
marked content (`/P <</MCID n>> BDC ... EMC`) recorded against a structure element;
page furniture and decoration are Artifacts. The canvas (guide.tagging.canvas) keeps the
log, checks every page for paint left outside both, and writes the structure tree, the
parent tree and the XMP metadata with reportlab's own PDF objects when the file is saved,
so no second parse of the PDF is needed.

Off for the print and imposed editions (see guide.layout.story); on for every digital one.
"""
