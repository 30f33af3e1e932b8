"""Shared fixtures: the repository root, the public data folder beside it, and the
benchmark scripts as modules."""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """../shared/data: skipped when absent on a user's machine, a failure under CI=true."""
    if not SHARED_DATA.is_dir():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but the data folder {SHARED_DATA} is missing")
        pytest.skip(f"{SHARED_DATA} not present")
    return SHARED_DATA


@pytest.fixture(scope="session")
def benchmark() -> Callable[[str], ModuleType]:
    """`benchmark("separator")`: benchmarks/separator.py loaded as a module (the scripts
    are not a package), for tests of the code that lives there."""

    def load(name: str) -> ModuleType:
        path = ROOT / "benchmarks" / f"{name}.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Keep the scorer cache of the tests out of the user's ~/.cache (and out of a
    folder, or an `off`, that the user's own STANCE_CACHE names); a test may point
    STANCE_CACHE elsewhere with its own monkeypatch."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("STANCE_CACHE", str(tmp_path_factory.mktemp("scorer-cache")))
        yield
