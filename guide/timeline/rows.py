"""Placing flag-style labels in rows so that none overlaps another or covers a connector."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class RowPlacer:
    """Puts flag-style labels (starting at their anchor, connector along the left edge) into
    rows, row 0 next to the anchors, so that no two overlap and none covers a connector.

    Place anchors from right to left: a label then only ever extends over anchors already
    placed, whose connectors it must clear by going to a row nearer the anchors.
    """

    width: float
    gap: float
    rows: list[list[tuple[float, float]]] = field(default_factory=list)  # x-extents per row
    connectors: list[tuple[float, int]] = field(default_factory=list)    # (x, row it ends in)

    def place(self, anchor: float, w: float) -> tuple[int, float]:
        x0 = min(max(0.0, anchor - 1.0), max(0.0, self.width - w))
        row = 0
        while True:
            if row == len(self.rows):
                self.rows.append([])
            # Once past as many rows as there are labels, a new row is free of labels and
            # connectors; the own-connector rule is then dropped so placement always ends
            # (it can only fail when a label was pushed left at the diagram's right edge).
            if self._free(row, x0, x0 + w, anchor, own_connector=row <= len(self.connectors)):
                self.rows[row].append((x0, x0 + w))
                self.connectors.append((anchor, row))
                return row, x0
            row += 1

    def _free(self, row: int, x0: float, x1: float, anchor: float, own_connector: bool) -> bool:
        g = self.gap
        if any(x0 < b + g and a < x1 + g for a, b in self.rows[row]):
            return False
        # A connector passing through this row must not run under the label...
        if any(ends > row and x0 - g <= x <= x1 + g for x, ends in self.connectors):
            return False
        # ...and this label's own connector must not cross labels in the rows it passes.
        if own_connector:
            return not any(a - g <= anchor <= b + g for r in range(row) for a, b in self.rows[r])
        return True

