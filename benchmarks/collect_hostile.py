"""Real phones while hostile guests hold slow connections open: the phones must not notice.

    python benchmarks/collect_hostile.py [--attackers 400] [--phones 200] [--flat-out] [other collect_load options]

Starts 400 slow attackers (each from its own loopback address: a partial request line,
then one byte every 2 s, reconnecting whenever the server cuts them off) and then runs
``collect_load.py``'s phones against the same server. The last line is
``phones=N lost=L duplicated=D p50_ms=… p99_ms=… max_stall_ms=… rps=… attackers=A``.
Target on a 2-core laptop: real phones' p99 < 200 ms, nothing lost or duplicated.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import collect_load  # noqa: E402 - the folder above is not a package

if __name__ == "__main__":
    argv = sys.argv[1:]
    if not any(a.startswith("--attackers") for a in argv) and "--client" not in argv and "--attacker" not in argv:
        argv = ["--attackers", "400", *argv]
    sys.exit(collect_load.main(argv))
