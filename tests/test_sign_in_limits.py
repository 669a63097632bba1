"""Sign-in under attack (issue 30, item 3): the rate limit counts an IPv6 address's /64 as
well as the address and the account; X-Forwarded-For counts only from the proxy the operator
names (FORWARDED_ALLOW_IPS); and checking a password does not hold up other requests."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime

import httpx
import pytest
from argon2 import PasswordHasher

from support import TLS, start_server
from utenfor.store.accounts import AccountError, Accounts, TooManyTries
from utenfor.store.addresses import address_keys
from utenfor.store.db import make_engine, migrate
from utenfor.store.models import SignInAttempt, User

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
BOGUS = {"password": "et passord som er feil"}


@pytest.fixture()
def engine(tmp_path):
    engine = make_engine(f"sqlite:///{tmp_path / 'limits.db'}")
    migrate(engine)
    yield engine
    engine.dispose()


def test_the_keys_of_an_address():
    assert address_keys("192.0.2.7") == ("adresse:192.0.2.7",)
    assert address_keys("::ffff:192.0.2.7") == ("adresse:192.0.2.7",)  # IPv4 as IPv6
    assert address_keys("2001:db8:1:2:aaaa::9") == ("adresse:2001:db8:1:2:aaaa::9",
                                                    "nett:2001:db8:1:2::/64")  # fmt: skip
    assert address_keys("ukjent") == ("adresse:ukjent",)


def test_failures_from_one_ipv6_64_are_counted_together(engine):
    """Ten failures from ten addresses of one /64, each for another account: the next from an
    eleventh address of the same /64 is refused; one from the next /64 is not."""
    accounts = Accounts(engine)
    for i in range(1, 11):
        with pytest.raises(AccountError) as failed:
            accounts.sign_in(f"p{i}@bodo.no", BOGUS["password"], f"2001:db8:1:2::{i:x}", NOW)
        assert not isinstance(failed.value, TooManyTries)
    with pytest.raises(TooManyTries):
        accounts.sign_in("ny@bodo.no", BOGUS["password"], "2001:db8:1:2:ffff::1", NOW)
    with pytest.raises(AccountError) as other:
        accounts.sign_in("ny@bodo.no", BOGUS["password"], "2001:db8:1:3::1", NOW)
    assert not isinstance(other.value, TooManyTries)


def loopback_locked_out(database_url: str) -> None:
    """Ten failures within the minute from 127.0.0.1, as the sign-in would have counted them."""
    engine = make_engine(database_url)
    migrate(engine)
    from sqlalchemy.orm import Session

    with Session(engine) as s, s.begin():
        s.add_all(SignInAttempt(key=address_keys("127.0.0.1")[0], at=datetime.now(UTC))
                  for _ in range(10))  # fmt: skip
    engine.dispose()


@pytest.mark.parametrize(("proxy", "status"), [(None, 429), ("127.0.0.1", 422)])
def test_x_forwarded_for_counts_only_from_the_configured_proxy(tmp_path, monkeypatch, proxy,
                                                               status):  # fmt: skip
    """From loopback, locked out: a made-up X-Forwarded-For does not get round the limit
    unless the operator named loopback as the proxy (then the forwarded address counts)."""
    url = f"sqlite:///{tmp_path / 'proxy.db'}"
    loopback_locked_out(url)
    if proxy is None:
        monkeypatch.delenv("FORWARDED_ALLOW_IPS", raising=False)
    else:
        monkeypatch.setenv("FORWARDED_ALLOW_IPS", proxy)
    proc, base = start_server(url, tmp_path, "--accounts")
    try:
        answer = httpx.post(f"{base}/logg-inn", verify=TLS, data={"email": "kari@bodo.no", **BOGUS},
                            headers={"X-Forwarded-For": "203.0.113.9"}, timeout=30)  # fmt: skip
        assert answer.status_code == status
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def cpu_ticks(pid: int) -> int:
    """The process's user and system time so far, in clock ticks (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def test_healthz_answers_while_a_password_is_checked(tmp_path):
    """A sign-in whose check takes long (a hash made with five times the work of argon2-cffi's
    default) is under way, seen by the server's CPU time rising; /healthz, asked then, answers
    before the sign-in does. With the check on the event loop it waited for it."""
    url = f"sqlite:///{tmp_path / 'slow.db'}"
    engine = make_engine(url)
    migrate(engine)
    from sqlalchemy.orm import Session

    slow = PasswordHasher(time_cost=15).hash("et langt nok passord")
    with Session(engine) as s, s.begin():
        s.add(User(id="k" * 32, email="kari@bodo.no", name="Kari", password_hash=slow,
                   created_at=datetime.now(UTC)))  # fmt: skip
    engine.dispose()
    proc, base = start_server(url, tmp_path, "--accounts")
    done: dict[str, float] = {}
    try:

        def sign_in() -> None:
            answer = httpx.post(f"{base}/logg-inn", data={"email": "kari@bodo.no", **BOGUS},
                                timeout=120, verify=TLS)  # fmt: skip
            done["sign-in"] = time.monotonic()
            done["status"] = answer.status_code

        before = cpu_ticks(proc.pid)
        worker = threading.Thread(target=sign_in)
        worker.start()
        while cpu_ticks(proc.pid) - before < 10 and worker.is_alive():
            time.sleep(0.01)  # polling a condition: the check is under way
        assert httpx.get(f"{base}/healthz", verify=TLS, timeout=120).status_code == 200
        done["healthz"] = time.monotonic()
        worker.join(timeout=120)
        assert done["status"] == 422
        assert done["healthz"] < done["sign-in"]
    finally:
        proc.terminate()
        proc.wait(timeout=10)
