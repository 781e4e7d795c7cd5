"""SQL queries per request for each benchmark target, as JSON on stdout, in three states:

* ``scratch``: every cache emptied first (the first reader after an edit), also timed here in
  milliseconds per request (median of five) since wrk cannot keep every cache empty;
* ``cold``: as in the benchmark's cold runs, another of the target's pages (another story)
  or the same page at a new address, after one page of the kind was rendered (so what every
  page shares, such as the header or the most-read rail, is cached);
* ``warm``: the page is cached.

Runs in its own process against the benchmark database with a local-memory cache, through
Django's test client, so it measures exactly what the views do, not the network.
"""

import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SCRATCH_RUNS = 5


def main():
    import django

    django.setup()
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    targets = json.loads(sys.argv[1])
    client = Client(headers={"user-agent": "Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0"})

    def send(target, path):
        if target["method"] == "POST":
            return client.post(path, target["body"], content_type=target["content_type"])
        return client.get(path)

    def clear():
        for cache in caches.all():
            cache.clear()

    results = {}
    for name, target in targets.items():
        path = target["path"]
        # As in the cold runs: another of the target's addresses (another story, another
        # search) when it has several, else the same one with a new parameter.
        cold_paths = target.get("cold_paths") or [path]
        cold = next((other for other in cold_paths if other != path), path)
        other = cold + ("&" if "?" in cold else "?") + "_cold=1"
        states = {}
        for state, address in (("scratch", path), ("cold", other), ("warm", other)):
            if state == "scratch":
                clear()
            with CaptureQueriesContext(connection) as queries:
                response = send(target, address if target["method"] == "GET" else path)
            states[state] = {"status": response.status_code, "queries": len(queries)}
        timings = []
        for _ in range(SCRATCH_RUNS):
            clear()
            started = time.perf_counter()
            send(target, path)
            timings.append((time.perf_counter() - started) * 1000)
        states["scratch"]["ms"] = round(statistics.median(timings), 1)
        results[name] = states
    print(json.dumps(results))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    main()
