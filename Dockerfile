# The production image: the app under gunicorn, static files served by WhiteNoise.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=factcheck.settings.production

WORKDIR /app
RUN useradd --create-home --uid 1000 factdesk

COPY pyproject.toml README.md ./
COPY factcheck ./factcheck
COPY companies ./companies
RUN pip install --upgrade pip && pip install .

COPY manage.py ./
COPY templates ./templates
COPY static ./static
# collectstatic needs settings to import; the key is thrown away with this layer.
RUN SECRET_KEY=collectstatic-only-build-key-not-used-at-run-time-xx \
    python manage.py collectstatic --noinput

USER factdesk
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "2", "--access-logfile", "-"]
