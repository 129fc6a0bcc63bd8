FROM python:3.11-slim-bookworm
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 \
      libharfbuzz-subset0 gettext \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY pyproject.toml README.md ./
COPY . .
RUN pip install . && useradd --create-home portal && mkdir -p /data/media && chown portal /data/media
# Production defaults; DJANGO_SECRET_KEY must come from the environment at run time (the portal
# refuses to start without it). The key below exists only for the collectstatic build step.
ENV DJANGO_DEBUG=false STATICFILES_BACKEND=whitenoise.storage.CompressedManifestStaticFilesStorage
RUN DJANGO_SECRET_KEY=collectstatic-only python manage.py collectstatic --noinput
USER portal
EXPOSE 8000
CMD ["gunicorn", "isu_portal.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-"]
