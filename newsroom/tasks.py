"""The one way Newsroom runs work in the background: django-tasks, retried, after commit.

    from newsroom.tasks import enqueue_on_commit, retrying_task

    @retrying_task()
    def make_photo_renditions(photo_id): ...

    enqueue_on_commit(make_photo_renditions, photo.pk)

A task that raises is logged with ``logger.exception`` and enqueued again, up to ``attempts``
runs in all, each one after a longer delay (30 s, 2 min, 8 min, 32 min by default). The failed
run stays recorded as a failed task result (the database backend keeps its traceback, shown in
the admin under "Tasks Database Backend"). django-tasks itself never retries.

Because a task may run twice (a retry after a run that did its work but failed to report it, two
workers, a repeated enqueue), every task must be idempotent: it checks what is already done and
does only the rest. Arguments are stored as JSON in the queue, so pass ids, never model
instances, and never a secret (a token, a password): the queue is not a safe.
"""

import functools
import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)

ATTEMPTS = 5
FIRST_DELAY = timedelta(seconds=30)
BACKOFF = 4


def retry_delay(attempt, first_delay=FIRST_DELAY):
    """How long to wait after failed run number ``attempt`` (1 for the first run)."""
    return first_delay * BACKOFF ** (attempt - 1)


def retrying_task(*, attempts=ATTEMPTS, first_delay=FIRST_DELAY, **task_options):
    """Decorate a module-level function into a task that is retried when it raises.

    ``attempts`` counts every run, the first included; ``first_delay`` (a timedelta) is the wait
    before the second, and each later wait is four times the one before. Other keyword arguments
    (``priority``, ``queue_name``, ``backend``) go to django-tasks' ``@task``. The run number
    travels with the task as its keyword argument ``attempt``, which the function never sees.
    """

    def decorate(function):
        @functools.wraps(function)
        def run(*args, attempt=1, **kwargs):
            try:
                return function(*args, **kwargs)
            except Exception:
                name = f"{function.__module__}.{function.__qualname__}"
                if attempt >= attempts:
                    logger.exception(
                        "Task %s failed on its last attempt (%s of %s); giving up.",
                        name,
                        attempt,
                        attempts,
                    )
                    raise
                delay = retry_delay(attempt, first_delay)
                logger.exception(
                    "Task %s failed (attempt %s of %s); trying again in %s.",
                    name,
                    attempt,
                    attempts,
                    delay,
                )
                retry = the_task
                if retry.get_backend().supports_defer:
                    retry = retry.using(run_after=timezone.now() + delay)
                # A backend without delays (the tests' immediate one) retries at once.
                retry.enqueue(*args, attempt=attempt + 1, **kwargs)
                raise

        the_task = task(**task_options)(run)
        return the_task

    return decorate


def enqueue_on_commit(task_to_run, *args, **kwargs):
    """Enqueue the task once the current transaction commits (at once outside of one).

    Nothing is enqueued if the transaction rolls back, so a task never sees data that was not
    kept. ``robust``: if the queue cannot take the task, that is logged, and the request that
    committed still answers normally.
    """

    def enqueue():
        task_to_run.enqueue(*args, **kwargs)

    # Django names the callback when it logs a failure.
    enqueue.__qualname__ = f"enqueue {task_to_run.module_path}"
    transaction.on_commit(enqueue, robust=True)
