from django.db import migrations, models

# The existing extension-request obligations get their treaty numbers (APMBC Art. 5(1) and
# (3): 10 years, extensions up to 10 years; CCM Art. 4(1) and (5): 10 years, at most 5 years
# per request). Any other extension-request obligation an administrator added gets the
# stricter common ground (10 and 5) so the new constraint holds; the admin can correct it.
TREATY_NUMBERS = {"apmbc-art5-extension": (10, 10), "ccm-art4-extension": (10, 5)}


def fill_extension_numbers(apps, schema_editor):
    Obligation = apps.get_model("reporting", "Obligation")
    for obligation in Obligation.objects.filter(kind="extension_request"):
        years, max_years = TREATY_NUMBERS.get(obligation.code, (10, 5))
        obligation.clearance_deadline_years = years
        obligation.extension_max_years = max_years
        obligation.request_due_months_before = 9
        obligation.save(update_fields=["clearance_deadline_years", "extension_max_years",
                                       "request_due_months_before"])


class Migration(migrations.Migration):

    dependencies = [
        ('reporting', '0002_extension_not_granted'),
        ('treaties', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='obligation',
            name='clearance_deadline_years',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Extension requests: the original clearance deadline falls this many years after the convention entered into force for the State.', null=True, verbose_name='years from entry into force to the clearance deadline'),
        ),
        migrations.AddField(
            model_name='obligation',
            name='extension_max_years',
            field=models.PositiveSmallIntegerField(blank=True, help_text='Extension requests: a request may ask at most this many years beyond the deadline it extends.', null=True, verbose_name='longest extension per request (years)'),
        ),
        migrations.AddField(
            model_name='obligation',
            name='request_due_months_before',
            field=models.PositiveSmallIntegerField(default=9, help_text='Extension requests: how many months before the deadline the request is due (practice: at least 9 months, for the meeting that decides it).', verbose_name='request due (months before the deadline)'),
        ),
        migrations.RunPython(fill_extension_numbers, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name='obligation',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'extension_request'), _negated=True), models.Q(('clearance_deadline_years__gte', 1), ('extension_max_years__gte', 1)), _connector='OR'), name='reporting_obligation_extension_has_its_numbers', violation_error_message='An extension-request obligation needs the years to the clearance deadline and the longest extension per request.'),
        ),
    ]
