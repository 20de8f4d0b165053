"""``python -m workshop``: the command line alone, without the window (``python -m ui`` has both)."""

import sys

from workshop.cli import main

if __name__ == "__main__":
    sys.exit(main())
