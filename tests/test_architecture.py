"""The shape of the code (issue 11): no import cycles between modules of `src/utenfor`, no module
over 300 lines, and the build-time `sources/` package is not imported by anything that runs in
the app."""

from __future__ import annotations

import ast
from pathlib import Path

from support import ROOT

SRC = ROOT / "src"
PACKAGE = SRC / "utenfor"
MAX_LINES = 300


def module_name(path: Path) -> str:
    parts = path.relative_to(SRC).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py") if "migrations" not in p.parts}


def imports(path: Path, known: set[str]) -> set[str]:
    """The utenfor modules `path` imports, at any depth (a function's import counts too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name in known}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                found.add(sub if sub in known else node.module)
    return {m for m in found if m in known}


def test_there_are_no_import_cycles():
    mods = modules()
    graph = {name: imports(path, set(mods)) - {name} for name, path in mods.items()}
    cycles, state = [], {}

    def visit(name: str, trail: list[str]) -> None:
        state[name] = "open"
        for nxt in sorted(graph[name]):
            if state.get(nxt) == "open":
                cycles.append([*trail[trail.index(nxt) :], nxt] if nxt in trail else [name, nxt])
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[name] = "done"

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
    assert not cycles, cycles


def test_no_module_is_longer_than_300_lines():
    long = {str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
            if len(p.read_text(encoding="utf-8").splitlines()) > MAX_LINES}  # fmt: skip
    assert not long, f"over {MAX_LINES} lines: {sorted(long)}"


def test_nothing_the_app_runs_imports_sources():
    mods = modules()
    running = [
        n
        for n in mods
        if not n.startswith("utenfor.sources") and n not in ("utenfor.cli.data_commands",)
    ]  # `data build` runs the build
    for name in running:
        bad = {m for m in imports(mods[name], set(mods)) if m.startswith("utenfor.sources")}
        assert not bad, (name, bad)
