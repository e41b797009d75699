"""Where the engines another process runs answer: the app starts them, its worker
process connects to them (service.checking.connect)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineAddress:
    """Picklable; the one thing to extend (with ``connect``) when the app runs
    another engine."""

    languagetool: str | None = None  # None: not up (yet)
