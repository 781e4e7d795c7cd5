from html.parser import HTMLParser

from django.template import Context, Template


class FormParser(HTMLParser):
    """The forms of a page: action, method and the values a browser would submit by default."""

    def __init__(self):
        super().__init__()
        self.forms = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": attrs.get("action"),
                    "method": attrs.get("method"),
                    "fields": {},
                    "names": set(),
                }
            )
        elif tag == "input" and self.forms:
            form = self.forms[-1]
            name = attrs.get("name")
            if not name:
                return
            form["names"].add(name)
            if attrs.get("type") in {"radio", "checkbox"}:
                if "checked" in attrs:
                    form["fields"][name] = attrs.get("value", "on")
            else:
                form["fields"][name] = attrs.get("value", "")


def forms_in(html):
    parser = FormParser()
    parser.feed(html)
    return parser.forms


def render_join_box():
    """The join box exactly as the article page includes it."""
    return Template('{% include "memberships/_join_box.html" %}').render(Context({}))


JOIN_DATA = {
    "plan": "supporter-monthly",
    "custom_amount": "",
    "email": "ani@example.org",
    "name": "Ani Petrosyan",
    "email_consent": "on",
    "website": "",
}
