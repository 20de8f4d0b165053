"""Small builders shared by the core tests."""

from __future__ import annotations

from pathlib import Path

QIDS = tuple(f"q{i:02d}" for i in range(1, 21))


def write_csv(path: Path, rows: list[list[str]], delimiter: str = ",", encoding: str = "utf-8") -> Path:
    text = "\r\n".join(delimiter.join(row) for row in rows) + "\r\n"
    path.write_bytes(text.encode(encoding))
    return path


def header() -> list[str]:
    return ["name", "function", *QIDS]


def row(name: str, function: str, score: int | str = 3) -> list[str]:
    return [name, function, *([str(score)] * 20)]
