"""The LanguageTool HTTP server, run by the engine supervisor (engine/supervisor.py).

What is LanguageTool's own: its settings file, command line, health check and the
per-language warm-up. Starting, readiness, restart and cleanup are the supervisor's.
"""

from __future__ import annotations

import hashlib
import os
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from editdesk.core import paths
from editdesk.engine.specs import LANGUAGETOOL
from editdesk.engine.supervisor import (
    HOST,
    STOP_GRACE,
    EngineServer,
    StartProgress,
    free_port,
    port_in_use,
    stop_all,
)

__all__ = [
    "HOST",
    "MAX_TEXT_LENGTH",
    "STOP_GRACE",
    "LanguageToolServer",
    "StartProgress",
    "free_port",
    "port_in_use",
    "stop_all",
]

# The largest text the server accepts in one request; the checker splits longer articles.
MAX_TEXT_LENGTH = 200_000

# Settings that make repeated checks fast: the server keeps analysed sentences and its
# per-language pipelines instead of rebuilding them for every request.
SERVER_SETTINGS = {
    "maxTextLength": str(MAX_TEXT_LENGTH),
    "cacheSize": "5000",
    "cacheTTLSeconds": "3600",
    "pipelineCaching": "true",
    "maxPipelinePoolSize": "20",
    "pipelineExpireTimeInSeconds": "3600",
    "maxCheckThreads": str(max(2, os.cpu_count() or 2)),
}


class LanguageToolServer(EngineServer):
    """One LanguageTool HTTP server process on 127.0.0.1."""

    def __init__(
        self,
        port: int | None = None,
        heap: str = LANGUAGETOOL.default_heap,
        log_path: Path | None = None,
        jars: Path | None = None,
        settings: dict[str, str] | None = None,
    ) -> None:
        """``settings`` override SERVER_SETTINGS (e.g. ``{"cacheSize": "0"}`` for benchmarks)."""
        super().__init__(LANGUAGETOOL, port, heap, log_path, jars)
        self.settings = {**SERVER_SETTINGS, **(settings or {})}

    def __enter__(self) -> LanguageToolServer:
        super().__enter__()
        return self

    def _config_file(self) -> Path:
        folder = paths.cache_dir() / self.spec.key / self.spec.version
        folder.mkdir(parents=True, exist_ok=True)
        body = "".join(f"{k}={v}\n" for k, v in sorted(self.settings.items()))
        digest = hashlib.sha256(body.encode()).hexdigest()[:12]
        target = folder / f"server-{digest}.properties"  # one file per distinct settings
        tmp = folder / f".server.properties.{os.getpid()}.{threading.get_ident()}"
        tmp.write_text(body, encoding="utf-8")
        os.replace(tmp, target)
        return target

    def _command(self, java: str) -> list[str]:
        return [
            # The serial collector: a third less memory and fewer threads than G1 for one
            # desktop user, with no slower checks (measured on the sample article).
            java, f"-Xmx{self.heap}", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-cp", f"{self.jars}{os.sep}*",
            self.spec.main_class,
            "--port", str(self.port), "--config", str(self._config_file()),
        ]

    def _probe(self, timeout: float) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/v2/healthcheck", timeout=timeout) as r:
                return bool(r.status == 200)
        except (OSError, urllib.error.URLError):
            return False

    def _warm_up_one(self, item: str, timeout: float) -> None:
        body = urllib.parse.urlencode({"language": item, "text": "Warm up."}).encode()
        with urllib.request.urlopen(f"{self.url}/v2/check", body, timeout=timeout) as r:
            r.read()

    def _warm_up_message(self, item: str) -> str:
        return f"loading LanguageTool's {item} rules"
