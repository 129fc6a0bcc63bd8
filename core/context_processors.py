from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_bidi

from .registry import navigation_items


def _navigation():
    items = []
    for item in navigation_items():  # each app registers its sections in AppConfig.ready()
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": item.label, "name": item.url_name})
    return items


def portal(request):
    return {
        "portal_navigation": _navigation(),
        "portal_languages": settings.LANGUAGES,
        "portal_direction": "rtl" if get_language_bidi() else "ltr",
    }
