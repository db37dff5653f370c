"""Staff authentication: password check, signed tokens, CSRF tokens and a login rate limit.

Tokens are stateless and signed with HMAC-SHA256 under ``SESSION_SECRET``: the same token is
the API's bearer token and the value of the ``/staff`` session cookie. Logout puts the token id
on a deny list held by the running process (lost on restart; tokens also expire after
``TOKEN_TTL``).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.models import StaffUser
from api.services.passwords import hash_password, verify_password

TOKEN_TTL_SECONDS = 8 * 3600  # one working day
_TOKEN_VERSION = "s1"  # noqa: S105 - format tag, not a secret


class InvalidToken(Exception):
    """The token is malformed, forged, expired or revoked."""


@dataclass(frozen=True)
class TokenClaims:
    staff_id: int
    token_id: str
    expires_at: float


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    # Verified against when the e-mail is unknown, so both failures cost the same time.
    return hash_password(secrets.token_urlsafe(16))


def authenticate(session: Session, email: str, password: str) -> StaffUser | None:
    """The active staff user with this e-mail and password, else None (constant-time-ish)."""
    user = session.scalar(
        select(StaffUser).where(func.lower(StaffUser.email) == email.strip().lower())
    )
    if user is None or not user.active:
        verify_password(_dummy_hash(), password)
        return None
    if not verify_password(user.password_hash, password):
        return None
    return user


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _sign(secret: str, message: str) -> str:
    return _b64(hmac.new(secret.encode(), message.encode(), hashlib.sha256).digest())


def issue_token(secret: str, staff_id: int, now: float | None = None) -> str:
    """A signed token for `staff_id`, valid for TOKEN_TTL_SECONDS."""
    issued = time.time() if now is None else now
    payload = {
        "sub": staff_id,
        "jti": secrets.token_urlsafe(12),
        "exp": int(issued) + TOKEN_TTL_SECONDS,
    }
    body = _b64(json.dumps(payload, separators=(",", ":")).encode())
    message = f"{_TOKEN_VERSION}.{body}"
    return f"{message}.{_sign(secret, message)}"


def read_token(
    secret: str, token: str, revoked: RevokedTokens, now: float | None = None
) -> TokenClaims:
    """Check the signature, expiry and deny list; return the claims or raise InvalidToken."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _TOKEN_VERSION:
        raise InvalidToken("malformed")
    message = f"{parts[0]}.{parts[1]}"
    if not hmac.compare_digest(_sign(secret, message), parts[2]):
        raise InvalidToken("bad signature")
    try:
        payload = json.loads(_unb64(parts[1]))
        claims = TokenClaims(int(payload["sub"]), str(payload["jti"]), float(payload["exp"]))
    except (ValueError, KeyError, TypeError) as error:
        raise InvalidToken("malformed") from error
    current = time.time() if now is None else now
    if claims.expires_at <= current:
        raise InvalidToken("expired")
    if revoked.is_revoked(claims.token_id):
        raise InvalidToken("revoked")
    return claims


def csrf_token_for(secret: str, token_id: str) -> str:
    """The CSRF token bound to one session (derived, so nothing to store)."""
    return _sign(secret, f"csrf:{token_id}")


def check_csrf(secret: str, token_id: str, given: str | None) -> bool:
    """True when `given` is the CSRF token of the session `token_id`."""
    return given is not None and hmac.compare_digest(csrf_token_for(secret, token_id), given)


def login_csrf_token(secret: str, nonce: str) -> str:
    """CSRF token for the login form, bound to the pre-login nonce cookie."""
    return _sign(secret, f"login-csrf:{nonce}")


class RevokedTokens:
    """Ids of logged-out tokens until they would have expired anyway."""

    def __init__(self) -> None:
        self._until: dict[str, float] = {}
        self._lock = threading.Lock()

    def revoke(self, claims: TokenClaims) -> None:
        with self._lock:
            now = time.time()
            self._until = {k: v for k, v in self._until.items() if v > now}
            self._until[claims.token_id] = claims.expires_at

    def is_revoked(self, token_id: str) -> bool:
        with self._lock:
            return token_id in self._until


class LoginRateLimiter:
    """Few failed logins per account, more per client address (offices share one), per window."""

    def __init__(self, per_account: int = 5, per_client: int = 20, window: float = 300.0) -> None:
        self.per_account = per_account
        self.per_client = per_client
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        entries = self._failures.setdefault(key, deque())
        while entries and entries[0] <= now - self.window:
            entries.popleft()
        return entries

    def is_blocked(self, keys: list[str], now: float | None = None) -> bool:
        current = time.monotonic() if now is None else now
        with self._lock:
            return any(len(self._recent(key, current)) >= self._limit(key) for key in keys)

    def _limit(self, key: str) -> int:
        return self.per_client if key.startswith("ip:") else self.per_account

    def record_failure(self, keys: list[str], now: float | None = None) -> None:
        current = time.monotonic() if now is None else now
        with self._lock:
            for key in keys:
                self._recent(key, current).append(current)

    def reset(self, keys: list[str]) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)


def limiter_keys(client_host: str | None, email: str) -> list[str]:
    """Rate-limit keys: per client address and per account (e-mail hashed, never logged)."""
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:16]
    return [f"ip:{client_host or 'unknown'}", f"email:{digest}"]
