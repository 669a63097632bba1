"""`utenfor`: the command line. A thin layer over the service layer; all text in Norwegian."""

from __future__ import annotations

import os
import sys

from utenfor.blas import one_thread
from utenfor.cli import (  # noqa: F401 - they register commands
    account_commands,
    backup_commands,
    commands,
    data_commands,
    data_update,
    evidence_commands,
    initiative_commands,
    kostra_commands,
    plan_commands,
)
from utenfor.cli.common import Refused, app, err
from utenfor.collector import starting
from utenfor.usage_errors import kind, norwegian

__all__ = ["app", "main"]


def _run() -> int:
    """The command; a usage error (wrong option, missing argument) exits 2 with a Norwegian
    message, as Click would with an English one."""
    try:
        code = app(standalone_mode=False)
    except Exception as exc:
        what = kind(exc)
        if what is None:
            raise
        if what == "NoArgsIsHelpError":
            exc.show()  # the help
        elif what == "Abort":
            err.print("Avbrutt.")
            sys.exit(130)
        else:
            command = exc.ctx.command_path if getattr(exc, "ctx", None) else "utenfor"
            err.print(f"{norwegian(exc)}\nSe «{command} --help».", markup=False)
        sys.exit(2)
    return code if isinstance(code, int) else 0


def main() -> None:
    """Entry point: bad input exits 2 with a message; a bug exits 1 (traceback if UTENFOR_DEBUG)."""
    one_thread()  # before a command loads numpy; `serve`'s workers inherit it
    starting()  # fewer garbage collections while the command loads (collector.py)
    try:
        code = _run()
    except Refused as exc:
        err.print(str(exc), markup=False)
        sys.exit(2)
    except Exception as exc:  # a bug: say so plainly, keep the traceback for those who ask
        if os.environ.get("UTENFOR_DEBUG"):
            raise
        err.print(
            f"Intern feil ({type(exc).__name__}: {exc}). Kjør med UTENFOR_DEBUG=1 for detaljer "
            "og meld gjerne fra om feilen.",
            markup=False,
        )
        sys.exit(1)
    sys.exit(code)
