"""The window <-> phone-server lines: every event and command survives the trip, nothing else is taken."""

from __future__ import annotations

import pytest

from workshop.collect.protocol import (
    COMMANDS,
    NUMBERED,
    CollectStatus,
    PhoneProgress,
    PinState,
    decode_command,
    decode_event,
    encode_command,
    encode_event,
    status_from_json,
    status_to_json,
)

STATUS = CollectStatus(
    True, False,
    (PhoneProgress(7, "Zoë 田中 🙂", "sales", 20, True, 3, 1_700_000_000.5),
     PhoneProgress(None, None, "other", 0, False, 4, 0.0)),
    cap=None, pin=PinState(4, 1, 37), problem="database or disk is full",
)


def test_status_round_trip():
    assert status_from_json(status_to_json(STATUS)) == STATUS
    anonymous = CollectStatus(False, True, (), cap=60)
    assert status_from_json(status_to_json(anonymous)) == anonymous


@pytest.mark.parametrize("kind, data", [
    ("ready", {"url": "http://[::1]:8765/abc/", "urls": ["http://[::1]:8765/abc/"], "address": "[::1]:8765/abc/",
               "pin": "012345", "anonymous": True, "title": "Kick-off «nl»", "cap": 60}),
    ("update", {"changes": {"participants": True, "answers": False}, "status": status_to_json(STATUS)}),
    ("released", {"participant_id": 12, "ok": False}),
    ("removed", {"device_id": 3, "ok": True}),
    ("restored", {"device_id": 3, "ok": True, "new_id": 9}),
    ("pin", {"pin": "987654"}),
    ("problem", {"message": None}),
    ("stopped", {"status": status_to_json(STATUS), "max_stall_ms": 12.5}),
    ("error", {"message": "Cannot open a port on 203.0.113.7"}),
])
def test_every_event_round_trips_as_one_line(kind, data):
    line = encode_event(kind, **data)
    assert "\n" not in line
    event = decode_event(line.encode())
    assert event is not None and event.kind == kind and event.data == data


def test_a_status_object_is_encoded_for_the_wire():
    event = decode_event(encode_event("update", changes={}, status=STATUS))
    assert status_from_json(event.data["status"]) == STATUS


@pytest.mark.parametrize("line", [b"", b"hello", b"[1, 2]", b'{"no": "event"}', b'{"event": 3}', b"\xff"])
def test_lines_that_are_not_events_are_ignored(line):
    assert decode_event(line) is None


@pytest.mark.parametrize("kind", COMMANDS)
def test_every_command_round_trips(kind):
    number = 42 if kind in NUMBERED else None
    command = decode_command(encode_command(kind, number).decode())
    assert command is not None and command.kind == kind and command.number == number


def test_commands_typed_by_hand_still_work():
    assert decode_command("stop\n").kind == "stop"
    assert decode_command("release 12").number == 12


@pytest.mark.parametrize("line", ["", "launch", "release", "release x", "release -1", '{"command": "cap"}',
                                  '{"command": "cap", "number": true}', '{"command": "remove", "number": "3"}',
                                  "{broken", "[]"])
def test_bad_commands_are_refused(line):
    assert decode_command(line) is None


def test_a_command_needs_its_number_and_only_then():
    with pytest.raises(ValueError):
        encode_command("release")
    with pytest.raises(ValueError):
        encode_command("stop", 3)
    with pytest.raises(ValueError):
        encode_command("format_disk", 1)
