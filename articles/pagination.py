from django.core.paginator import Paginator

from articles import reader_cache


class CountedPaginator(Paginator):
    """A paginator told its count (kept by the reader cache) rather than asking for it.

    ``rows`` is the ordered list, or a function that makes it (a queryset is only built for
    a page that must be read). Named ``kept_as``, each page's rows are kept by the reader
    cache too, until the next content change or scheduled time like the count: the ranking
    or filtering behind a list runs once per page and generation, however many addresses and
    readers ask for it. Kept rows must be small (a story's id and card version).
    """

    def __init__(self, rows, per_page, *, count, kept_as=None, **kwargs):
        super().__init__((), per_page, **kwargs)
        self.rows = rows
        self.count = count  # a cached_property on Paginator: set once, never queried
        self.kept_as = kept_as

    def page(self, number):
        page = super().page(number)

        def read():
            if not self.count:
                return []
            rows = self.rows() if callable(self.rows) else self.rows
            return list(rows[page.start_index() - 1 : page.end_index()])

        if self.kept_as is None:
            page.object_list = read()
        else:
            page.object_list = reader_cache.get_or_make(f"{self.kept_as}:page:{page.number}", read)
        return page
