"""Generated files (PDFs, spreadsheets): requested on a page or through the API, built by a
Celery task, downloaded when ready. Each kind is registered once by the app that owns it."""

import logging
from collections.abc import Callable
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .enums import GeneratedFileStatus
from .models import GeneratedFile


@dataclass(frozen=True)
class GeneratedKind:
    """How one kind of file is built and who may have it."""

    build: Callable[[dict, str], tuple[bytes, str]]  # (params, language) -> (content, filename)
    can_request: Callable[[object, dict], bool]  # (user, params) -> allowed


logger = logging.getLogger(__name__)

_KINDS: dict[str, GeneratedKind] = {}


def register(kind: str, *, build, can_request) -> None:
    _KINDS[kind] = GeneratedKind(build=build, can_request=can_request)


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
    return kind_for(generated.kind).can_request(user, generated.params)


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
