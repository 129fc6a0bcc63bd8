"""People and their roles. A user may hold several roles, each scoped to a convention or a State."""

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.languages import language_choices

from .enums import Role


class User(AbstractUser):
    """A person who signs in: ISU staff, a State's focal point or delegate, host staff, admin."""

    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=10,
        default="en",
        choices=language_choices,
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    class Meta:
        ordering = ["username"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self):
        return str(self)


class RoleAssignment(models.Model):
    """One role of one user, with its scope: a convention (ISU staff) or a State (delegates)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    convention = models.ForeignKey(
        "treaties.Convention",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("convention"),
    )
    state = models.ForeignKey(
        "treaties.State",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("State"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        constraints = [
            models.CheckConstraint(
                name="%(app_label)s_%(class)s_scope_matches_role",
                condition=(
                    Q(role__in=sorted(Role.CONVENTION_SCOPED), convention__isnull=False,
                      state__isnull=True)
                    | Q(role__in=sorted(Role.STATE_SCOPED), state__isnull=False,
                        convention__isnull=True)
                    | Q(role__in=sorted(Role.UNSCOPED), state__isnull=True,
                        convention__isnull=True)
                ),
                violation_error_message=_(
                    "ISU staff need a convention, focal points and delegates a State, "
                    "and other roles neither."
                ),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "convention"],
                condition=Q(convention__isnull=False),
                name="%(app_label)s_%(class)s_unique_convention_role",
                violation_error_message=_("This user already has this role."),
            ),
            models.UniqueConstraint(
                fields=["user", "role", "state"],
                condition=Q(state__isnull=False),
                name="%(app_label)s_%(class)s_unique_state_role",
                violation_error_message=_("This user already has this role."),
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(state__isnull=True, convention__isnull=True),
                name="%(app_label)s_%(class)s_unique_unscoped_role",
                violation_error_message=_("This user already has this role."),
            ),
        ]

    def __str__(self):
        scope = self.convention or self.state
        return f"{self.user}: {self.get_role_display()}" + (f" ({scope})" if scope else "")
