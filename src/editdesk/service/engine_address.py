"""Where the engines another process runs answer: the app starts them, its worker
process connects to them (service.checking.connect)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class EngineAddress:
    """Picklable; the one thing to extend (with ``connect``) when the app runs
    another engine."""

    languagetool: str | None = None  # None: not up (yet)
    # CoreNLP for the structure checks, credentials in the URL (http://user:pass@host:port);
    # None: not up (yet), off, or it cannot run.
    corenlp: str | None = None
    # What identifies its parses in the per-paragraph cache (the installed engine for a
    # private server, so that its parses outlive the server's random port).
    corenlp_id: str | None = None
