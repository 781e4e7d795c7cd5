"""Dates and numbers as the newsroom writes them in each language (``FORMAT_MODULE_PATH``).

Templates name a format (``|date:"DATE_FORMAT"``) rather than spell one, so a Russian page says
«2 декабря 2026» where an English one says "2 December 2026". Languages without a module here
use Django's own formats.
"""
