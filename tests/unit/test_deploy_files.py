"""deploy/: what can be checked without Docker. The compose file is valid YAML and every
setting it gives the bot is one bot/config.py reads; its instances are the balancer's
upstream; nginx accepts deploy/nginx.conf as deploy/topology.py renders it (`nginx -t`)."""

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Settings
from deploy.topology import (
    NGINX_TEMPLATE,
    WEBHOOK_PATH,
    nginx_binary,
    nginx_command,
    render_server_block,
    write_nginx_config,
)
from tests.conftest import skip_or_fail

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
COMPOSE: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))
SERVICES: dict[str, dict[str, Any]] = COMPOSE["services"]
BOTS = sorted(name for name in SERVICES if re.fullmatch(r"bot-\d+", name))
SETTING_NAMES = {name.upper() for name in Settings.model_fields}
# Variables compose substitutes: ${NAME}, ${NAME:-default}, ${NAME:?message}.
VARIABLE = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)")


def is_setting(name: str) -> bool:
    """A flat setting (WEBHOOK_URL) or a nested one (SENDER__RATE)."""
    head, _, rest = name.partition("__")
    if not rest:
        return name in SETTING_NAMES
    section = Settings.model_fields.get(head.lower())
    annotation = section.annotation if section is not None else None
    fields = getattr(annotation, "model_fields", {})
    return rest.lower() in fields


def test_the_services_are_the_deployment() -> None:
    assert {"postgres", "redis", "migrate", "balancer"} <= set(SERVICES)
    assert len(BOTS) >= 2, SERVICES.keys()


@pytest.mark.parametrize("service", ["migrate", *BOTS])
def test_every_bot_setting_is_a_real_one_and_shared(service: str) -> None:
    environment = SERVICES[service]["environment"]
    unknown = [name for name in environment if not is_setting(name)]
    assert not unknown, f"{service} sets what bot/config.py does not read: {unknown}"
    # One token, database, Redis and secret for all: the YAML anchor gives each the same.
    assert environment == SERVICES[BOTS[0]]["environment"]
    for required in ("BOT_TOKEN", "DATABASE_URL", "REDIS_URL", "WEBHOOK_URL", "WEBHOOK_SECRET"):
        assert environment[required], required
    assert environment["DATABASE_URL"].startswith("postgresql+asyncpg://")
    assert environment["WEBHOOK_HOST"] == "0.0.0.0"


def test_the_instances_start_after_the_migrations_and_report_readiness() -> None:
    assert SERVICES["migrate"]["command"] == ["kezdesu", "migrate"]
    assert SERVICES["migrate"]["restart"] == "no"
    for bot in BOTS:
        service = SERVICES[bot]
        assert service["command"] == ["kezdesu", "run"]
        assert service["depends_on"]["migrate"] == {"condition": "service_completed_successfully"}
        assert "/readyz" in " ".join(service["healthcheck"]["test"])


def test_the_documented_variables_are_the_ones_compose_uses() -> None:
    used = set(VARIABLE.findall((DEPLOY / "compose.yaml").read_text(encoding="utf-8")))
    example = (DEPLOY / "env.example").read_text(encoding="utf-8")
    documented = {line.split("=", 1)[0] for line in example.splitlines() if "=" in line}
    required = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*):\?", example + str(COMPOSE)))
    assert required <= documented, required - documented
    assert documented <= used, documented - used


def test_the_balancer_sends_to_every_instance_and_nothing_else() -> None:
    conf = NGINX_TEMPLATE.read_text(encoding="utf-8")
    upstream = re.findall(r"^\s*server (\S+):8080\b", conf, flags=re.MULTILINE)
    assert upstream == BOTS
    assert SERVICES["balancer"]["volumes"] == ["./nginx.conf:/etc/nginx/conf.d/default.conf:ro"]
    # The location is the webhook's path, which WEBHOOK_URL's example names.
    assert f"location = {WEBHOOK_PATH} " in conf
    assert WEBHOOK_PATH in (DEPLOY / "env.example").read_text(encoding="utf-8")


def test_rendering_replaces_the_upstream_and_the_port_only() -> None:
    template = NGINX_TEMPLATE.read_text(encoding="utf-8")
    rendered = render_server_block(
        template, "127.0.0.1:9000", ["127.0.0.1:9001", "127.0.0.1:9002", "127.0.0.1:9003"]
    )
    assert "server bot-" not in rendered
    assert "listen 127.0.0.1:9000;" in rendered
    assert rendered.count("server 127.0.0.1:900") == 3
    assert "server 127.0.0.1:9003 max_fails=1 fail_timeout=5s;" in rendered
    # Everything else as it is.
    strip = re.compile(r"^\s*(server \S+:\d+ [^;]*;|listen \S+;)\n", re.MULTILINE)
    assert strip.sub("", rendered) == strip.sub("", template)


def test_nginx_accepts_the_rendered_configuration(tmp_path: Path) -> None:
    nginx = nginx_binary()
    if nginx is None:
        skip_or_fail("nginx is not installed (apt-get install nginx-light)")
    main = write_nginx_config(tmp_path, "127.0.0.1:18080", ["127.0.0.1:18081", "127.0.0.1:18082"])
    checked = subprocess.run(
        nginx_command(nginx, main, test=True), capture_output=True, text=True, check=False
    )
    assert checked.returncode == 0, checked.stderr
