"""A convention's names in every language of the portal are data: the columns follow
settings.LANGUAGES, and a language without its column is a system check error."""

from core.translated import translated_names_cover_the_languages
from treaties.services import translated_name_fields


def test_name_columns_follow_the_languages_setting(settings):
    assert translated_name_fields() == ["name", "name_fr", "name_es", "name_ar"]
    assert translated_names_cover_the_languages() == []


def test_a_language_without_its_column_is_reported(settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ru", "Russian")]
    errors = translated_names_cover_the_languages()
    assert {e.id for e in errors} == {"core.E001"}
    assert {e.obj._meta.label for e in errors} >= {"treaties.Convention", "reporting.Obligation",
                                                    "meetings.MeetingKind"}
    assert all("'name_ru'" in e.msg for e in errors)
