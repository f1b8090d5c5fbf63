"""Configuration from the environment or a `.env` file (README: Configuration), checked at start-up.

A wrong value stops start-up with one line naming the key; secrets are SecretStr so that
they never show in a repr, a log line or an error.
"""

from __future__ import annotations

import ipaddress
import re
from pathlib import Path
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
#: VITALFEW_LOG_FORMAT: "auto" is readable lines on a terminal, JSON lines otherwise.
LOG_FORMATS = ("auto", "console", "json")


class ConfigError(Exception):
    """One clear line naming the key that is wrong."""


class StartupError(Exception):
    """One clear line saying why the process cannot start (never holding a secret)."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8",
                                      extra="ignore", case_sensitive=False)

    database_url: str = "sqlite:///vitalfew.db"
    port: int = Field(3000, ge=1, le=65535)
    slack_bot_token: SecretStr | None = None
    slack_signing_secret: SecretStr | None = None
    slack_app_token: SecretStr | None = None
    slack_client_id: str | None = None
    slack_client_secret: SecretStr | None = None
    slack_state_secret: SecretStr | None = None
    slack_api_url: str = "https://slack.com/api/"
    discord_token: SecretStr | None = None
    discord_guild_id: int | None = None
    vitalfew_tick_seconds: float = Field(30.0, gt=0, le=3600)
    vitalfew_log_level: str = "INFO"
    vitalfew_log_format: str = "auto"

    @field_validator("database_url")
    @classmethod
    def _known_database(cls, value: str) -> str:
        if not re.match(r"^(sqlite:///|sqlite://$|postgres(ql)?://)", value):
            raise ValueError("must start with sqlite:/// or postgresql://")
        return value

    @field_validator("slack_api_url")
    @classmethod
    def _http_url(cls, value: str) -> str:
        """https://, or http:// to this machine only (a local fake API): tokens travel in
        every request, so they must never cross a network in clear text."""
        if not re.match(r"^https?://", value):
            raise ValueError("must be an http(s) URL")
        if value.startswith("http://") and not _loopback(urlsplit(value).hostname):
            raise ValueError("must use https:// (http:// only for localhost)")
        return value if value.endswith("/") else value + "/"

    @field_validator("vitalfew_log_level")
    @classmethod
    def _level(cls, value: str) -> str:
        if value.upper() not in LOG_LEVELS:
            raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}")
        return value.upper()

    @field_validator("vitalfew_log_format")
    @classmethod
    def _log_format(cls, value: str) -> str:
        if value.lower() not in LOG_FORMATS:
            raise ValueError(f"must be one of {', '.join(LOG_FORMATS)}")
        return value.lower()

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: object) -> object:
        """`KEY=` in a .env file means unset, not an empty secret."""
        return None if value == "" else value

    @property
    def slack_oauth(self) -> bool:
        return bool(self.slack_client_id and self.slack_client_secret)

    @property
    def slack_enabled(self) -> bool:
        return bool(self.slack_bot_token or self.slack_oauth)

    @property
    def slack_socket_mode(self) -> bool:
        return self.slack_enabled and self.slack_app_token is not None

    @property
    def discord_enabled(self) -> bool:
        return self.discord_token is not None

    def secret_values(self) -> list[str]:
        """Every configured secret, for the log redactor: the tokens and secrets, and the
        database password."""
        found = [v.get_secret_value() for v in (
            self.slack_bot_token, self.slack_signing_secret, self.slack_app_token,
            self.slack_client_secret, self.slack_state_secret, self.discord_token) if v]
        password = urlsplit(self.database_url).password
        return [*found, password] if password else found

    def check(self) -> Settings:
        """Cross-key rules: which keys go together."""
        if self.slack_enabled and not self.slack_socket_mode and not self.slack_signing_secret:
            raise ConfigError("SLACK_SIGNING_SECRET is required for Slack's HTTP mode "
                              "(or set SLACK_APP_TOKEN for Socket Mode).")
        if self.slack_client_id and not self.slack_client_secret:
            raise ConfigError("SLACK_CLIENT_SECRET is required with SLACK_CLIENT_ID.")
        if self.slack_app_token and not self.slack_enabled:
            raise ConfigError("SLACK_APP_TOKEN needs SLACK_BOT_TOKEN too.")
        return self


def _loopback(host: str | None) -> bool:
    if host is None:
        return False
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def load_settings(**overrides: object) -> Settings:
    """Read and check the settings, turning pydantic's report into one line."""
    try:
        return Settings(**overrides).check()  # type: ignore[arg-type]
    except ValidationError as err:
        first = err.errors()[0]
        key = str(first["loc"][0]).upper() if first["loc"] else "configuration"
        raise ConfigError(f"{key}: {first['msg']}") from None


def database_label(url: str) -> str:
    """DATABASE_URL as the first line shows it: a SQLite file's absolute path; for
    PostgreSQL the user, host and database, never the password."""
    scheme, _, rest = url.partition("://")
    if scheme.startswith("sqlite"):
        if rest in ("", "/:memory:"):
            return "an in-memory SQLite database (nothing is kept)"
        return f"the SQLite file {Path(rest[1:]).resolve()}"
    parts = urlsplit(url)
    try:
        port = f":{parts.port}" if parts.port else ""
    except ValueError:
        port = ""
    user = f"{parts.username}@" if parts.username else ""
    return f"PostgreSQL {user}{parts.hostname or 'localhost'}{port}{parts.path or '/'}"
