from django.conf import settings


def desk(request):
    """The desk's name, for page titles and the ClaimReview author."""
    return {"DESK_NAME": settings.FACTDESK_DESK_NAME}
