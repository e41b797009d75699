"""Time stamps for decisions, comments and sign-offs (ISO 8601, UTC)."""

from __future__ import annotations

from datetime import UTC, datetime


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds")
