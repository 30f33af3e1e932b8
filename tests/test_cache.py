"""Where the compiled-model cache lives (issue 15 #17): STANCE_CACHE (or off),
XDG_CACHE_HOME, ~/.cache; and a cache folder that cannot be used never
fails a scoring run."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from stance.io import cache_dir
from stance.score.cache import cache_file
from stance.score.scorer import load_scorer
from test_model import FAST, stance_frame

VARIABLES = ("STANCE_CACHE", "XDG_CACHE_HOME")


@pytest.fixture(scope="module")
def model_dir(tmp_path_factory) -> Path:
    """A small stance-only model (seconds to train)."""
    from stance.persist import save_model
    from stance.training import train

    return save_model(train(stance_frame(), config=FAST), tmp_path_factory.mktemp("m") / "small")


@pytest.fixture
def home(tmp_path, monkeypatch) -> Path:
    """A clean environment: no cache variable set, HOME a fresh folder."""
    for name in VARIABLES:
        monkeypatch.delenv(name, raising=False)
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    return home


def cached_files(folder: Path) -> list[str]:
    """The cache files under `folder`, as paths relative to it."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("scorer-*.pkl"))


def score(model_dir: Path) -> list[str]:
    return load_scorer(model_dir).score(["Hun Sen is a dictator", "thank you"])["stance"].tolist()


def test_the_tests_keep_the_cache_out_of_the_home_folder() -> None:
    """conftest.py's session fixture: no test writes to the user's ~/.cache."""
    assert cache_dir() is not None
    assert Path.home() / ".cache" not in cache_dir().parents


def test_default_is_dot_cache_stance_in_home(model_dir, home, tmp_path) -> None:
    want = score(model_dir)
    (name,) = cached_files(tmp_path)
    assert Path(name).parent == Path("home/.cache/stance")
    assert score(model_dir) == want  # from the cache
    assert cache_dir() == home / ".cache" / "stance"


def test_xdg_cache_home(model_dir, home, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    score(model_dir)
    assert [str(Path(n).parent) for n in cached_files(tmp_path)] == ["xdg/stance"]
    assert cache_dir() == tmp_path / "xdg" / "stance"


@pytest.mark.parametrize("value", ["", "cache"])
def test_an_empty_or_relative_xdg_cache_home_is_ignored(value, home, tmp_path, monkeypatch):
    """The XDG spec: a relative path is invalid and ignored, like an empty one."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", value)
    assert cache_dir() == home / ".cache" / "stance"


def test_stance_cache_wins_over_the_others(model_dir, home, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("STANCE_CACHE", str(tmp_path / "mine"))
    score(model_dir)
    assert [str(Path(n).parent) for n in cached_files(tmp_path)] == ["mine"]
    assert cache_dir() == tmp_path / "mine"


def test_stance_cache_expands_a_tilde(home, monkeypatch) -> None:
    monkeypatch.setenv("STANCE_CACHE", "~/stance-cache")
    assert cache_dir() == home / "stance-cache"


def test_an_empty_stance_cache_counts_as_unset(home, tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("STANCE_CACHE", "")
    assert cache_dir() == tmp_path / "xdg" / "stance"


@pytest.mark.parametrize("value", ["off", "OFF", "0", "false", "no", "none", " Off "])
def test_stance_cache_off_turns_the_cache_off(value, model_dir, home, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("STANCE_CACHE", value)
    monkeypatch.chdir(tmp_path)
    want = score(model_dir)
    assert score(model_dir) == want
    assert cached_files(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home"]  # no folder made
    assert cache_dir() is None
    assert cache_file(model_dir) is None


def test_no_home_folder_means_no_cache(model_dir, home, tmp_path, monkeypatch) -> None:
    """No $HOME and no password entry: scoring works, uncached (not in a "~" folder)."""
    import pwd

    def no_entry(uid):
        raise KeyError(f"getpwuid(): uid not found: {uid}")

    monkeypatch.delenv("HOME")
    monkeypatch.setattr(pwd, "getpwuid", no_entry)
    monkeypatch.chdir(tmp_path)
    assert score(model_dir) == ["against", "favor"]
    assert cached_files(tmp_path) == []
    assert cache_dir() is None


def _permissions_enforced(folder: Path) -> bool:
    """Whether this process is denied a folder without permissions (not so for root)."""
    probe = folder / "probe"
    probe.mkdir()
    probe.chmod(0)
    try:
        (probe / "x").touch()
    except PermissionError:
        return True
    finally:
        probe.chmod(stat.S_IRWXU)
    return False


@pytest.mark.parametrize(
    "how",
    [
        "under a file",  # ~/.cache is a regular file
        "is a file",  # ~/.cache/stance is a regular file
        "read-only home",  # ~ is r-x: ~/.cache cannot be made
        "read-only",  # ~/.cache/stance is r-x: can be listed, not written
        "no search permission",  # ~/.cache/stance is rw-: names in it cannot be looked up
    ],
)
def test_an_unusable_cache_folder_never_fails_a_scoring_run(how, model_dir, home, tmp_path):
    texts = ["Hun Sen is a dictator", "thank you"]
    want = load_scorer(model_dir, cache=False).score(texts)
    folder = home / ".cache" / "stance"
    if how == "under a file":
        folder.parent.write_text("")
    elif how == "is a file":
        folder.parent.mkdir()
        folder.write_text("")
    else:
        if not _permissions_enforced(tmp_path):
            pytest.skip("file permissions are not enforced for this user (root)")
        if how == "read-only home":
            home.chmod(stat.S_IRUSR | stat.S_IXUSR)
        else:
            folder.mkdir(parents=True)
            folder.chmod(stat.S_IRUSR | stat.S_IXUSR if how == "read-only" else stat.S_IRUSR)
    try:
        for _ in range(2):  # the second load would be the cached one
            got = load_scorer(model_dir).score(texts)
            assert got["stance"].tolist() == want["stance"].tolist()
    finally:
        for d in (home, folder):
            if d.is_dir():
                d.chmod(stat.S_IRWXU)
    assert cached_files(tmp_path) == []
