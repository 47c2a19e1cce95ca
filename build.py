#!/usr/bin/env python3
"""Build career booklets: `python build.py` makes the default booklet in dist/."""

from guide.cli import run

if __name__ == "__main__":
    run()
