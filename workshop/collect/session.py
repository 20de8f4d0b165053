"""Scoring on phones: the rules of one collection session, independent of any web server.

A ``CollectSession`` turns one HTTP request (method, path, headers, body, client address)
into one ``Reply``. The transport (``workshop/collect/http_server.py``) only moves bytes; every
rule lives here, so it can be tested without a network:

- the ``Host`` must be an address the server announced; nothing is served without the
  join token (the first segment of every path); JSON endpoints take only
  ``application/json`` and no foreign ``Origin``;
- the PIN is needed to see the names and to join, within the budgets of ``guard.PinGuard``;
- a phone gets a secret when it joins, and holds one participant at a time: its own
  answers are all it can read or change; a name in use on one phone is not offered to
  another until the facilitator lets it join again; anonymous mode has a cap;
- phones are kept in the database (``store.py``), so after a restart a phone carries on
  as the same participant; nothing is acknowledged before it is committed, and when the
  disk refuses the phone hears "not saved yet" (503) and keeps its answers to retry.
"""

from __future__ import annotations

import contextlib
import hmac
import secrets
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select

from workshop.changes import Changes
from workshop.collect import store
from workshop.collect.guard import (
    DEFAULT_CAP,
    MAX_BODY,  # noqa: F401 - importable from here as before
    Limits,
    PayloadError,
    PinGuard,
    RateWindow,
    parse_body,
)
from workshop.collect.protocol import CollectStatus, PhoneProgress
from workshop.collect.replies import COMMON_HEADERS, PAGE_POLICY, Reply, error_reply, json_reply, load_page_files
from workshop.collect.roster import Roster
from workshop.collect.store import Device, Writer, hash_secret
from workshop.errors import DatabaseError, WorkshopError
from workshop.i18n import N_
from workshop.instrument import default_instrument
from workshop.participants import ParticipantInfo, remove_participant, restore_participant
from workshop.storage.db import Database, is_storage_failure
from workshop.storage.models import Participant
from workshop.vocabulary import FUNCTIONS
from workshop.workshops import get_workshop

TOKEN_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: easy to type from the screen
TOKEN_LENGTH = 10
PIN_LENGTH = 6
SECRET_HEADER = "x-phone-secret"
RETRY_SECONDS = 5
NOT_SAVED = "Not saved yet: the laptop cannot store answers right now. Your answers stay on this phone; we keep trying."
ANSWER_FIELDS = {"pin", "secret", "answers", "finish"}


@dataclass(frozen=True)
class Deferred:
    """A request whose reply waits for the writer: what to store, and how to answer afterwards."""

    work: store.Work
    done: Callable[[Any], Reply]  # given the work's result once committed, or the error that refused it


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


def _refusal(exc: BaseException) -> bool:
    return isinstance(exc, DatabaseError) or is_storage_failure(exc)


class CollectSession:
    """One workshop's phone collection. ``handle`` is safe to call from many threads at once.

    Callbacks (called on the calling thread): ``on_change(Changes)`` for every stored
    answer, ``on_status()`` when a phone joins, answers or finishes, ``on_problem(text or
    None)`` when storing starts or stops failing.
    """

    def __init__(self, db: Database, workshop_id: int, anonymous: bool = False, *,
                 token: str | None = None, pin: str | None = None, limits: Limits | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.db = db
        self.workshop_id = workshop_id
        self.anonymous = anonymous
        info = get_workshop(db, workshop_id)  # NotFoundError for an unknown workshop
        self.language = info.language
        self.title = info.title
        self.limits = limits or Limits()
        link = store.load_link(db, workshop_id)
        self.token = token or (link[0] if link else new_token())
        self.pin = pin or (link[1] if link else new_pin())
        if link != (self.token, self.pin):
            store.save_link(db, workshop_id, self.token, self.pin)
        self.clock = clock
        self.guard = PinGuard(self.limits, clock)
        self.joins = RateWindow(self.limits.joins_per_address, clock)
        self.cap = self.limits.anonymous_cap or named_count(db, workshop_id) or DEFAULT_CAP
        self.roster = Roster(db, workshop_id, clock)  # the names to choose from (named mode)
        self.files = load_page_files()
        self.hosts: frozenset[str] = frozenset()  # empty: not checked (no transport yet)
        instrument = default_instrument()
        self.statement_ids = instrument.statement_ids
        self._info = json_reply(200, {
            "language": self.language, "title": info.title, "mode": "anonymous" if anonymous else "named",
            "pin_length": len(self.pin),
            "statements": [{"id": s.id, "text": s.text(self.language)} for s in instrument.statements],
            "scale": [{"value": s.value, "label": s.label(self.language)} for s in instrument.scale],
            "functions": list(FUNCTIONS),
        })
        self._lock = threading.Lock()  # phones and claims
        self._pin_lock = threading.Lock()  # PIN and join budgets
        self._phones: dict[str, Device] = {}  # hash of secret → phone
        self._claimed: dict[int, str] = {}  # participant id → hash (named mode)
        self._joining = 0  # joins waiting for their commit, counted against the cap
        self._removed: dict[int, tuple[Device, ParticipantInfo | None]] = {}
        for device in store.load_devices(db, workshop_id):
            if anonymous:
                device.name = None
            self._phones[device.key] = device
            if device.participant_id is not None and not anonymous:
                self._claimed[device.participant_id] = device.key
        self.problem: str | None = None
        self.writer = Writer(db)
        # Before any phone or edit can meet it: it holds the write lock for a moment. It always ends
        # by undoing itself; should it fail (a full disk), the phones' own writes will say why.
        with contextlib.suppress(Exception):
            self.writer.run(store.warm_up(workshop_id, self.statement_ids[0]))
        self.open = True
        self.on_change: Callable[[Changes], None] | None = None
        self.on_status: Callable[[], None] | None = None
        self.on_problem: Callable[[str | None], None] | None = None

    # --- the facilitator's side -------------------------------------------------------

    def close(self) -> None:
        self.open = False
        self.writer.close()

    def allow_hosts(self, hosts: set[str]) -> None:
        """The ``Host`` values phones may use: the announced address(es) with the port."""
        self.hosts = frozenset(h.lower() for h in hosts)

    def status(self) -> CollectStatus:
        with self._lock:
            phones = tuple(
                PhoneProgress(p.participant_id, None if self.anonymous else p.name, p.function,
                              len(p.answers), p.finished, p.id, p.joined_at)
                for p in self._phones.values()
            )
        with self._pin_lock:
            pin = self.guard.state()
        return CollectStatus(self.open, self.anonymous, phones, self.cap if self.anonymous else None, pin,
                             self.problem)

    def named_count(self) -> int:
        return named_count(self.db, self.workshop_id)

    def renew_pin(self) -> str:
        """A new PIN for new joins (joined phones carry on); earlier guesses no longer count."""
        pin = new_pin()
        store.save_link(self.db, self.workshop_id, self.token, pin)
        with self._pin_lock:
            self.pin = pin
            self.guard.reset()
        self._notify_status()
        return pin

    def set_cap(self, cap: int) -> None:
        self.cap = max(1, int(cap))
        self._notify_status()

    def release(self, participant_id: int) -> bool:
        """Let a name be joined again from another phone (the old phone can no longer send)."""
        with self._lock:
            key = self._claimed.get(participant_id)
            device = self._phones.get(key) if key else None
        if device is None:
            return False
        self.writer.run(lambda s: store.delete_device(s, device.id))
        with self._lock:
            self._claimed.pop(participant_id, None)
            self._phones.pop(device.key, None)
        self._notify_status()
        return True

    def remove(self, device_id: int) -> Changes | None:
        """Take a stray phone out: anonymous, with the participant it made; named, like ``release``."""
        with self._lock:
            device = next((d for d in self._phones.values() if d.id == device_id), None)
        if device is None:
            return None
        removed: ParticipantInfo | None = None
        changes = Changes(workshop_id=self.workshop_id)
        if self.anonymous and device.participant_id is not None:
            removed, changes = remove_participant(self.db, device.participant_id)  # the device goes with it
        else:
            self.writer.run(lambda s: store.delete_device(s, device.id))
        with self._lock:
            self._phones.pop(device.key, None)
            if device.participant_id is not None and self._claimed.get(device.participant_id) == device.key:
                del self._claimed[device.participant_id]
            self._removed[device.id] = (device, removed)
        self._notify_status()
        return changes

    def restore(self, device_id: int) -> tuple[Changes, int] | None:
        """Undo of ``remove``: the phone, its participant and answers come back (under a new device id)."""
        with self._lock:
            entry = self._removed.pop(device_id, None)
        if entry is None:
            return None
        device, removed = entry
        changes = Changes(workshop_id=self.workshop_id)
        if removed is not None:
            person, changes = restore_participant(self.db, removed, source="phone")
            device.participant_id = person.id
        if not self.anonymous and device.participant_id in self._claimed:
            return None  # the name was joined from another phone meanwhile
        device.id = self.writer.run(store.JoinWork(self.workshop_id, device.key, device.function,
                                                   device.participant_id))
        with self._lock:
            self._phones[device.key] = device
            if not self.anonymous and device.participant_id is not None:
                self._claimed[device.participant_id] = device.key
        self._notify_status()
        return changes, device.id

    # --- requests ---------------------------------------------------------------------

    def handle(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None,
               client: str) -> Reply:
        """Answer one request, waiting for the writer if need be. ``headers`` keys are lower case;
        ``path`` excludes the query."""
        routed = self.route(method, path, headers, body, client)
        if isinstance(routed, Reply):
            return routed
        future = self.writer.submit(routed.work)
        try:
            outcome = future.result()
        except Exception as exc:  # noqa: BLE001 - finish() turns it into the reply
            outcome = exc
        return self.finish(routed, outcome)

    def route(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None,
              client: str) -> Reply | Deferred:
        """Like ``handle`` without waiting: a reply, or the work to hand to the writer and ``finish`` after.

        Never blocks unless ``reads_database`` says so for this request."""
        routed = self._route(method.upper(), path, headers, body, client)
        return routed if isinstance(routed, Deferred) else self._with_headers(routed)

    def finish(self, deferred: Deferred, outcome: Any) -> Reply:
        """The reply to a deferred request, given what the writer made of its work (a result or an error)."""
        try:
            reply = deferred.done(outcome)
        except Exception as exc:
            reply = self._failure(exc)
        return self._with_headers(reply)

    def reads_database(self, method: str, path: str) -> bool:
        """Whether answering this request reads the database on the calling thread (the names of a
        named workshop, and joining one, when the list is due to be read again); everything else only
        waits for the writer."""
        return (not self.anonymous and method.upper() == "POST" and path.endswith(("/api/names", "/api/join"))
                and not self.roster.fresh())

    def _with_headers(self, reply: Reply) -> Reply:
        base = COMMON_HEADERS
        if reply.content_type.startswith("text/html"):
            base += (("Content-Security-Policy", PAGE_POLICY),)
        return Reply(reply.status, reply.body, reply.content_type, base + reply.headers)

    def _route(self, method: str, path: str, headers: Mapping[str, str], body: bytes | None,
               client: str) -> Reply | Deferred:
        host = headers.get("host", "").lower()
        if self.hosts and host not in self.hosts:
            return error_reply(421, "wrong_host", "Use the address shown on the screen.")
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
        getters: dict[str, Callable[[Mapping[str, str], str], Reply] | None] = {
            "api/info": None,
            "api/me": self._me,
        }
        posters: dict[str, Callable[[dict[str, object], str], Reply | Deferred]] = {
            "api/names": self._names,
            "api/join": self._join,
            "api/answers": self._answers,
        }
        if rest not in getters and rest not in posters:
            return error_reply(404, "not_found", "There is nothing here.")
        allowed = "GET" if rest in getters else "POST"
        if method != allowed:
            return self._not_allowed(allowed)
        try:
            if rest in getters:
                getter = getters[rest]
                return self._info if getter is None else getter(headers, client)
            refused = self._check_post(headers)
            return refused or posters[rest](parse_body(body), client)
        except Exception as exc:
            return self._failure(exc)

    def _failure(self, exc: Exception) -> Reply:
        """The reply to a request that raised: refused input, storage that fails, or a service's refusal."""
        if isinstance(exc, PayloadError):
            return error_reply(exc.status, exc.code, exc.message, problems=exc.problems)
        if _refusal(exc):
            return self._not_saved(exc)
        if isinstance(exc, WorkshopError):  # the service refused (e.g. the participant was removed)
            return error_reply(422, "refused", exc.message, problems=exc.problems)
        raise exc

    def _check_post(self, headers: Mapping[str, str]) -> Reply | None:
        """A browser on another site may post forms here; only our own page's JSON gets through."""
        kind = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if kind != "application/json":
            return error_reply(415, "json_only", "Send JSON (Content-Type: application/json).")
        origin = headers.get("origin")
        if origin is not None and self.hosts and origin.lower().removeprefix("http://") not in self.hosts:
            return error_reply(403, "foreign_origin", "Requests from other sites are not accepted.")
        if headers.get("sec-fetch-site", "same-origin") not in ("same-origin", "none"):
            return error_reply(403, "foreign_origin", "Requests from other sites are not accepted.")
        return None

    @staticmethod
    def _not_allowed(allowed: str) -> Reply:
        reply = error_reply(405, "method_not_allowed", f"Use {allowed}.")
        return Reply(reply.status, reply.body, reply.content_type, (("Allow", allowed),))

    def _not_saved(self, exc: BaseException) -> Reply:
        self._set_problem(str(getattr(exc, "message", None) or getattr(exc, "orig", None) or exc))
        return error_reply(503, "not_saved", NOT_SAVED, retry_after=RETRY_SECONDS)

    def _set_problem(self, problem: str | None) -> None:
        if problem == self.problem:
            return
        self.problem = problem
        if self.on_problem:
            self.on_problem(problem)
        self._notify_status()

    def _check_pin(self, data: Mapping[str, object], client: str) -> Reply | None:
        """None when the PIN is right; otherwise the reply that refuses the request."""
        pin = data.get("pin")
        with self._pin_lock:
            right = isinstance(pin, str) and hmac.compare_digest(pin.strip().encode(), self.pin.encode())
            wait = self.guard.wait(client)
            if not wait and right:
                self.guard.succeed(client)
                return None
            if not wait:
                wait = self.guard.fail(client)
            left = self.guard.attempts_left(client)
        self._notify_status()  # the panel shows the guessing
        if wait:
            return error_reply(429, "locked", "Too many wrong PINs. Wait a moment and try again.",
                               retry_after=wait)
        return error_reply(403, "wrong_pin", "That PIN is not right. Look at the screen.", attempts_left=left)

    def _names(self, data: dict[str, object], client: str) -> Reply:
        """The names to choose from: only for someone who knows the PIN."""
        if self.anonymous:
            return error_reply(404, "not_found", "Anonymous scoring has no names.")
        refused = self._check_pin(data, client)
        if refused:
            return refused
        people = self.roster.people()
        with self._lock:
            taken = set(self._claimed)
        return json_reply(200, {"names": [{"id": p.id, "name": p.name, "taken": p.id in taken} for p in people]})

    def _phone(self, secret: object) -> Device | None:
        if not isinstance(secret, str) or not 16 <= len(secret) <= 100:
            return None
        key = hash_secret(secret)
        with self._lock:
            return self._phones.get(key)

    def _join(self, data: dict[str, object], client: str) -> Reply | Deferred:
        if self.anonymous:
            function = data.get("function")
            if function not in FUNCTIONS:
                raise PayloadError(N_("Choose your function."),
                                   problems=[f"function must be one of {', '.join(FUNCTIONS)}"])
            pid = None
        else:
            chosen = data.get("participant_id")
            if isinstance(chosen, bool) or not isinstance(chosen, int):
                raise PayloadError(N_("Choose your name."), problems=["participant_id must be a whole number"])
            pid = chosen
        refused = self._check_pin(data, client)
        if refused:
            return refused
        name = None
        if pid is not None:  # a named workshop
            person = self.roster.get(pid)
            if person is None:
                return error_reply(404, "unknown_participant", "That name is not on this workshop's list.")
            name, function = person.name, person.function
        secret = data.get("secret")
        known = self._phone(secret)
        if known is not None:
            return self._rejoin(known, str(secret), pid, name, str(function))
        return self._new_phone(client, str(function), pid, name)

    def _rejoin(self, device: Device, secret: str, pid: int | None, name: str | None, function: str) -> Reply:
        """A phone that joined before (perhaps before a restart): its own participant, not a new one."""
        if self.anonymous or pid is None or device.participant_id == pid:
            return json_reply(200, self._own(device, secret))
        if device.answers:
            return error_reply(409, "phone_in_use", "This phone already scores for someone else. "
                               "Ask the facilitator.")
        with self._lock:
            if pid in self._claimed:
                return error_reply(409, "taken", "That name is already in use on another phone. Ask the facilitator.")
            self._claimed[pid] = device.key  # held while the change is stored
        try:
            self.writer.run(lambda s: store.set_device_participant(s, device.id, pid))
        except Exception:
            with self._lock:
                self._claimed.pop(pid, None)
            raise
        with self._lock:
            if device.participant_id is not None:
                self._claimed.pop(device.participant_id, None)
            device.participant_id, device.name, device.function = pid, name, function
        self._notify_status()
        return json_reply(200, self._own(device, secret))

    def _new_phone(self, client: str, function: str, pid: int | None, name: str | None) -> Reply | Deferred:
        with self._pin_lock:
            wait = self.joins.wait(client)
        if wait:
            return error_reply(429, "too_many_joins", "Too many phones joined from here. Wait a moment.",
                               retry_after=wait)
        with self._lock:
            mine = sum(1 for d in self._phones.values() if d.address == client)
            if mine >= self.limits.phones_per_address:
                return error_reply(429, "too_many_phones", "Too many phones joined from this address. "
                                   "Ask the facilitator.", retry_after=60)
            if pid is not None and pid in self._claimed:
                return error_reply(409, "taken", "That name is already in use on another phone. Ask the facilitator.")
            if self.anonymous and len(self._phones) + self._joining >= self.cap:
                return error_reply(409, "full", "Everyone expected has joined. Ask the facilitator.")
            secret = secrets.token_urlsafe(24)
            key = hash_secret(secret)
            if pid is not None:
                self._claimed[pid] = key  # held while the join is stored
            self._joining += 1
        with self._pin_lock:
            self.joins.add(client)

        def joined(outcome: int | BaseException) -> Reply:
            if isinstance(outcome, BaseException):
                with self._lock:
                    self._joining -= 1
                    if pid is not None:
                        self._claimed.pop(pid, None)
                raise outcome
            device = Device(outcome, key, function, pid, name, address=client, joined_at=time.time())
            with self._lock:
                self._joining -= 1
                self._phones[key] = device
            self._notify_status()
            return json_reply(201, self._own(device, secret))

        return Deferred(store.JoinWork(self.workshop_id, key, function, pid), joined)

    def _me(self, headers: Mapping[str, str], _client: str) -> Reply:
        secret = headers.get(SECRET_HEADER)
        device = self._phone(secret)
        if device is None:
            return error_reply(401, "not_joined", "This phone has not joined (or was released). Join again.")
        with self._lock:
            own = self._own(device, str(secret))
        return json_reply(200, own)

    def _answers(self, data: dict[str, object], _client: str) -> Reply | Deferred:
        unknown = set(data) - ANSWER_FIELDS
        if unknown:
            raise PayloadError(N_("The request has fields this server does not know."),
                               problems=[f"unknown field {k!r}" for k in sorted(unknown)])
        secret = data.get("secret")
        device = self._phone(secret)
        if device is None:
            return error_reply(401, "not_joined", "This phone has not joined (or was released). Join again.")
        answers = parse_answers(data.get("answers", {}), self.statement_ids)
        finish = data.get("finish", False)
        if not isinstance(finish, bool):
            raise PayloadError(N_("finish must be true or false"))
        missing = [q for q in self.statement_ids if q not in device.answers and q not in answers]
        if finish and missing:
            return error_reply(422, "incomplete", "Some statements have no answer yet.", missing=missing)
        if not self.open:
            return error_reply(410, "closed", "Collection has stopped.")
        # A submit repeats every answer; those already stored as they are need no second write, which
        # keeps the "everyone presses submit" moment as light as a single answer each.
        with self._lock:
            answers = {qid: score for qid, score in answers.items() if device.answers.get(qid) != score}
        new_participant = device.participant_id is None and bool(answers)
        work = store.AnswerWork(self.workshop_id, device.id, device.function, answers, finish)
        return Deferred(work, lambda outcome: self._stored(device, str(secret), answers, finish, new_participant,
                                                           outcome))

    def _stored(self, device: Device, secret: str, answers: dict[str, int], finish: bool, new_participant: bool,
                outcome: int | None | BaseException) -> Reply:
        """The reply once the writer has committed (or refused) a phone's answers."""
        if isinstance(outcome, LookupError):
            with self._lock:
                self._phones.pop(device.key, None)
            return error_reply(401, "not_joined", "This phone was released. Join again.")
        if isinstance(outcome, BaseException):
            if _refusal(outcome):
                return self._not_saved(outcome)
            raise outcome
        self._set_problem(None)
        with self._lock:
            device.participant_id = outcome
            device.answers.update(answers)
            device.finished = device.finished or finish
            own = self._own(device, secret)
        reply = json_reply(200, own)  # encoded outside the lock, which the loop takes for every request
        if answers and self.on_change:
            self.on_change(Changes(workshop_id=self.workshop_id, answers=True, participants=new_participant))
        self._notify_status()
        return reply

    def _own(self, device: Device, secret: str) -> dict[str, object]:
        """What a phone may see: only what it sent itself."""
        return {
            "secret": secret,
            "name": device.name,
            "function": device.function,
            "answers": dict(device.answers),
            "finished": device.finished,
        }

    def _notify_status(self) -> None:
        if self.on_status:
            self.on_status()


def parse_answers(value: object, statement_ids: tuple[str, ...]) -> dict[str, int]:
    """``{"q01": 3, …}`` with known ids and whole numbers 1–5 only; anything else is refused whole."""
    if not isinstance(value, dict) or len(value) > len(statement_ids):
        raise PayloadError(N_("answers must be an object of statement ids and scores"))
    problems = []
    for qid, score in value.items():
        if qid not in statement_ids:
            problems.append(f"unknown statement {qid!r}")
        elif isinstance(score, bool) or not isinstance(score, int) or not 1 <= score <= 5:
            problems.append(f"{qid}: {score!r} is not a whole number from 1 to 5")
    if problems:
        raise PayloadError(N_("Some answers are not valid."), problems=problems)
    return dict(value)
