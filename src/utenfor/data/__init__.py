"""The data-set format: loading, validation, fingerprint (spec/interfaces.md, "Data set")."""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED = Path(__file__).parent / "open"
ENV_VAR = "UTENFOR_DATA"


def default_data_dir() -> Path:
    """The data set used when none is named: $UTENFOR_DATA, else the bundled open data set."""
    return Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else BUNDLED
