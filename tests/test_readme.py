"""The README's two commands stay in sync with CI, and every command is documented."""

from __future__ import annotations

import re

from typer.main import get_command

from stance.cli import app


def _code_lines(readme: str) -> list[str]:
    blocks = re.findall(r"```sh\n(.*?)```", readme, flags=re.S)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def test_ci_runs_the_readme_test_command(repo_root) -> None:
    readme = (repo_root / "README.md").read_text()
    ci = (repo_root / ".ci" / "run").read_text().strip().splitlines()
    first_two = _code_lines(readme)[:2]
    assert len(first_two) == 2
    assert "stance train" in first_two[0] and "stance score" in first_two[0]
    assert first_two[1].endswith("pytest")
    assert ci[-1] == first_two[1]


def _command_paths(group, prefix: str = "stance") -> list[str]:
    paths = []
    for name, cmd in group.commands.items():
        path = f"{prefix} {name}"
        sub = getattr(cmd, "commands", None)
        paths.extend(_command_paths(cmd, path) if sub else [path])
    return paths


def test_every_command_is_documented(repo_root) -> None:
    readme = (repo_root / "README.md").read_text()
    paths = _command_paths(get_command(app))
    assert paths, "the CLI registers no command"
    missing = [p for p in paths if f"`{p}" not in readme]
    assert missing == []


def test_readme_shows_the_tested_snippet(repo_root) -> None:
    # tests/test_persist.py runs SNIPPET in a process that cannot import stance.
    from stance.persist import SNIPPET

    assert f"```python{SNIPPET}```" in (repo_root / "README.md").read_text()


def test_every_documented_command_exists(repo_root) -> None:
    """The README's command table names only commands the CLI has (a lost command fails)."""
    import re

    readme = (repo_root / "README.md").read_text()
    table = re.findall(r"^\| `(stance [a-z ]+?)(?: [A-Z\[\-]|`)", readme, flags=re.M)
    paths = set(_command_paths(get_command(app)))
    assert table and [c for c in table if c not in paths] == []
