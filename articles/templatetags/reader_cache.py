"""``{% fragment %}``: a piece of a reader page made once per content generation.

    {% load reader_cache %}
    {% fragment "article-rails" article.pk timeout=300 %} … {% endfragment %}

The name and the values after it identify the piece; ``timeout`` (seconds) caps how long it
is kept, which is never past the next content change or scheduled publication (see
``articles.reader_cache.get_or_make``). Signed-in staff and the desk's previews always get
the piece rendered afresh, so an editor checking a change sees exactly what is stored.
"""

from django import template

from articles.reader_cache import get_or_make, is_staff_request

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, parts, timeout):
        self.nodelist = nodelist
        self.parts = parts
        self.timeout = timeout

    def render(self, context):
        if context.get("preview") or is_staff_request(context.get("request")):
            return self.nodelist.render(context)
        name = ":".join(str(part.resolve(context)) for part in self.parts)
        timeout = self.timeout.resolve(context) if self.timeout is not None else None
        return get_or_make(
            "fragment:" + name,
            lambda: self.nodelist.render(context),
            timeout=int(timeout) if timeout is not None else None,
        )


@register.tag
def fragment(parser, token):
    bits = token.split_contents()[1:]
    if not bits:
        raise template.TemplateSyntaxError("{% fragment %} needs a name.")
    timeout = None
    if bits[-1].startswith("timeout="):
        timeout = parser.compile_filter(bits.pop()[len("timeout=") :])
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, [parser.compile_filter(bit) for bit in bits], timeout)
