"""Sending hostile requests and checking what they did: never a server error, never a write
nobody asked for.

``Probe.send`` sends one request through the Django test client, exactly as it would arrive
(the path and query percent-encoded as on the wire, the body as raw bytes), and fails on

* a server error: any status of 500 or more, or an exception the site did not turn into a
  response (the test client raises what a real server would answer with a 500);
* a write nobody asked for: the rows of every table, counted in one query before and after,
  must be the same except in the tables the request is meant to write to (``may_write``), and
  so must the saves of stories, photos and picks, and the reads counted (``SUMMED``).

``url_patterns`` walks the URL resolver, so that no address can be left out of the suite.
"""

import functools
import itertools
import weakref
from collections import Counter
from dataclasses import dataclass, field

from django.apps import apps
from django.db import connection
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import RoutePattern

# Requests sent by this process, by kind ("corpus", "hypothesis"), for the run's summary line.
SENT = Counter()

# Columns summed besides the rows counted: the saves of stories, photos and picks (each save
# adds one to ``version``) and the reads counted in the daily totals.
SUMMED = {
    "articles.Article": "version",
    "articles.Photo": "version",
    "articles.EditorsPick": "version",
    "articles.DailyViews": "views",
}


@dataclass(frozen=True)
class Case:
    """One hostile request, aimed at one URL pattern (``route``, as the resolver spells it)."""

    route: str
    method: str
    path: str  # percent-encoded as sent, query string included
    body: bytes = b""
    content_type: str | None = None
    headers: tuple = ()  # (name, value) pairs
    # What it is meant to write to: model labels ("memberships.Supporter") or app labels.
    may_write: frozenset = frozenset()
    label: str = ""

    @property
    def id(self):
        return f"{self.method} {self.route or '/'} {self.label}"[:120]


@dataclass
class Probe:
    """Sends cases through ``client`` and checks each one (see the module's docstring)."""

    client: object
    kind: str = "corpus"
    sent: int = 0
    state: dict | None = None  # the tables after the last case sent
    _addresses: itertools.count = field(default_factory=lambda: itertools.count(1))

    def send(self, case, *, before=None):
        """Send ``case``; the response. ``before``: the tables' state, when already known."""
        before = before if before is not None else table_state()
        # Each request as from a visitor of its own: no cookie an earlier answer set, and a new
        # address, so that rate limits (per address, in the process's cache) never stand
        # between a hostile value and the code behind them.
        self.client.cookies.clear()
        extra = {"REMOTE_ADDR": self._next_address()}
        if case.content_type is not None:
            extra["CONTENT_TYPE"] = case.content_type
        for name, value in case.headers:
            extra["HTTP_" + name.upper().replace("-", "_")] = value
        try:
            response = self.client.generic(case.method, case.path, case.body, **extra)
        except Exception as error:
            raise AssertionError(f"{describe(case)} raised {error!r}") from error
        finally:
            self.sent += 1
            SENT[self.kind] += 1
        assert response.status_code < 500, f"{describe(case)} answered {response.status_code}"
        after = table_state()
        allowed = {label.lower() for label in case.may_write}
        changed = {
            name: (before[name], after[name])
            for name in before
            if before[name] != after[name] and not _allowed(name, allowed)
        }
        assert not changed, f"{describe(case)} wrote to {changed} (before, after)"
        self.state = after
        return response

    def send_all(self, cases):
        """Send every case; the failures, one line each (so one run shows them all)."""
        failures = []
        self.state = None
        for case in cases:
            try:
                # Nothing else runs in between: the state after one case is the next's before.
                self.send(case, before=self.state)
            except AssertionError as failure:
                self.state = None
                failures.append(str(failure).splitlines()[0])
        return failures

    def _next_address(self):
        number = next(self._addresses)
        return f"10.{number >> 16 & 255}.{number >> 8 & 255}.{number & 255}"


def _allowed(name, allowed):
    model = name.partition(":")[0]
    return model in allowed or model.partition(".")[0] in allowed


def describe(case):
    body = case.body[:120] + (b"..." if len(case.body) > 120 else b"")
    path = case.path[:160] + ("..." if len(case.path) > 160 else "")
    return f"{case.method} {path} [{case.label}] body={body!r}"


# --- What the database holds -------------------------------------------------------------


@functools.cache
def _state_query():
    """One query for every table: its row count, and the ``SUMMED`` columns; and the names of
    its columns."""
    quote = connection.ops.quote_name
    watched = []
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        table = quote(model._meta.db_table)
        label = model._meta.label_lower
        watched.append((f"{label}:rows", f"SELECT COUNT(*) FROM {table}"))
        if model._meta.label in SUMMED:
            column = SUMMED[model._meta.label]
            total = f"SELECT COALESCE(SUM({quote(column)}), 0) FROM {table}"
            watched.append((f"{label}:{column}", total))
    sql = "SELECT " + ", ".join(f"({expression})" for _, expression in watched)
    return sql, [name for name, _ in watched]


# Database connections the query is prepared on (PostgreSQL): fifty subqueries take longer to
# plan than to run, and the query runs before and after every request.
_prepared = weakref.WeakSet()


def table_state():
    """``{"app.model:rows": n, ...}`` for every table, in one query."""
    sql, names = _state_query()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = connection.connection
            if raw not in _prepared:
                cursor.execute("PREPARE hostile_table_state AS " + sql)
                _prepared.add(raw)
            cursor.execute("EXECUTE hostile_table_state")
        else:
            cursor.execute(sql)
        values = cursor.fetchone()
    return dict(zip(names, values, strict=True))


# --- The addresses the site answers -----------------------------------------------------------


def _join(prefix, route):
    """Routes joined as ``ResolverMatch.route`` joins them."""
    return prefix + route.removeprefix("^") if prefix else route


def url_patterns(resolver=None, prefix=""):
    """``(route, pattern)`` for every URL pattern, nested includes walked."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = _join(prefix, str(entry.pattern))
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def is_route(pattern):
    return isinstance(pattern.pattern, RoutePattern)
