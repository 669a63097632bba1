"""The lock-file audit (tools/audit_lock.py, run by `python3 dev.py test`): its decisions, on
PyPI's project JSON as PyPI writes it (the `vulnerabilities` list of the newest release)."""

from __future__ import annotations

import importlib.util

from support import ROOT

spec = importlib.util.spec_from_file_location("audit_lock", ROOT / "tools" / "audit_lock.py")
audit = importlib.util.module_from_spec(spec)
spec.loader.exec_module(audit)

VULN = {"id": "PYSEC-2099-1", "aliases": ["CVE-2099-0001"], "fixed_in": ["2.0.1"],
        "summary": "example"}  # fmt: skip


def project(newest: str, vulns: list) -> dict:
    return {"info": {"version": newest}, "vulnerabilities": vulns}


def test_every_locked_package_is_read_from_the_lock_file():
    packages = audit.locked((ROOT / "requirements.lock").read_text())
    assert {"fastapi", "sqlalchemy", "numpy", "psycopg", "schemathesis"} <= set(packages)
    assert all(v[0].isdigit() for v in packages.values())


def test_a_vulnerability_of_the_locked_release_is_reported():
    found = audit.findings("pkg", "2.0.0", project("2.0.0", [VULN]), explained="")
    assert found == ["pkg 2.0.0: PYSEC-2099-1 / CVE-2099-0001 (fixed in: 2.0.1)"]


def test_an_explained_vulnerability_is_not_reported_again():
    explained = "CVE-2099-0001: the vulnerable function is never called by utenfor"
    assert audit.findings("pkg", "2.0.0", project("2.0.0", [VULN]), explained) == []


def test_an_older_release_is_unchecked_not_clean():
    assert audit.findings("pkg", "1.9.0", project("2.0.0", []), explained="") is None
    assert audit.findings("pkg", "2.0.0", project("2.0.0", []), explained="") == []
