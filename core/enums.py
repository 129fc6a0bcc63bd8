from django.db import models
from django.utils.translation import gettext_lazy as _


class GeneratedFileStatus(models.TextChoices):
    PENDING = "pending", _("Waiting")
    RUNNING = "running", _("Being generated")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


GeneratedFileStatus.FINISHED = {GeneratedFileStatus.DONE, GeneratedFileStatus.FAILED}
