"""Names in each of the portal's languages, for any model that carries them (conventions,
obligations, forms, meeting kinds, thematic areas). Adding a language is one entry in
settings.LANGUAGES and one column here (with its migrations); the system check core.E001 keeps
the two in step."""

from django.apps import apps
from django.conf import settings
from django.core import checks
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _


class TranslatedNameMixin(models.Model):
    """A name in each of the portal's languages; `localized_name` picks the active one."""

    name = models.CharField(_("name (English)"), max_length=300)
    name_fr = models.CharField(_("name (French)"), max_length=300, blank=True)
    name_es = models.CharField(_("name (Spanish)"), max_length=300, blank=True)
    name_ar = models.CharField(_("name (Arabic)"), max_length=300, blank=True)

    class Meta:
        abstract = True

    @property
    def localized_name(self) -> str:
        language = (translation.get_language() or "en")[:2]
        return getattr(self, f"name_{language}", "") or self.name


def translated_name_column(language: str) -> str:
    return "name" if language == settings.LANGUAGE_CODE[:2] else f"name_{language}"


@checks.register()
def translated_names_cover_the_languages(app_configs=None, **kwargs):
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
                    hint="Add the column to core.translated.TranslatedNameMixin and migrations.",
                    obj=model, id="core.E001"))
    return errors
