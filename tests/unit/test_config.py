"""Settings: defaults that work on a laptop, and one clear line for a wrong value."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import Settings

REPO = Path(__file__).resolve().parents[2]


def test_defaults_work_without_any_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BOT_TOKEN", "DATABASE_URL", "ADMIN_IDS", "TIMEZONE", "REDIS_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.sandbox_mode
    assert settings.database_url.startswith("sqlite+aiosqlite:///")
    assert settings.timezone == "Asia/Almaty"
    assert settings.regulation_profile == "2022"
    assert settings.admin_ids == frozenset()
    assert settings.demand_threshold == 50


def test_values_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    monkeypatch.setenv("ADMIN_IDS", "1, 2 3")
    monkeypatch.setenv("REGULATION_PROFILE", "2016")
    monkeypatch.setenv("SANDBOX__PORT", "9000")
    monkeypatch.setenv("DEMAND_THRESHOLD", "7")
    settings = Settings(_env_file=None)
    assert settings.demand_threshold == 7
    assert settings.admin_ids == frozenset({1, 2, 3})
    assert settings.regulation_profile == "2016"
    assert settings.sandbox.port == 9000
    assert not settings.sandbox_mode
    assert "secret" not in repr(settings)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("ADMIN_IDS", "alice"),
        ("TIMEZONE", "Mars/Olympus"),
        ("REGULATION_PROFILE", "1999"),
        ("DEFAULT_LOCALE", "de"),
        ("DEMAND_THRESHOLD", "0"),
        ("DATABASE_URL", "mysql://x"),
        ("WEBHOOK_URL", "bot.example.kz/telegram"),
        ("WEBHOOK_URL", "ftp://bot.example.kz/telegram"),
        ("WEBHOOK_SECRET", "has:colon"),
        ("WEBHOOK_SECRET", "x" * 257),
        ("WEBHOOK_MAX_CONNECTIONS", "101"),
        ("WEBHOOK_PORT", "0"),
    ],
)
def test_bad_values_are_refused(monkeypatch: pytest.MonkeyPatch, name: str, value: str) -> None:
    monkeypatch.setenv(name, value)
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


def test_polling_unless_a_webhook_url_is_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    assert not Settings(_env_file=None).webhook_mode


def test_webhook_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.kz/telegram/updates")
    monkeypatch.setenv("WEBHOOK_PORT", "8443")
    monkeypatch.setenv("WEBHOOK_SECRET", "Abc_123-xyz")
    settings = Settings(_env_file=None)
    assert settings.webhook_mode
    assert settings.webhook_path == "/telegram/updates"
    assert settings.webhook_port == 8443
    assert settings.webhook_host == "127.0.0.1"  # behind the reverse proxy
    assert settings.webhook_max_connections == 40
    assert settings.webhook_secret_token() == "Abc_123-xyz"
    assert "Abc_123" not in repr(settings)


def test_the_webhook_secret_is_derived_from_the_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.kz")
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    first = Settings(_env_file=None)
    again = Settings(_env_file=None)
    monkeypatch.setenv("BOT_TOKEN", "123:revoked-and-new")
    other = Settings(_env_file=None)
    # The same on every instance and every restart, a new one with a new token; valid for
    # setWebhook and not the token itself.
    assert first.webhook_secret_token() == again.webhook_secret_token()
    assert first.webhook_secret_token() != other.webhook_secret_token()
    assert re.fullmatch(r"[A-Za-z0-9_-]{1,256}", first.webhook_secret_token())
    assert "secret" not in first.webhook_secret_token()
    assert first.webhook_path == "/"


def test_a_webhook_needs_a_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BOT_TOKEN", raising=False)
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.kz/telegram")
    with pytest.raises(ValidationError, match="WEBHOOK_URL needs BOT_TOKEN"):
        Settings(_env_file=None)


def test_metrics_port_serves_polling_only(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    monkeypatch.delenv("WEBHOOK_URL", raising=False)
    monkeypatch.delenv("METRICS_PORT", raising=False)
    assert Settings(_env_file=None).metrics_port is None  # polling serves nothing by default
    monkeypatch.setenv("METRICS_PORT", "9108")
    settings = Settings(_env_file=None)
    assert (settings.metrics_host, settings.metrics_port) == ("127.0.0.1", 9108)
    monkeypatch.delenv("BOT_TOKEN")
    with pytest.raises(ValidationError, match="METRICS_PORT needs BOT_TOKEN"):
        Settings(_env_file=None)
    # In webhook mode the pages are on the webhook's server: a second one is refused.
    monkeypatch.setenv("BOT_TOKEN", "123:secret")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.kz/telegram")
    with pytest.raises(ValidationError, match="METRICS_PORT is for polling mode"):
        Settings(_env_file=None)


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", **(env or {})},
        timeout=60,
        check=False,
    )


def test_help_lists_the_commands() -> None:
    result = run_cli("--help")
    assert result.returncode == 0
    for command in ("run", "migrate", "localities"):
        assert command in result.stdout


def test_a_wrong_setting_gives_one_line_not_a_traceback() -> None:
    result = run_cli("migrate", env={"TIMEZONE": "Mars/Olympus", "BOT_TOKEN": "1:x"})
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "TIMEZONE" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unreachable_database_gives_one_line() -> None:
    result = run_cli(
        "migrate",
        env={"DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:1/none", "BOT_TOKEN": "1:x"},
    )
    assert result.returncode != 0
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("kezdesu: cannot use the database"), result.stderr
    assert "Traceback" not in result.stderr


def test_localities_import_from_the_command_line(tmp_path: Path) -> None:
    database = f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}"
    sample = REPO / "storage" / "sample" / "kato_sample.csv"
    env = {"DATABASE_URL": database, "BOT_TOKEN": "1:x"}

    first = run_cli("localities", "import", str(sample), env=env)
    assert first.returncode == 0, first.stderr
    assert " new," in first.stdout and "0 updated" in first.stdout
    again = run_cli("localities", "import", str(sample), env=env)
    assert "0 new, 0 updated" in again.stdout

    broken = tmp_path / "broken.csv"
    lines = sample.read_text(encoding="utf-8").splitlines()
    broken.write_text("\n".join([*lines, "12345,NK RK 11-2025,settlement,2,с.Ошибка,Қате а."]))
    refused = run_cli("localities", "import", str(broken), env=env)
    assert refused.returncode != 0
    assert "nothing was written" in refused.stderr
    assert f"row {len(lines) + 1}" in refused.stderr.lower()

    missing = run_cli("localities", "import", str(tmp_path / "nope.xlsx"), env=env)
    assert missing.returncode != 0
    assert "no such file" in missing.stderr


@pytest.mark.parametrize(
    ("database_url", "state_file", "expected"),
    [
        (
            "sqlite+aiosqlite:////srv/kezdesu/var/kezdesu.sqlite3",
            None,
            "/srv/kezdesu/var/kezdesu.sandbox.json",
        ),
        ("sqlite+aiosqlite:////tmp/demo.db?mode=rwc", None, "/tmp/demo.sandbox.json"),
        (
            "postgresql+asyncpg://postgres@127.0.0.1/kezdesu",
            None,
            str(REPO / "var" / "sandbox.json"),
        ),
        ("sqlite+aiosqlite:////tmp/demo.db", "/data/chat.json", "/data/chat.json"),
    ],
)
def test_the_sandbox_state_lives_beside_the_database(
    database_url: str, state_file: str | None, expected: str
) -> None:
    settings = Settings(
        _env_file=None,
        database_url=database_url,
        sandbox={"state_file": state_file},
    )
    assert str(settings.sandbox_state_file) == expected
