"""Accounts in the store (issue 14, item 3), on SQLite and PostgreSQL: an invitation is taken
once and expires; the password is kept as an argon2id hash; sign-in is refused for a minute
after 10 failures for one account or from one address, with the same answer for an unknown
address as for a wrong password; a session is stored hashed, ends, expires, and counts a role
taken away at once. The clock is the `now` the calls are given."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import text

from support import ROOT
from utenfor.store.accounts import AccountError, Accounts, TooManyTries
from utenfor.store.db import make_engine, migrate
from utenfor.store.passwords import TEST_ONLY_WEAK_HASHES

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PASSWORD = "korrekt hest batteri"


@pytest.fixture()
def accounts(database_url):
    engine = make_engine(database_url)
    migrate(engine)
    yield Accounts(engine)
    engine.dispose()


def member(accounts, email="kari@kommune.no", role="redaktør", ws=None, at=T0):
    ws = ws or accounts.add_workspace("Bodø kommune", "kommune", now=at)
    token = accounts.link("invitation", email, ws, role, now=at)
    return ws, accounts.accept(token, "Kari Nordmann", PASSWORD, now=at)


def test_an_invitation_is_taken_once_and_the_password_kept_as_argon2id(accounts):
    ws = accounts.add_workspace("Bodø kommune", "kommune", now=T0)
    token = accounts.link("invitation", " Kari@Kommune.no ", ws, "eier", now=T0)
    user = accounts.accept(token, "Kari Nordmann", PASSWORD, now=T0)
    with pytest.raises(AccountError, match="brukt, utløpt eller ukjent"):
        accounts.accept(token, "Noen andre", "et annet passord her", now=T0)
    late = accounts.link("invitation", "ola@kommune.no", ws, "leser", now=T0)
    with pytest.raises(AccountError, match="utløpt"):
        accounts.accept(late, "Ola", PASSWORD, now=T0 + timedelta(days=7, seconds=1))
    with accounts.engine.connect() as conn:
        stored = conn.execute(text("SELECT password_hash FROM users")).scalar_one()
        links = conn.execute(text("SELECT token_hash FROM links")).scalars().all()
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert token not in links and len(links) == 2  # only the tokens' SHA-256
    assert accounts.sign_in("kari@kommune.no", PASSWORD, "10.0.0.1", now=T0) == user
    for short in ("", "elleve tegn"):
        with pytest.raises(AccountError, match="fra 12 til 128 tegn"):
            accounts.accept(accounts.link("invitation", "per@x.no", ws, "leser", now=T0),
                            "Per", short, now=T0)  # fmt: skip


def test_sign_in_is_refused_for_a_minute_after_ten_failures(accounts):
    _, user = member(accounts)
    for i in range(10):
        with pytest.raises(AccountError, match="feil e-postadresse eller passord"):
            accounts.sign_in("kari@kommune.no", "galt passord", f"10.0.0.{i}", now=T0)
    with pytest.raises(TooManyTries) as refused:  # the right password, too soon
        accounts.sign_in("kari@kommune.no", PASSWORD, "10.0.1.1", now=T0 + timedelta(seconds=30))
    assert 29 <= refused.value.seconds <= 31 and "prøv igjen om" in refused.value.message
    assert accounts.sign_in("kari@kommune.no", PASSWORD, "10.0.1.1",
                            now=T0 + timedelta(seconds=61)) == user  # fmt: skip


def test_one_address_trying_many_accounts_is_stopped_too(accounts):
    member(accounts)
    for i in range(10):  # unknown addresses get the same answer as a wrong password
        with pytest.raises(AccountError, match="feil e-postadresse eller passord"):
            accounts.sign_in(f"gjett{i}@kommune.no", "galt passord", "10.9.9.9", now=T0)
    with pytest.raises(TooManyTries):
        accounts.sign_in("kari@kommune.no", PASSWORD, "10.9.9.9", now=T0)
    assert accounts.sign_in("kari@kommune.no", PASSWORD, "10.0.0.2", now=T0)  # another address


def test_a_session_ends_expires_and_follows_the_role(accounts):
    ws, user = member(accounts)
    token = accounts.start_session(user, ws, now=T0)
    who = accounts.session(token, now=T0 + timedelta(hours=1))
    assert (who.user_id, who.workspace_id, who.role, who.name) == (user, ws, "redaktør",
                                                                   "Kari Nordmann")  # fmt: skip
    assert len(who.csrf) >= 40
    with accounts.engine.connect() as conn:
        assert token not in conn.execute(text("SELECT token_hash FROM sessions")).scalars().all()
    accounts.set_role(user, ws, "leser")
    assert accounts.session(token, now=T0).role == "leser"  # at once
    assert accounts.session(token, now=T0 + timedelta(hours=12)) is None  # expired
    accounts.set_role(user, ws, None)
    assert accounts.session(token, now=T0) is None  # no longer a member
    with pytest.raises(AccountError, match="ikke medlem"):
        accounts.start_session(user, ws, now=T0)
    accounts.set_role(user, ws, "eier")
    token = accounts.start_session(user, ws, now=T0)
    accounts.end_session(token)
    assert accounts.session(token, now=T0) is None
    assert accounts.session("en-gjettet-token", now=T0) is None
    other = accounts.add_workspace("Nettverket", "nettverk", now=T0)
    with pytest.raises(AccountError, match="ikke medlem"):
        accounts.start_session(user, other, now=T0)


def test_a_reset_link_sets_a_new_password_and_ends_every_session(accounts):
    ws, user = member(accounts)
    token = accounts.start_session(user, ws, now=T0)
    reset = accounts.link("reset", "kari@kommune.no", now=T0)
    accounts.reset(reset, "et helt nytt passord", now=T0)
    assert accounts.session(token, now=T0) is None and accounts.sessions_of(user) == 0
    with pytest.raises(AccountError):
        accounts.sign_in("kari@kommune.no", PASSWORD, "10.0.0.3", now=T0)
    assert accounts.sign_in("kari@kommune.no", "et helt nytt passord", "10.0.0.3", now=T0)
    with pytest.raises(AccountError, match="brukt"):
        accounts.reset(reset, "enda et nytt passord", now=T0)


def test_an_invitation_for_an_existing_account_needs_that_persons_password(accounts):
    """Issue 30, item 1: the link's holder (here the inviting `eier` himself) is not signed in
    as the person whose address it names, by any name and any password, or none."""
    _, kari = member(accounts)  # kari@kommune.no, with PASSWORD
    other = accounts.add_workspace("Fauske kommune", "kommune", now=T0)
    link = accounts.link("invitation", "kari@kommune.no", other, "leser", now=T0)
    for wrong in ("et hvilket som helst passord", "", None):
        with pytest.raises(AccountError, match="har en konto fra før") as refused:
            accounts.accept(link, "Mallory", wrong, now=T0, address="10.6.6.6")
        assert refused.value.field == "password"
    assert [w[1] for w in accounts.workspaces_of(kari)] == ["Bodø kommune"]  # not a member
    with accounts.engine.connect() as conn:  # the link is still unused, for the right person
        assert conn.execute(text("SELECT used_at FROM links WHERE workspace_id = :w"),
                            {"w": other}).scalar_one() is None  # fmt: skip
    mallory = accounts.add_workspace("Mallorys", "kommune", now=T0)
    _, someone = member(accounts, "mallory@x.no", "eier", mallory)
    with pytest.raises(AccountError, match="har en konto fra før"):  # signed in as another
        accounts.accept(link, "", "", now=T0, signed_in_as=someone)
    assert accounts.accept(link, "Kari", PASSWORD, now=T0) == kari  # her own password
    assert ("Fauske kommune", "leser") in {(w[1], w[2]) for w in accounts.workspaces_of(kari)}


def test_a_wrong_password_on_an_invitation_counts_as_a_failed_sign_in(accounts):
    member(accounts)
    other = accounts.add_workspace("Fauske kommune", "kommune", now=T0)
    link = accounts.link("invitation", "kari@kommune.no", other, "leser", now=T0)
    for i in range(10):
        with pytest.raises(AccountError, match="har en konto fra før"):
            accounts.accept(link, "", f"gjett nummer {i}", now=T0, address=f"10.7.0.{i}")
    with pytest.raises(TooManyTries):  # the link is no way round the limit
        accounts.accept(link, "", PASSWORD, now=T0, address="10.7.1.1")


def test_signed_in_as_the_person_or_through_the_provider(accounts):
    ws, kari = member(accounts)
    other = accounts.add_workspace("KS-nettverket", "nettverk", now=T0)
    link = accounts.link("invitation", "kari@kommune.no", other, "redaktør", now=T0)
    assert accounts.accept(link, "", None, now=T0, signed_in_as=kari) == kari
    from utenfor.store.sign_in_rules import add_rule, provision

    add_rule(accounts.engine, "gruppe-1", ws, "leser")
    oidc_user, _ = provision(accounts.engine, "ola@kommune.no", "Ola", ["gruppe-1"],
                             identity=("https://idp.example", "ola-1"), now=T0)  # fmt: skip
    link = accounts.link("invitation", "ola@kommune.no", other, "leser", now=T0)
    with pytest.raises(AccountError, match="identitetstjenesten"):  # no password to give
        accounts.accept(link, "Ola", "et passord Ola aldri hadde", now=T0)
    assert accounts.accept(link, "", None, now=T0, signed_in_as=oidc_user) == oidc_user


def test_the_provider_s_iss_and_sub_say_who_signs_in_not_the_address(accounts):
    """Issue 30, item 10: the first sign-in through a provider stores its `iss` and `sub`;
    later ones are matched on them. Another subject with the same address is refused; the
    same subject with a new address is the same person."""
    from utenfor.store.sign_in_rules import add_rule, provision

    ws = accounts.add_workspace("Fauske kommune", "kommune", now=T0)
    add_rule(accounts.engine, "gruppe-1", ws, "leser")
    idp = "https://idp.example"
    ola, _ = provision(accounts.engine, "ola@fauske.no", "Ola", ["gruppe-1"],
                       identity=(idp, "sub-ola"), now=T0)  # fmt: skip
    with accounts.engine.connect() as conn:
        stored = conn.execute(text("SELECT issuer, subject, user_id FROM oidc_identities")).all()
    assert [tuple(r) for r in stored] == [(idp, "sub-ola", ola)]
    with pytest.raises(AccountError, match="en annen person") as refused:
        provision(accounts.engine, "ola@fauske.no", "Mallory", ["gruppe-1"],
                  identity=(idp, "sub-mallory"), now=T0)  # fmt: skip
    assert refused.value.field == "identity"
    again, _ = provision(accounts.engine, "ola.nordmann@fauske.no", "Ola", ["gruppe-1"],
                         identity=(idp, "sub-ola"), now=T0)  # fmt: skip
    assert again == ola and accounts.members(ws)[0][2] == "ola.nordmann@fauske.no"
    other_idp, _ = provision(accounts.engine, "ola.nordmann@fauske.no", "Ola", ["gruppe-1"],
                             identity=("https://annen.example", "x"), now=T0)  # fmt: skip
    assert other_idp == ola  # a second provider's first sign-in: by the address, then stored
    with pytest.raises(AccountError, match="iss og sub"):
        provision(accounts.engine, "ny@fauske.no", "Ny", ["gruppe-1"], identity=(idp, ""))


def test_production_hashes_with_argon2s_defaults():
    """Only the test suite (tests/conftest.py) hashes cheaply: without its variable, as in
    production, passwords are hashed with argon2-cffi's defaults (RFC 9106, 64 MiB, t=3, p=4),
    and a cheap test hash is renewed at the next sign-in there (check_needs_rehash)."""
    probe = (
        "from utenfor.store import accounts; from argon2 import PasswordHasher\n"
        "h = accounts._hasher(); d = PasswordHasher()\n"
        "print(h.time_cost, h.memory_cost, h.parallelism, d.time_cost, d.memory_cost,"
        " d.parallelism)\n"
        "print(h.check_needs_rehash(PasswordHasher(time_cost=1, memory_cost=8,"
        " parallelism=1).hash('x')))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != TEST_ONLY_WEAK_HASHES}
    out = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True,
                         check=True).stdout.split("\n")  # fmt: skip
    ours, defaults = out[0].split()[:3], out[0].split()[3:]
    assert ours == defaults == ["3", "65536", "4"]
    assert out[1] == "True"
    # and nothing that deploys the app sets the test variable
    for path in [ROOT / "Containerfile", ROOT / "compose.yaml", *(ROOT / "deploy").rglob("*")]:
        if path.is_file():
            assert TEST_ONLY_WEAK_HASHES not in path.read_text(errors="replace"), path
