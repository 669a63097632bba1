#!/usr/bin/env python3
"""Known vulnerabilities in the locked packages (requirements.lock), from PyPI.

pip-audit asks PyPI for `/pypi/NAME/VERSION/json` or asks OSV; from the machines this project
is built on neither answers (only PyPI's project pages do). PyPI's project page,
`/pypi/NAME/json`, lists the known vulnerabilities of the newest release. So:

- a package locked at its newest release is checked: any vulnerability listed for it fails
  the audit, unless docs/security.md explains it (its id appears there);
- a package locked at an older release cannot be checked this way: it is named as unchecked
  (not a failure: new releases come out every week, and CI must not turn red for that), and
  `python3 dev.py lock` moves the lock to the newest releases, where it can be checked.

Exit status: 0 no known vulnerability, 1 a vulnerability not explained, 2 PyPI not reached.
"""

from __future__ import annotations

import json
import re
import sys
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPI = "https://pypi.org/pypi/{}/json"


def locked(lock_text: str) -> dict[str, str]:
    """name -> version for every `name==version` line of a pip lock file."""
    return {m[1].lower(): m[2] for m in re.finditer(r"^([A-Za-z0-9_.\-]+)==([^\s;\\]+)",
                                                   lock_text, re.MULTILINE)}  # fmt: skip


def findings(name: str, version: str, project: dict, explained: str) -> list[str] | None:
    """Unexplained vulnerabilities of one locked package, given PyPI's project JSON; None if
    the locked release is not the newest and so cannot be checked."""
    if version != project["info"]["version"]:
        return None
    out = []
    for vuln in project.get("vulnerabilities") or []:
        ids = [vuln.get("id", "?"), *(vuln.get("aliases") or [])]
        if not any(i in explained for i in ids):
            fixed = ", ".join(vuln.get("fixed_in") or []) or "no fix yet"
            out.append(f"{name} {version}: {' / '.join(ids)} (fixed in: {fixed})")
    return out


def fetch(name: str) -> dict:
    with urllib.request.urlopen(PYPI.format(name), timeout=30) as response:
        return json.load(response)


def main() -> int:
    packages = locked((ROOT / "requirements.lock").read_text())
    security = ROOT / "docs" / "security.md"
    explained = security.read_text() if security.exists() else ""
    try:
        with ThreadPoolExecutor(8) as pool:
            projects = dict(zip(packages, pool.map(fetch, packages), strict=True))
    except OSError as exc:
        print(f"Sårbarhetskontrollen nådde ikke PyPI ({exc}).", file=sys.stderr)
        return 2
    found = {n: findings(n, v, projects[n], explained) for n, v in packages.items()}
    unchecked = sorted(f"{n} {packages[n]}" for n, f in found.items() if f is None)
    problems = [line for f in found.values() if f for line in f]
    for line in problems:
        print("SÅRBAR:", line)
    if unchecked:
        print(f"Ikke kontrollert (eldre enn nyeste utgave; python3 dev.py lock): "
              f"{', '.join(unchecked)}")  # fmt: skip
    print(
        f"{len(packages) - len(unchecked)} av {len(packages)} låste pakker kontrollert mot "
        f"PyPI: {f'{len(problems)} uforklarte sårbarheter' if problems else 'ingen kjente'}."
    )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
