"""Reading scenario files: TOML, YAML or JSON with the same keys (docs/formats.md)."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

import yaml

from utenfor.model.scenario import Issue, Scenario, ScenarioError, parse_scenario

MAX_BYTES = 1_000_000  # a scenario is a few hundred bytes; anything this big is a mistake
FORMATS = {".toml": "toml", ".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def decode(text: str, fmt: str) -> Any:
    """Decode scenario text in `fmt` ('toml', 'yaml' or 'json'); syntax errors as ScenarioError."""
    try:
        if fmt == "toml":
            return tomllib.loads(text)
        if fmt == "yaml":
            return yaml.safe_load(text)
        if fmt == "json":
            return json.loads(text)
    except tomllib.TOMLDecodeError as exc:
        where = re.search(r"line (\d+), column (\d+)", str(exc))
        if where:
            at = f" (linje {where[1]}, kolonne {where[2]})"
        else:
            at = " (slutter for tidlig)" if "end of document" in str(exc) else ""
        raise _file_error(f"er ikke gyldig TOML{at}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" på linje {mark.line + 1}" if mark is not None else ""
        raise _file_error(f"er ikke gyldig YAML{where}") from None
    except json.JSONDecodeError as exc:
        raise _file_error(
            f"er ikke gyldig JSON (linje {exc.lineno}, kolonne {exc.colno})"
        ) from None
    except RecursionError:
        raise _file_error("er for dypt nøstet") from None
    raise _file_error(f"ukjent format {fmt!r}; bruk toml, yaml eller json")


def read_scenario(text: str, fmt: str) -> Scenario:
    """Parse and validate scenario text."""
    if len(text.encode("utf-8", errors="replace")) > MAX_BYTES:
        raise _file_error(f"er større enn {MAX_BYTES // 1000} kB; en scenariofil er mye mindre")
    return parse_scenario(decode(text, fmt))


def load_scenario(path: str | Path) -> Scenario:
    """Read a scenario file; the format follows the file ending."""
    path = Path(path)
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise _file_error(f"{path.name}: ukjent filtype; bruk .toml, .yaml, .yml eller .json")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise _file_error(f"{path.name} er større enn {MAX_BYTES // 1000} kB")
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise _file_error(f"{path} finnes ikke") from None
    except IsADirectoryError:
        raise _file_error(f"{path} er en mappe, ikke en fil") from None
    except UnicodeDecodeError:
        raise _file_error(f"{path.name} er ikke UTF-8-tekst") from None
    except OSError as exc:
        raise _file_error(f"{path} kan ikke leses ({exc.strerror})") from None
    return read_scenario(text, fmt)


def _file_error(message: str) -> ScenarioError:
    return ScenarioError([Issue("(fil)", message)])
