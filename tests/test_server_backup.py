"""The operator's backup of the whole server (issue 14, item 6), through the real command line
on SQLite and PostgreSQL: `utenfor backup` then `utenfor restore` into an empty database gives
every workspace back with its members, scenarios, initiatives and plans, and every account,
identical; a backup with one bad item changes nothing and names the place."""

from __future__ import annotations

import json
import tomllib
from datetime import date

from support import WORKED_EXAMPLE, run_cli
from test_accounts import PASSWORD
from test_workspaces import stores, workspace
from utenfor.store.accounts import Accounts
from utenfor.store.db import make_engine, migrate
from utenfor.store.server_backup import server_backup
from utenfor.store.sign_in_rules import add_rule, provision

with open(WORKED_EXAMPLE, "rb") as f:
    EXAMPLE = tomllib.load(f)


IDP = "https://idp.example"


def filled(url: str):
    """A server with the default workspace and two more, each with its own work."""
    engine = make_engine(url)
    migrate(engine)
    for ws in ("a", "b"):
        workspace(engine, ws)
    for ws in ("standard", "a", "b"):
        scenarios, initiatives, plans = stores(engine, ws)
        scenarios.create(f"Scenario i {ws}", EXAMPLE, "0.1.0", "sha256:x")
        made = initiatives.create({"name": f"Tiltak i {ws}"}, date(2021, 1, 4))
        made = initiatives.record(made.id, made.version, "scenario",
                                  {"phase": 1, "scenario": EXAMPLE, "reason": ""})  # fmt: skip
        plans.create(f"Plan i {ws}", [made.id])
    accounts = Accounts(engine)
    accounts.accept(accounts.link("invitation", "kari@kommune.no", "a", "eier"), "Kari",
                    PASSWORD)  # fmt: skip
    add_rule(engine, "gruppe-b", "b", "leser")  # Ola signs in through a provider (issue 30)
    provision(engine, "ola@kommune.no", "Ola", ["gruppe-b"], identity=(IDP, "sub-ola"))
    return engine


def test_backup_then_restore_into_an_empty_database_gives_every_workspace_back(
    new_database, tmp_path
):
    source, target = new_database(), new_database()
    engine = filled(source)
    path = tmp_path / "tjener.json"
    done = run_cli("backup", "--database", source, "--to", str(path))
    assert done.returncode == 0, done.stderr
    before = server_backup(engine)  # with the backup's own line in each log (issue 30)
    assert [w["id"] for w in before["workspaces"]] == ["standard", "a", "b"]
    assert json.loads(path.read_text(encoding="utf-8")) == before
    done = run_cli("restore", str(path), "--database", target)
    assert done.returncode == 0, done.stderr
    assert "La tilbake 9 scenarier, tiltak og planer i 3 arbeidsområder." in done.stdout
    other = make_engine(target)
    assert server_backup(other) == before  # every workspace, item, event and version
    assert stores(other, "a")[0].list()[0].name == "Scenario i a"
    assert before["workspaces"][1]["members"] == [{"user_id": before["users"][0]["id"],
                                                    "role": "eier"}]  # fmt: skip
    assert [u["oidc"] for u in before["users"]] == [[], [{"issuer": IDP, "subject": "sub-ola"}]]
    # The account came along with its password's hash: Kari signs in on the restored server.
    assert Accounts(other).sign_in("kari@kommune.no", PASSWORD, "10.0.0.1")
    engine.dispose()
    other.dispose()


def test_a_bad_item_in_one_workspace_restores_nothing(new_database, tmp_path):
    source, target = new_database(), new_database()
    engine = filled(source)
    document = server_backup(engine)
    document["workspaces"][2]["backup"]["scenarios"][0]["scenario"]["share_with_pct"] = 140
    path = tmp_path / "tjener.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    done = run_cli("restore", str(path), "--database", target)
    assert done.returncode == 2
    said = " ".join(done.stderr.split())
    assert "ingenting er endret" in said
    assert "workspaces[2].backup.scenarios[0].share_with_pct" in said
    other = make_engine(target)
    assert [w["id"] for w in server_backup(other)["workspaces"]] == ["standard"]
    assert server_backup(other)["workspaces"][0]["backup"]["scenarios"] == []
    # A workspace's own backup is not the server's: said so, nothing changed.
    path.write_text(json.dumps(stores(engine, "a")[0].backup()), encoding="utf-8")
    done = run_cli("restore", str(path), "--database", target)
    assert done.returncode == 2 and "ikke en sikkerhetskopi av hele tjeneren" in done.stderr
    engine.dispose()
    other.dispose()
