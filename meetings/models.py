"""Meetings of one or more conventions, their agenda and documents, who registers, the history
of their dates, and the reminders already sent."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from core.dates import validate_date_in_range
from core.text import BoundedTextField
from core.translated import TranslatedNameMixin

from .enums import MeetingStatus, ParticipantRole, RegistrationStatus, ReminderKind
from .validators import validate_document


class MeetingQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status=MeetingStatus.CANCELLED)

    def between(self, start, end):
        """Meetings with at least one day in [start, end] (either bound may be None)."""
        qs = self
        if start is not None:
            qs = qs.filter(end_date__gte=start)
        if end is not None:
            qs = qs.filter(start_date__lte=end)
        return qs


class MeetingKind(TranslatedNameMixin):
    """A kind of meeting (Meeting of States Parties, Review Conference, Conference of States
    Parties ...): of one convention, or of any convention when none is given."""

    code = models.SlugField(_("code"), max_length=40, unique=True,
                            help_text=_("Stable code used in the API, e.g. msp, workshop."))
    convention = models.ForeignKey(
        "treaties.Convention", null=True, blank=True, on_delete=models.PROTECT,
        related_name="meeting_kinds", verbose_name=_("convention"),
        help_text=_("Leave empty for a kind any convention may hold."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=100)

    class Meta:
        ordering = ["position", "code"]
        verbose_name = _("meeting kind")
        verbose_name_plural = _("meeting kinds")

    def __str__(self):
        return self.localized_name


class Meeting(models.Model):
    """A meeting of one or more conventions (a joint event belongs to several)."""

    conventions = models.ManyToManyField(
        "treaties.Convention", related_name="meetings", verbose_name=_("conventions"),
    )
    # The column keeps the kind's code (to_field): the API and filters speak codes.
    kind = models.ForeignKey(MeetingKind, on_delete=models.PROTECT, to_field="code",
                             db_column="kind", related_name="meetings", verbose_name=_("kind"))
    title = models.CharField(_("title"), max_length=300)
    description = BoundedTextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100)
    country = CountryField(_("country"))
    start_date = models.DateField(_("start date"), validators=[validate_date_in_range])
    end_date = models.DateField(_("end date"), validators=[validate_date_in_range])
    thematic_areas = models.ManyToManyField(
        "treaties.ThematicArea", blank=True, related_name="meetings",
        verbose_name=_("thematic areas"),
    )
    status = models.CharField(_("status"), max_length=20, choices=MeetingStatus.choices,
                              default=MeetingStatus.PLANNED)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True,
                                             validators=[validate_date_in_range])
    admits_observers = models.BooleanField(
        _("admits observer States"), default=True,
        help_text=_("States not party to the convention may register as observers."),
    )
    website = models.URLField(_("website"), blank=True)
    cancellation_reason = models.CharField(_("reason for the cancellation"), max_length=300,
                                           blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["start_date", "end_date", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="%(app_label)s_%(class)s_end_not_before_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
            models.CheckConstraint(
                condition=Q(registration_deadline__isnull=True)
                | Q(registration_deadline__lte=F("end_date")),
                name="%(app_label)s_%(class)s_deadline_not_after_end",
                violation_error_message=_(
                    "The registration deadline cannot be after the meeting ends."
                ),
            ),
        ]
        indexes = [
            models.Index(fields=["start_date", "end_date"], name="meetings_meeting_dates_idx"),
            models.Index(fields=["city", "start_date"], name="meetings_meeting_city_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.city}, {self.start_date:%d %b %Y})"

    def clean(self):
        errors = {}
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date cannot be before the start date.")
        if (self.registration_deadline and self.end_date
                and self.registration_deadline > self.end_date):
            errors["registration_deadline"] = _(
                "The registration deadline cannot be after the meeting ends."
            )
        if self.city:
            self.city = " ".join(self.city.split())
        if errors:
            raise ValidationError(errors)

    @property
    def duration_days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def is_cancelled(self) -> bool:
        return self.status == MeetingStatus.CANCELLED

    @property
    def convention_codes(self) -> list[str]:
        """Codes of the meeting's conventions (uses the prefetched conventions)."""
        return [c.code for c in self.conventions.all()]


class Session(models.Model):
    """One item of a meeting's agenda: a date, a time slot, a title and a room."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="sessions",
                                verbose_name=_("meeting"))
    date = models.DateField(_("date"), validators=[validate_date_in_range])
    start_time = models.TimeField(_("starts at"))
    end_time = models.TimeField(_("ends at"))
    title = models.CharField(_("title"), max_length=300)
    room = models.CharField(_("room"), max_length=100, blank=True)

    class Meta:
        ordering = ["meeting", "date", "start_time", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="%(app_label)s_%(class)s_ends_after_start",
                violation_error_message=_("A session ends after it starts."),
            ),
        ]

    def __str__(self):
        return f"{self.date} {self.start_time:%H:%M} {self.title}"

    def clean(self):
        meeting = self.meeting if self.meeting_id else None
        if meeting and self.date and not (meeting.start_date <= self.date <= meeting.end_date):
            raise ValidationError({"date": _("A session takes place during its meeting.")})
        if self.start_time and self.end_time and self.end_time <= self.start_time:
            raise ValidationError({"end_time": _("A session ends after it starts.")})


def document_upload_to(instance, filename):
    return f"meetings/{instance.meeting_id}/{filename}"


class MeetingDocument(models.Model):
    """A document of a meeting (agenda, working paper, report), uploaded with checks."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents",
                                verbose_name=_("meeting"))
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(_("file"), upload_to=document_upload_to,
                            validators=[validate_document])
    size = models.PositiveBigIntegerField(_("size in bytes"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "-uploaded_at", "id"]
        verbose_name = _("meeting document")
        verbose_name_plural = _("meeting documents")

    def __str__(self):
        return self.title


class Registration(models.Model):
    """A person registered for a meeting: a State's delegate, ISU staff or an observer
    organisation; approved by the State's focal point or the ISU."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="registrations",
                                verbose_name=_("meeting"))
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="meeting_registrations",
                             verbose_name=_("portal account"))
    full_name = models.CharField(_("full name"), max_length=200)
    email = models.EmailField(_("email"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    state = models.ForeignKey("treaties.State", null=True, blank=True, on_delete=models.PROTECT,
                              related_name="meeting_registrations", verbose_name=_("State"))
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    as_observer = models.BooleanField(
        _("as observer"), default=False,
        help_text=_("The State is not a party to the meeting's conventions on its dates."),
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.PENDING)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                      on_delete=models.SET_NULL, related_name="+",
                                      verbose_name=_("registered by"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decision_note = models.CharField(_("note on the decision"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "state__iso3", "full_name", "id"]
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "meeting",
                name="%(app_label)s_%(class)s_one_per_person_and_meeting",
                violation_error_message=_("This person is already registered for this meeting."),
            ),
            models.CheckConstraint(
                condition=(Q(role=ParticipantRole.DELEGATE, state__isnull=False)
                           | ~Q(role=ParticipantRole.DELEGATE)),
                name="%(app_label)s_%(class)s_delegate_has_state",
                violation_error_message=_("A delegate registers for a State."),
            ),
            models.CheckConstraint(
                condition=(Q(role=ParticipantRole.OBSERVER_ORGANISATION) & ~Q(organisation=""))
                | ~Q(role=ParticipantRole.OBSERVER_ORGANISATION),
                name="%(app_label)s_%(class)s_observer_has_organisation",
                violation_error_message=_("An observer organisation must be named."),
            ),
        ]
        indexes = [
            models.Index(fields=["meeting", "status"], name="meetings_reg_status_idx"),
        ]

    def __str__(self):
        return f"{self.full_name} – {self.meeting.title}"

    def clean(self):
        if self.role == ParticipantRole.DELEGATE and not self.state_id:
            raise ValidationError({"state": _("A delegate registers for a State.")})
        if self.role == ParticipantRole.OBSERVER_ORGANISATION and not self.organisation.strip():
            raise ValidationError({"organisation": _("An observer organisation must be named.")})
        if self.email:
            self.email = self.email.strip().lower()


class MeetingDateChange(models.Model):
    """One move of a meeting's dates: what they were, what they became, who moved them, why."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="date_changes",
                                verbose_name=_("meeting"))
    previous_start = models.DateField(_("previous start"))
    previous_end = models.DateField(_("previous end"))
    new_start = models.DateField(_("new start"))
    new_end = models.DateField(_("new end"))
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("changed by"))
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "-changed_at", "-id"]
        verbose_name = _("date change")
        verbose_name_plural = _("date changes")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_end__gte=F("new_start")) & Q(previous_end__gte=F("previous_start")),
                name="%(app_label)s_%(class)s_ranges_ordered",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]

    def __str__(self):
        return f"{self.meeting.title}: {self.previous_start} → {self.new_start}"


class ReminderMessage(models.Model):
    """The one reminder email a person (an address) gets on a day, listing every reminder due
    that day across meetings and kinds; the unique row makes it one message per person per
    day, as the reporting reminders do."""

    email = models.EmailField(_("sent to"))
    day = models.DateField(_("day"))
    subject = models.CharField(_("subject"), max_length=300, blank=True)
    body = models.TextField(_("body"), blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-day", "email"]
        verbose_name = _("reminder email")
        verbose_name_plural = _("reminder emails")
        constraints = [
            models.UniqueConstraint(
                Lower("email"), "day", name="%(app_label)s_%(class)s_one_per_person_per_day",
                violation_error_message=_("This person already has a reminder for this day."),
            ),
        ]

    def __str__(self):
        return f"{self.email} {self.day}"


class Reminder(models.Model):
    """A reminder sent to one registration; the unique row makes each reminder go out once.
    It went out in `message`, with the person's other reminders of that day."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="reminders", verbose_name=_("registration"))
    message = models.ForeignKey(ReminderMessage, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="items", verbose_name=_("email"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    # The date the reminder is about: a moved meeting or deadline earns a new reminder.
    about_date = models.DateField(_("about the date"))
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "about_date"],
                name="%(app_label)s_%(class)s_once_per_registration_kind_date",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} → {self.registration.email}"


class ParticipantNotice(models.Model):
    """A notice of one event of a meeting (new dates, cancellation) sent to one registration;
    the unique row makes each participant hear of each event once, however often the task
    runs."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE,
                                     related_name="notices", verbose_name=_("registration"))
    # "dates:<date change id>" or "cancelled"
    event = models.CharField(_("event"), max_length=40)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        ordering = ["-sent_at", "-id"]
        verbose_name = _("participant notice")
        verbose_name_plural = _("participant notices")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "event"],
                name="%(app_label)s_%(class)s_once_per_registration_and_event",
                violation_error_message=_("This participant was already told of this event."),
            ),
        ]

    def __str__(self):
        return f"{self.event} → {self.registration.email}"


class ProposalAcceptance(models.Model):
    """One owning ISU's acceptance of a proposed date shift of a meeting. A joint meeting moves
    only once every one of its conventions accepted the same shift from the same dates; the
    acceptance that completes the set moves it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE,
                                related_name="proposal_acceptances", verbose_name=_("meeting"))
    convention = models.ForeignKey("treaties.Convention", on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("accepted for"))
    # The meeting's dates when accepted: once it moved, an old acceptance no longer counts.
    from_start = models.DateField(_("from start"))
    from_end = models.DateField(_("from end"))
    new_start = models.DateField(_("new start"))
    new_end = models.DateField(_("new end"))
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("accepted by"))
    accepted_at = models.DateTimeField(_("accepted at"), auto_now_add=True)

    class Meta:
        ordering = ["meeting", "accepted_at", "id"]
        verbose_name = _("acceptance of a date shift")
        verbose_name_plural = _("acceptances of date shifts")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "convention", "from_start", "from_end", "new_start",
                        "new_end"],
                name="%(app_label)s_%(class)s_once_per_convention",
                violation_error_message=_("This ISU already accepted this date shift."),
            ),
        ]

    def __str__(self):
        return f"{self.meeting.title}: {self.convention.code} → {self.new_start}"
