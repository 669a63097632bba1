"""schemathesis against the app's own OpenAPI schema (issue 7): at least 2 000 generated
requests over HTTP to a real server, with no 500, no undocumented status code and no response
that breaks its schema. UTENFOR_SCHEMATHESIS_EXAMPLES raises the examples per operation for a
longer run (docs/operations.md).

One worker, not two: CPython 3.11 shares the AST constructor's recursion counter between
threads, and hypothesis parses source with `ast` while it generates, so two workers made one
run in four fail with "SystemError: AST constructor recursion depth mismatch" (issue 12)."""

from __future__ import annotations

import json
import os
import subprocess

from support import BIN, start_server

EXAMPLES = int(os.environ.get("UTENFOR_SCHEMATHESIS_EXAMPLES", "50"))
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance," \
         "response_schema_conformance"  # fmt: skip


def test_generated_requests_find_no_server_error_and_no_schema_violation(tmp_path):
    proc, base = start_server(f"sqlite:///{tmp_path / 'st.db'}", tmp_path)
    report = tmp_path / "report.json"
    try:
        run = subprocess.run(
            [BIN / "st", "run", f"{base}/api/openapi.json", "--checks", CHECKS,
             "--max-examples", str(EXAMPLES), "--seed", "20191", "--workers", "1",
             "--generation-database", "none", "--continue-on-failure",
             "--report", "json", "--report-json-path", report],
            capture_output=True, text=True, timeout=1200, cwd=tmp_path,
        )  # fmt: skip
    finally:
        proc.kill()
        proc.wait(timeout=10)
    result = json.loads(report.read_text())
    assert run.returncode == 0 and not result["failures"] and not result["errors"], run.stdout[
        -6000:
    ]
    assert result["operations"]["tested"] == result["operations"]["total"] == 13
    assert result["test_cases"]["generated"] >= 2000
