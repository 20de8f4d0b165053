"""The ``workshop`` command line, one module per command group: ``core`` (new, demo, list,
results, export, import, and the entry point), ``safety``, ``report``, ``collect`` and
``commitments``."""

from workshop.cli.core import Face, build_parser, gui_main, main

__all__ = ["Face", "build_parser", "gui_main", "main"]
