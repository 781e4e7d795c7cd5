"""Hostile values: what a bot, a fuzzer or someone probing the site types and sends.

``TEXT`` are values as the site decodes them (sent percent-encoded as UTF-8); ``RAW`` are bytes
on the wire that do not decode cleanly, written as percent escapes.
"""

from urllib.parse import quote

HUGE = "x" * 100_000  # 100 kB
MANY_DIGITS = "9" * 4000
# An address of 254 characters, the most an address may have, that lower case makes longer:
# each "İ" becomes "i" and a combining dot.
_DOMAIN = ".".join(["\u0130" * 30] * 7) + ".org"
GROWING_ADDRESS = "a" * (254 - len(_DOMAIN) - 1) + "@" + _DOMAIN

TEXT = {
    "empty": "",
    "blank": " \t\r\n ",
    "right-to-left override": "\u202egpj.exe",
    "bidi isolates": "\u2066abc\u2069\u2067",
    "zero-width characters": "a\u200bb\u200c\u200dc\ufeff",
    "combining marks": "e" + "\u0301\u0308\u0327" * 60,
    "emoji": "\U0001f600\U0001f4a9\U0001f1ec\U0001f1ea",
    "family emoji sequence": "\U0001f468\u200d\U0001f469\u200d\U0001f467\u200d\U0001f466",
    "superscript two": "\u00b2",
    "fullwidth letters": "\uff46\uff55\uff4c\uff4c\uff57\uff49\uff44\uff54\uff48",
    "ligatures that grow under NFKC": "\ufb01\ufb03\u2167\u01c5",
    "letters that grow in lower case": "\u0130" * 40,
    "letters that grow in upper case": "\u00df\ufb00" * 40,
    "an address that grows in lower case": GROWING_ADDRESS,
    "arabic-indic digits": "\u0661\u0662\u0663",
    "NUL": "\x00",
    "NUL inside": "a\x00b",
    "control characters": "\x01\x07\x08\x1b[31m\x7f",
    "line separators": "a\u2028b\u2029c\u0085d",
    "private use": "\ue000\ue001\uf8ff",
    "noncharacters": "\ufffe\uffff\U0010ffff",
    "markup": "<script>alert(1)</script>",
    "attribute breakout": "\"'><img src=x onerror=alert(1)>",
    "template syntax": "{{ 7|add:7 }}{% debug %}${7*7}",
    "sql": "' OR 1=1 -- ;DROP TABLE articles_article",
    "like wildcards": "%_%\\",
    "format strings": "%s%n%x{0}{}",
    "path traversal": "../../../../etc/passwd",
    "windows path traversal": "..\\..\\windows\\win.ini",
    "header injection": "a\r\nSet-Cookie: sessionid=x",
    "script url": "javascript:alert(1)",
    "protocol-relative url": "//evil.example/",
    "absolute url": "https://evil.example/phish",
    "json": '{"a": [1, 2, {"b": null}]}',
    "4,000-digit number": MANY_DIGITS,
    "negative 4,000-digit number": "-" + MANY_DIGITS,
    "number beyond a float": "1e309",
    "nan": "NaN",
    "infinity": "-Infinity",
    "hex number": "0x1F",
    "underscored number": "1_000",
    "negative zero": "-0",
    "100 kB": HUGE,
    "100 kB of emoji": "\U0001f600" * 25_000,
}

# Bytes that are not UTF-8, or that try to sneak characters past a decoder.
RAW = {
    "escaped NUL": "%00",
    "escaped NUL inside": "a%00b",
    "escaped surrogate": "%ED%A0%80",
    "escaped surrogate pair": "%ED%A0%BD%ED%B8%80",
    "overlong dots": "%C0%AE%C0%AE%C0%AF",
    "invalid UTF-8": "%FF%FE%FD",
    "truncated UTF-8": "%E2%82",
    "lone percent": "%",
    "bad escape": "%zz%G0",
    "double-encoded traversal": "%252e%252e%252fetc%252fpasswd",
    "encoded traversal": "..%2F..%2F..%2Fetc%2Fpasswd",
    "encoded backslashes": "..%5C..%5Cwindows",
}

# A few of each kind, for fields that are sent many times over (each form field).
FIELD_SAMPLE = [
    "empty",
    "right-to-left override",
    "zero-width characters",
    "combining marks",
    "emoji",
    "superscript two",
    "letters that grow in lower case",
    "an address that grows in lower case",
    "NUL inside",
    "control characters",
    "markup",
    "sql",
    "4,000-digit number",
    "number beyond a float",
    "100 kB",
]


def encoded(value):
    """``value`` percent-encoded as UTF-8, as a browser sends it in a path or a query."""
    return quote(value, safe="")


def path_values():
    """``(label, segment)`` for URL path segments: every value encoded, then the raw bytes."""
    for label, value in TEXT.items():
        yield label, encoded(value)
    yield from RAW.items()
    yield "dot", "."
    yield "dot dot", ".."
    yield "unencoded traversal", "../../../etc/passwd"


def query_values():
    """``(label, value)`` for query parameters, already encoded for the query string."""
    for label, value in TEXT.items():
        yield label, encoded(value)
    yield from RAW.items()
