from html.parser import HTMLParser

from django.template import Context, Template
from django.test import Client, TestCase


class FormParser(HTMLParser):
    """The forms of a page: action, method and the values a browser would submit by default,
    with the fields inside each form and those elsewhere that name it (``form="<its id>"``)."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.open_form = None
        self.by_id = {}
        self.elsewhere = []  # fields naming a form by its id, which may come before it

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.open_form = {
                "action": attrs.get("action"),
                "method": attrs.get("method"),
                "fields": {},
                "names": set(),
            }
            self.forms.append(self.open_form)
            if attrs.get("id"):
                self.by_id[attrs["id"]] = self.open_form
        elif tag == "input" and attrs.get("name"):
            if attrs.get("form"):
                self.elsewhere.append(attrs)
            elif self.open_form is not None:
                self._add(self.open_form, attrs)

    def handle_endtag(self, tag):
        if tag == "form":
            self.open_form = None

    def close(self):
        super().close()
        for attrs in self.elsewhere:
            if attrs["form"] in self.by_id:
                self._add(self.by_id[attrs["form"]], attrs)

    @staticmethod
    def _add(form, attrs):
        name = attrs["name"]
        form["names"].add(name)
        if attrs.get("type") in {"radio", "checkbox"}:
            if "checked" in attrs:
                form["fields"][name] = attrs.get("value", "on")
        else:
            form["fields"][name] = attrs.get("value", "")


def forms_in(html):
    parser = FormParser()
    parser.feed(html)
    parser.close()
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


class CommittingClient(Client):
    """A test client whose requests end as real ones do, with their commit.

    A test's own transaction never commits, so what a request queues for after its commit (the
    emails' tasks, see memberships/emails.py) would never run: this client runs it as the
    request ends. The tests' immediate backend then sends the email at once.
    """

    def request(self, **request):
        with TestCase.captureOnCommitCallbacks(execute=True):
            return super().request(**request)
