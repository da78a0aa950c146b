"""Error pages in the site's own style.

They never query the database, so they still render when it is the thing that failed.
"""

from django.shortcuts import render


def bad_request(request, exception=None):
    return render(request, "400.html", status=400)


def not_found(request, exception=None):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
