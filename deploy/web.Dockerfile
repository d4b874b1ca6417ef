# syntax=docker/dockerfile:1
# The Điện Nhà web client: Flet's server-side web mode (Python runs here, browsers draw).
# It listens on 127.0.0.1:8550 only; compose.yaml runs it in the proxy's network namespace.
# Build from the repository root:  docker build -f deploy/web.Dockerfile .
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DIENNHA_PROFILE=web \
    FLET_WEB_NO_CDN=1

WORKDIR /srv/diennha-web

# The client's dependencies and the `web` extra, pinned by requirements.lock.
COPY pyproject.toml requirements.lock ./
RUN python -c "import tomllib; p = tomllib.load(open('pyproject.toml', 'rb'))['project']; print(chr(10).join(p['dependencies'] + p['optional-dependencies']['web']))" > /tmp/requirements.txt
RUN pip install -c requirements.lock -r /tmp/requirements.txt

# The same files `flet build` bundles: main.py, flet.toml, app/, domain/, assets/.
COPY main.py flet.toml ./
COPY app/ app/
COPY domain/ domain/
COPY assets/ assets/

RUN useradd --system --uid 10002 --create-home diennha
USER diennha

EXPOSE 8550
HEALTHCHECK --interval=15s --timeout=4s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8550/', timeout=3)"]
CMD ["python", "main.py", "--web", "--host", "127.0.0.1", "--port", "8550"]
