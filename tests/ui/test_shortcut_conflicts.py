"""No shortcut of the app means two things on any platform.

Qt gives a standard key (Delete, Undo, Close…) different bindings per platform: on Linux
desktops Delete is also Ctrl+D, so an action on Ctrl+D made the shortcut ambiguous and
neither fired. The table below holds Qt's bindings for the standard keys that the app
uses or that text fields and tables act on; the test checks every action against it for
each platform, and against the bindings of the platform the tests run on.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from ui.actions import SPECS, ActionId, key_sequences

Key = QKeySequence.StandardKey
PLATFORMS = ("windows", "macos", "kde", "gnome")

# Qt 6's platform themes (qplatformtheme.cpp); "Ctrl" is Command on macOS, "Meta" is Control.
BINDINGS: dict[Key, dict[str, tuple[str, ...]]] = {
    Key.Open: dict.fromkeys(PLATFORMS, ("Ctrl+O",)),
    Key.New: dict.fromkeys(PLATFORMS, ("Ctrl+N",)),
    Key.Find: dict.fromkeys(PLATFORMS, ("Ctrl+F",)),
    Key.Close: {"windows": ("Ctrl+F4", "Ctrl+W"), "macos": ("Ctrl+W",), "kde": ("Ctrl+W", "Ctrl+Esc"),
                "gnome": ("Ctrl+W",)},
    Key.Delete: {"windows": ("Del",), "macos": ("Del", "Meta+D"), "kde": ("Del", "Ctrl+D"),
                 "gnome": ("Del", "Ctrl+D")},
    Key.Undo: {"windows": ("Ctrl+Z", "Alt+Backspace"), "macos": ("Ctrl+Z",), "kde": ("Ctrl+Z", "F14"),
               "gnome": ("Ctrl+Z",)},
    Key.Redo: {"windows": ("Ctrl+Y", "Ctrl+Shift+Z", "Alt+Shift+Backspace"), "macos": ("Ctrl+Shift+Z",),
               "kde": ("Ctrl+Shift+Z",), "gnome": ("Ctrl+Shift+Z",)},
    Key.Copy: {"windows": ("Ctrl+C", "Ctrl+Ins"), "macos": ("Ctrl+C",), "kde": ("Ctrl+C", "Ctrl+Ins", "F16"),
               "gnome": ("Ctrl+C", "Ctrl+Ins")},
    Key.Cut: {"windows": ("Ctrl+X", "Shift+Del"), "macos": ("Ctrl+X", "Meta+K"), "kde": ("Ctrl+X", "F20",
              "Shift+Del"), "gnome": ("Ctrl+X", "Shift+Del")},
    Key.Paste: {"windows": ("Ctrl+V", "Shift+Ins"), "macos": ("Ctrl+V", "Meta+Y"), "kde": ("Ctrl+V", "F18",
                "Shift+Ins"), "gnome": ("Ctrl+V", "Shift+Ins")},
    Key.SelectAll: dict.fromkeys(PLATFORMS, ("Ctrl+A",)),
    Key.DeleteEndOfLine: {"windows": (), "macos": ("Meta+K",), "kde": ("Ctrl+K",), "gnome": ("Ctrl+K",)},
    Key.DeleteStartOfWord: {"windows": ("Ctrl+Backspace",), "macos": ("Alt+Backspace",),
                            "kde": ("Ctrl+Backspace",), "gnome": ("Ctrl+Backspace",)},
    Key.DeleteEndOfWord: {"windows": ("Ctrl+Del",), "macos": (), "kde": ("Ctrl+Del",), "gnome": ("Ctrl+Del",)},
    Key.Deselect: {"windows": (), "macos": (), "kde": ("Ctrl+Shift+A",), "gnome": ("Ctrl+Shift+A",)},
    Key.MoveToStartOfLine: {"windows": ("Home",), "macos": ("Ctrl+Left", "Meta+Left", "Meta+A"),
                            "kde": ("Home",), "gnome": ("Home",)},
    Key.MoveToEndOfLine: {"windows": ("End",), "macos": ("Ctrl+Right", "Meta+Right", "Meta+E"),
                          "kde": ("End",), "gnome": ("End",)},
    Key.Cancel: dict.fromkeys(PLATFORMS, ("Esc",)),
}
# What a focused text field, spin box or table does itself: an action on the same key steals it.
EDITING = (Key.Delete, Key.Undo, Key.Redo, Key.Copy, Key.Cut, Key.Paste, Key.SelectAll, Key.DeleteEndOfLine,
           Key.DeleteStartOfWord, Key.DeleteEndOfWord, Key.Deselect, Key.MoveToStartOfLine, Key.MoveToEndOfLine,
           Key.Cancel)
# Actions that are the standard command itself, though spelled as key strings.
STANDS_FOR = {ActionId.REDO: Key.Redo, ActionId.UNDO: Key.Undo, ActionId.DELETE: Key.Delete}


def _same(action_id: ActionId, standard: Key) -> bool:
    return standard in SPECS[action_id].shortcuts or STANDS_FOR.get(action_id) == standard


def _norm(text: str) -> str:
    return QKeySequence(text).toString(QKeySequence.SequenceFormat.PortableText)


def keys_on(platform: str, action_id: ActionId) -> set[str]:
    keys: set[str] = set()
    for shortcut in SPECS[action_id].shortcuts:
        if isinstance(shortcut, str):
            keys.add(_norm(shortcut))
        else:
            assert shortcut in BINDINGS, f"{action_id}: add Qt's bindings of {shortcut} to the table"
            keys |= {_norm(k) for k in BINDINGS[shortcut][platform]}
    return keys


def owners(platform: str) -> dict[str, set[ActionId]]:
    result: dict[str, set[ActionId]] = {}
    for action_id in SPECS:
        for key in keys_on(platform, action_id):
            result.setdefault(key, set()).add(action_id)
    return result


@pytest.mark.parametrize("platform", PLATFORMS)
def test_no_two_actions_share_a_key_on_any_platform(platform: str) -> None:
    shared = {key: ids for key, ids in owners(platform).items() if len(ids) > 1}
    assert not shared, f"on {platform}: {shared}"


@pytest.mark.parametrize("platform", PLATFORMS)
def test_no_action_takes_a_key_that_text_fields_use(platform: str) -> None:
    uses = {k: ids for k, ids in owners(platform).items()}
    for standard in EDITING:
        for key in BINDINGS[standard][platform]:
            taken = {a for a in uses.get(_norm(key), set()) if not _same(a, standard)}
            assert not taken, f"on {platform} {key} is {standard.name} in text fields, but also {taken}"


def test_the_follow_up_shortcut_is_not_delete_on_linux() -> None:
    """The case that was reported: Ctrl+D did nothing on Linux desktops."""
    for platform in ("kde", "gnome"):
        follow_up = keys_on(platform, ActionId.DUPLICATE_WORKSHOP)
        assert follow_up and not follow_up & keys_on(platform, ActionId.DELETE)


def test_the_running_platform_has_no_ambiguous_shortcut(qapp) -> None:
    """The same rule with the bindings Qt gives on the machine that runs the tests."""
    seen: dict[str, ActionId] = {}
    for action_id, spec in SPECS.items():
        for sequence in key_sequences(spec):
            key = sequence.toString()
            assert key not in seen, f"{key} is used by {seen[key]} and {action_id}"
            seen[key] = action_id
    for standard in EDITING:
        for sequence in QKeySequence.keyBindings(standard):
            owner = seen.get(sequence.toString())
            assert owner is None or _same(owner, standard), (
                f"{sequence.toString()} is {standard.name} here, but also {owner}")


def test_the_rule_finds_a_clash(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the fix, the table reports Ctrl+D on Linux (so the test above can fail)."""
    from ui import actions

    spec = SPECS[ActionId.DUPLICATE_WORKSHOP]
    monkeypatch.setitem(actions.SPECS, ActionId.DUPLICATE_WORKSHOP,
                        type(spec)(spec.text, spec.tip, ("Ctrl+D",)))
    with pytest.raises(AssertionError):
        test_no_action_takes_a_key_that_text_fields_use("gnome")
    test_no_action_takes_a_key_that_text_fields_use("windows")
