"""Whole processes measured for the benchmarks: wall and CPU time, peak memory, runs
alternated between commands (used by throughput.py)."""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from typing import Any


def _tree_rss(pid: int) -> int:
    """Summed PSS (bytes) of a process and all its descendants.

    PSS splits pages shared between processes (a forked worker's copy-on-write model)
    among them, so the sum is the tree's real footprint; summed RSS would count shared
    pages once per process.
    """
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/smaps_rollup") as f:
                for line in f:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total


def measure(cmd: list[str], memory: bool = False, env: dict | None = None) -> dict[str, float]:
    """One run of a command: wall seconds, CPU seconds (user + sys of it and the
    processes it waited for, from wait4), the 1-minute load average before it and, with
    `memory`, the peak summed PSS of its process tree (MB; sampled every 20 ms). (Not
    wait4's ru_maxrss: a child forked from this process inherits its high-water mark.)
    Fails if the command fails.

    Sampling memory (a read of /proc every 20 ms) takes CPU from a process tree that
    uses both cores and not from a single-process peer, so timed runs do not sample and
    memory is measured in runs of its own.
    """
    load = os.getloadavg()[0]
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err, env=env)
        peak, done = [0], threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                time.sleep(0.02)

        t = threading.Thread(target=sample, daemon=True)
        if memory:
            t.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        proc.returncode = os.waitstatus_to_exitcode(status)
        if memory:
            t.join()
        if proc.returncode != 0:
            err.seek(0)
            raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {err.read()[-2000:]}")
    return {
        "wall_s": wall,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "load1": load,
        **({"pss_mb": peak[0] / 2**20} if memory else {}),
    }


def alternate(cmds: dict[str, Any], runs: int, memory: bool = False) -> dict[str, list]:
    """Each command (name -> a function giving (command, env)) `runs` times, the order
    reversed every other run, so that drift in the machine's load hits both alike."""
    out: dict[str, list] = {k: [] for k in cmds}
    for r in range(runs):
        for name in list(cmds) if r % 2 == 0 else list(cmds)[::-1]:
            cmd, env = cmds[name]()
            out[name].append(measure(cmd, memory=memory, env=env))
    return out


def summary(runs: list[dict[str, float]], rows: int = 0) -> dict[str, float]:
    """Medians (and the spread of the wall time) of one command's runs."""
    wall = [r["wall_s"] for r in runs]
    out = {k: statistics.median(r[k] for r in runs) for k in runs[0]}
    out.update(wall_min_s=min(wall), wall_max_s=max(wall))
    if rows:
        out.update(
            per_s=rows / out["wall_s"], per_s_min=rows / max(wall), per_s_max=rows / min(wall)
        )
    return out
