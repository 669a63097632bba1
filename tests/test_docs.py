"""Documentation that must not fall behind the code (in the spirit of Datasette's tests)."""

import re
import shlex
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import typer.main

import command_line
from support import ROOT, TLS, free_port
from utenfor.cli import app
from utenfor.data import BUNDLED


def command_paths(group, prefix: str = "utenfor") -> list[str]:
    paths = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if hasattr(command, "commands"):  # a group of sub-commands
            paths += command_paths(command, path)
        else:
            paths.append(path)
    return paths


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    paths = command_paths(typer.main.get_command(app))
    assert {"utenfor calculate", "utenfor explain", "utenfor data validate"} <= set(paths)
    missing = [p for p in paths if p not in readme]
    assert not missing, f"undocumented commands: {missing}"


def test_the_readme_quick_start_is_what_ci_runs():
    readme = (ROOT / "README.md").read_text()
    ci = (ROOT / ".ci" / "run").read_text()
    assert "python3 dev.py start" in readme and "python3 dev.py test" in readme
    assert "\npython3 dev.py test\n" in ci


# Every relative link in the repository's Markdown resolves to a file inside the repository
# (issue 11: a person with only the repository must be able to follow each one).
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
SKIP = {".git", ".venv", "node_modules", "vendor"}


def markdown_files() -> list[Path]:
    return [p for p in ROOT.rglob("*.md") if not SKIP & set(p.relative_to(ROOT).parts)]


def test_every_relative_link_in_the_markdown_resolves_inside_the_repository():
    files = markdown_files()
    assert ROOT / "README.md" in files and ROOT / "docs" / "model.md" in files
    broken, checked = [], 0
    for md in files:
        for target in LINK.findall(md.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue  # an address on the web or an anchor in the same page
            path = (md.parent / target.split("#")[0]).resolve()
            checked += 1
            if not path.exists() or not path.is_relative_to(ROOT):
                broken.append(f"{md.relative_to(ROOT)}: {target}")
    assert checked >= 20, checked
    assert not broken, broken


def test_nothing_in_the_repository_points_to_the_shared_spec():
    text = {p: p.read_text(encoding="utf-8") for p in markdown_files()}
    text |= {p: p.read_text(encoding="utf-8") for p in (ROOT / "src").rglob("*.py")}
    assert not [p for p, t in text.items() if "spec/model.md" in t or "spec/interfaces.md" in t]


# Every command the README's usage block shows runs, with its placeholders filled in: DIR is the
# bundled data set (or a new folder after --out), GROUP a target group, URL a SQLite file in the
# test's folder, EPOST an address, ID the default workspace (it exists in every database),
# NETTVERK a network workspace the test makes first, GRUPPE a value of an OpenID Connect claim.
def readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Bruk / Usage", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines()
            if line.startswith("utenfor ")]  # fmt: skip


def filled(command: str, tmp: Path) -> list[str]:
    """The command's arguments after `utenfor`, its placeholders filled in."""
    words = shlex.split(command.replace("[", "").replace("]", ""))
    out = []
    for i, word in enumerate(words):
        before = words[i - 1] if i else ""
        word = {
            "GROUP": "lowincome_benefits",
            "URL": f"sqlite:///{tmp}/serve.db",
            # files a command writes go to the test's folder, never into the checkout
            "EPOST": "kari@bodo.kommune.no",
            "ID": "standard",
            "GRUPPE": "bodo-utenfor-lesere",
            **{
                name: str(tmp / name)
                for name in ("rapport.pdf", "plan.pdf", "gevinstplan.xlsx", "tjener.json")
            },
            "DIR": str(tmp / "built") if before == "--out" else str(BUNDLED),
        }.get(word, word)
        out.append(word)
    written = [w for i, w in enumerate(out) if not w.startswith(str(tmp))
               and (w.endswith((".pdf", ".xlsx")) or out[i - 1] == "--to")]  # fmt: skip
    assert "--database" in out or words[1] not in ("backup", "restore", "accounts"), (
        f"{command}: give it --database URL, so that the test does not touch the real database"
    )
    assert not written, f"map {written} to the test's folder in filled()"
    return out[1:]


def test_the_readme_shows_every_kind_of_command():
    shown = {" ".join(c.split()[:3]) for c in readme_commands()}
    assert {"utenfor calculate examples/worked_example.toml", "utenfor data build",
            "utenfor serve [--host"} <= shown  # fmt: skip


@pytest.mark.parametrize("command", [c for c in readme_commands() if " serve" not in c])
def test_each_command_in_the_readme_runs(command, tmp_path):
    if command.startswith("utenfor restore"):  # the file the backup line before it writes
        made = command_line.run(*filled("utenfor backup --to tjener.json --database URL", tmp_path))
        assert made.returncode == 0, made.stderr
    if "NETTVERK" in command:  # a network workspace, made first (its id is printed)
        made = command_line.run(*filled('utenfor accounts workspace "KS-nettverket" --kind '
                                        "nettverk --database URL", tmp_path))  # fmt: skip
        assert made.returncode == 0, made.stderr
        command = command.replace("NETTVERK", made.stdout.strip())
    run = command_line.run(*filled(command, tmp_path))  # as the program (tests/test_cli.py)
    assert run.returncode == 0, f"{command}: {run.stdout[-1000:]} {run.stderr[-2000:]}"
    assert run.stdout.strip() or (tmp_path / "rapport.pdf").exists()


def test_the_serve_command_in_the_readme_serves(tmp_path):
    (command,) = [c for c in readme_commands() if " serve" in c]
    args = [sys.executable, "-m", "utenfor", *filled(command.replace("8000", str(free_port())),
                                                     tmp_path)]  # fmt: skip
    port = args[args.index("--port") + 1]
    with subprocess.Popen(args, cwd=ROOT, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as proc:  # fmt: skip
        try:
            for _ in range(300):
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/", verify=TLS, timeout=1)
                    if answer.status_code == 200:
                        break
                except httpx.TransportError:
                    time.sleep(0.1)
            else:
                pytest.fail("utenfor serve did not answer")
        finally:
            proc.terminate()
