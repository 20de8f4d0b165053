"""Scoring on phones: the rules of one collection session, independent of any web server.

A ``CollectSession`` turns one HTTP request (method, path, headers, body, client address)
into one ``Reply``. The transport (``workshop/collect/http_server.py``) only moves bytes; every
security rule lives here, so it can be tested without a network:

- nothing is served without the session's join token, the first segment of every path;
- joining and saving answers need the PIN; a client that gets the PIN wrong
  ``MAX_FAILURES`` times is locked out for a while (longer each time);
- bodies are capped at ``MAX_BODY`` bytes, must be a JSON object, and only known
  statement ids with whole numbers 1–5 are accepted;
- a phone gets its own random secret when it joins and can only read and change the
  answers it sent itself; named mode offers only this workshop's participants, and a
  name in use on one phone cannot be taken by another;
- the page and its two assets come from a fixed table read once from ``resources/phone``;
  every other reply is JSON with a fitting status code.
"""

from __future__ import annotations

import hmac
import json
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import func, select

from workshop.changes import Changes
from workshop.errors import WorkshopError
from workshop.instrument import default_instrument
from workshop.participants import add_participant, set_answers
from workshop.paths import resources_dir
from workshop.storage.db import Database
from workshop.storage.models import Participant
from workshop.vocabulary import FUNCTIONS
from workshop.workshops import get_workshop

MAX_BODY = 16 * 1024
TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to type from the screen
TOKEN_LENGTH = 10
PIN_LENGTH = 4
MAX_FAILURES = 5
LOCKOUT_SECONDS = 60.0
MAX_LOCKOUT_SECONDS = 15 * 60.0
SECRET_HEADER = "x-phone-secret"

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


def json_reply(status: int, data: object, headers: tuple[tuple[str, str], ...] = ()) -> Reply:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return Reply(status, body, "application/json", headers)


def error_reply(status: int, code: str, message: str, **extra: object) -> Reply:
    """A JSON error: a stable ``error`` code for the page, a readable ``message`` for people."""
    headers: tuple[tuple[str, str], ...] = ()
    if "retry_after" in extra:
        headers = (("Retry-After", str(extra["retry_after"])),)
    return json_reply(status, {"error": code, "message": message, **extra}, headers)


class PayloadError(WorkshopError):
    """A request body that breaks the rules; ``status`` and ``code`` say how to answer."""

    def __init__(self, message: str, code: str = "invalid", status: int = 422, problems: list[str] | None = None):
        super().__init__(message, problems)
        self.code = code
        self.status = status


def parse_body(body: bytes | None) -> dict[str, object]:
    if body is None or not body.strip():
        raise PayloadError("The request has no body.", "bad_json", 400)
    if len(body) > MAX_BODY:
        raise PayloadError(f"The request is larger than {MAX_BODY} bytes.", "too_large", 413)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise PayloadError("The request is not valid JSON.", "bad_json", 400) from None
    if not isinstance(data, dict):
        raise PayloadError("The request must be a JSON object.", "bad_json", 400)
    return data


def parse_answers(value: object, statement_ids: tuple[str, ...]) -> dict[str, int]:
    """``{"q01": 3, …}`` with known ids and whole numbers 1–5 only; anything else is refused whole."""
    if not isinstance(value, dict) or len(value) > len(statement_ids):
        raise PayloadError("answers must be an object of statement ids and scores")
    problems = []
    for qid, score in value.items():
        if qid not in statement_ids:
            problems.append(f"unknown statement {qid!r}")
        elif isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            problems.append(f"{qid}: {json.dumps(score)} is not a whole number from 1 to 5")
    if problems:
        raise PayloadError("Some answers are not valid.", problems=problems)
    return dict(value)


class Lockout:
    """Wrong PINs per client address: after ``max_failures`` the client waits, longer each time."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, max_failures: int = MAX_FAILURES,
                 seconds: float = LOCKOUT_SECONDS, max_seconds: float = MAX_LOCKOUT_SECONDS) -> None:
        self.clock = clock
        self.max_failures = max_failures
        self.seconds = seconds
        self.max_seconds = max_seconds
        self._failures: dict[str, int] = {}
        self._rounds: dict[str, int] = {}
        self._until: dict[str, float] = {}

    def remaining(self, client: str) -> int:
        """Whole seconds this client must still wait (0: not locked)."""
        left = self._until.get(client, 0.0) - self.clock()
        return max(0, int(left + 0.999)) if left > 0 else 0

    def attempts_left(self, client: str) -> int:
        return self.max_failures - self._failures.get(client, 0)

    def fail(self, client: str) -> int:
        """Count a wrong PIN; returns the lock-out in seconds it caused (0 if none yet)."""
        count = self._failures.get(client, 0) + 1
        if count < self.max_failures:
            self._failures[client] = count
            return 0
        rounds = self._rounds.get(client, 0)
        wait = min(self.seconds * 2**rounds, self.max_seconds)
        self._rounds[client] = rounds + 1
        self._failures[client] = 0
        self._until[client] = self.clock() + wait
        return int(wait)

    def succeed(self, client: str) -> None:
        self._failures.pop(client, None)
        self._rounds.pop(client, None)


@dataclass
class Phone:
    """One joined phone: its secret, who it scores for, and what it has sent."""

    secret: str
    function: str
    participant_id: int | None = None  # anonymous phones get a participant with their first answer
    name: str | None = None
    answers: dict[str, int] = field(default_factory=dict)
    finished: bool = False


@dataclass(frozen=True)
class PhoneProgress:
    participant_id: int | None
    name: str | None  # None in anonymous mode
    function: str
    answered: int
    finished: bool


@dataclass(frozen=True)
class CollectStatus:
    open: bool
    anonymous: bool
    phones: tuple[PhoneProgress, ...]

    @property
    def joined(self) -> int:
        return len(self.phones)

    @property
    def finished(self) -> int:
        return sum(p.finished for p in self.phones)

    @property
    def finished_names(self) -> list[str]:
        return [p.name for p in self.phones if p.finished and p.name]


def new_token() -> str:
    return "".join(secrets.choice(TOKEN_ALPHABET) for _ in range(TOKEN_LENGTH))


def new_pin() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(PIN_LENGTH))


def named_count(db: Database, workshop_id: int) -> int:
    """How many participants of the workshop have a name (who can join in named mode)."""
    with db.session() as session:
        return session.scalar(
            select(func.count(Participant.id))
            .where(Participant.workshop_id == workshop_id, Participant.name.is_not(None))
        ) or 0


def load_page_files() -> dict[str, tuple[bytes, str]]:
    folder = resources_dir() / "phone"
    return {name: ((folder / file).read_bytes(), kind) for name, (file, kind) in PAGE_FILES.items()}


class CollectSession:
    """One round of phone collection for one workshop (a fresh token and PIN each time).

    ``handle`` is safe to call from many threads at once. ``on_change`` is called (on the
    calling thread) with the ``Changes`` of every stored answer; ``on_status`` when a phone
    joins, answers or finishes.
    """

    def __init__(self, db: Database, workshop_id: int, anonymous: bool = False, *,
                 token: str | None = None, pin: str | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.workshop_id = workshop_id
        self.anonymous = anonymous
        info = get_workshop(db, workshop_id)  # NotFoundError for an unknown workshop
        self.language = info.language
        self.title = info.title
        self.token = token or new_token()
        self.pin = pin or new_pin()
        self.lockout = Lockout(clock)
        self.files = load_page_files()
        instrument = default_instrument()
        self.statement_ids = instrument.statement_ids
        self._info_static = {
            "language": self.language,
            "title": info.title,
            "mode": "anonymous" if anonymous else "named",
            "statements": [{"id": s.id, "text": s.text(self.language)} for s in instrument.statements],
            "scale": [{"value": s.value, "label": s.label(self.language)} for s in instrument.scale],
            "functions": list(FUNCTIONS),
        }
        self._lock = threading.Lock()  # phones, claims, and the one writer at a time
        self._pin_lock = threading.Lock()  # the lock-out bookkeeping
        self._phones: dict[str, Phone] = {}  # secret → phone
        self._claimed: dict[int, str] = {}  # participant id → secret (named mode)
        self.open = True
        self.on_change: Callable[[Changes], None] | None = None
        self.on_status: Callable[[], None] | None = None

    # --- the facilitator's side -------------------------------------------------------

    def close(self) -> None:
        self.open = False

    def status(self) -> CollectStatus:
        with self._lock:
            phones = tuple(
                PhoneProgress(p.participant_id, None if self.anonymous else p.name, p.function,
                              len(p.answers), p.finished)
                for p in self._phones.values()
            )
        return CollectStatus(self.open, self.anonymous, phones)

    def named_count(self) -> int:
        return named_count(self.db, self.workshop_id)

    def release(self, participant_id: int) -> bool:
        """Let a name be joined again from another phone (the old phone can no longer send)."""
        with self._lock:
            secret = self._claimed.pop(participant_id, None)
            if secret is None:
                return False
            self._phones.pop(secret, None)
        self._notify_status()
        return True

    # --- requests ---------------------------------------------------------------------

    def handle(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None,
               client: str) -> Reply:
        """Answer one request. ``headers`` keys are lower case; ``path`` excludes the query."""
        reply = self._route(method.upper(), path, headers, body, client)
        base = COMMON_HEADERS
        if reply.content_type.startswith("text/html"):
            base += (("Content-Security-Policy", PAGE_POLICY),)
        return Reply(reply.status, reply.body, reply.content_type, base + reply.headers)

    def _route(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None,
               client: str) -> Reply:
        token, slash, rest = path[1:].partition("/") if path.startswith("/") else ("", "", "")
        if not token or not hmac.compare_digest(token.encode(), self.token.encode()):
            return error_reply(404, "not_found", "There is nothing here. Scan the code on the screen again.")
        if not slash:  # "/token" without the slash: send the browser to the page
            moved = error_reply(308, "moved", "The page is one slash further.")
            return Reply(308, moved.body, moved.content_type, (("Location", f"/{self.token}/"),))
        if not self.open:
            return error_reply(410, "closed", "Collection has stopped.")
        if rest in self.files:
            if method not in ("GET", "HEAD"):
                return self._not_allowed("GET")
            data, kind = self.files[rest]
            return Reply(200, data, kind)
        api = {
            "api/info": ("GET", self._info),
            "api/me": ("GET", self._me),
            "api/join": ("POST", self._join),
            "api/answers": ("POST", self._answers),
        }
        if rest not in api:
            return error_reply(404, "not_found", "There is nothing here.")
        allowed, handler = api[rest]
        if method != allowed:
            return self._not_allowed(allowed)
        try:
            if allowed == "GET":
                return handler(headers, client)
            return handler(parse_body(body), client)
        except PayloadError as exc:
            return error_reply(exc.status, exc.code, exc.message, problems=exc.problems)
        except WorkshopError as exc:
            # The service refused (e.g. the participant was removed meanwhile).
            return error_reply(422, "refused", exc.message, problems=exc.problems)

    @staticmethod
    def _not_allowed(allowed: str) -> Reply:
        reply = error_reply(405, "method_not_allowed", f"Use {allowed}.")
        return Reply(reply.status, reply.body, reply.content_type, (("Allow", allowed),))

    def _info(self, _headers: Mapping[str, str], _client: str) -> Reply:
        data = dict(self._info_static)
        if not self.anonymous:
            data["names"] = self._names()
        return json_reply(200, data)

    def _names(self) -> list[dict[str, object]]:
        with self.db.session() as session:
            rows = session.execute(
                select(Participant.id, Participant.name)
                .where(Participant.workshop_id == self.workshop_id, Participant.name.is_not(None))
                .order_by(Participant.position, Participant.id)
            ).all()
        with self._lock:
            taken = set(self._claimed)
        return [{"id": pid, "name": name, "taken": pid in taken} for pid, name in rows]

    def _check_pin(self, data: Mapping[str, object], client: str) -> Reply | None:
        """None when the PIN is right; otherwise the reply that refuses the request."""
        pin = data.get("pin")
        right = isinstance(pin, str) and hmac.compare_digest(pin.strip().encode(), self.pin.encode())
        with self._pin_lock:
            wait = self.lockout.remaining(client)
            if not wait and right:
                self.lockout.succeed(client)
                return None
            if not wait:
                wait = self.lockout.fail(client)
            left = self.lockout.attempts_left(client)
        if wait:
            return error_reply(429, "locked", "Too many wrong PINs. Wait a moment and try again.",
                               retry_after=wait)
        return error_reply(403, "wrong_pin", "That PIN is not right. Look at the screen.", attempts_left=left)

    def _phone(self, secret: object) -> Phone | None:
        if not isinstance(secret, str) or not secret:
            return None
        with self._lock:
            return self._phones.get(secret)

    def _join(self, data: dict[str, object], client: str) -> Reply:
        refused = self._check_pin(data, client)
        if refused:
            return refused
        secret = secrets.token_urlsafe(24)
        if self.anonymous:
            function = data.get("function")
            if function not in FUNCTIONS:
                raise PayloadError("Choose your function.",
                                   problems=[f"function must be one of {', '.join(FUNCTIONS)}"])
            phone = Phone(secret=secret, function=str(function))
            with self._lock:
                self._phones[secret] = phone
        else:
            pid = data.get("participant_id")
            if isinstance(pid, bool) or not isinstance(pid, int):
                raise PayloadError("Choose your name.", problems=["participant_id must be a whole number"])
            with self.db.session() as session:
                row = session.execute(
                    select(Participant.name, Participant.function)
                    .where(Participant.id == pid, Participant.workshop_id == self.workshop_id)
                ).first()
            if row is None or row.name is None:
                return error_reply(404, "unknown_participant", "That name is not on this workshop's list.")
            with self._lock:
                if pid in self._claimed:
                    return error_reply(409, "taken", "That name is already in use on another phone. "
                                       "Ask the facilitator.")
                phone = Phone(secret=secret, function=row.function, participant_id=pid, name=row.name)
                self._claimed[pid] = secret
                self._phones[secret] = phone
        self._notify_status()
        return json_reply(201, self._own(phone))

    def _me(self, headers: Mapping[str, str], _client: str) -> Reply:
        phone = self._phone(headers.get(SECRET_HEADER))
        if phone is None:
            return error_reply(401, "not_joined", "This phone has not joined (or was released). Join again.")
        with self._lock:
            return json_reply(200, self._own(phone))

    def _answers(self, data: dict[str, object], client: str) -> Reply:
        unknown = set(data) - {"pin", "secret", "answers", "finish"}
        if unknown:
            raise PayloadError("The request has fields this server does not know.",
                               problems=[f"unknown field {k!r}" for k in sorted(unknown)])
        refused = self._check_pin(data, client)
        if refused:
            return refused
        phone = self._phone(data.get("secret"))
        if phone is None:
            return error_reply(401, "not_joined", "This phone has not joined (or was released). Join again.")
        answers = parse_answers(data.get("answers", {}), self.statement_ids)
        finish = data.get("finish", False)
        if not isinstance(finish, bool):
            raise PayloadError("finish must be true or false")
        with self._lock:  # one writer at a time: short transactions, no SQLite lock waits
            if self._phones.get(phone.secret) is not phone:
                return error_reply(401, "not_joined", "This phone was released. Join again.")
            if not self.open:
                return error_reply(410, "closed", "Collection has stopped.")
            missing = [q for q in self.statement_ids if q not in phone.answers and q not in answers]
            if finish and missing:
                return error_reply(422, "incomplete", "Some statements have no answer yet.", missing=missing)
            changes = Changes(workshop_id=self.workshop_id)
            if answers:
                if phone.participant_id is None:
                    person, changes = add_participant(self.db, self.workshop_id, None, phone.function)
                    phone.participant_id = person.id
                changes = changes | set_answers(self.db, phone.participant_id, answers, source="phone",
                                                workshop_id=self.workshop_id)
                phone.answers.update(answers)
            if finish:
                phone.finished = True
            reply = json_reply(200, self._own(phone))
        if answers and self.on_change:
            self.on_change(changes)
        self._notify_status()
        return reply

    def _own(self, phone: Phone) -> dict[str, object]:
        """What a phone may see: only what it sent itself."""
        return {
            "secret": phone.secret,
            "name": phone.name,
            "function": phone.function,
            "answers": dict(phone.answers),
            "finished": phone.finished,
        }

    def _notify_status(self) -> None:
        if self.on_status:
            self.on_status()
