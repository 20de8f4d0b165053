"""``python -m ui``: the whole app, as the ``workshop`` command (also the frozen app's entry)."""

import sys

from ui.launch import main

if __name__ == "__main__":
    sys.exit(main())
