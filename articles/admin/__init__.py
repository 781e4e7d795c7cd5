"""The editors' admin, one module per area so each stays readable."""

from articles.admin import content, photos, rails  # noqa: F401
