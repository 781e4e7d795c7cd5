"""Whether a member is signed in, for the header's "My membership" link and the join box."""

from django.conf import settings

from memberships.views import SESSION_KEY


def member(request):
    """``signed_in_member``: "member" for a request with a member session, else "".

    Only a request that carries a session cookie looks into the session: an anonymous
    reader's page is untouched and stays the one copy shared by every reader. A request with
    a session is never served nor stored as a shared page (``cache_reader_page``), and the
    header and join box fragments are named with this value, so a member's copy is never an
    anonymous reader's.
    """
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return {"signed_in_member": ""}
    return {"signed_in_member": "member" if request.session.get(SESSION_KEY) else ""}
