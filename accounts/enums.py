from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    ISU_STAFF = "isu_staff", _("ISU staff")
    FOCAL_POINT = "focal_point", _("National focal point")
    DELEGATE = "delegate", _("Delegate")
    HOST_STAFF = "host_staff", _("Host organisation staff (sponsorship and finance)")
    ADMINISTRATOR = "administrator", _("Administrator")


# A role of one convention's ISU needs the convention; a State's role needs the State.
Role.CONVENTION_SCOPED = {Role.ISU_STAFF}
Role.STATE_SCOPED = {Role.FOCAL_POINT, Role.DELEGATE}
Role.UNSCOPED = {Role.HOST_STAFF, Role.ADMINISTRATOR}
