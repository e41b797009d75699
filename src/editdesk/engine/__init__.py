"""The LanguageTool engine: install it from Maven Central, run it on localhost.

The server machinery is loaded on first use (PEP 562), so a command that only
needs to know what is installed does not import it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from editdesk.engine.errors import EngineUnavailable

# Imported after the submodule of the same name, so ``editdesk.engine.install`` is the function.
from editdesk.engine.install import VERSION, EngineInfo, install, status

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in ("LanguageToolServer", "StartProgress"):
        return getattr(importlib.import_module("editdesk.engine.server"), name)
    raise AttributeError(f"module 'editdesk.engine' has no attribute {name!r}")
