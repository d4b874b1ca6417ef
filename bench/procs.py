"""Processes of the HTTP benchmark: start a server in its own process group, wait until it
answers, stop it (SIGTERM, then SIGKILL of that group only), and count CPU seconds of the
server tree, of PostgreSQL and of the whole machine from /proc."""

from __future__ import annotations

import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def start(cmd: list[str], env: dict, health_url: str, log: Path, cwd: Path) -> subprocess.Popen:
    handle = log.open("wb")
    proc = subprocess.Popen(
        cmd, env=env, cwd=cwd, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"{cmd} exited with {proc.returncode}; see {log}")
        try:
            with urllib.request.urlopen(health_url, timeout=1) as r:
                if r.status == 200:
                    time.sleep(1.0)  # every worker has finished its start-up
                    return proc
        except OSError:
            time.sleep(0.3)
    stop(proc)
    raise RuntimeError(f"{cmd} did not answer {health_url} within 60 s; see {log}")


def stop(proc: subprocess.Popen) -> None:
    """SIGTERM to the server's own process group; SIGKILL to that group after 20 s."""
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(5)


def _stat(pid: int) -> list[str] | None:
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return text[text.rindex(")") + 2 :].split()  # fields from `state` on


def tree(root: int) -> list[int]:
    """root and every descendant (uvicorn's master and its workers)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit() and (st := _stat(int(entry))):
            parents[int(entry)] = int(st[1])
    found, frontier = [root], [root]
    while frontier:
        frontier = [p for p, pp in parents.items() if pp in frontier]
        found += frontier
    return found


def cpu_snapshot(pids: list[int]) -> dict[int, float]:
    out = {}
    for pid in pids:
        if st := _stat(pid):
            out[pid] = (int(st[11]) + int(st[12])) / TICK  # utime + stime
    return out


def cpu_used(before: dict[int, float], after: dict[int, float]) -> float:
    """CPU seconds between two snapshots; a process born in between counts whole."""
    return sum(t - before.get(pid, 0.0) for pid, t in after.items())


def postgres_pids() -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if Path(f"/proc/{entry}/comm").read_text().strip() == "postgres":
                    pids.append(int(entry))
            except OSError:
                pass
    return pids


def machine_busy_seconds() -> tuple[float, float]:
    """(busy, total) CPU seconds of all cores since boot, from /proc/stat."""
    fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = fields[3] + fields[4]
    return (sum(fields) - idle) / TICK, sum(fields) / TICK
