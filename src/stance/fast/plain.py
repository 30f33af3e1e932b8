"""The kernels as plain Python, for small batches: no numba to import or load.

Importing numba and loading the compiled kernels from its cache costs a process about
0.7 s; the two comments of a moderation desk take a few milliseconds in Python. The
kernel files (`stance.fast._kernels`) decorate with `njit` from here, which compiles
with numba, or, while `plain_kernels` executes a plain copy of a file, leaves the
function as it is: the same code, the same arithmetic (float64 throughout, no fast
math; `np.log` and `np.sqrt` are libm's in both, `math.log` and `math.sqrt` here), so
the same figures to the last bit (tests/test_startup.py compares them).

Which one runs is chosen per batch (`stance.fast.vectorizer.kernels`).
"""

from __future__ import annotations

import functools
import importlib.util
import math
import threading
from collections.abc import Callable
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import numpy as np

#: True while a plain copy of a kernel file is executed: `njit` leaves functions as they are.
PLAIN = False
_LOCK = threading.Lock()
#: The kernel files, in the order they are executed.
FILES = ("tokens", "counts", "weights")


def njit(**options: Any) -> Callable[[Any], Any]:
    """`numba.njit(**options)`, or (while `PLAIN`) the function itself."""
    if PLAIN:
        return lambda f: f
    import numba  # here, not at the top: the plain copies never import it

    return numba.njit(**options)  # type: ignore[no-any-return]


def _log(x: Any) -> np.float64:
    return np.float64(math.log(x))


def _sqrt(x: Any) -> np.float64:
    return np.float64(math.sqrt(x))


class _Numpy(ModuleType):
    """numpy for the plain copies: scalar log and sqrt as numba compiles them (libm's),
    as float64 scalars (a Python float times a float32 would give a float32: NEP 50)."""

    def __getattr__(self, name: str) -> Any:
        return getattr(np, name)

    log = staticmethod(_log)
    sqrt = staticmethod(_sqrt)


def _quiet(fn: Callable[..., Any]) -> Callable[..., Any]:
    """A kernel run with numpy's overflow warnings off: the hashes wrap around on
    purpose in uint64, as they do compiled."""

    @functools.wraps(fn)
    def run(*args: Any) -> Any:
        with np.errstate(over="ignore"):
            return fn(*args)

    return run


@functools.cache
def plain_kernels() -> SimpleNamespace:
    """The kernels' namespace (as `stance.fast._kernels`) with plain-Python functions."""
    global PLAIN
    folder = Path(__file__).parent / "_kernels"
    out: dict[str, Any] = {}
    with _LOCK:
        PLAIN = True
        try:
            for name in FILES:
                spec = importlib.util.spec_from_file_location(
                    f"stance.fast._plain_{name}", folder / f"{name}.py"
                )
                assert spec is not None and spec.loader is not None
                mod = importlib.util.module_from_spec(spec)
                spec.loader.exec_module(mod)
                mod.np = _Numpy("numpy")
                out.update(
                    {
                        k: _quiet(v) if callable(v) and not k.startswith("_") else v
                        for k, v in vars(mod).items()
                        if not k.startswith("__")
                    }
                )
        finally:
            PLAIN = False
    return SimpleNamespace(**out)
