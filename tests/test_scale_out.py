"""The scale-out story with accounts (issue 14, Done when): two `utenfor serve --accounts`
processes on different ports share one PostgreSQL database. A session made on one is valid on
the other, and concurrent edits through both lose no acknowledged save: every save answered
200 was based on a version no other acknowledged save was based on, and the version at the end
counts them all. Stateless workers, one database."""

from __future__ import annotations

import os
import re
import tomllib
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from support import TLS, WORKED_EXAMPLE, start_server
from utenfor.store.accounts import Accounts
from utenfor.store.db import make_engine, migrate
from utenfor.web.access import COOKIE

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)
PASSWORD = "et langt nok passord"


def test_two_servers_share_sessions_and_lose_no_acknowledged_save(new_database, tmp_path):
    url = new_database()
    if not url.startswith("postgresql"):
        pytest.skip("two servers on one SQLite file is not the scale-out story")
    engine = make_engine(url)
    migrate(engine)
    accounts = Accounts(engine)
    ws = accounts.add_workspace("Bodø kommune", "kommune")
    accounts.accept(accounts.link("invitation", "kari@bodo.kommune.no", ws, "eier"), "Kari",
                    PASSWORD)  # fmt: skip
    engine.dispose()
    servers = [start_server(url, tmp_path, "--accounts") for _ in range(2)]
    try:
        (_, one), (_, two) = servers
        with httpx.Client(base_url=one, follow_redirects=True, verify=TLS) as c:
            signed = c.post("/logg-inn", data={"email": "kari@bodo.kommune.no",
                                               "password": PASSWORD})  # fmt: skip
            assert signed.status_code == 200 and "Kari (eier)" in signed.text
            token = c.cookies[COOKIE]
            csrf = re.search(r'name="csrf" value="([^"]+)"', signed.text).group(1)
        cookies, head = {COOKIE: token}, {"X-CSRF-Token": csrf}
        # the other server
        with httpx.Client(base_url=two, cookies=cookies, headers=head, verify=TLS) as c:
            made = c.post("/api/v1/scenarios", json={"name": "Losen", "scenario": EXAMPLE})
            assert made.status_code == 201, made.text
            scenario = made.json()["id"]

        def edit(i: int) -> tuple[int, int]:
            base = (one, two)[i % 2]
            with httpx.Client(base_url=base, cookies=cookies, headers=head, timeout=30,
                              verify=TLS) as c:  # fmt: skip
                current = c.get(f"/api/v1/scenarios/{scenario}").json()["version"]
                r = c.put(f"/api/v1/scenarios/{scenario}",
                          json={"version": current, "name": f"Losen {i}"})  # fmt: skip
                assert r.status_code in (200, 409), r.text
                return r.status_code, current

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(edit, range(int(os.environ.get("UTENFOR_EDITS", "80")))))
        saved = [base for status, base in answers if status == 200]
        assert saved and len(saved) == len(set(saved))  # no two saves on the same version
        with httpx.Client(base_url=one, cookies=cookies, verify=TLS) as c:
            final = c.get(f"/api/v1/scenarios/{scenario}").json()
        assert final["version"] == 1 + len(saved)  # every acknowledged save counted
        print(f"\n{len(saved)} of {len(answers)} saves acknowledged, the rest 409")
        assert final["name"] in {f"Losen {i}" for i in range(len(answers))}
    finally:
        for proc, _ in servers:
            proc.terminate()
            proc.wait(timeout=20)
