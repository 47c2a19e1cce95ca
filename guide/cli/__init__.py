"""Command line: the click commands and the batch, watch, preview and scaffold tools behind them."""

from guide.cli.commands import main, run

__all__ = ["main", "run"]
