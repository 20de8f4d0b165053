"""Alignment Workshop: run a Sales–Marketing alignment workshop from one laptop."""

__version__ = "0.1.0"
