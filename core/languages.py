"""The portal's languages: settings.LANGUAGES is the one list. Models, forms, serializers and
PDFs take their language choices from here, so adding a language is one setting."""

from django.conf import settings


def language_choices() -> list[tuple[str, str]]:
    """(code, translated name) for every language of the portal, in the settings' order.

    A callable, so model and form fields read the setting when they are used (a model field given
    it needs no migration when a language is added)."""
    return list(settings.LANGUAGES)


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


# For declarations that need a list when the module loads (DRF ChoiceField, the API schema).
LANGUAGE_CHOICES = language_choices()
