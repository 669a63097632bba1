"""Command-line usage errors (a wrong option, a missing argument, a bad value) in Norwegian.

Typer prints Click's English messages. It carries its own copy of Click (`typer._click`), so
the errors are recognised by their class names, which both copies share, not by import."""

from __future__ import annotations

import re
from typing import Any


def kind(exc: BaseException) -> str | None:
    """'NoArgsIsHelpError', 'NoSuchOption', 'MissingParameter', 'BadParameter', 'UsageError'
    or 'Abort' when `exc` is (a subclass of) one of Click's; else None."""
    names = [c.__name__ for c in type(exc).__mro__]
    for name in ("NoArgsIsHelpError", "NoSuchOption", "MissingParameter", "BadParameter",
                 "UsageError", "Abort"):  # fmt: skip
        if name in names:
            return name
    return None


def _name(param: Any, hint: Any) -> str:
    if param is None:
        return str(hint or "verdien")
    if getattr(param, "param_type_name", "") == "argument":
        return f"argumentet {str(param.name).upper()}"
    return f"valget {max(param.opts, key=len)}"


def _value_message(message: str) -> str:
    choices = re.search(r"is not one of (.+?)\.?$", message)
    if choices:
        return "må være en av: " + choices[1].replace("'", "")
    if "valid integer" in message:
        return "må være et helt tall"
    if "valid number" in message or "valid float" in message:
        return "må være et tall"
    if "does not exist" in message:
        return "finnes ikke"
    return f"er ugyldig ({message})"


def norwegian(exc: Any) -> str:
    """The message for a usage error, in bokmål."""
    what = kind(exc)
    if what == "NoSuchOption":
        known = sorted(exc.possibilities or [])
        return f"Ukjent valg: {exc.option_name}" + (f" (mente du {' eller '.join(known)}?)"
                                                   if known else "")  # fmt: skip
    if what == "MissingParameter":
        return f"Mangler {_name(exc.param, exc.param_hint)}."
    if what == "BadParameter":
        return f"Verdien for {_name(exc.param, exc.param_hint)} {_value_message(exc.message)}."
    unknown = re.match(r"No such command '(.+)'", exc.message)
    if unknown:
        return f"Ukjent kommando: {unknown[1]}."
    extra = re.match(r"Got unexpected extra argument(?:s|\(s\))? \((.+)\)", exc.message)
    if extra:
        return f"For mange argumenter: {extra[1]}."
    return f"Feil i kommandoen: {exc.message}"
