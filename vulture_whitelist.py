"""Names vulture reports as unused that Django, DRF or celery call (tests/core/test_dead_code.py
runs vulture with this file). Each entry says who the caller is; dead code is removed, not
listed here."""

# Router-passed URL keywords a nested DRF action must accept (meetings/<meeting_pk>/...).
meeting_pk  # unused variable (meetings/api/views.py: approve, reject, withdraw)

# Django's system-check signature: check(app_configs=None, **kwargs).
app_configs  # unused variable (core/translated.py)
