"""CSV downloads the desk opens in a spreadsheet: the members' export and the dashboard's tables.

One writer for all of them, safe to open: spreadsheets run a cell that starts with = + - @ as a
formula, and text in these files comes from readers and editors (names, headlines).
"""

import csv

from django.http import HttpResponse
from django.utils import timezone

FORMULA_STARTS = frozenset({"=", "+", "-", "@", "\t", "\r"})


def csv_safe(value):
    """The cell's text, with a ``'`` in front where a spreadsheet would take it for a formula.

    Every cell is also quoted (``csv_response``): a spreadsheet that splits on ``;`` would
    otherwise cut ``Carol;=1+1`` into two cells, the second one a formula.
    """
    text = "" if value is None else str(value)
    if text[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def csv_response(*, name, header, rows):
    """A download named ``<name>-<local date>.csv``: the header, then each row, made safe."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    writer = csv.writer(response, quoting=csv.QUOTE_ALL)
    writer.writerow([csv_safe(title) for title in header])
    for row in rows:
        writer.writerow([csv_safe(value) for value in row])
    return response
