#!/usr/bin/env python3
"""Build career booklets: `python build.py` makes the default booklet in dist/."""

import sys

try:
    from guide.cli.commands import run
except ModuleNotFoundError as missing:  # run with a Python that has not installed the tool
    sys.exit(f"error: this Python lacks {missing.name!r}, which career-guide needs (install "
             "the tool first: python3 -m venv .venv && .venv/bin/pip install . ; then run "
             ".venv/bin/python build.py)")

if __name__ == "__main__":
    run()
