"""The local engines (LanguageTool, CoreNLP): install them from Maven Central, run them on
localhost under one supervisor.

The server machinery is loaded on first use (PEP 562), so a command that only
needs to know what is installed does not import it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from editdesk.engine.errors import EngineUnavailable

# Imported after the submodule of the same name, so ``editdesk.engine.install`` is the function.
from editdesk.engine.install import VERSION, EngineInfo, install, status
from editdesk.engine.specs import CORENLP, ENGINES, LANGUAGETOOL, EngineSpec

if TYPE_CHECKING:
    from editdesk.engine.corenlp_server import CoreNLPServer
    from editdesk.engine.server import LanguageToolServer, StartProgress

__all__ = [
    "CORENLP",
    "ENGINES",
    "LANGUAGETOOL",
    "VERSION",
    "CoreNLPServer",
    "EngineInfo",
    "EngineSpec",
    "EngineUnavailable",
    "LanguageToolServer",
    "StartProgress",
    "install",
    "status",
]

_LAZY = {
    "LanguageToolServer": "editdesk.engine.server",
    "StartProgress": "editdesk.engine.supervisor",
    "CoreNLPServer": "editdesk.engine.corenlp_server",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'editdesk.engine' has no attribute {name!r}")
