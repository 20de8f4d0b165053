"""Both sides of the talk between the app's window and its phone-server child process.

The child (``workshop collect ID --machine``) writes one JSON object a line on stdout,
an *event*; the window writes one JSON object a line on its stdin, a *command*. This
module is the only place that turns them into text and back, for both sides, so they
cannot drift apart. It imports nothing heavy: the window uses it before any server runs.

Events: ``ready`` (url, urls, address, pin, anonymous, title, cap), ``update`` (changes,
status), ``released``/``removed``/``restored`` (the outcome of a command), ``pin`` (a
renewed PIN), ``problem`` (why answers cannot be stored, or None when they can again),
``stopped`` (final status and the server's longest event-loop stall), ``error``.
Commands: ``stop``, ``release``, ``remove``, ``restore``, ``renew_pin``, ``cap``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from workshop.collect import DEFAULT_PORT as DEFAULT_PORT
from workshop.collect import UPDATE_SECONDS as UPDATE_SECONDS


@dataclass(frozen=True)
class PinState:
    """What the facilitator's panel shows about PIN guessing."""

    wrong_last_minute: int = 0
    locked_addresses: int = 0
    everyone_locked_for: int = 0  # seconds; 0 when new joins are possible


@dataclass(frozen=True)
class PhoneProgress:
    participant_id: int | None
    name: str | None  # None in anonymous mode
    function: str
    answered: int
    finished: bool
    device_id: int = 0
    joined_at: float = 0.0  # wall-clock time of the join (0: joined before this run)


@dataclass(frozen=True)
class CollectStatus:
    open: bool
    anonymous: bool
    phones: tuple[PhoneProgress, ...]
    cap: int | None = None  # anonymous mode: how many phones may join
    pin: PinState = field(default_factory=PinState)
    problem: str | None = None  # why answers cannot be stored right now

    @property
    def joined(self) -> int:
        return len(self.phones)

    @property
    def finished(self) -> int:
        return sum(p.finished for p in self.phones)

    @property
    def finished_names(self) -> list[str]:
        return [p.name for p in self.phones if p.finished and p.name]


@dataclass(frozen=True)
class Event:
    kind: str
    data: dict = field(default_factory=dict)

    def get(self, key: str, default: object = None) -> object:
        return self.data.get(key, default)

    def whole(self, key: str) -> int | None:
        """The whole number under ``key``, or None when it is missing or no whole number."""
        value = self.data.get(key)
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def real(self, key: str) -> float | None:
        """The number under ``key`` as a float, or None when it is missing or no number."""
        value = self.data.get(key)
        return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


@dataclass(frozen=True)
class Command:
    kind: str
    number: int | None = None  # participant id, device id or cap


COMMANDS = ("stop", "release", "remove", "restore", "renew_pin", "cap")
NUMBERED = ("release", "remove", "restore", "cap")


# --- status ---------------------------------------------------------------------------------------------

def status_to_json(status: CollectStatus) -> dict:
    pin = status.pin
    return {
        "open": status.open,
        "anonymous": status.anonymous,
        "cap": status.cap,
        "pin": [pin.wrong_last_minute, pin.locked_addresses, pin.everyone_locked_for],
        "problem": status.problem,
        "phones": [[p.participant_id, p.name, p.function, p.answered, p.finished, p.device_id, p.joined_at]
                   for p in status.phones],
    }


def status_from_json(data: dict, anonymous: bool | None = None) -> CollectStatus:
    phones = tuple(PhoneProgress(*row[:7]) for row in data.get("phones", []))
    pin = PinState(*data.get("pin", [0, 0, 0])[:3])
    return CollectStatus(bool(data.get("open", False)),
                         bool(data.get("anonymous")) if anonymous is None else anonymous,
                         phones, data.get("cap"), pin, data.get("problem"))


# --- events (child → window) ----------------------------------------------------------------------------

def encode_event(kind: str, **data: object) -> str:
    """One line (without the newline)."""
    if "status" in data and isinstance(data["status"], CollectStatus):
        data["status"] = status_to_json(data["status"])
    return json.dumps({"event": kind, **data}, ensure_ascii=False, separators=(",", ":"))


def decode_event(line: bytes | str) -> Event | None:
    """An event, or None for a line that is not one of ours (a library printing)."""
    try:
        data = json.loads(line)
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("event"), str):
        return None
    kind = data.pop("event")
    return Event(kind, data)


# --- commands (window → child) --------------------------------------------------------------------------

def encode_command(kind: str, number: int | None = None) -> bytes:
    if kind not in COMMANDS or (kind in NUMBERED) != (number is not None):
        raise ValueError(f"not a command: {kind} {number}")
    data: dict[str, object] = {"command": kind}
    if number is not None:
        data["number"] = int(number)
    return (json.dumps(data) + "\n").encode()


def decode_command(line: str) -> Command | None:
    """A command, or None for anything else. ``stop`` and ``release 12`` typed by hand work too."""
    text = line.strip()
    if text.startswith("{"):
        try:
            data = json.loads(text)
        except ValueError:
            return None
        kind, number = (data.get("command"), data.get("number")) if isinstance(data, dict) else (None, None)
    else:
        words = text.split()
        kind = words[0] if words else None
        number = int(words[1]) if len(words) == 2 and words[1].isdigit() else None
    if kind not in COMMANDS:
        return None
    if kind in NUMBERED:
        if isinstance(number, bool) or not isinstance(number, int) or number < 0:
            return None
        return Command(kind, number)
    return Command(kind)
