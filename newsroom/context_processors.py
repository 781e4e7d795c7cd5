from django.conf import settings

from articles.models import Region


def site(request):
    """Site name and the region navigation, on every page."""
    return {
        "site_name": settings.SITE_NAME,
        "nav_regions": Region.objects.navigation(),
    }
