"""The data-set format: loading, validation, fingerprint (docs/formats.md, "Data set")."""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED = Path(__file__).parent / "open"
# The worked example of KS' guide (steps 1-4, result figures 1-3): the page's "fill in the
# guide's example", the calibration step and the validation report all read this one file.
WORKED_EXAMPLE = Path(__file__).parent / "worked_example.toml"
ENV_VAR = "UTENFOR_DATA"


def default_data_dir() -> Path:
    """The data set used when none is named: $UTENFOR_DATA, else the bundled open data set."""
    return Path(os.environ[ENV_VAR]) if os.environ.get(ENV_VAR) else BUNDLED
