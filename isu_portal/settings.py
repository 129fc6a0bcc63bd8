"""Settings, read from the environment (see .env.example for every variable).

With no environment at all the portal runs on SQLite with Celery tasks executed eagerly in the
web process, so a newcomer needs nothing but Python. DATABASE_URL and CELERY_BROKER_URL switch
to PostgreSQL and Redis.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured
from django.core.management.utils import get_random_secret_key
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(env("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")), overwrite=False)

# Safe by default: debug is for the development commands only (`dev.py run` and the tests set
# DJANGO_DEBUG=true), and there is no public default secret key.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set: set it in the environment or in .env (a long random "
            "string, e.g. python3 -c 'import secrets; print(secrets.token_urlsafe(50))'), or "
            "use `python3 dev.py run` for development."
        )
    # Debug by hand without a key: a key of this process only (sessions end with it).
    SECRET_KEY = get_random_secret_key()
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tables2",
    "django_htmx",
    "django_celery_beat",
    "django_countries",
    "template_partials",
    "csp",
    "core",
    "accounts",
    "treaties",
    "meetings",
    "sponsorship",
    "reporting",
    "staffing",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # Refuses NUL and other control characters, and oversized bodies, before anything reads them.
    "core.middleware.InputSafetyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "csp.middleware.CSPMiddleware",
]

ROOT_URLCONF = "isu_portal.urls"
WSGI_APPLICATION = "isu_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.portal",
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Languages of the pages and PDFs. Arabic is laid out right-to-left by the base template.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Geneva is where the host organisation and most meetings are; stored times are UTC.
TIME_ZONE = env("TIME_ZONE", default="Europe/Zurich")

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
WHITENOISE_USE_FINDERS = DEBUG
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env(
            "STATICFILES_BACKEND",
            default="django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
# Uploads (meeting documents, report attachments) are checked against this size.
MAX_UPLOAD_SIZE = env.int("MAX_UPLOAD_SIZE", default=10 * 1024 * 1024)
# Everything in a request body but its uploaded files (which MAX_UPLOAD_SIZE bounds): forms and
# JSON. Free text is bounded per field (core.text.TEXT_MAX_LENGTH); this bounds the whole body.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("DATA_UPLOAD_MAX_MEMORY_SIZE", default=2 * 1024 * 1024)

# Email: console in development, SMTP with EMAIL_URL (smtp://user:pass@host:port).
_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 30
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="ISU Coordination Portal <noreply@localhost>"
)

# Celery: eager in-process without a broker, Redis (or any broker URL) otherwise.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=CELERY_BROKER_URL or None)
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = CELERY_TASK_TIME_LIMIT - 30
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int("CELERY_WORKER_MAX_MEMORY_PER_CHILD", default=400_000)
CELERY_BROKER_TRANSPORT_OPTIONS = env.json("CELERY_BROKER_TRANSPORT_OPTIONS",
                                           default={"visibility_timeout": 3600})
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"
# Periodic scans; each domain app adds its own entries here (name -> task and schedule).
CELERY_BEAT_SCHEDULE: dict = {
    "staffing-yearly-reports": {  # staffing: last year's staffing and cost PDF of each ISU
        "task": "isu.staffing.yearly_reports_request",
        "schedule": crontab(minute=0, hour=6, day_of_month=15, month_of_year=1),
    },
    # Reporting reminders: N days before, on and after each deadline, one email per person a day.
    "reporting-reminders": {"task": "isu.reporting.reminders_scan", "schedule": 3600 * 6},
    # Meetings: reminders before a meeting and before a registration deadline (each sent once).
    "meetings-reminders": {"task": "isu.meetings.reminders_send", "schedule": 3600.0},
    # Sponsorship: an award letter for every approved application that has none yet.
    "sponsorship-award-letters": {
        "task": "isu.sponsorship.award_letters_ensure", "schedule": 3600.0,
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PAGINATION_CLASS": "core.api.pagination.PortalPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "core.api.errors.portal_exception_handler",
    "DEFAULT_VERSIONING_CLASS": None,
    "TEST_REQUEST_DEFAULT_FORMAT": "json",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ISU Coordination Portal API",
    "DESCRIPTION": (
        "Meetings, joint sponsorship, synchronized reporting and staffing of the Implementation "
        "Support Units of disarmament conventions."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several apps have a "kind" or "status" field with their own choices: name each enum.
    "ENUM_NAME_OVERRIDES": {
        "ObligationKindEnum": "reporting.enums.ObligationKind",
        "AssignmentKindEnum": "staffing.enums.AssignmentKind",
        "AbsenceKindEnum": "staffing.enums.AbsenceKind",
        "AssignmentStatusEnum": "staffing.enums.AssignmentStatus",
        "MeetingStatusEnum": "meetings.enums.MeetingStatus",
        "MeetingWritableStatusEnum": "meetings.api.serializers.WRITABLE_MEETING_STATUSES",
        "ReminderKindEnum": "meetings.enums.ReminderKind",
        "DonorKindEnum": "sponsorship.enums.DonorKind",
        "RegistrationStatusEnum": "meetings.enums.RegistrationStatus",
        "ReportStatusEnum": "reporting.enums.ReportStatus",
        "ComplianceStatusEnum": "reporting.enums.ComplianceStatus",
        "ExtensionStatusEnum": "reporting.enums.ExtensionStatus",
        "GeneratedFileStatusEnum": "core.enums.GeneratedFileStatus",
        "LanguageEnum": "core.languages.LANGUAGE_CHOICES",
        "ApplicationStatusEnum": "sponsorship.enums.ApplicationStatus.choices",
    },
}

DJANGO_TABLES2_TEMPLATE = "django_tables2/table.html"
DJANGO_TABLES2_TABLE_ATTRS = {"class": "table"}

# Strict CSP: every asset comes from the portal itself, no inline script or style.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Meetings of different conventions in the same city at most this many days apart form a
# back-to-back cluster.
MEETING_CLUSTER_MAX_GAP_DAYS = env.int("MEETING_CLUSTER_MAX_GAP_DAYS", default=3)
# Meetings in the same city this many days apart are proposed to move next to each other; and
# reminders go out this many days before a meeting and before its registration deadline.
MEETING_PROPOSAL_WINDOW_DAYS = env.int("MEETING_PROPOSAL_WINDOW_DAYS", default=42)
MEETING_REMINDER_DAYS_BEFORE = env.int("MEETING_REMINDER_DAYS_BEFORE", default=7)
MEETING_DEADLINE_REMINDER_DAYS_BEFORE = env.int("MEETING_DEADLINE_REMINDER_DAYS_BEFORE",
                                                default=3)

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
