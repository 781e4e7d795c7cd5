"""SQL queries per request for each benchmark target, cold and warm, as JSON on stdout.

Runs in its own process against the benchmark database with a local-memory cache, through
Django's test client, so it measures exactly what the views do, not the network.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


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
    results = {}
    for name, target in targets.items():
        counts = []
        for cold in (True, False):
            if cold:
                for cache in caches.all():
                    cache.clear()
            with CaptureQueriesContext(connection) as queries:
                if target["method"] == "POST":
                    response = client.post(
                        target["path"], target["body"], content_type=target["content_type"]
                    )
                else:
                    response = client.get(target["path"])
            counts.append({"status": response.status_code, "queries": len(queries)})
        results[name] = {"cold": counts[0], "warm": counts[1]}
    print(json.dumps(results))


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    main()
