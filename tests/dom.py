"""Reading a page the way a browser does, so tests assert on its structure, not its spelling.

    page = parse(client.get(url))
    assert text(one(page, "h1")) == "Crossing reopens"
    assert texts(page, ".rail--related .rail__headline") == ["Harvest late"]

Selectors are CSS (soupsieve). Substrings of the raw HTML break on harmless changes (attribute
order, whitespace, an added class) and can pass when the structure is wrong; these do neither.
The parser is the standard library's ("html.parser"), as lenient with broken markup as a browser.
"""

from bs4 import BeautifulSoup

__all__ = ["active_content", "one", "parse", "text", "texts"]


def parse(page):
    """The document of a Django test response, or of an HTML string (a page or a fragment)."""
    html = page if isinstance(page, str) else page.content.decode()
    return BeautifulSoup(html, "html.parser")


def one(node, selector):
    """The only element within ``node`` that matches ``selector``; fails if there are 0 or more."""
    found = node.select(selector)
    if len(found) != 1:
        raise AssertionError(f"expected one element matching {selector!r}, found {len(found)}")
    return found[0]


def text(node):
    """The text of ``node`` as a reader sees it: runs of whitespace are one space, no ends."""
    return " ".join(node.get_text().split())


def texts(node, selector):
    """The text of each element within ``node`` that matches ``selector``, in document order."""
    return [text(found) for found in node.select(selector)]


def active_content(node):
    """The elements within ``node`` through which a browser could run code.

    Each <script> other than JSON data (JSON-LD is inert), each element with an ``on...``
    event-handler attribute and each with a ``javascript:`` address. Hostile text that was
    escaped never appears here, so a page lists only its own scripts.
    """
    return [
        element
        for element in node.find_all(True)
        if (element.name == "script" and element.get("type") != "application/ld+json")
        or any(name.lower().startswith("on") for name in element.attrs)
        or any(
            # Browsers drop the tabs and newlines within an address, and the spaces around it.
            isinstance(value, str) and "".join(value.split()).lower().startswith("javascript:")
            for value in element.attrs.values()
        )
    ]


def fields_in(form):
    """The input fields a browser sends with ``form`` (a parsed <form>): those inside it, and
    those elsewhere in its document that name it with the form attribute."""
    inside = [field for field in form.select("input[name]") if not field.get("form")]
    if not form.get("id"):
        return inside
    document = form
    while document.parent is not None:
        document = document.parent
    return inside + document.find_all("input", attrs={"name": True, "form": form["id"]})
