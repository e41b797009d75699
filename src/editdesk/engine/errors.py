"""The one exception the engine raises."""

from __future__ import annotations


class EngineUnavailable(Exception):
    """LanguageTool cannot be installed or run. ``str()`` is one line: why, and how to fix it."""

    def __init__(self, message: str) -> None:
        super().__init__(" ".join(message.split()))
