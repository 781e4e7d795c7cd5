"""The benchmark server's settings: the site's own, read from the same environment, with the
benchmark's URLconf (bench/urls.py) as the root, so the reference pages exist only here.

bench/run.py runs everything (the demo builder, the query counts and gunicorn) with
DJANGO_SETTINGS_MODULE=bench.settings.
"""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
