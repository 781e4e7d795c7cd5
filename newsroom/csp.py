"""The Content-Security-Policy middleware (django-csp's), which builds no policy for a response
that is exempt from it (``csp.decorators.csp_exempt``).

django-csp builds both policies for every response, then leaves the header off an exempt one.
The beacon, posted with every story read, answers with an empty 204 that no browser renders:
the policies it would carry are built for nothing, on the site's most frequent request.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware


class CSPMiddleware(BaseCSPMiddleware):
    def process_response(self, request, response):
        if getattr(response, "_csp_exempt", False) and getattr(response, "_csp_exempt_ro", False):
            return response
        return super().process_response(request, response)
