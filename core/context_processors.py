from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language_bidi
from django.utils.translation import gettext_lazy as _

# The main navigation: each section is an app's "<app>:index" page, shown once the app has one.
NAVIGATION = [
    ("meetings:index", _("Meetings")),
    ("sponsorship:index", _("Sponsorship")),
    ("reporting:index", _("Reporting")),
    ("staffing:index", _("Staffing")),
    ("treaties:convention-list", _("Conventions")),
    ("treaties:state-list", _("States")),
    ("treaties:overlap", _("Membership overlap")),
]


def _navigation():
    items = []
    for name, label in NAVIGATION:
        try:
            items.append({"url": reverse(name), "label": label, "name": name})
        except NoReverseMatch:
            continue
    return items


def portal(request):
    return {
        "portal_navigation": _navigation(),
        "portal_languages": settings.LANGUAGES,
        "portal_direction": "rtl" if get_language_bidi() else "ltr",
    }
