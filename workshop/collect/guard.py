"""The phone server's defences that need no database: PIN budgets, join rates, strict JSON.

A guest on the venue's Wi-Fi can open as many connections and addresses as they like, so
every budget here has a per-address part and, where one address is not the limit, a
budget for everybody together:

- wrong PINs: ``per_address`` tries, then a lock-out that doubles each time; and at most
  ``per_minute`` wrong PINs from all addresses together, after which nobody can try a PIN
  until the minute is over (joined phones do not need the PIN, so only new joins wait);
- joins: at most ``joins_per_address`` new phones per address per minute;
- JSON: at most ``MAX_BODY`` bytes, nested at most ``MAX_DEPTH`` deep, checked before the
  parser sees it (Python's parser recurses and would fail with a traceback).
"""

from __future__ import annotations

import json
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from workshop.collect.protocol import PinState
from workshop.errors import WorkshopError
from workshop.i18n import N_

MAX_BODY = 4 * 1024  # twenty answers and a secret fit in under 1 KB
MAX_DEPTH = 4  # {"answers": {"q01": 3}} is depth 2


@dataclass(frozen=True)
class Limits:
    """Every number a guest could otherwise push: one place to read and to tune in tests."""

    pin_tries_per_address: int = 5
    lockout_seconds: float = 60.0
    max_lockout_seconds: float = 15 * 60.0
    wrong_pins_per_minute: int = 30  # for all addresses together
    joins_per_address: int = 5  # new phones per address per minute
    phones_per_address: int = 3  # phones one address may hold at a time
    anonymous_cap: int | None = None  # None: the number prepared, else DEFAULT_CAP
    connections_per_address: int = 16
    connections: int = 1024


DEFAULT_CAP = 60


class PayloadError(WorkshopError):
    """A request body that breaks the rules; ``status`` and ``code`` say how to answer."""

    def __init__(self, message: str, code: str = "invalid", status: int = 422, problems: list[str] | None = None,
                 **arguments: object) -> None:
        super().__init__(message, problems, **arguments)
        self.code = code
        self.status = status


def json_depth(body: bytes) -> int:
    """How deeply arrays and objects nest, counted without parsing (strings are skipped)."""
    depth = deepest = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            depth += 1
            deepest = max(deepest, depth)
        elif byte in (0x5D, 0x7D):
            depth -= 1
    return deepest


def parse_body(body: bytes | None) -> dict[str, object]:
    if body is None or not body.strip():
        raise PayloadError(N_("The request has no body."), "bad_json", 400)
    if len(body) > MAX_BODY:
        raise PayloadError(N_("The request is larger than {MAX_BODY} bytes."), "too_large", 413, MAX_BODY=MAX_BODY)
    if json_depth(body) > MAX_DEPTH:
        raise PayloadError(N_("The request nests deeper than {MAX_DEPTH} levels."),
                           "too_deep", 400, MAX_DEPTH=MAX_DEPTH)
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        raise PayloadError(N_("The request is not valid JSON."), "bad_json", 400) from None
    if not isinstance(data, dict):
        raise PayloadError(N_("The request must be a JSON object."), "bad_json", 400)
    return data


class PinGuard:
    """Wrong PINs per address (escalating lock-outs) and for everybody together (per minute).

    Not thread-safe on its own: the session calls it under its PIN lock.
    """

    def __init__(self, limits: Limits, clock: Callable[[], float]) -> None:
        self.limits = limits
        self.clock = clock
        self._failures: dict[str, int] = {}
        self._rounds: dict[str, int] = {}
        self._until: dict[str, float] = {}
        self._recent: deque[float] = deque()  # times of wrong PINs in the last minute, all addresses

    def _trim(self, now: float) -> None:
        while self._recent and self._recent[0] <= now - 60.0:
            self._recent.popleft()
        if len(self._until) > 4096:  # forget lock-outs that ended, so many addresses cannot grow memory
            self._until = {a: t for a, t in self._until.items() if t > now}

    def everyone_wait(self) -> int:
        """Seconds until anyone may try a PIN again (0: now)."""
        now = self.clock()
        self._trim(now)
        if len(self._recent) < self.limits.wrong_pins_per_minute:
            return 0
        return max(1, int(self._recent[0] + 60.0 - now + 0.999))

    def wait(self, client: str) -> int:
        """Whole seconds this client must still wait (0: it may try)."""
        left = self._until.get(client, 0.0) - self.clock()
        own = max(0, int(left + 0.999)) if left > 0 else 0
        return max(own, self.everyone_wait())

    def attempts_left(self, client: str) -> int:
        return self.limits.pin_tries_per_address - self._failures.get(client, 0)

    def fail(self, client: str) -> int:
        """Count a wrong PIN; returns the wait in seconds it caused (0 if none yet)."""
        now = self.clock()
        self._recent.append(now)
        count = self._failures.get(client, 0) + 1
        if count < self.limits.pin_tries_per_address:
            self._failures[client] = count
            return self.everyone_wait()
        rounds = self._rounds.get(client, 0)
        wait = min(self.limits.lockout_seconds * 2**rounds, self.limits.max_lockout_seconds)
        self._rounds[client] = rounds + 1
        self._failures.pop(client, None)
        self._until[client] = now + wait
        return max(int(wait), self.everyone_wait())

    def succeed(self, client: str) -> None:
        self._failures.pop(client, None)
        self._rounds.pop(client, None)

    def reset(self) -> None:
        """A new PIN: old guesses say nothing about it."""
        self._failures.clear()
        self._rounds.clear()
        self._until.clear()
        self._recent.clear()

    def state(self) -> PinState:
        now = self.clock()
        self._trim(now)
        locked = sum(1 for t in self._until.values() if t > now)
        return PinState(len(self._recent), locked, self.everyone_wait())


class RateWindow:
    """At most ``limit`` events per key in a sliding minute (joins per address)."""

    def __init__(self, limit: int, clock: Callable[[], float], seconds: float = 60.0) -> None:
        self.limit = limit
        self.clock = clock
        self.seconds = seconds
        self._events: dict[str, deque[float]] = {}

    def wait(self, key: str) -> int:
        now = self.clock()
        events = self._events.get(key)
        if not events:
            return 0
        while events and events[0] <= now - self.seconds:
            events.popleft()
        if len(events) < self.limit:
            return 0
        return max(1, int(events[0] + self.seconds - now + 0.999))

    def add(self, key: str) -> None:
        if len(self._events) > 4096:
            now = self.clock()
            self._events = {k: v for k, v in self._events.items() if v and v[-1] > now - self.seconds}
        self._events.setdefault(key, deque()).append(self.clock())
