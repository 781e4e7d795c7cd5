"""The free newsletter: its subscribers, the digests sent to them and who got each one."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.attribution import Attributed


def default_edition():
    return settings.LANGUAGE_CODE


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")


class Subscriber(Attributed):
    """An address that asked for the newsletter; it gets digests only once it confirmed.

    Double opt-in: a sign-up is ``pending`` until the emailed link's page is confirmed (a POST),
    and an unsubscribed address stays, marked, so that it is never mailed again by mistake.
    """

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(unique=True)
    edition = models.CharField(max_length=10, default=default_edition)
    frequency = models.CharField(max_length=6, choices=Frequency.choices, default=Frequency.DAILY)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    confirmation_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True, editable=False)
    unsubscribed_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "frequency", "edition"], name="subscriber_audience"),
            models.Index(fields=["confirmed_at"], name="subscriber_confirmed"),
        ]

    def __str__(self):
        return self.email

    def save(self, *args, **kwargs):
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)


class Digest(models.Model):
    """One issue of the daily or weekly newsletter of an edition: its stories are chosen when
    it starts sending (``stories``), so every recipient gets the same issue."""

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        SCHEDULED = "scheduled", "Scheduled"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"

    frequency = models.CharField(max_length=6, choices=Frequency.choices)
    edition = models.CharField(max_length=10, default=default_edition)
    covers_from = models.DateTimeField(help_text="Stories published from this time…")
    covers_until = models.DateTimeField(help_text="…until this one.")
    editor_note = models.TextField(
        "note from the editor", blank=True, help_text="Optional: shown at the top of the digest."
    )
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    send_at = models.DateTimeField(null=True, blank=True, help_text="When it goes out by itself.")
    stories = models.JSONField(default=list, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    started_at = models.DateTimeField(null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-covers_until", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(covers_until__gt=models.F("covers_from")),
                name="digest_covers_a_period",
            ),
            models.UniqueConstraint(
                fields=["frequency", "edition", "covers_until"], name="one_digest_per_period"
            ),
        ]
        permissions = [("send_digest", "Can send digests")]

    def __str__(self):
        when = timezone.localtime(self.covers_until)
        return f"{self.get_frequency_display()} digest of {when:%-d %B %Y}"


class Delivery(models.Model):
    """One digest for one subscriber: claimed before it is sent, so that a send interrupted
    and resumed neither sends it twice nor skips anyone."""

    class State(models.TextChoices):
        CLAIMED = "claimed", "Being sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"
        SKIPPED = "skipped", "Not sent: unsubscribed meanwhile"

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    state = models.CharField(max_length=8, choices=State.choices, default=State.CLAIMED)
    claimed_at = models.DateTimeField(default=timezone.now)
    # Which run of the send claimed the row (newsletter.sending): a run sends only its own.
    claimed_by = models.CharField(max_length=32, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)
    message_id = models.CharField(max_length=255, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        verbose_name_plural = "deliveries"
        constraints = [
            models.UniqueConstraint(fields=["digest", "subscriber"], name="one_delivery_each")
        ]
        indexes = [models.Index(fields=["digest", "state"], name="delivery_progress")]

    def __str__(self):
        return f"{self.digest} to {self.subscriber_id}: {self.state}"
