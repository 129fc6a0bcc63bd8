"""A system check: every language of settings.LANGUAGES has its name column on every model with
translated names, so a convention's (or an obligation's, a meeting kind's) names in all the
portal's languages are data that the import, the API and the admin can carry."""

from django.apps import apps
from django.conf import settings
from django.core import checks


def translated_name_column(language: str) -> str:
    return "name" if language == settings.LANGUAGE_CODE[:2] else f"name_{language}"


@checks.register()
def translated_names_cover_the_languages(app_configs=None, **kwargs):
    from .models import TranslatedNameMixin

    errors = []
    for model in apps.get_models():
        if not issubclass(model, TranslatedNameMixin):
            continue
        columns = {f.name for f in model._meta.get_fields()}
        for code, _label in settings.LANGUAGES:
            if translated_name_column(code) not in columns:
                errors.append(checks.Error(
                    f"{model._meta.label} has no column {translated_name_column(code)!r} for "
                    f"the language {code!r} of settings.LANGUAGES",
                    hint="Add the column to treaties.TranslatedNameMixin and a migration.",
                    obj=model, id="treaties.E001"))
    return errors
