"""HTTP load on the real API and on a bare FastAPI app in the same run (bench/bare_app.py,
same uvicorn settings, constant bodies of the same bytes), endpoint by endpoint, with wrk:
requests/s, p50/p99 and the ratio real/bare — the figure to track across machines.

  python bench/http_load.py --db postgresql://postgres@127.0.0.1:5432/diennha_bench \
      --workers 2 --connections 64 --seconds 20

The API runs as in production (`python -m server serve`, DIENNHA_ENV=prod with fresh random
secrets, Redis for limits and notices, no access log, no dispatcher in the API workers).
Only 127.0.0.1; every server started here is stopped at the end (its own process group)."""

from __future__ import annotations

import argparse
import json
import os
import resource
import secrets
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import http_setup, procs

ROOT = Path(__file__).resolve().parent.parent

LUA = ROOT / "bench" / "wrk_requests.lua"


def fetch(base: str, line: str) -> tuple[int, bytes]:
    method, path, token, body = line.split("\t", 3)
    req = urllib.request.Request(base + path, method=method, data=body.encode() or None)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if body:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=10) as r:
        return r.status, r.read()


def run_wrk(base: str, lines: list[str], args, server_pids: list[int], seconds: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", delete=False) as f:
        f.write("\n".join(lines) + "\n")
    cmd = [*(["taskset", "-c", args.wrk_cpus] if args.wrk_cpus else []), "wrk", "-t",
           str(args.threads), "-c", str(args.connections), "-d", f"{seconds}s", "--timeout",
           "10s", "-s", str(LUA), base]  # fmt: skip
    env = {**os.environ, "WRK_REQUESTS": f.name}
    pg = procs.postgres_pids()
    before = (procs.cpu_snapshot(server_pids), procs.cpu_snapshot(pg), procs.machine_busy_seconds(),
              resource.getrusage(resource.RUSAGE_CHILDREN))  # fmt: skip
    out = subprocess.run(cmd, env=env, capture_output=True, text=True, check=True).stdout
    after_pg = procs.cpu_snapshot(list(set(pg) | set(procs.postgres_pids())))
    busy, total = procs.machine_busy_seconds()
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    os.unlink(f.name)
    r = json.loads(out.strip().splitlines()[-1])
    wall = r["duration_us"] / 1e6
    r["rps"] = r["requests"] / wall
    r["cpu"] = {  # cores used on average during the run
        "api": procs.cpu_used(before[0], procs.cpu_snapshot(server_pids)) / wall,
        "postgres": procs.cpu_used(before[1], after_pg) / wall,
        "wrk": (child.ru_utime + child.ru_stime - before[3].ru_utime - before[3].ru_stime) / wall,
        "machine": (busy - before[2][0]) / wall,
        "machine_cores": round((total - before[2][1]) / wall),
    }
    return r


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", required=True, help="postgresql://… of a generated database")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--connections", type=int, default=64)
    p.add_argument("--threads", type=int, default=1, help="wrk threads")
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--warmup", type=int, default=3)
    p.add_argument("--users", type=int, default=1000)
    p.add_argument("--only", default="", help="comma-separated endpoint names")
    p.add_argument("--port", type=int, default=8101)
    p.add_argument("--bare-port", type=int, default=8102)
    p.add_argument("--wrk-cpus", default="", help="taskset CPU list for wrk, e.g. 1")
    p.add_argument("--pool-size", type=int, default=None, help="DIENNHA_DB_POOL_SIZE")
    p.add_argument("--driver", choices=["psycopg", "asyncpg"], default="psycopg")
    p.add_argument("--profile", default="", help="py-spy the API workers on this endpoint")
    p.add_argument("--out", type=Path, default=None, help="write the results as JSON here")
    args = p.parse_args()

    conninfo = args.db.replace("postgresql+psycopg://", "postgresql://")
    secret = secrets.token_urlsafe(48)
    users = http_setup.sign_in(conninfo, secret, args.users)
    eps = http_setup.endpoints(users)
    if args.only:
        eps = {k: v for k, v in eps.items() if k in args.only.split(",")}
    logs = Path(tempfile.mkdtemp(prefix="diennha-http-"))
    env = {
        **os.environ,
        "DIENNHA_ENV": "prod",
        "DIENNHA_DB_URL": f"postgresql+{args.driver}://" + conninfo.removeprefix("postgresql://"),
        "DIENNHA_SECRET_KEY": secret,
        "DIENNHA_WEBHOOK_SECRET": secrets.token_urlsafe(32),
        "DIENNHA_STAFF_KEY": secrets.token_urlsafe(32),
        "DIENNHA_REDIS_URL": "redis://127.0.0.1:6379/13",
        "DIENNHA_DISPATCHER_IN_APP": "false",
        "PYTHONPATH": str(ROOT),
    }
    if args.pool_size:
        env["DIENNHA_DB_POOL_SIZE"] = str(args.pool_size)
    py = sys.executable
    real_base, bare_base = f"http://127.0.0.1:{args.port}", f"http://127.0.0.1:{args.bare_port}"
    serve = [py, "-m", "server", "serve", "--workers", str(args.workers), "--port", str(args.port)]
    real = procs.start(serve, env, real_base + "/api/v1/health", logs / "api.log", ROOT)
    bare = None
    results = {}
    try:
        bodies = {}
        for name, lines in eps.items():
            status, body = fetch(real_base, lines[0])
            assert status == 200, (name, status, body[:300])
            bodies[name] = body.decode()
        (logs / "bodies.json").write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
        bare_env = {**env, "DIENNHA_BENCH_BODIES": str(logs / "bodies.json")}
        bare_cmd = [py, "-m", "bench.bare_app", "--workers", str(args.workers), "--port",
                    str(args.bare_port)]  # fmt: skip
        first = next(iter(eps))
        bare = procs.start(bare_cmd, bare_env, f"{bare_base}/bare/{first}", logs / "bare.log", ROOT)
        real_pids, bare_pids = procs.tree(real.pid), procs.tree(bare.pid)
        print(f"{len(users)} users; load average {os.getloadavg()[0]:.2f}; logs in {logs}")
        for name, lines in eps.items():
            bare_l = http_setup.bare_lines(name, lines[0])
            run_wrk(real_base, lines, args, real_pids, args.warmup)
            spy = start_profile(args, name, real_pids, logs)
            r = run_wrk(real_base, lines, args, real_pids, args.seconds)
            stop_profile(spy)
            run_wrk(bare_base, bare_l, args, bare_pids, args.warmup)
            b = run_wrk(bare_base, bare_l, args, bare_pids, args.seconds)
            results[name] = {"real": r, "bare": b, "bytes": len(bodies[name].encode()),
                             "ratio": r["rps"] / b["rps"]}  # fmt: skip
            report_line(name, results[name])
    finally:
        procs.stop(real)
        if bare is not None:
            procs.stop(bare)
    meta = {"driver": args.driver, "workers": args.workers, "connections": args.connections, "seconds": args.seconds,
            "users": len(users), "wrk_threads": args.threads, "wrk_cpus": args.wrk_cpus or "any",
            "loadavg_end": os.getloadavg(), "when": time.strftime("%Y-%m-%d %H:%M:%S")}  # fmt: skip
    if args.out:
        args.out.write_text(json.dumps({"meta": meta, "results": results}, indent=1))


def start_profile(args, name: str, pids: list[int], logs: Path) -> list[subprocess.Popen]:
    if args.profile != name:
        return []
    spies = []
    for pid in pids[1:]:  # the workers, not uvicorn's master
        out = logs / f"pyspy-{name}-{pid}.txt"
        spies.append(
            subprocess.Popen(
                [str(Path(sys.executable).parent / "py-spy"), "record", "--pid", str(pid),
                 "--format", "raw", "--rate", "200", "--nonblocking", "-o", str(out), "-d",
                 str(args.seconds)],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
    return spies


def stop_profile(spies: list[subprocess.Popen]) -> None:
    for spy in spies:
        spy.wait(60)


def report_line(name: str, res: dict) -> None:
    r, b = res["real"], res["bare"]
    errors = sum(r[k] for k in ("connect_errors", "read_errors", "non_2xx_3xx", "timeouts"))
    print(
        f"{name:<18} {res['bytes']:>6} B  real {r['rps']:>7,.0f}/s p50 {r['p50_us'] / 1000:6.1f}"
        f" p99 {r['p99_us'] / 1000:6.1f} ms | bare {b['rps']:>7,.0f}/s p99 "
        f"{b['p99_us'] / 1000:6.1f} ms | ratio {res['ratio']:5.1%} | cores api "
        f"{r['cpu']['api']:.2f} pg {r['cpu']['postgres']:.2f} wrk {r['cpu']['wrk']:.2f} "
        f"all {r['cpu']['machine']:.2f}/{r['cpu']['machine_cores']} | errors {errors}",
        flush=True,
    )


if __name__ == "__main__":
    main()
