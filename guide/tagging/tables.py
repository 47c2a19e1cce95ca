"""Tables: rows as TR, header cells as TH with a column scope, the rest TD, through the
callback reportlab's Table makes while it draws; backgrounds, rules and the header rows
repeated on a continuation page are Artifacts."""

from __future__ import annotations

from typing import Any

from guide.tagging.log import Ref
from guide.tagging.marks import log_of


class TableTags:
    """The renderCB of one table, shared by every piece it splits into."""

    def __init__(self, header_rows: int = 0):
        self.header_rows = header_rows
        self.tag_ref = Ref("Table")
        self.head = Ref("THead", self.tag_ref)
        self.body = Ref("TBody", self.tag_ref)
        self.pieces = 0
        self._row: Ref | None = None
        self._repeated = False
        self._pushed = False
        self._inert = False

    def __call__(self, table: Any, event: str, *args: Any) -> None:
        canv = table.canv
        log = log_of(canv)
        if log is None:
            return
        if event == "startTable":
            self.pieces += 1
            self._inert = log.depth > 0  # inside other marked content: that owns it all
        if self._inert:
            return
        if event == "startTable":
            pass
        elif event in ("startBG", "startLines"):
            self._open(canv, log, "/Artifact BMC")
        elif event in ("endBG", "endLines"):
            self._close(canv, log)
        elif event == "startRow":
            row = args[0]
            self._repeated = self.pieces > 1 and row < self.header_rows
            if self._repeated:
                self._open(canv, log, "/Artifact BMC")
            else:
                self._row = Ref("TR", self.head if row < self.header_rows else self.body)
        elif event == "endRow":
            if self._repeated:
                self._close(canv, log)
            self._repeated = False
        elif event == "startCell" and not self._repeated:
            row, value = args[0], args[2]
            header = row < self.header_rows
            cell = Ref("TH" if header else "TD", self._row,
                       attrs={"O": "Table", "Scope": "Column"} if header else None)
            log.page = canv.getPageNumber()
            node = log.node_for(cell)
            if _tags_itself(value):
                log.stack.append(node)
                self._pushed = True
            else:
                mcid = log.next_mcid()
                node.kids.append(("mcid", log.page, mcid))
                self._open(canv, log, f"/{node.S} <</MCID {mcid}>> BDC")
                log.open = node
        elif event == "endCell" and not self._repeated:
            if self._pushed:
                log.stack.pop()
                self._pushed = False
            else:
                log.open = None
                self._close(canv, log)

    @staticmethod
    def _open(canv: Any, log: Any, literal: str) -> None:
        log.enter(canv, literal)

    @staticmethod
    def _close(canv: Any, log: Any) -> None:
        log.leave(canv)


def _tags_itself(value: Any) -> bool:
    from guide.tagging.flowables import is_tagged
    if isinstance(value, (list, tuple)):
        return any(is_tagged(v) for v in value)
    return is_tagged(value)
