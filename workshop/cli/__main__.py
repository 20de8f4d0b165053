"""``python -m workshop.cli``: the same as ``python -m workshop``."""

import sys

from workshop.cli import main

if __name__ == "__main__":
    sys.exit(main())
