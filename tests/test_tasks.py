"""Background tasks (newsroom/tasks.py): retried with a growing delay, queued after commit."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import transaction

from newsroom.tasks import enqueue_on_commit, retrying_task

pytestmark = pytest.mark.django_db

RUNS = []


@retrying_task(attempts=4)
def flaky(label, failures):
    """Fails its first ``failures`` runs for ``label``, then succeeds; every run is counted."""
    RUNS.append(label)
    if RUNS.count(label) <= failures:
        raise ConnectionError(f"{label}: the server is away")
    return f"{label} done"


@pytest.fixture(autouse=True)
def no_runs_yet():
    RUNS.clear()


@pytest.fixture
def clock(time_machine):
    time_machine.move_to(datetime(2026, 3, 2, 9, 0, tzinfo=UTC), tick=False)
    return time_machine


def failure_messages(caplog):
    return [r.getMessage() for r in caplog.records if r.name == "newsroom.tasks"]


def test_a_failing_task_is_tried_again_later_each_time_waiting_longer(task_queue, clock, caplog):
    flaky.enqueue("mail", failures=10)
    waits = []
    while True:
        ran = task_queue.run_due()
        assert ran == 1
        assert task_queue.run_due() == 0, "a retry waits for its time"
        waiting = task_queue.waiting(flaky)
        if not waiting:
            break
        [retry] = waiting
        wait = retry.run_after - datetime.now(UTC)
        waits.append(wait)
        clock.shift(wait)
    assert waits == [timedelta(seconds=30), timedelta(minutes=2), timedelta(minutes=8)]
    assert RUNS == ["mail"] * 4
    failed = task_queue.finished(flaky)
    assert [r.status for r in failed] == ["FAILED"] * 4
    assert all("ConnectionError: mail: the server is away" in r.traceback for r in failed)
    assert failure_messages(caplog) == [
        "Task tests.test_tasks.flaky failed (attempt 1 of 4); trying again in 0:00:30.",
        "Task tests.test_tasks.flaky failed (attempt 2 of 4); trying again in 0:02:00.",
        "Task tests.test_tasks.flaky failed (attempt 3 of 4); trying again in 0:08:00.",
        "Task tests.test_tasks.flaky failed on its last attempt (4 of 4); giving up.",
    ]
    assert all(r.exc_info for r in caplog.records if r.name == "newsroom.tasks")


def test_a_task_that_succeeds_on_a_retry_is_not_run_again(task_queue, clock):
    flaky.enqueue("receipt", failures=1)
    task_queue.run_due()
    clock.shift(timedelta(seconds=30))
    task_queue.run_due()
    clock.shift(timedelta(hours=1))
    assert task_queue.run_due() == 0
    assert RUNS == ["receipt", "receipt"]
    assert [r.status for r in task_queue.finished(flaky)] == ["FAILED", "SUCCESSFUL"]
    assert task_queue.finished(flaky)[-1].return_value == "receipt done"


def test_the_function_never_sees_the_attempt_number(task_queue, clock):
    flaky.enqueue("welcome", failures=1)
    task_queue.run_due()
    [retry] = task_queue.waiting(flaky)
    assert retry.args_kwargs == {"args": ["welcome"], "kwargs": {"failures": 1, "attempt": 2}}
    clock.shift(timedelta(seconds=30))
    task_queue.run_due()
    assert RUNS == ["welcome", "welcome"]


def test_without_a_worker_the_retries_run_at_once(caplog):
    # The tests' (and TASKS_BACKEND=immediate's) backend cannot delay a task.
    flaky.enqueue("now", failures=2)
    assert RUNS == ["now"] * 3
    assert len(failure_messages(caplog)) == 2


def test_a_task_queued_on_commit_waits_for_the_commit_and_goes_with_a_rollback(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            enqueue_on_commit(flaky, "kept", failures=0)
        with pytest.raises(RuntimeError), transaction.atomic():
            enqueue_on_commit(flaky, "rolled back", failures=0)
            raise RuntimeError("the change failed")
        assert RUNS == []
    assert RUNS == ["kept"]


def test_a_queue_that_refuses_a_task_is_logged_and_the_committed_request_carries_on(
    settings, django_capture_on_commit_callbacks, caplog
):
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["somewhere-else"],
        }
    }
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_on_commit(flaky, "lost", failures=0)
    assert RUNS == []
    assert any("Error calling" in r.getMessage() for r in caplog.records)
