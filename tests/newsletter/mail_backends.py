"""Mail backends for the sending tests: the tests' own outbox, with a mail server that fails.

settings.EMAIL_BACKEND = "tests.newsletter.mail_backends.FailingBackend"
FailingBackend.fail_after(7)            # the 8th message raises, then all goes well again
FailingBackend.fail_after(7, once=False)  # every message after the 7th raises
"""

from django.core.mail.backends.locmem import EmailBackend


class MailServerDown(Exception):
    pass


class FailingBackend(EmailBackend):
    accepted = 0
    limit = None
    once = True
    # Called with each message before it is accepted (e.g. a reader unsubscribes meanwhile).
    before_each = None

    @classmethod
    def fail_after(cls, count, *, once=True):
        cls.accepted, cls.limit, cls.once, cls.before_each = 0, count, once, None

    def send_messages(self, messages):
        for message in messages:
            if FailingBackend.before_each:
                FailingBackend.before_each(message)
            if FailingBackend.limit is not None and FailingBackend.accepted >= FailingBackend.limit:
                if FailingBackend.once:
                    FailingBackend.limit = None
                raise MailServerDown(f"421 Service not available after {self.accepted} messages")
            super().send_messages([message])
            FailingBackend.accepted += 1
        return len(messages)
