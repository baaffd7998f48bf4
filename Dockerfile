# syntax=docker/dockerfile:1
# Playbook CMS: one image for the web server, the task worker and one-off commands
# (see deploy/entrypoint.sh). Build: docker build -t playbook-cms .

ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- builder: resolve and install the Python dependencies into a virtualenv ----
FROM ${PYTHON_IMAGE} AS builder

ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PYTHONDONTWRITEBYTECODE=1

RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH

WORKDIR /build
# Only the dependency list: this layer is rebuilt when dependencies change, not code.
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml', 'rb'))['project']['dependencies']))" > requirements.txt \
    && pip install --requirement requirements.txt \
    && python -m compileall -q /opt/venv

# ---- runtime: slim, non-root, with Pango and fonts for WeasyPrint ----
FROM ${PYTHON_IMAGE} AS runtime

# Pango/HarfBuzz lay out the PDF; libharfbuzz-subset0 makes font subsetting fast; the
# DejaVu and Noto fonts cover the content's scripts, Arabic included (a missing glyph
# makes layout ~10x slower and prints boxes); gettext compiles the PDF's translations.
# Versions float with Debian stable's security updates.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-noto-core \
        gettext \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 app \
    && useradd --system --uid 10001 --gid app --home-dir /app --shell /usr/sbin/nologin app

COPY --from=builder /opt/venv /opt/venv

ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=cms.settings.production \
    APP_HOME=/app \
    STATIC_ROOT=/app/static \
    MEDIA_ROOT=/app/media \
    PORT=8000

WORKDIR /app
# The code stays owned by root: the server process can read it but not change it.
COPY . .

# Static files and the compiled translations (.mo) are part of the image. Production
# settings insist on their variables, so collectstatic gets throwaway values that exist
# only for this one command: no real secret is baked into any layer, and nothing is
# contacted.
RUN SECRET_KEY=collectstatic-build-only-not-a-secret \
    DATABASE_URL=sqlite:////tmp/collectstatic.sqlite3 \
    ALLOWED_HOSTS=localhost \
    REDIS_URL=redis://localhost:6379/0 \
    PUBLIC_BASE_URL=https://build.invalid \
    python manage.py collectstatic --noinput -v0 \
    && python manage.py compilemessages -v0 \
    && rm -f /tmp/collectstatic.sqlite3 \
    && mkdir -p /app/media /app/backups \
    && chown -R app:app /app/static /app/media /app/backups

USER 10001:10001
EXPOSE 8000
VOLUME ["/app/media", "/app/backups"]

HEALTHCHECK --interval=30s --timeout=6s --start-period=40s --retries=3 \
    CMD ["python", "deploy/healthcheck.py"]

ENTRYPOINT ["deploy/entrypoint.sh"]
CMD ["web"]
