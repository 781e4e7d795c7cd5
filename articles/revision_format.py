"""The ``story_json`` serialization format: Django's JSON, with a story's bylines and tags.

Django's serializer leaves out many-to-many relations with their own model (a story's bylines,
whose order matters) and taggit's tags; a revision of a story (``articles.revisions``) needs
both. For a story this adds ``"byline_author_ids"`` (in byline order) and ``"tag_names"``;
reading ignores them (they are no model fields), ``articles.revisions.Snapshot`` reads them.
"""

from django.core.serializers import json as django_json

from articles.models import Article


class Serializer(django_json.Serializer):
    def end_object(self, obj):
        if isinstance(obj, Article):
            self._current["byline_author_ids"] = list(
                obj.bylines.order_by("order", "pk").values_list("author_id", flat=True)
            )
            self._current["tag_names"] = sorted(obj.tags.names())
        super().end_object(obj)


Deserializer = django_json.Deserializer
