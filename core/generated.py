"""Generated files (PDFs, spreadsheets): requested on a page or through the API, built by a
Celery task, downloaded when ready.

Each kind is registered by the app that owns it with one call in its AppConfig.ready():

    generated.register("meetings.badges", label=_("Name badges"),
                       build="meetings.documents.badges_build",
                       can_request="meetings.documents.badges_can_request")

`build` and `can_request` may be callables or dotted paths (imported when first used, so ready()
imports nothing of the app). Users see the translated `label`, never the internal name."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .enums import GeneratedFileStatus
from .models import GeneratedFile


def _resolve(target):
    return import_string(target) if isinstance(target, str) else target


@dataclass(frozen=True)
class GeneratedKind:
    """How one kind of file is built, who may have it and what users call it."""

    name: str
    label: str  # translated (a lazy string) — what the pages show
    _build: Callable[[dict, str], tuple[bytes, str]] | str  # (params, language) -> (content, name)
    _can_request: Callable[[object, dict], bool] | str  # (user, params) -> allowed

    def build(self, params: dict, language: str) -> tuple[bytes, str]:
        return _resolve(self._build)(params, language)

    def can_request(self, user, params: dict) -> bool:
        return _resolve(self._can_request)(user, params)


logger = logging.getLogger(__name__)

_KINDS: dict[str, GeneratedKind] = {}


# What a file whose kind is no longer registered is called on its page.
UNKNOWN_KIND_LABEL = _("Document")


def register(kind: str, *, label, build, can_request) -> None:
    """Register one kind of generated file (from the owning app's AppConfig.ready())."""
    if not label:
        raise ValueError(f"generated-file kind {kind!r} needs a label users can read")
    _KINDS[kind] = GeneratedKind(name=kind, label=label, _build=build, _can_request=can_request)


def kind_label(name: str):
    """The translated label of a kind, for the pages (never the internal name)."""
    kind = _KINDS.get(name)
    return kind.label if kind is not None else UNKNOWN_KIND_LABEL


def kind_for(name: str) -> GeneratedKind:
    try:
        return _KINDS[name]
    except KeyError:
        raise LookupError(f"no generated-file kind named {name!r}") from None


def can_download(user, generated: GeneratedFile) -> bool:
    """The kind's own rule, asked at download time: having requested a file once is no right to
    it after one's role changes (an award letter follows the application's rules)."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    kind = _KINDS.get(generated.kind)  # a kind no longer registered: administrators only
    return kind is not None and kind.can_request(user, generated.params)


def generated_file_request(*, actor, kind: str, params: dict, language: str) -> GeneratedFile:
    """Queue a file to be built; the caller checks permission with kind_for(kind).can_request."""
    from .tasks import generated_file_build

    kind_for(kind)
    generated = GeneratedFile.objects.create(
        kind=kind, params=params, language=language, requested_by=actor
    )
    transaction.on_commit(lambda: generated_file_build.delay(generated_file_id=generated.pk))
    return generated


def generated_file_build_now(*, generated_file_id: int) -> None:
    """Build one requested file. A second run of a finished file does nothing."""
    with transaction.atomic():
        generated = (
            GeneratedFile.objects.select_for_update().filter(pk=generated_file_id).first()
        )
        if generated is None or generated.is_finished:
            return
        generated.status = GeneratedFileStatus.RUNNING
        generated.save(update_fields=["status"])
    try:
        content, filename = kind_for(generated.kind).build(generated.params, generated.language)
    except Exception as exc:  # the failure is shown to the user on the file's page
        generated.status = GeneratedFileStatus.FAILED
        generated.error = f"{type(exc).__name__}: {exc}"
        generated.finished_at = timezone.now()
        generated.save(update_fields=["status", "error", "finished_at"])
        logger.exception("generated file %s (%s) failed", generated.pk, generated.kind)
        return
    generated.file.save(filename, ContentFile(content), save=False)
    generated.filename = filename
    generated.status = GeneratedFileStatus.DONE
    generated.finished_at = timezone.now()
    generated.save(update_fields=["file", "filename", "status", "finished_at"])
