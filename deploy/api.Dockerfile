# syntax=docker/dockerfile:1
# The Điện Nhà API (FastAPI on uvicorn); the same image runs `migrate`, `dispatch`, `seed`,
# `bill-run`… Build from the repository root:  docker build -f deploy/api.Dockerfile .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DIENNHA_ENV=prod \
    DIENNHA_DATA_DIR=/srv/diennha/data

WORKDIR /srv/diennha

# Dependencies first (a layer that survives code changes): the project's own list plus the
# `server` extra, pinned by requirements.lock.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print(chr(10).join(p['dependencies'] + p['optional-dependencies']['server']))" > /tmp/requirements.txt
RUN pip install -c requirements.lock -r /tmp/requirements.txt

COPY domain/ domain/
COPY server/ server/

RUN useradd --system --uid 10001 --create-home diennha \
    && mkdir -p data && chown diennha data
USER diennha

EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=4s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/api/v1/health', timeout=3)"]
ENTRYPOINT ["python", "-m", "server"]
CMD ["serve", "--host", "0.0.0.0", "--port", "8000"]
