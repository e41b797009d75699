"""The real CoreNLP server: private to EditDesk (credentials, loopback only), bounded heap,
offsets verified with astral characters, and never left behind."""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import psutil
import pytest

from editdesk.core.article import Article
from editdesk.core.checks.cache import ResultCache
from editdesk.core.checks.corenlp import PROPERTIES, CoreNLPClient, CoreNLPError, utf16_len
from editdesk.core.checks.languagetool import Utf16Index
from editdesk.engine import CoreNLPServer, EngineUnavailable

QUERY = urllib.parse.urlencode({"properties": json.dumps(PROPERTIES)})


def annotate_status(url: str, auth: tuple[str, str] | None) -> int:
    request = urllib.request.Request(f"{url}/?{QUERY}", data=b"He said that Nair went home.")
    if auth:
        import base64

        token = base64.b64encode(":".join(auth).encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)


def own_non_loopback_ipv4() -> str | None:
    for addresses in psutil.net_if_addrs().values():
        for a in addresses:
            if a.family == socket.AF_INET and not a.address.startswith("127."):
                return str(a.address)
    return None


@pytest.mark.integration
def test_only_our_client_gets_in(corenlp_server) -> None:
    server = corenlp_server
    assert annotate_status(server.url, None) == 401
    assert annotate_status(server.url, ("editdesk", "wrong")) == 401
    assert annotate_status(server.url, server.credentials) == 200
    other = own_non_loopback_ipv4()
    if other is not None:
        # The block list: from another interface even the right credential is refused.
        remote = server.url.replace("127.0.0.1", other)
        assert annotate_status(remote, server.credentials) == 401
    jvm = psutil.Process(server.pid)
    cmdline = " ".join(jvm.cmdline())
    # The secret is not on the command line (every local user can read that) nor on disk.
    assert server.credentials[1] not in cmdline
    assert "-Xmx2g" in cmdline and "-blockList" in cmdline
    props = [a for a in jvm.cmdline() if a.endswith(".properties")]
    assert props and not Path(props[0]).exists()
    listening = [c.laddr for c in jvm.net_connections() if c.status == psutil.CONN_LISTEN]
    assert listening and all(":" not in addr.ip for addr in listening)  # no IPv6 socket


def test_a_private_server_must_be_on_loopback() -> None:
    for url in ("http://192.168.1.20:9000", "http://10.0.0.5:9000", "http://example.org:9000"):
        with pytest.raises(CoreNLPError, match="must be on 127.0.0.1"):
            CoreNLPClient(url, private=True)
    CoreNLPClient("http://127.0.0.1:9000", private=True)
    CoreNLPClient("http://10.0.0.5:9000")  # a shared server given by URL is the user's call


@pytest.mark.integration
def test_offsets_with_astral_characters_and_the_paragraph_cache(
    corenlp_server, tmp_path: Path
) -> None:
    text = "😀😀 Ships 𝑥 arrive.\n\nNair met Qin 🇬🇧 in Beijing.\n\nA third one.\n"
    article = Article.from_plain_text(text)
    cache = ResultCache(tmp_path)
    client = CoreNLPClient(
        corenlp_server.url, auth=corenlp_server.credentials, private=True, cache=cache,
        engine_id="test",
    )
    docs = client.paragraph_docs(article)
    assert client.requests == 1  # one request for the whole article
    words = []
    for i, doc in enumerate(docs):
        prose = article.prose(i).text
        index = Utf16Index(prose)
        for sentence in doc["sentences"]:
            for t in sentence["tokens"]:
                start = index.to_code_points(t["characterOffsetBegin"])
                end = index.to_code_points(t["characterOffsetEnd"])
                assert prose[start:end] == t["originalText"]
                assert t["characterOffsetEnd"] <= utf16_len(prose)
                words.append(t["originalText"])
    assert {"Ships", "𝑥", "Nair", "Beijing", "third"} <= set(words)
    nair = next(t for d in docs for s in d["sentences"] for t in s["tokens"]
                if t["originalText"] == "Nair")
    assert nair["ner"] == "PERSON"
    # Unchanged: nothing sent. One paragraph changed: one request, for it alone.
    assert client.paragraph_docs(article) == docs and client.requests == 1
    edited = Article.from_plain_text(text.replace("A third one.", "A third, new one."))
    again = client.paragraph_docs(edited)
    assert client.requests == 2 and again[:2] == docs[:2] and again[2] != docs[2]


@pytest.mark.integration
def test_a_request_to_a_dead_server_is_one_line(tmp_path: Path) -> None:
    from editdesk.engine.server import free_port

    client = CoreNLPClient(f"http://127.0.0.1:{free_port()}", auth=("a", "b"), private=True)
    with pytest.raises(CoreNLPError, match="not reachable") as caught:
        client.annotate("Hello.")
    assert "\n" not in str(caught.value)


def test_too_little_memory_for_the_heap_is_one_line(monkeypatch, tmp_path: Path) -> None:
    import editdesk.engine.corenlp_server as module

    class Memory:
        available = 1 << 30

    monkeypatch.setattr(module.psutil, "virtual_memory", lambda: Memory())
    server = CoreNLPServer(heap="2g", log_path=tmp_path / "nlp.log")
    with pytest.raises(EngineUnavailable, match="too little memory for CoreNLP.*2g") as caught:
        server.start()
    assert "\n" not in str(caught.value) and not server.alive()
