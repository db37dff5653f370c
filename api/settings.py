"""Settings for the API service: one class, read from the environment and `.env`."""

from __future__ import annotations

from pathlib import Path

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parents[1]


class Settings(BaseSettings):
    """Every knob of the API. Secrets have no defaults: a missing secret fails at start."""

    model_config = SettingsConfigDict(env_file=".env", extra="ignore")

    api_host: str = "127.0.0.1"
    api_port: int = 8000
    database_url: str = "sqlite:///var/ingang.db"
    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: SecretStr
    rasa_timeout_seconds: float = 10.0
    action_server_url: str = "http://127.0.0.1:5055"
    readyz_timeout_seconds: float = 2.0
    bot_service_token: SecretStr
    session_secret: SecretStr
    content_pack: str = "content/mittkoping"
    demo_mode: bool = False

    # Below this NLU confidence a turn counts as a fallback in the statistics.
    fallback_threshold: float = 0.5
    # Citizen status look-ups per client IP and window.
    public_status_limit: int = 10
    public_status_window_seconds: float = 60.0
    # One-time codes for the employee directory.
    verification_ttl_seconds: int = 300
    verification_max_attempts: int = 3
    # New codes (SMS) per employee id, and per chat session, within the window.
    verification_start_limit: int = 3
    verification_start_session_limit: int = 5
    verification_start_window_seconds: float = 900.0

    # E-mail notification of staff replies; off while smtp_host is empty.
    smtp_host: str = ""
    smtp_port: int = 587
    smtp_username: str = ""
    smtp_password: SecretStr = SecretStr("")
    smtp_starttls: bool = True
    smtp_from: str = "noreply@mittkoping.example"
    public_base_url: str = "http://localhost:8000"

    @property
    def content_path(self) -> Path:
        """The content pack folder; relative paths are taken from the repository root."""
        path = Path(self.content_pack)
        return path if path.is_absolute() else REPO_ROOT / path
