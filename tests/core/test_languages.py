"""settings.LANGUAGES is the one list of languages: every language field reads it."""

import pytest

from accounts.models import User
from reporting.models import Report
from sponsorship.forms import ReportForm
from sponsorship.models import Application

LANGUAGE_FIELDS = [(User, "preferred_language"), (Report, "language"),
                   (Application, "language")]


def _codes(choices):
    return [code for code, _name in choices]


def test_every_language_field_offers_the_settings_languages():
    for model, name in LANGUAGE_FIELDS:
        assert _codes(model._meta.get_field(name).choices) == ["en", "fr", "es", "ar"], model
    assert _codes(ReportForm().fields["language"].choices) == ["en", "fr", "es", "ar"]


def test_a_language_added_to_the_setting_is_offered_everywhere(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ru", "Russian")]
    for model, name in LANGUAGE_FIELDS:
        assert _codes(model._meta.get_field(name).choices)[-1] == "ru", model
    assert _codes(ReportForm().fields["language"].choices)[-1] == "ru"


@pytest.mark.django_db
def test_a_language_outside_the_setting_is_refused():
    from django.core.exceptions import ValidationError

    field = User._meta.get_field("preferred_language")
    field.clean("ar", None)
    with pytest.raises(ValidationError):
        field.clean("de", None)
