"""compose.yaml, the Dockerfiles and the Caddyfile fit together and fit the code they run.

Docker is not available here, so this checks structure and wiring: services, health checks,
start order, which settings reach which process, that every DIENNHA_* name is a real
setting, and that every command parses with the server's own CLI."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from server.__main__ import build_parser
from server.config import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
SERVICES = COMPOSE["services"]
BACKEND = ("migrate", "api", "dispatcher", "seed")
CADDYFILE = (ROOT / "deploy" / "Caddyfile").read_text(encoding="utf-8")
ENV_EXAMPLE = (ROOT / "deploy" / "env.example").read_text(encoding="utf-8")
_VAR = re.compile(r"\$\{(\w+)(?::?([-?])([^}]*))?\}")


def interpolate(value: str) -> str:
    """Compose's ${X:-default} with the defaults; ${X:?message} (required) as a stand-in."""

    def one(m: re.Match) -> str:
        name, kind, rest = m.groups()
        if kind == "-":
            return rest
        if "SECRET" in name or "KEY" in name:  # production refuses guessable keys
            return f"Xy7q-2MnB_v40{len(name):02d}Lc9KpRe3TsZd8FuYaG1jHo"
        return f"<{name}>"

    return _VAR.sub(one, str(value))


def test_the_stack_has_every_part():
    assert set(SERVICES) >= {"postgres", "redis", "migrate", "api", "dispatcher", "web", "proxy"}


@pytest.mark.parametrize("name", ["postgres", "redis", "api", "web", "proxy"])
def test_long_running_services_have_health_checks(name):
    test = SERVICES[name]["healthcheck"]["test"]
    assert test[0] in ("CMD", "CMD-SHELL") and len(test) > 1


def test_start_order_migrate_first_then_workers():
    assert SERVICES["migrate"]["depends_on"]["postgres"]["condition"] == "service_healthy"
    for name in ("api", "dispatcher"):
        deps = SERVICES[name]["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully"
        assert deps["postgres"]["condition"] == "service_healthy"
    assert SERVICES["api"]["depends_on"]["redis"]["condition"] == "service_healthy"
    assert SERVICES["migrate"]["restart"] == "no"  # one-shot


def test_several_api_workers_and_only_the_proxy_is_published():
    replicas = int(interpolate(SERVICES["api"]["deploy"]["replicas"]))
    workers = int(
        interpolate(SERVICES["api"]["command"][SERVICES["api"]["command"].index("--workers") + 1])
    )
    assert replicas >= 2 and workers >= 1
    published = {name for name, s in SERVICES.items() if s.get("ports")}
    assert published == {"proxy"}
    assert {p.split(":")[0] for p in SERVICES["proxy"]["ports"]} == {"80", "443"}


def test_backend_processes_share_one_database_redis_and_secrets():
    envs = {name: SERVICES[name]["environment"] for name in BACKEND}
    first = envs["api"]
    for name, env in envs.items():
        assert env == first, f"{name} has different settings from api"
        assert SERVICES[name]["image"] == SERVICES["api"]["image"]
    assert (
        first["DIENNHA_DB_URL"].startswith("postgresql+psycopg://")
        and "@postgres:5432/" in first["DIENNHA_DB_URL"]
    )
    assert first["DIENNHA_REDIS_URL"].startswith("redis://redis:6379/")
    assert first["DIENNHA_DISPATCHER_IN_APP"] == "false"  # the dispatcher service sends
    assert interpolate(first["DIENNHA_ENV"]) == "prod"
    for secret in ("DIENNHA_SECRET_KEY", "DIENNHA_WEBHOOK_SECRET", "DIENNHA_STAFF_KEY"):
        assert first[secret].startswith("${" + secret + ":?"), secret  # required, no default
    assert ":?" in SERVICES["postgres"]["environment"]["POSTGRES_PASSWORD"]


def test_every_backend_setting_is_one_the_server_reads(monkeypatch):
    fields = set(Settings.model_fields)
    names = set(SERVICES["api"]["environment"]) | set(
        re.findall(r"^#?\s*(DIENNHA_\w+)=", ENV_EXAMPLE, re.M)
    )
    compose_only = {
        "DIENNHA_DOMAIN",
        "DIENNHA_API_REPLICAS",
        "DIENNHA_API_WORKERS",
        "DIENNHA_SUBNET",
        "DIENNHA_PROXY_IP",
        "DIENNHA_VERSION",
    }
    unknown = [n for n in names - compose_only if n.removeprefix("DIENNHA_").lower() not in fields]
    assert not unknown, f"not settings of server/config.py: {unknown}"
    for name in compose_only:
        assert f"${{{name}" in (ROOT / "compose.yaml").read_text(encoding="utf-8"), name
    for key in [k for k in os.environ if k.startswith("DIENNHA_")]:
        monkeypatch.delenv(key)
    for key, value in SERVICES["api"]["environment"].items():
        monkeypatch.setenv(key, interpolate(value))
    settings = Settings()  # read from the environment, as in the container
    assert (
        settings.env == "prod"
        and settings.dispatcher_in_app is False
        and settings.cors_origins == []
    )
    assert settings.database_url.startswith("postgresql+psycopg://diennha:")


@pytest.mark.parametrize("name", BACKEND)
def test_backend_commands_parse_with_the_server_cli(name):
    args = build_parser().parse_args([interpolate(a) for a in SERVICES[name]["command"]])
    assert args.command == SERVICES[name]["command"][0]
    if name == "api":
        assert args.host == "0.0.0.0" and args.port == 8000
        trusted = args.forwarded_allow_ips.split(",")
        proxy_ip = interpolate(SERVICES["proxy"]["networks"]["default"]["ipv4_address"])
        assert trusted == [proxy_ip, "127.0.0.1"]  # Caddy's fixed address, and loopback
        subnet = interpolate(COMPOSE["networks"]["default"]["ipam"]["config"][0]["subnet"])
        assert proxy_ip.rsplit(".", 1)[0] == subnet.split("/")[0].rsplit(".", 1)[0]


def test_api_health_check_asks_readiness_on_its_own_port():
    test = " ".join(SERVICES["api"]["healthcheck"]["test"])
    assert "http://127.0.0.1:8000/api/v1/ready" in test


def test_web_client_sits_behind_the_proxy_and_calls_the_api_through_its_loopback_door():
    web = SERVICES["web"]
    assert web["network_mode"] == "service:proxy" and "ports" not in web
    api_url = web["environment"]["DIENNHA_API_URL"]
    assert api_url == "http://127.0.0.1:8081/api/v1"  # app/config.py allows http only on loopback
    assert "http://127.0.0.1:8081 {" in CADDYFILE and "bind 127.0.0.1" in CADDYFILE
    dockerfile = (ROOT / "deploy" / "web.Dockerfile").read_text(encoding="utf-8")
    assert '"--host", "127.0.0.1", "--port", "8550"' in dockerfile
    assert "reverse_proxy 127.0.0.1:8550" in CADDYFILE
    assert "http://127.0.0.1:8550/" in " ".join(web["healthcheck"]["test"])


def test_caddy_sends_api_to_every_worker_without_buffering_or_stickiness():
    assert "handle /api/* {" in CADDYFILE
    assert "dynamic a api 8000" in CADDYFILE  # every replica's address from Docker DNS
    assert "lb_policy cookie" not in CADDYFILE and "ip_hash" not in CADDYFILE
    api_block = CADDYFILE.split("(api_workers) {", 1)[1].split("\n}\n", 1)[0]
    assert "encode" not in re.sub(r"#.*", "", api_block)  # compression would hold SSE back
    proxy = SERVICES["proxy"]
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert proxy["environment"]["DIENNHA_DOMAIN"] == "${DIENNHA_DOMAIN:-localhost}"
    assert "{$DIENNHA_DOMAIN:localhost}" in CADDYFILE


@pytest.mark.parametrize("name", ["api", "web"])
def test_images_install_pinned_dependencies_and_run_unprivileged(name):
    text = (ROOT / "deploy" / f"{name}.Dockerfile").read_text(encoding="utf-8")
    assert "pip install -c requirements.lock" in text
    assert re.search(r"^USER \w+", text, re.M)
    assert text.startswith("# syntax=docker/dockerfile:1")  # BuildKit: per-Dockerfile ignore
    ignore = (ROOT / "deploy" / f"{name}.Dockerfile.dockerignore").read_text(encoding="utf-8")
    assert "**" in ignore.splitlines()  # everything is left out but what is copied
    for copied in re.findall(r"^COPY (?:--\S+ )*(.+) \S+$", text, re.M):
        for path in copied.split():
            assert f"!{path}" in ignore, f"{name}: {path} is copied but ignored"
            assert (ROOT / path).exists(), path


def test_api_image_runs_the_server_cli():
    text = (ROOT / "deploy" / "api.Dockerfile").read_text(encoding="utf-8")
    assert 'ENTRYPOINT ["python", "-m", "server"]' in text
    for name in BACKEND:
        assert (
            "build" in SERVICES[name]
            and SERVICES[name]["build"]["dockerfile"] == "deploy/api.Dockerfile"
        )


def test_env_example_lists_every_required_variable():
    required = set(re.findall(r"\$\{(\w+):\?", (ROOT / "compose.yaml").read_text(encoding="utf-8")))
    assert required == {
        "POSTGRES_PASSWORD",
        "DIENNHA_SECRET_KEY",
        "DIENNHA_WEBHOOK_SECRET",
        "DIENNHA_STAFF_KEY",
    }
    for name in required:
        assert re.search(rf"^{name}=$", ENV_EXAMPLE, re.M), (
            f"{name} missing (and must be blank) in env.example"
        )
