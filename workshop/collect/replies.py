"""What the phone server answers with: JSON replies and the page's fixed files and headers."""

from __future__ import annotations

import json
from dataclasses import dataclass

from workshop.paths import resources_dir

# The page and its assets: the only files ever served. Name in the URL → (file, type).
PAGE_FILES: dict[str, tuple[str, str]] = {
    "": ("index.html", "text/html; charset=utf-8"),
    "app.css": ("app.css", "text/css; charset=utf-8"),
    "app.js": ("app.js", "text/javascript; charset=utf-8"),
}
PAGE_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
COMMON_HEADERS: tuple[tuple[str, str], ...] = (
    ("Cache-Control", "no-store"),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)


@dataclass(frozen=True)
class Reply:
    status: int
    body: bytes
    content_type: str = "application/json"
    headers: tuple[tuple[str, str], ...] = ()

    def json(self) -> object:
        return json.loads(self.body)


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # made once: it answers every request


def json_reply(status: int, data: object, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    body = _ENCODER.encode(data).encode("utf-8")
    return Reply(status, body, "application/json", headers)


def error_reply(status: int, code: str, message: str, **extra: object) -> Reply:
    """A JSON error: a stable ``error`` code for the page, a readable ``message`` for people."""
    headers: tuple[tuple[str, str], ...] = ()
    if "retry_after" in extra:
        headers = (("Retry-After", str(extra["retry_after"])),)
    return json_reply(status, {"error": code, "message": message, **extra}, headers)


def load_page_files() -> dict[str, tuple[bytes, str]]:
    folder = resources_dir() / "phone"
    return {name: ((folder / file).read_bytes(), kind) for name, (file, kind) in PAGE_FILES.items()}
