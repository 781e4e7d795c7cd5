"""`make bench`: how fast and how lean the site is under production settings.

1. Builds a large newsroom (bench/make_demo.py) in a dedicated PostgreSQL database, and a
   small one (300 stories) in a second database.
2. Counts SQL queries per request for every target, from scratch, cold and warm
   (bench/queries.py), on the small newsroom and on the large one.
3. Serves the site with gunicorn (gunicorn.conf.py: sync workers, one per core) on 127.0.0.1
   with DEBUG off and Redis as the cache, as behind one reverse proxy (beacons carry each
   reader's address in X-Forwarded-For), plus two reference pages (bench/views.py) that only
   the benchmark's settings (bench/settings.py: its own URLconf, bench/urls.py) serve.
4. Drives each target with wrk, cold cache and warm cache, each measurement at least twice,
   each page warmed once before measuring; the references are measured in the same rounds,
   and each run that a target judges is followed at once by a run of its reference.
5. Samples each worker's resident memory after the first and the last 10,000 requests, and
   measures one 6000x4000 JPEG upload's renditions in a separate process (bench/renditions.py).
6. Prints a table and the targets (TARGETS, each met or not), and writes bench/results.json.

Settings (environment): BENCH_DATABASE_URL, BENCH_SMALL_DATABASE_URL (the first with
"_small" added to its name), BENCH_REDIS_DB (5), BENCH_SECONDS (8 per run), BENCH_RUNS (2),
BENCH_THREADS (2), BENCH_CONNECTIONS (32), BENCH_DIR (/tmp/newsroom-bench), BENCH_BEACON_PATH
(/beacon/), BENCH_BEACON_BODY (article=%s).
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
BIN = Path(sys.executable).parent

DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/newsroom_bench"
)
SMALL_DATABASE_URL = os.environ.get("BENCH_SMALL_DATABASE_URL") or urlunsplit(
    urlsplit(DATABASE_URL)._replace(path=urlsplit(DATABASE_URL).path + "_small")
)
REDIS_DB = int(os.environ.get("BENCH_REDIS_DB", "5"))
SECONDS = int(os.environ.get("BENCH_SECONDS", "8"))
RUNS = max(2, int(os.environ.get("BENCH_RUNS", "2")))
THREADS = int(os.environ.get("BENCH_THREADS", "2"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "32"))
WORK = Path(os.environ.get("BENCH_DIR", "/tmp/newsroom-bench"))
BEACON_PATH = os.environ.get("BENCH_BEACON_PATH", "/beacon/")
BEACON_BODY = os.environ.get("BENCH_BEACON_BODY", "article=%s")
BEACON_TYPE = os.environ.get("BENCH_BEACON_CONTENT_TYPE", "application/x-www-form-urlencoded")
MEMORY_REQUESTS = 10_000
# bench/queries.py's states: every cache emptied, another address of the page, the page cached.
QUERY_STATES = ("scratch", "cold", "warm")
# The pages a reader reads; "search_p2" is the second page of a search's results.
READER_PAGES = (
    "home",
    "article",
    "region",
    "tag",
    "author",
    "search",
    "search_p2",
    # The Russian edition's (every fifth story is Russian).
    "ru_home",
    "ru_article",
    "ru_region",
    "ru_search",
)
# What the site must reach, each a ratio to a reference measured in the same run: every
# reader page never cached (cold) as fast as the plain Django page at least, every page warm
# and the beacon close to the ceiling.
TARGETS = {
    **{(name, "cold"): ("plain", 1.0) for name in READER_PAGES},
    **{(name, "warm"): ("ceiling", 0.9) for name in READER_PAGES},
    ("beacon", "warm"): ("ceiling", 0.6),
}
# Each of these runs is followed at once by a run of the reference it is judged against, so
# the ratio compares two neighbouring measurements even when the machine's load drifts.
PAIRED = {key: reference for key, (reference, _minimum) in TARGETS.items()}
# Worker memory must stay as it is: the largest worker after the load in README.md's
# Performance section (run of 2026-12-01), with this much room for measurement noise.
RECORDED_WORKER_MB = 71.4
MEMORY_ALLOWANCE = 1.10
BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
CORES = os.cpu_count() or 1
STARTED = time.monotonic()


def say(message):
    print(f"[{time.monotonic() - STARTED:6.1f}s] {message}", flush=True)


# Environment --------------------------------------------------------------------------------


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(**extra):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("READER_CACHE", "GUNICORN_", "WEB_CONCURRENCY"))
    }
    env.update(
        # The site's settings with the benchmark's URLconf: the reference pages at /_bench/.
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,testserver",
        CSRF_TRUSTED_ORIGINS="http://127.0.0.1",
        # Plain HTTP on the loopback interface: no HTTPS redirect or secure-only cookies.
        SECURE_SSL_REDIRECT="0",
        SECURE_HSTS_SECONDS="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        DATABASE_URL=DATABASE_URL,
        CACHE_URL=f"redis://127.0.0.1:6379/{REDIS_DB}",
        # As behind one reverse proxy: beacon.lua sends each reader's address in X-Forwarded-For.
        TRUSTED_PROXIES="1",
        MEDIA_ROOT=str(WORK / "media"),
        ORIGINALS_ROOT=str(WORK / "private"),
        STATIC_ROOT=str(WORK / "static"),
        LOG_LEVEL="ERROR",
        PYTHONHASHSEED="0",
    )
    env.update(extra)
    return env


SECRET_KEY = secrets.token_urlsafe(50)


def run_python(args, env, capture=True):
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=capture, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def version_of(command):
    try:
        output = subprocess.run(command, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return "missing"
    return (output.stdout or output.stderr).strip().splitlines()[0] if output else "?"


def machine_info():
    model = "unknown"
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            model = line.split(":", 1)[1].strip()
            break
    memory = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": model,
        "cores": CORES,
        "memory_gb": round(int(memory) / 1024 / 1024, 1),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "commit": commit,
        "load_before": os.getloadavg()[0],
        "gunicorn": version_of([str(BIN / "gunicorn"), "--version"]),
        "wrk": version_of(["wrk", "--version"]),
        "redis": version_of(["redis-server", "--version"]),
        "postgresql": version_of(["psql", "--version"]),
    }


# Redis and PostgreSQL helpers ---------------------------------------------------------------


def flush_cache():
    import redis

    redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB).flushdb()


def total_views():
    import psycopg2

    parts = urlsplit(DATABASE_URL)
    with (
        psycopg2.connect(
            host=parts.hostname,
            port=parts.port or 5432,
            user=parts.username or "postgres",
            password=parts.password or None,
            dbname=parts.path.lstrip("/"),
        ) as db,
        db.cursor() as cursor,
    ):
        cursor.execute("SELECT COALESCE(SUM(views), 0) FROM articles_dailyviews")
        return int(cursor.fetchone()[0])


# The server ---------------------------------------------------------------------------------


class Server:
    def __init__(self, env):
        self.env = env
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(WORK / "gunicorn.log", "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "-c",
                "gunicorn.conf.py",
                "--no-control-socket",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(CORES),
                "--worker-class",
                "sync",
            ],
            cwd=ROOT,
            env={**env, "GUNICORN_MAX_REQUESTS": "0"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def wait(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise SystemExit(f"gunicorn exited; see {WORK / 'gunicorn.log'}")
            try:
                urllib.request.urlopen(self.base + "/_bench/ceiling/?bytes=100", timeout=2)
                if len(self.workers()) == CORES:
                    return
            except (urllib.error.URLError, ConnectionError):
                pass
            time.sleep(0.3)
        raise SystemExit("gunicorn did not start within a minute")

    def workers(self):
        children = []
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                children.append(int(stat.parent.name))
        return sorted(children)

    def worker_rss_mb(self):
        sizes = {}
        for pid in self.workers():
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    sizes[pid] = round(int(line.split()[1]) / 1024, 1)
        return sizes

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        self.log.close()

    def fetch(self, target, path=None):
        request = urllib.request.Request(
            self.base + (path or target["path"]),
            method=target["method"],
            data=target["body"].encode() if target["method"] == "POST" else None,
            headers={"User-Agent": BROWSER, "Content-Type": target["content_type"]},
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, len(response.read()), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, len(error.read()), dict(error.headers)


# wrk ----------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def parse_wrk(output):
    def latency(percent):
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", output, re.M)
        return round(float(match[1]) * UNITS[match[2]], 2) if match else None

    requests = re.search(r"(\d+) requests in", output)
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": round(float(rps[1]), 1) if rps else 0.0,
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "requests": int(requests[1]) if requests else 0,
        "non_2xx": int(non_2xx[1]) if non_2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def wrk(server, *, path=None, script=None, env=None, seconds=SECONDS):
    command = [
        "wrk",
        f"-t{THREADS}",
        f"-c{CONNECTIONS}",
        f"-d{seconds}s",
        "--latency",
        "-H",
        f"User-Agent: {BROWSER}",
    ]
    if script:
        command += ["-s", str(BENCH / script)]
    command.append(server.base + (path or "/"))
    result = subprocess.run(
        command, capture_output=True, text=True, env={**os.environ, **(env or {})}, timeout=300
    )
    if result.returncode != 0:
        raise SystemExit(f"wrk failed: {result.stderr}")
    return parse_wrk(result.stdout)


def write_lines(name, lines):
    path = WORK / name
    path.write_text("\n".join(str(line) for line in lines) + "\n")
    return str(path)


# Targets ------------------------------------------------------------------------------------


def get(path, cold_paths=None, cached=True, states=("cold", "warm")):
    return {
        "method": "GET",
        "path": path,
        "states": states,
        "cold_paths": cold_paths or [path],
        "body": "",
        "content_type": "text/plain",
        "page_cache": cached,
    }


def build_targets(demo):
    """Every target's address, and the addresses its cold runs go through in turn (each with a
    never-repeated ``_cold`` parameter added, which the page cache does not ignore)."""
    article = f"/news/{demo['article']}/"
    beacon_body = BEACON_BODY % demo["article_id"]
    return {
        "home": get("/"),
        # Cold: another story on every request, none of it cached (only what every story
        # shares: picks, most read, header, footer); its page was prepared when it was saved.
        "article": get(article, [f"/news/{slug}/" for slug in demo["articles"]]),
        "region": get(f"/region/{demo['region']}/", [f"/region/{s}/" for s in demo["regions"]]),
        # The tag and the author with the most stories (a full page), then all of them.
        "tag": get(f"/tag/{demo['tag']}/", [f"/tag/{slug}/" for slug in demo["tags"]]),
        "author": get(
            f"/author/{demo['author']}/", [f"/author/{slug}/" for slug in demo["authors"]]
        ),
        "search": get(
            f"/search/?q={quote(demo['search'])}",
            [f"/search/?q={quote(term)}" for term in demo["searches"]],
        ),
        "search_p2": get(
            f"/search/?q={quote(demo['search'])}&page=2",
            [f"/search/?q={quote(term)}&page=2" for term in demo["searches"]],
        ),
        "ru_home": get("/ru/"),
        "ru_article": get(
            f"/ru/news/{demo['ru_article']}/", [f"/ru/news/{slug}/" for slug in demo["ru_articles"]]
        ),
        "ru_region": get(
            f"/ru/region/{demo['region']}/", [f"/ru/region/{s}/" for s in demo["regions"]]
        ),
        "ru_search": get(
            f"/ru/search/?q={quote(demo['ru_search'])}",
            [f"/ru/search/?q={quote(term)}" for term in demo["ru_searches"]],
        ),
        "beacon": {
            "method": "POST",
            "path": BEACON_PATH,
            "cold_paths": [BEACON_PATH],
            "states": ("cold", "warm"),
            "body": beacon_body,
            "content_type": BEACON_TYPE,
            "page_cache": False,
        },
        "join": get("/join/", cached=False),
    }


def count_queries(targets, env):
    """bench/queries.py's counts for these targets, on the database ``env`` names."""
    # It needs only the first two of each target's cold addresses.
    shortened = {
        name: {**target, "cold_paths": target["cold_paths"][:2]} for name, target in targets.items()
    }
    return json.loads(
        run_python(["bench/queries.py", json.dumps(shortened)], {**env, "CACHE_URL": "locmem://"})
    )


def measure(server, name, target, state, ids_file):
    """One wrk run of one target in one cache state."""
    flush_cache()
    if target["method"] == "POST":
        for _ in range(CORES):
            server.fetch(target)
        # With Redis, beacons count in Redis first: move those reads into the database before
        # each total, so "counted" is every read the run added.
        run_python(["manage.py", "flush_reads"], server.env)
        before = total_views()
        if state == "cold":
            flush_cache()
        result = wrk(
            server,
            path=target["path"],
            script="beacon.lua",
            env={
                "BENCH_IDS": ids_file,
                "BENCH_BEACON_PATH": target["path"],
                "BENCH_BEACON_BODY": BEACON_BODY,
                "BENCH_BEACON_CONTENT_TYPE": BEACON_TYPE,
            },
        )
        run_python(["manage.py", "flush_reads"], server.env)
        result["counted"] = total_views() - before
        return result
    # Warm each page once per worker (rendering it, loading templates, filling the cache).
    for _ in range(CORES):
        server.fetch(target)
    if state == "cold":
        # Every request is a page-cache miss: a new address each time, rendered in full.
        flush_cache()
        paths = write_lines(f"{name}-cold.txt", target["cold_paths"])
        return wrk(
            server,
            path=target["path"],
            script="paths.lua",
            env={"BENCH_PATHS": paths, "BENCH_UNIQUE": "1"},
        )
    return wrk(server, path=target["path"])


def memory_load(server, targets):
    """10,000 requests mixed like the whole benchmark: each page mostly warm, one in ten cold."""
    flush_cache()
    paths = []
    pages = [t for t in targets.values() if t["method"] == "GET" and t.get("ok")]
    for turn in range(20):
        for page in pages:
            paths += [page["path"]] * 9
            paths.append(page["cold_paths"][turn % len(page["cold_paths"])] + "#cold")
    file = write_lines("memory-paths.txt", paths)
    # wrk always runs for its whole duration, so load comes in short bursts until the count
    # is reached; the count reported is the exact number served.
    served, deadline = 0, time.monotonic() + 90
    while served < MEMORY_REQUESTS and time.monotonic() < deadline:
        served += wrk(server, script="paths.lua", env={"BENCH_PATHS": file}, seconds=2)["requests"]
    return served, server.worker_rss_mb()


def summarise(runs):
    rates = [run["rps"] for run in runs]
    return {
        "runs": runs,
        "rps_min": min(rates),
        "rps_max": max(rates),
        "rps_mean": round(statistics.mean(rates), 1),
        "p50_ms": statistics.median(run["p50_ms"] or 0 for run in runs),
        "p99_ms": max(run["p99_ms"] or 0 for run in runs),
        "errors": sum(run["non_2xx"] + run["socket_errors"] for run in runs),
    }


# Report -------------------------------------------------------------------------------------


def ratio(value, reference):
    return round(value / reference, 2) if reference else None


def table(results):
    ceiling = results["references"]["ceiling"]["rps_mean"]
    plain = results["references"]["plain"]["rps_mean"]
    header = (
        f"{'target':<9} {'cache':<5} {'req/s (range)':>19} {'p50 ms':>7} {'p99 ms':>7} "
        f"{'bytes':>7} {'SQL':>4} {'x ceil':>6} {'x plain':>7}  note"
    )
    lines = [header, "-" * len(header)]

    def row(name, state, measured, size, queries, note=""):
        rate = f"{measured['rps_mean']:.0f} ({measured['rps_min']:.0f}-{measured['rps_max']:.0f})"
        lines.append(
            f"{name:<9} {state:<5} {rate:>19} "
            f"{measured['p50_ms']:>7.2f} {measured['p99_ms']:>7.2f} "
            f"{size:>7} {queries if queries is not None else '-':>4} "
            f"{measured.get('ratio_ceiling', ratio(measured['rps_mean'], ceiling)) or '-':>6} "
            f"{measured.get('ratio_plain', ratio(measured['rps_mean'], plain)) or '-':>7}  {note}"
        )

    for name in ("ceiling", "plain"):
        reference = results["references"][name]
        row(name, "-", reference, reference["bytes"], reference.get("queries"), "reference")
    for name, target in results["targets"].items():
        if not target["ok"]:
            lines.append(
                f"{name:<9} {'':<5} not measured: {target['path']} answered {target['status']}"
            )
            continue
        for state in target["states"]:
            measured = target[state]
            note = "; ".join(
                f"x {reference} paired"
                for reference in ("ceiling", "plain")
                if measured.get(f"paired_{reference}")
            )
            if measured["errors"]:
                note += f" {measured['errors']} errors"
            if state == "cold" and target["method"] == "GET" and target.get("scratch_ms"):
                note += (
                    f"; from scratch {target['scratch_ms']} ms in-process,"
                    f" {target['queries']['scratch']} SQL"
                )
            if "counted" in measured["runs"][0]:
                counted = sum(run["counted"] for run in measured["runs"])
                total = sum(run["requests"] for run in measured["runs"])
                note += f" counted {counted} of {total} beacons"
            row(
                name,
                state,
                measured,
                target["bytes"],
                target["queries"].get(state),
                note.strip("; "),
            )
    return "\n".join(lines)


def check_targets(results):
    checks = []
    for (name, state), (reference, minimum) in TARGETS.items():
        target = results["targets"][name]
        label = "never cached" if state == "cold" else state
        check = f"{name} {label} >= {minimum} x {reference}"
        if not target["ok"]:
            checks.append(
                (check, f"not measured: {target['path']} answered {target['status']}", False)
            )
            continue
        value = target[state][f"ratio_{reference}"]
        checks.append((check, value, value is not None and value >= minimum))
    # Queries per page constant in data size: none more on the large newsroom than the small.
    sizes = results["queries_by_size"]
    small_stories = sizes["small"]["demo"]["published"]
    large_stories = sizes["large"]["demo"]["published"]
    for name in READER_PAGES:
        check = f"{name} SQL/request with {large_stories} stories <= with {small_stories}"
        statuses = {size: sizes[size]["status"][name] for size in ("small", "large")}
        if any(statuses[size] != [200] for size in statuses):
            checks.append((check, f"not counted: answered {statuses}", False))
            continue
        small = sizes["small"]["queries"][name]
        large = sizes["large"]["queries"][name]
        value = ", ".join(f"{state} {small[state]} -> {large[state]}" for state in QUERY_STATES)
        checks.append((check, value, all(large[state] <= small[state] for state in QUERY_STATES)))
    memory = results["memory"]
    biggest = max(memory["after_load_mb"].values())
    allowed = round(RECORDED_WORKER_MB * MEMORY_ALLOWANCE, 1)
    checks.append(
        (
            f"worker RSS <= {allowed} MB (recorded {RECORDED_WORKER_MB} MB)",
            biggest,
            biggest <= allowed,
        )
    )
    checks.append(("worker RSS < 150 MB", biggest, biggest < 150))
    checks.append(
        ("worker growth <= 10%", memory["growth_percent"], memory["growth_percent"] <= 10)
    )
    renditions = results["renditions"]
    if renditions.get("available"):
        peak = renditions["peak_mb"]
        checks.append(("6000x4000 renditions peak < 400 MB", peak, peak < 400))
    # A check without a target (None) is reported for information only.
    return [{"check": c, "value": v, "met": None if m is None else bool(m)} for c, v, m in checks]


def main():
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is not installed: `apt-get install wrk` (make bench does it).")
    shutil.rmtree(WORK, ignore_errors=True)
    (WORK / "media").mkdir(parents=True)
    info = machine_info()
    say(f"{info['cpu']}, {CORES} cores, load {info['load_before']:.2f}; commit {info['commit']}")
    env = production_env()

    say("building the small demo newsroom in PostgreSQL, for its SQL query counts")
    small_env = production_env(
        DATABASE_URL=SMALL_DATABASE_URL,
        MEDIA_ROOT=str(WORK / "media-s"),
        ORIGINALS_ROOT=str(WORK / "private-s"),
    )
    small_manifest = WORK / "demo-small.json"
    run_python(["bench/make_demo.py", str(small_manifest), "small"], small_env, capture=False)
    small_demo = json.loads(small_manifest.read_text())

    say("building the large demo newsroom in PostgreSQL")
    manifest = WORK / "demo.json"
    run_python(["bench/make_demo.py", str(manifest), "large"], env, capture=False)
    demo = json.loads(manifest.read_text())
    run_python(["manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
    targets = build_targets(demo)
    ids_file = write_lines("beacon-ids.txt", demo["article_ids"])

    say("counting SQL queries per request, on the small newsroom and on the large one")
    references = {
        "ceiling": get("/_bench/ceiling/?bytes=20000", cached=False),
        "plain": get("/_bench/plain/", cached=False),
    }
    small_targets = build_targets(small_demo)
    small_counts = count_queries({name: small_targets[name] for name in READER_PAGES}, small_env)
    query_counts = count_queries({**targets, **references}, env)

    say(f"starting gunicorn: {CORES} sync workers, DEBUG off, Redis db {REDIS_DB}")
    server = Server(env)
    results = {
        "machine": info,
        "demo": demo["counts"],
        "renditions_in_demo": demo["renditions"],
        "pages_in_demo": demo["pages"],
    }
    try:
        server.wait()
        for name, target in targets.items():
            status, size, _headers = server.fetch(target)
            target.update(status=status, bytes=size, ok=200 <= status < 300)
            say(f"{name:<8} {target['method']} {target['path']} -> {status}, {size} bytes")
        page_sizes = [t["bytes"] for n, t in targets.items() if t["ok"] and t["page_cache"]]
        ceiling_bytes = targets["article"]["bytes"] if targets["article"]["ok"] else 20000
        references["ceiling"]["path"] = f"/_bench/ceiling/?bytes={ceiling_bytes}"
        for reference in references.values():
            status, size, _headers = server.fetch(reference)
            reference.update(status=status, bytes=size, ok=status == 200)
        say(f"reader page sizes {page_sizes}; ceiling page {references['ceiling']['bytes']} bytes")

        say(f"memory: the first {MEMORY_REQUESTS} mixed requests")
        first_requests, rss_first = memory_load(server, targets)

        measured = {
            name: {state: [] for state in target["states"]} for name, target in targets.items()
        }
        reference_runs = {name: [] for name in references}
        for round_number in range(1, RUNS + 1):
            for name, reference in references.items():
                say(f"round {round_number}: {name} reference")
                reference_runs[name].append(measure(server, name, reference, "warm", ids_file))
            for name, target in targets.items():
                if not target["ok"]:
                    continue
                for state in target["states"]:
                    run = measure(server, name, target, state, ids_file)
                    reference_name = PAIRED.get((name, state))
                    if reference_name:
                        paired = measure(
                            server, reference_name, references[reference_name], "warm", ids_file
                        )
                        reference_runs[reference_name].append(paired)
                        run["paired_" + reference_name] = paired["rps"]
                    measured[name][state].append(run)
                    say(
                        f"round {round_number}: {name} {state}: {run['rps']:.0f} req/s, "
                        f"p99 {run['p99_ms']} ms"
                        + (f", counted {run['counted']}" if "counted" in run else "")
                    )
        say(f"memory: the last {MEMORY_REQUESTS} mixed requests")
        rss_after_load = server.worker_rss_mb()
        last_requests, rss_last = memory_load(server, targets)
    finally:
        server.stop()

    say("renditions for a 6000x4000 JPEG upload")
    source = WORK / "upload-6000x4000.jpg"
    run_python(["bench/renditions.py", "make", str(source)], env)
    renditions = json.loads(run_python(["bench/renditions.py", "measure", str(source)], env))

    results["references"] = {
        name: {
            **summarise(runs),
            "path": references[name]["path"],
            "bytes": references[name]["bytes"],
            "queries": query_counts[name]["warm"]["queries"],
        }
        for name, runs in reference_runs.items()
    }
    results["targets"] = {}
    for name, target in targets.items():
        entry = {
            "method": target["method"],
            "path": target["path"],
            "status": target["status"],
            "ok": target["ok"],
            "bytes": target["bytes"],
            "queries": {state: query_counts[name][state]["queries"] for state in QUERY_STATES},
            "scratch_ms": query_counts[name]["scratch"].get("ms"),
        }
        entry["states"] = list(target["states"])
        if target["ok"]:
            for state in target["states"]:
                runs = measured[name][state]
                entry[state] = summarise(runs)
                for reference_name in ("ceiling", "plain"):
                    key = "paired_" + reference_name
                    if key in runs[0]:
                        # The mean of each run's ratio to the reference measured right after it.
                        value = statistics.mean(run["rps"] / run[key] for run in runs if run[key])
                        entry[state]["ratio_" + reference_name] = round(value, 2)
                        entry[state][key] = True
                    else:
                        entry[state]["ratio_" + reference_name] = ratio(
                            entry[state]["rps_mean"],
                            results["references"][reference_name]["rps_mean"],
                        )
        results["targets"][name] = entry
    first_total = sum(rss_first.values())
    last_total = sum(rss_last.values())
    results["memory"] = {
        "after_first_requests_mb": rss_first,
        "first_requests": first_requests,
        "after_load_mb": rss_after_load,
        "after_last_requests_mb": rss_last,
        "last_requests": last_requests,
        "growth_percent": round((last_total - first_total) / first_total * 100, 1),
        "note": "workers are never recycled during the benchmark (GUNICORN_MAX_REQUESTS=0)",
    }
    results["renditions"] = renditions
    results["queries_by_size"] = {
        size: {
            "demo": size_demo["counts"],
            "queries": {
                name: {state: counts[name][state]["queries"] for state in QUERY_STATES}
                for name in READER_PAGES
            },
            "status": {
                name: sorted({counts[name][state]["status"] for state in QUERY_STATES})
                for name in READER_PAGES
            },
        }
        for size, size_demo, counts in (
            ("small", small_demo, small_counts),
            ("large", demo, query_counts),
        )
    }
    results["settings"] = {
        "wrk": f"-t{THREADS} -c{CONNECTIONS} -d{SECONDS}s --latency",
        "runs": RUNS,
        "workers": CORES,
        "cold": "page cache flushed; every request a new address (unique query parameter)",
        "warm": "page cache filled by one request per worker before measuring",
    }
    results["checks"] = check_targets(results)
    missed = [check["check"] for check in results["checks"] if check["met"] is False]
    results["targets_met"] = not missed
    results["elapsed_seconds"] = round(time.monotonic() - STARTED, 1)

    print()
    print(table(results))
    print()
    rss = ", ".join(f"{mb} MB" for mb in rss_after_load.values())
    print(
        f"worker RSS after load: {rss}; after first {first_requests} requests "
        f"{first_total:.1f} MB total, after last {last_requests} {last_total:.1f} MB total "
        f"({results['memory']['growth_percent']:+.1f}%)"
    )
    if renditions.get("available"):
        print(
            f"6000x4000 upload: {renditions['renditions']} renditions in "
            f"{renditions['seconds']} s, peak {renditions['peak_mb']} MB"
        )
    else:
        print("6000x4000 upload renditions: not available (no articles.images.ensure_renditions)")
    print()
    for check in results["checks"]:
        verdict = {True: "met    ", False: "NOT met", None: "info   "}[check["met"]]
        print(f"  {verdict}  {check['check']}: {check['value']}")
    print()
    print("all targets met" if not missed else f"{len(missed)} targets NOT met")
    (BENCH / "results.json").write_text(json.dumps(results, indent=2) + "\n")
    say(f"wrote bench/results.json in {results['elapsed_seconds']} s")


if __name__ == "__main__":
    argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args()
    main()
