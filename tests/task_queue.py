"""The production task queue (django-tasks-db) in a test, worked when the test says so.

Tests normally run tasks at once (the immediate backend); the ``task_queue`` fixture
(tests/conftest.py) switches to the database backend, so a test can see what is queued, move
the clock past a retry's delay and run what is due, as `manage.py db_worker` does.
"""

from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

DATABASE_BACKEND = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


class TaskQueue:
    def __init__(self):
        self.worker = Worker(
            queue_names=["default"],
            interval=0,
            batch=True,
            backend_name="default",
            startup_delay=False,
            max_tasks=None,
            worker_id="test-worker",
            excluded_queue_names=[],
        )

    def waiting(self, task=None):
        """Results of the tasks queued and not yet run (due or not), oldest first."""
        results = DBTaskResult.objects.filter(status="READY").order_by("enqueued_at")
        if task is not None:
            results = results.filter(task_path=task.module_path)
        return list(results)

    def finished(self, task=None):
        results = DBTaskResult.objects.finished().order_by("finished_at")
        if task is not None:
            results = results.filter(task_path=task.module_path)
        return list(results)

    def run_due(self):
        """Run every task that is due, as the worker does; return how many ran.

        Not the worker's own loop: that closes the database connection between tasks, which
        would end the test's transaction.
        """
        count = 0
        while (result := DBTaskResult.objects.ready().first()) is not None:
            result.claim(self.worker.worker_id)
            self.worker.run_task(result)
            count += 1
        return count
