from django.core.paginator import Paginator

from articles import reader_cache


class CountedPaginator(Paginator):
    """A paginator told its count rather than asking for it, whose pages' rows are kept by the
    reader cache under ``kept_as`` (until the next content change or scheduled time, like the
    count): the filtering or ranking behind a list runs once per page and generation, however
    many addresses and readers ask for it.

    ``rows`` is a function that makes the ordered list (a queryset), so it is only built for a
    page the reader cache does not hold. Kept rows must be small (a story's id, its card
    version, at most its card). ``shared=False`` keeps them in each worker only
    (``get_or_make``), for rows that cost one short query to make; ``timeout`` caps how long
    they are kept (``get_or_make``'s default otherwise).
    """

    def __init__(self, rows, per_page, *, count, kept_as, shared=True, timeout=None, **kwargs):
        super().__init__((), per_page, **kwargs)
        self.rows = rows
        self.count = count  # a cached_property on Paginator: set once, never queried
        self.kept_as = kept_as
        self.shared = shared
        self.timeout = timeout

    def page(self, number):
        page = super().page(number)

        def read():
            if not self.count:
                return []
            return list(self.rows()[page.start_index() - 1 : page.end_index()])

        page.object_list = reader_cache.get_or_make(
            f"{self.kept_as}:page:{page.number}", read, shared=self.shared, timeout=self.timeout
        )
        return page
