"""The Stanford CoreNLP server, run by the engine supervisor (engine/supervisor.py).

CoreNLP's server cannot bind the loopback interface alone, so three things keep everyone
else out (verified on 4.5.10, see tests/engine/test_corenlp_server.py):
- a random user name and password per run (its HTTP basic auth), written to a properties
  file only the user can read (not the command line, which every local user can see) and
  handed only to our own client: a request without them gets 401;
- ``-blockList`` with every IPv4 subnet except 127.0.0.0/8; CoreNLP applies the list only
  with ``-stanford true`` (which otherwise only shortens timeouts on the host named
  corenlp.stanford.edu), and then refuses non-loopback clients with 401 even when they
  know the password;
- ``-Djava.net.preferIPv4Stack=true``: no IPv6 socket, which the block list would not cover.

The heap is bounded (``-Xmx``); the memory actually available is checked against it before
the JVM is started, so a machine short of memory gets one line instead of a swapping box.
"""

from __future__ import annotations

import json
import os
import secrets
import urllib.error
import urllib.parse
import urllib.request
from base64 import b64encode
from pathlib import Path

import psutil

from editdesk.core import paths
from editdesk.core.checks.corenlp import (
    ANNOTATORS,
    PARSE_PROPERTIES,
    PROPERTIES,
    request_options,
)
from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.specs import CORENLP
from editdesk.engine.supervisor import EngineServer, heap_bytes

# Every IPv4 address outside 127.0.0.0/8, as the fewest subnets.
BLOCK_LIST = (
    "0.0.0.0/2", "64.0.0.0/3", "96.0.0.0/4", "112.0.0.0/5",
    "120.0.0.0/6", "124.0.0.0/7", "126.0.0.0/8", "128.0.0.0/1",
)
# Milliseconds the server spends on one request before giving up on it.
REQUEST_TIMEOUT_MS = 120_000
MAX_CHAR_LENGTH = 100_000
# Beyond the heap: the JVM's own code, threads and the models' native buffers.
MEMORY_MARGIN = 512 << 20


class CoreNLPServer(EngineServer):
    """One CoreNLP server process, reachable only from this machine and only with
    ``credentials``."""

    def __init__(
        self,
        port: int | None = None,
        heap: str | None = None,
        log_path: Path | None = None,
        jars: Path | None = None,
    ) -> None:
        super().__init__(CORENLP, port, heap, log_path, jars)
        self.credentials = ("editdesk", secrets.token_urlsafe(24))

    def __enter__(self) -> CoreNLPServer:
        super().__enter__()
        return self

    def _run_dir(self) -> Path:
        folder = paths.cache_dir() / self.spec.key / self.spec.version / "run"
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return folder

    def _private_file(self, name: str, body: str) -> Path:
        target = self._run_dir() / name
        tmp = target.with_name(f".{name}.{os.getpid()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(body)
        os.replace(tmp, target)
        return target

    def _preflight(self) -> None:
        need = heap_bytes(self.heap) + MEMORY_MARGIN
        available = psutil.virtual_memory().available
        if available < need:
            raise EngineUnavailable(
                f"too little memory for CoreNLP: {available / (1 << 30):.1f} GiB available, "
                f"its heap of {self.heap} needs {need / (1 << 30):.1f} GiB; "
                "free some memory or lower the heap (--nlp-heap)"
            )

    def _command(self, java: str) -> list[str]:
        user, password = self.credentials
        secret = self._private_file(
            f"server-{os.getpid()}-{self.port}.properties",
            f"username={user}\npassword={password}\nport={self.port}\n",
        )
        block = self._private_file("blocklist.txt", "".join(f"{s}\n" for s in BLOCK_LIST))
        return [
            java, f"-Xmx{self.heap}", "-XX:+UseSerialGC",
            "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8",
            "-Djava.net.preferIPv4Stack=true",
            "-cp", f"{self.jars}{os.sep}*",
            self.spec.main_class,
            "-props", str(secret),
            "-timeout", str(REQUEST_TIMEOUT_MS),
            "-maxCharLength", str(MAX_CHAR_LENGTH),
            "-quiet", "true",
            "-stanford", "true", "-blockList", str(block),
        ]

    def _probe(self, timeout: float) -> bool:
        try:
            with urllib.request.urlopen(f"{self.url}/ready", timeout=timeout) as r:
                ready = bool(r.status == 200)
        except (OSError, urllib.error.URLError):
            return False
        if ready:
            # Read at start-up; nothing needs it on disk any longer.
            (self._run_dir() / f"server-{os.getpid()}-{self.port}.properties").unlink(
                missing_ok=True
            )
        return ready

    def _warm_up_one(self, item: str, timeout: float) -> None:
        # The options the client sends (threads too): the pipelines it will use are loaded
        # now. ANNOTATORS, all the client asks for, is its two: tagging, then parsing.
        if item == ANNOTATORS:
            pipelines = [dict(PROPERTIES), dict(PARSE_PROPERTIES)]
        else:
            pipelines = [{**PROPERTIES, "annotators": item}]
        for props in pipelines:
            query = urllib.parse.urlencode(
                {"properties": json.dumps({**props, **request_options()})}
            )
            request = urllib.request.Request(
                f"{self.url}/?{query}", data=b"Warm up the parser , please .", method="POST"
            )
            token = b64encode(":".join(self.credentials).encode()).decode()
            request.add_header("Authorization", f"Basic {token}")
            with urllib.request.urlopen(request, timeout=timeout) as r:
                r.read()

    def _warm_up_message(self, item: str) -> str:
        return "loading CoreNLP's tagger, recogniser and parser models"
