"""A Maven repository on a loopback port, served from a test's own small files.

It answers GET with Range like Maven Central, records every request, and can be told to
misbehave: cut a file off after some bytes (the connection drops), ignore Range, or act
as an HTTP proxy (absolute-URI requests) for a repository on a host that does not exist.
"""

from __future__ import annotations

import hashlib
import http.server
import threading
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from editdesk.engine.lockfile import Artifact, Lock


@dataclass
class Behaviour:
    cut_after: dict[str, int] = field(default_factory=dict)  # file name -> bytes, then drop once
    stall_after: dict[str, int] = field(default_factory=dict)  # file name -> bytes, then hang
    ignore_range: bool = False
    stop: threading.Event = field(default_factory=threading.Event)
    requests: list[tuple[str, str | None]] = field(default_factory=list)  # (path, Range header)
    authorization: list[str | None] = field(default_factory=list)


def build_repository(root: Path, files: dict[str, bytes], group: str = "org.example") -> Lock:
    """Lay ``{artifactId: content}`` out as jars under ``root`` and lock them."""
    artifacts = []
    for artifact_id, content in files.items():
        a = Artifact(group, artifact_id, "1.0", "", "jar",
                     hashlib.sha256(content).hexdigest(), len(content))
        path = root / a.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        artifacts.append(a)
    return Lock("fake", "1.0", "0" * 64, tuple(artifacts))


@contextmanager
def serve(root: Path, behaviour: Behaviour) -> Iterator[str]:
    """Yield the base URL (``http://127.0.0.1:PORT/maven2``) of ``root``."""

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            path = urllib.parse.urlsplit(self.path).path  # absolute URI when used as a proxy
            behaviour.requests.append((self.path, self.headers.get("Range")))
            behaviour.authorization.append(self.headers.get("Authorization"))
            relative = path.removeprefix("/maven2/")
            file = root / relative
            if not relative or ".." in relative or not file.is_file():
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            data = file.read_bytes()
            start = 0
            wanted = self.headers.get("Range")
            if wanted and not behaviour.ignore_range:
                start = int(wanted.removeprefix("bytes=").split("-")[0])
                self.send_response(206)
                self.send_header("Content-Range", f"bytes {start}-{len(data) - 1}/{len(data)}")
            else:
                self.send_response(200)
            body = data[start:]
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            stall = behaviour.stall_after.pop(file.name, None)
            if stall is not None:
                # Send part of the file, then go quiet (until the test ends).
                self.wfile.write(body[:stall])
                self.wfile.flush()
                behaviour.stop.wait(60)
                self.close_connection = True
                return
            cut = behaviour.cut_after.pop(file.name, None)
            if cut is not None:
                # Promise the whole file, send part of it, hang up.
                self.wfile.write(body[:cut])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/maven2"
    finally:
        behaviour.stop.set()
        server.shutdown()
        server.server_close()
        thread.join(5)
