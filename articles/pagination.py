from django.core.paginator import Paginator


class CountedPaginator(Paginator):
    """A paginator told its count (kept by the reader cache) rather than asking for it."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.count = count  # a cached_property on Paginator: set once, never queried
