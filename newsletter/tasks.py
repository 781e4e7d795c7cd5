"""The newsletter's background work: planning digests and sending them, batch by batch.

Nothing here needs cron. ``plan_digests`` runs when the site starts (``manage.py
plan_digests``, from ``make run`` and ``make serve``) and again whenever a digest finishes: it
makes the next daily and weekly issues and queues each one's ``send_digest`` to run at its
``send_at`` (the database queue defers it, ``run_after``). A digest whose time passed while
nothing ran goes out as soon as a worker runs; one that is sent already is left alone.
"""

import logging

from django.utils import timezone

from newsletter import scheduling, sending
from newsletter.models import Digest
from newsroom.tasks import enqueue_on_commit, retrying_task

logger = logging.getLogger(__name__)


def _later(task_to_run, at):
    """The task, deferred to ``at`` where the queue can wait (the tests' queue cannot)."""
    if at is not None and at > timezone.now() and task_to_run.get_backend().supports_defer:
        return task_to_run.using(run_after=at)
    return task_to_run


@retrying_task()
def send_digest(digest_id):
    """Send the digest's next batch, then queue the batch after it (newsletter.sending).

    Does nothing for a digest not due yet (its deferred run comes), a draft, or one sent.
    """
    if sending.send_batch(digest_id=digest_id):
        send_digest.enqueue(digest_id)
        return
    if Digest.objects.filter(pk=digest_id, status=Digest.Status.SENT).exists():
        plan_digests.enqueue()


@retrying_task()
def plan_digests():
    """Make the next issues and queue the sending of every issue that waits for it.

    Idempotent: the next issue of a period is made once (one_digest_per_period), and queuing
    a digest's task again is harmless (send_digest checks what is done). Queued again for the
    next issue only by the run that made it, so restarts never multiply the plan.
    """
    made = scheduling.ensure_next_digests()
    for digest in scheduling.waiting():
        _later(send_digest, digest.send_at).enqueue(digest.pk)
    if made and plan_digests.get_backend().supports_defer:
        soonest = min(digest.send_at for digest in made)
        plan_digests.using(run_after=soonest).enqueue()


def schedule(digest):
    """After an editor saved a digest: one with a send time is scheduled for it (its task
    queued for then, once the save commits), one without is a draft that waits for "Send now".
    """
    if digest.status not in (Digest.Status.DRAFT, Digest.Status.SCHEDULED):
        return
    status = Digest.Status.SCHEDULED if digest.send_at else Digest.Status.DRAFT
    Digest.objects.filter(pk=digest.pk, status=digest.status).update(status=status)
    digest.status = status
    if digest.send_at:
        enqueue_on_commit(_later(send_digest, digest.send_at), digest.pk)


def send_now(digest, *, user=None):
    """Queue a digest to go out at once (the admin's "Send now"); False if it went already."""
    updated = Digest.objects.filter(
        pk=digest.pk, status__in=[Digest.Status.DRAFT, Digest.Status.SCHEDULED]
    ).update(status=Digest.Status.SCHEDULED, send_at=timezone.now())
    if not updated:
        return False
    logger.info("Digest %s queued to send now by %s.", digest.pk, user)
    enqueue_on_commit(send_digest, digest.pk)
    return True
