"""Kill safety in the suite: ``benchmarks/kill_test.py`` with at least 200 SIGKILLs at random
moments of the write paths (kiosk answers, grid entry, a large CSV import, commitment edits,
start-up backups, backups with a rotation that deletes many old ones). It runs in its own
process, so that forking never copies the test runner. Every kill must leave a database
that opens, passes ``PRAGMA integrity_check`` and holds every write reported as committed;
an import is wholly there or wholly absent; and the newest good backup (or a newer good
one) survives every kill."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent.parent / "benchmarks" / "kill_test.py"
KILLS = int(os.environ.get("KILL_TEST_KILLS", "200"))


@pytest.mark.slow
@pytest.mark.skipif(not hasattr(os, "fork"), reason="needs fork and SIGKILL (Linux, macOS)")
def test_sigkill_at_random_moments_loses_nothing(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--kills", str(KILLS), "--import-rows", "150", "--folder", str(tmp_path)],
        capture_output=True, text=True, timeout=900,
    )
    print(result.stdout)  # the figures, shown with `pytest -s` or on failure
    assert "Traceback" not in result.stderr, result.stderr
    match = re.search(r"^kills: (\d+), failures: (\d+)", result.stdout, re.MULTILINE)
    assert match, result.stdout + result.stderr
    kills, failures = int(match.group(1)), int(match.group(2))
    assert kills >= 200 and failures == 0, result.stdout
    assert result.returncode == 0
    imports = re.search(r"import +kills +(\d+),.*imports whole (\d+) / absent (\d+)", result.stdout)
    assert imports and int(imports.group(2)) + int(imports.group(3)) == int(imports.group(1))
    for mode in ("backup", "rotation"):  # kills also land while backups are made and rotated
        assert re.search(rf"^  {mode} +kills +(\d+)", result.stdout, re.MULTILINE)
    during = re.search(r"while a backup was copied, checked or rotated: (\d+)", result.stdout)
    assert during and int(during.group(1)) > 0
    lost = re.search(r"good backups lost: (\d+)", result.stdout)
    assert lost and int(lost.group(1)) == 0
