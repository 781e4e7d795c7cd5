"""Production serving: `make serve`, or `gunicorn -c gunicorn.conf.py newsroom.wsgi`.

Every value can be changed from the environment; the defaults suit one app server with a CDN
or a reverse proxy (nginx, Caddy) in front that buffers slow clients.
"""

import multiprocessing
import os


def _int(name, default):
    raw = os.environ.get(name, "").strip()
    return int(raw) if raw else default


wsgi_app = "newsroom.wsgi:application"
bind = os.environ.get("GUNICORN_BIND") or f"127.0.0.1:{os.environ.get('PORT', '8000')}"

# Sync workers, one per core: reader pages are short CPU-bound requests (a cache hit or a
# template render) and the proxy in front handles slow phone connections.
worker_class = "sync"
workers = _int("WEB_CONCURRENCY", multiprocessing.cpu_count())
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = 20
keepalive = 5
# Import the project once in the master: workers share its memory and a broken deploy fails
# before any worker starts.
preload_app = True
# Heartbeats in memory rather than on disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

# Recycle each worker after this many requests (0 turns recycling off, as the benchmark does
# to measure memory growth); the jitter keeps workers from restarting together.
max_requests = _int("GUNICORN_MAX_REQUESTS", 10000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", max_requests // 10)

# Access logs are the proxy's or CDN's job; set GUNICORN_ACCESS_LOG=- to log to stdout.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Trust X-Forwarded-* only from the proxy's address.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")

# The runtime control socket (gunicorn 25.1+) is not used here; --no-control-socket as well.
control_socket_disable = True


def on_starting(server):
    cache_url = os.environ.get("CACHE_URL", "")
    if server.cfg.workers > 1 and not cache_url.startswith(("redis://", "rediss://")):
        server.log.warning(
            "CACHE_URL is not Redis: each of the %s workers keeps its own page cache, so an "
            "edit reaches the other workers' readers only when their copy expires "
            "(READER_CACHE_SECONDS). Set CACHE_URL=redis://host:6379/0.",
            server.cfg.workers,
        )
