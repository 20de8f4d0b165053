"""The self-test runs every check and exits 0 only when all pass."""

from __future__ import annotations

import os
import subprocess
import sys


def test_self_test_passes_from_source(tmp_path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "ui", "--self-test"], capture_output=True, text=True,
                            env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    for name in ("migrations", "instrument", "scoring", "report", "main window", "page preview", "phone server"):
        assert f"ok    {name}:" in result.stdout
    assert result.stdout.rstrip().endswith("self-test passed")


def test_a_failing_check_fails_the_run() -> None:
    from workshop.selftest import run_checks

    def broken(_folder):  # noqa: ANN001, ANN202
        raise RuntimeError("font missing")

    lines: list[str] = []
    assert run_checks([("fonts", broken)], lines.append) == 1
    assert lines[0].startswith("FAIL  fonts: RuntimeError: font missing")
    assert "FAILED" in lines[-1]
