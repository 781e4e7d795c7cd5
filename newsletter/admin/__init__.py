"""The newsletter in the admin: its subscribers, and the digests editors preview and send."""

from newsletter.admin import digests, subscribers  # noqa: F401  (they register themselves)
