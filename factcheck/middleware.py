"""When the database is down, readers get a friendly 503 page, never a traceback.

Only errors that mean "the database cannot be reached or used right now" are turned into
a 503 (`OperationalError`, `InterfaceError`); a programming error still goes to the 500
handler, where it belongs. The page itself never touches the database, and the response
says when to retry. Recovery needs nothing from here: with `CONN_HEALTH_CHECKS` Django
drops a dead persistent connection at the start of the next request and opens a new one.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger("factcheck.unavailable")

RETRY_AFTER_SECONDS = 30
UNAVAILABLE = (OperationalError, InterfaceError)


API_NAMESPACE = "api"
API_MESSAGE = "The desk is briefly unavailable: its database cannot be reached. Retry shortly."


def unavailable_response(*, json: bool = False) -> HttpResponse:
    """The 503 page (or JSON body for the API), made without a request or the database."""
    if json:
        response = JsonResponse({"detail": API_MESSAGE}, status=503)
    else:
        body = render_to_string("503.html", {"retry_after": RETRY_AFTER_SECONDS})
        response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseUnavailableMiddleware:
    """Answers 503 (page, Retry-After) for a view that failed because the database is unavailable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, UNAVAILABLE):
            return None
        # Operators need the cause; readers need only the apology.
        logger.error("Database unavailable serving %s", request.path, exc_info=exception)
        match = request.resolver_match
        return unavailable_response(json=match is not None and match.namespace == API_NAMESPACE)
