"""No path through the command line shows a raw traceback: bad input of every kind gives a
readable message and a non-zero exit code, and anything unexpected is logged instead."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from workshop.cli import core as cli
from workshop.storage.db import open_database
from workshop.transfer import export_workshop
from workshop.workshops import create_workshop


def run(*args: str, db: Path | None = None) -> subprocess.CompletedProcess[str]:
    prefix = ["--db", str(db)] if db else []
    return subprocess.run([sys.executable, "-m", "workshop.cli", *prefix, *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL)


@pytest.fixture
def files(db, tmp_path: Path) -> dict[str, Path]:  # noqa: ANN001
    w = create_workshop(db, "Acme", "Offsite", "2026-01-01")
    good = export_workshop(db, w.id, tmp_path / "good.json")
    truncated = tmp_path / "truncated.json"
    truncated.write_bytes(good.read_bytes()[:200])
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 200_000 + "]" * 200_000)
    binary = tmp_path / "binary.csv"
    binary.write_bytes(os.urandom(3000) + b"\x00")
    garbage_db = tmp_path / "garbage.db"
    garbage_db.write_bytes(b"not a database" * 100)
    newer = tmp_path / "newer.db"
    open_database(newer).close()
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    return {"good": good, "truncated": truncated, "deep": deep, "binary": binary, "garbage_db": garbage_db,
            "newer": newer, "folder": tmp_path, "missing": tmp_path / "missing.csv"}


CASES = [
    # (arguments, expected exit code, a piece of the message)
    (["import-responses", "1", "{missing}"], 2, "cannot read the file"),
    (["import-responses", "1", "{binary}"], 2, "not a text file"),
    (["import-responses", "999", "{good}"], 2, ""),
    (["import-responses", "abc", "{good}"], 2, "not a workshop id"),
    (["import", "{truncated}"], 2, "damaged"),
    (["import", "{deep}"], 2, "nested too deeply"),
    (["import", "{binary}"], 2, "not"),
    (["import", "{folder}"], 2, "cannot read"),
    (["results", "999"], 2, "no workshop with id 999"),
    (["export", "1", "--out", "{folder}/no/such/dir/x.json"], 2, "cannot write"),
    (["new", "--client", "A", "--title", "B", "--date", "2026-13-01"], 2, "not a date"),
    (["new", "--client", "A", "--title", "B", "--date", "2026-01-01", "--min-group", "0"], 2, "minimum group"),
    (["new", "--client", "A" * 300, "--title", "B", "--date", "2026-01-01"], 2, "longer than"),
    (["backup", "--out", "{folder}/no/such/dir/x.db"], 2, "does not exist"),
    (["restore", "{good}"], 2, "not a backup"),
    (["restore", "{newer}"], 1, "newer version"),
    (["participant-data", "1", "Nobody", "--out", "{folder}/p.json"], 2, "no participant called"),
    (["forget-participant", "999", "Nobody", "--yes"], 2, "no workshop with id 999"),
    (["delete-client", "Nobody", "--yes"], 2, "no client"),
    (["no-such-command"], 2, "invalid choice"),
]


@pytest.mark.parametrize("args, code, message", CASES, ids=[" ".join(c[0][:2]) for c in CASES])
def test_bad_input_gives_a_message_not_a_traceback(db_path: Path, files: dict[str, Path], args: list[str],
                                                   code: int, message: str) -> None:
    argv = [a.format(**files) for a in args]
    result = run(*argv, db=db_path)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert "something unexpected" not in result.stderr, result.stderr
    assert result.returncode == code, result.stderr
    assert message.lower() in result.stderr.lower()


@pytest.mark.parametrize("which, message", [("garbage_db", "not an Alignment Workshop database"),
                                            ("newer", "newer version"), ("folder", "is a folder")])
def test_bad_databases(files: dict[str, Path], which: str, message: str) -> None:
    for args in (["list"], ["new", "--client", "A", "--title", "B", "--date", "2026-01-01"], ["backups"]):
        result = run(*args, db=files[which])
        assert result.returncode == 1 and message in result.stderr and "Traceback" not in result.stderr


SWEEP = textwrap.dedent("""
    import contextlib, io, json, signal, sys
    from workshop.cli import core as cli
    commands = sorted(cli.build_parser()._subparsers._group_actions[0].choices)
    db, junk = sys.argv[1], sys.argv[2]
    patterns = [[], ["999"], ["abc"], ["999", junk], ["999", "/no/such/file"], ["999", "--out", "/no/such/dir/x"],
                [junk, "--out", "/no/such/dir/x"], ["999", "Nobody", "--yes"]]
    found = []
    def alarm(*_):
        raise TimeoutError("took too long")
    signal.signal(signal.SIGALRM, alarm)
    for command in commands:
        for pattern in patterns:
            err = io.StringIO()
            signal.alarm(20)
            try:
                with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
                    try:
                        cli.main(["--db", db, command, *pattern])
                    except SystemExit:
                        pass
            except BaseException as exc:  # escaped main(): a traceback in the user's face
                found.append([command, pattern, "escaped: " + repr(exc)])
            finally:
                signal.alarm(0)
            text = err.getvalue()
            if "Traceback" in text or "something unexpected" in text:
                found.append([command, pattern, text[-300:]])
    print(json.dumps({"commands": commands, "problems": found}))
""")


def test_every_command_survives_junk_arguments(db_path: Path, files: dict[str, Path]) -> None:
    """Every subcommand, also those added later by feature modules, with junk arguments."""
    result = subprocess.run([sys.executable, "-c", SWEEP, str(db_path), str(files["binary"])], capture_output=True,
                            text=True, timeout=600, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr[-2000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert {"backup", "restore", "import", "import-responses"} <= set(report["commands"])
    assert report["problems"] == []


def test_unexpected_errors_are_logged_not_shown(db_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    def boom(args) -> int:  # noqa: ANN001
        raise RuntimeError("a bug")

    monkeypatch.setattr(cli, "cmd_list", boom)
    code = cli.main(["--db", str(db_path), "list"])
    err = capsys.readouterr().err
    assert code == 1 and "Traceback" not in err and "something unexpected went wrong" in err
    from workshop.logs import log_path

    logged = log_path().read_text(encoding="utf-8")
    assert "Traceback" in logged and "RuntimeError: a bug" in logged and str(log_path()) in err
