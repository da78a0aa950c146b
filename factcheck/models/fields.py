"""Field builders shared by the desk's models."""

from django.conf import settings
from django.db import models


def desk_user(**options) -> models.ForeignKey:
    """Who did something on the desk: a user, kept as null when that account is deleted.

    Set by the services, not typed in a form (`editable=False`), unless `options` say so.
    """
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        **{
            "on_delete": models.SET_NULL,
            "null": True,
            "blank": True,
            "related_name": "+",
            "editable": False,
            **options,
        },
    )
