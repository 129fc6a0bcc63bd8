# Everyday commands; each runs inside .venv (created by `python3 dev.py ...`).
PY := .venv/bin/python
# These are development commands: debug on unless the environment says otherwise.
export DJANGO_DEBUG ?= true

.PHONY: run test lint format migrations schema worker beat messages demo ci

run:            ## set up, load demo data and start the portal on http://127.0.0.1:8000/
	python3 dev.py run

test:           ## set up and run the whole test suite (pass ARGS="tests/treaties -x")
	python3 dev.py test $(ARGS)

lint:
	.venv/bin/ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check --fail-level WARNING

format:
	.venv/bin/ruff check --fix .

migrations:
	$(PY) manage.py makemigrations

schema:         ## regenerate the committed OpenAPI schema
	DATABASE_URL=sqlite:///:memory: $(PY) manage.py spectacular --validate --fail-on-warn \
	  --file docs/api/openapi.yaml

worker:         ## needs CELERY_BROKER_URL
	.venv/bin/celery -A isu_portal worker --loglevel INFO

beat:           ## needs CELERY_BROKER_URL
	.venv/bin/celery -A isu_portal beat --loglevel INFO

messages:       ## extract every app's strings into locale/ (fr, es, ar), then compile them
	$(PY) manage.py makemessages -l fr -l es -l ar --ignore '.venv/*' --ignore 'tests/*' \
	  --ignore 'bench/*' --ignore 'staticfiles/*'
	$(PY) manage.py compilemessages --ignore .venv

demo:
	$(PY) manage.py load_demo

ci:             ## what CI runs (needs PostgreSQL and Redis)
	bash .ci/run
