"""Password hashing for accounts: argon2id with argon2-cffi's defaults (RFC 9106's second
recommendation) in production; the test suite alone may ask for the smallest parameters."""

from __future__ import annotations

import os
from functools import cache

from argon2 import PasswordHasher

# The test suite, and nothing else, sets this to "1" (tests/conftest.py): argon2's smallest
# parameters, since the tests sign in hundreds of times. Production keeps the defaults (tests/
# test_accounts.py), and renews a hash made with other parameters at the next sign-in.
TEST_ONLY_WEAK_HASHES = "UTENFOR_TEST_ONLY_WEAK_PASSWORD_HASHES"


@cache
def hasher() -> PasswordHasher:
    if os.environ.get(TEST_ONLY_WEAK_HASHES) == "1":
        return PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    return PasswordHasher()


@cache
def no_one() -> str:
    """Verified against for an unknown address: the same work as for a known one."""
    return hasher().hash("ingen-har-dette-passordet")
