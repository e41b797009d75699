"""The LanguageTool engine: install it from Maven Central, run it on localhost."""

from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.install import VERSION, EngineInfo, install, status
from editdesk.engine.server import LanguageToolServer, StartProgress

__all__ = [
    "VERSION",
    "EngineInfo",
    "EngineUnavailable",
    "LanguageToolServer",
    "StartProgress",
    "install",
    "status",
]
