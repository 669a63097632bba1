"""Documentation that must not fall behind the code (in the spirit of Datasette's tests)."""

import typer.main

from support import ROOT
from utenfor.cli import app


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
