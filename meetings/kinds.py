"""The meeting kinds every installation starts with (a data migration writes them; the demo and
the test factories make sure they are there). Kinds are data (meetings.MeetingKind): an
administrator adds a convention's own kinds (the ATT's Conference of States Parties, say) in the
admin, and nothing in the code depends on a kind's code."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from core.translated import translated_name_column

# code, English name (its translations come from the portal's catalogues)
STANDARD_KINDS = [
    ("msp", _("Meeting of States Parties")),
    ("review_conference", _("Review Conference")),
    ("intersessional", _("Intersessional meeting")),
    ("preparatory", _("Preparatory meeting")),
    ("informal", _("Informal meeting")),
    ("committee", _("Committee meeting")),
    ("seminar", _("Seminar")),
    ("workshop", _("Workshop")),
    ("training", _("Training")),
    ("capacity_building", _("Capacity building")),
]


def name_columns(label) -> dict:
    """`name`, `name_fr` ... of a translated label, one per language of settings.LANGUAGES."""
    columns = {}
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            text = str(label)
        columns[translated_name_column(code)] = text
    return columns


def ensure_standard_kinds(model=None) -> None:
    """Create the standard kinds that are missing (`model`: the historical model in a
    migration). Existing rows, and their names as administrators edited them, are kept."""
    if model is None:
        from .models import MeetingKind as model
    for position, (code, label) in enumerate(STANDARD_KINDS):
        model.objects.get_or_create(code=code, defaults={**name_columns(label),
                                                         "position": position * 10})
