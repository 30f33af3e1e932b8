"""docs/architecture.md stays true: the modules it names exist, and it names them all."""

from __future__ import annotations

import re


def _named(repo_root) -> set[str]:
    doc = (repo_root / "docs" / "architecture.md").read_text()
    return set(re.findall(r"^\| `([\w/]+\.py)` \|", doc, flags=re.M))


def _modules(repo_root) -> set[str]:
    pkg = repo_root / "src" / "stance"
    return {
        p.relative_to(pkg).as_posix()
        for p in pkg.rglob("*.py")
        if p.name != "__main__.py" and p.relative_to(pkg).as_posix() != "__init__.py"
    }


def test_every_module_the_architecture_names_exists(repo_root) -> None:
    named = _named(repo_root)
    assert named, "docs/architecture.md names no module"
    assert sorted(named - _modules(repo_root)) == []


def test_the_architecture_names_every_module(repo_root) -> None:
    assert sorted(_modules(repo_root) - _named(repo_root)) == []
