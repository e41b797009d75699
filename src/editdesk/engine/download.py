"""Downloading an engine's locked jars from a Maven repository: verified, resumable.

Each jar goes to ``NAME.part`` beside its final place, continues from where it stopped
(an HTTP Range request) after a dropped connection or a killed install, is checked
against the lock's SHA-256 and size, and only then renamed to ``NAME``. A jar whose hash
does not match is deleted and the install refused. Files already in place with the right
hash are kept, so a second install downloads nothing.

The repository is Maven Central unless ``EDITDESK_MAVEN_MIRROR`` or ``maven_mirror`` in
the ``[install]`` table of the user's ``editdesk.toml`` names another (a newsroom's own
mirror). requests honours the usual proxy variables (``HTTPS_PROXY``, ``HTTP_PROXY``,
``NO_PROXY``), ``REQUESTS_CA_BUNDLE`` and ``~/.netrc``.
"""

from __future__ import annotations

import os
import sys
import time
import urllib.parse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import requests
from tqdm import tqdm

from editdesk import __version__
from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.lockfile import Artifact, Lock, sha256_file
from editdesk.engine.user_settings import user_setting

MAVEN_CENTRAL = "https://repo1.maven.org/maven2"
MIRROR_ENV = "EDITDESK_MAVEN_MIRROR"
_CHUNK = 1 << 16


class DownloadError(EngineUnavailable):
    """A jar could not be fetched or did not match its lock; one line, naming it."""


def repository_url(config_file: Path | None = None) -> tuple[str, str]:
    """The Maven repository to fetch from, and where that choice came from."""
    mirror = os.environ.get(MIRROR_ENV, "").strip()
    if mirror:
        return mirror.rstrip("/"), MIRROR_ENV
    value, config = user_setting("install", "maven_mirror", config_file)
    if value is not None:
        if not isinstance(value, str) or not value.startswith(("https://", "http://")):
            raise EngineUnavailable(f"{config}: [install] maven_mirror must be an http(s) URL")
        return value.rstrip("/"), str(config)
    return MAVEN_CENTRAL, "default"


def public_url(url: str) -> str:
    """``url`` without a user name and password, for messages and records."""
    parts = urllib.parse.urlsplit(url)
    if "@" not in parts.netloc:
        return url
    return urllib.parse.urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def _matches(path: Path, artifact: Artifact) -> bool:
    try:
        if path.stat().st_size != artifact.size:
            return False
    except OSError:
        return False
    return sha256_file(path) == artifact.sha256


def fetch(
    lock: Lock,
    target: Path,
    repository: str = MAVEN_CENTRAL,
    *,
    session: requests.Session | None = None,
    progress_file: TextIO | None = sys.stderr,
    say: Callable[[str], None] | None = None,
    retries: int = 5,
    timeout: float = 60.0,
    prune: bool = True,
) -> int:
    """Make ``target`` hold exactly the lock's files; returns the bytes downloaded.

    Raises DownloadError naming the jar and the reason (HTTP status, network error after
    ``retries`` attempts, wrong SHA-256). ``progress_file=None`` hides the progress bar.
    """
    say = say or (lambda _message: None)
    target.mkdir(parents=True, exist_ok=True)
    wanted = {a.file_name for a in lock.artifacts}
    if prune:
        # Jars of another version would join the class path (DIR/*): only the lock's stay.
        for stray in target.iterdir():
            base = stray.name.removesuffix(".part")
            if stray.is_file() and stray.suffix in (".jar", ".part") and base not in wanted:
                stray.unlink()
    missing = [a for a in lock.artifacts if not _matches(target / a.file_name, a)]
    if not missing:
        return 0
    # Leftovers that are no use (a .part longer than its jar) restart from nothing.
    already = 0
    for a in missing:
        part = target / (a.file_name + ".part")
        if part.exists() and part.stat().st_size > a.size:
            part.unlink()
        already += part.stat().st_size if part.exists() else 0
    total = sum(a.size for a in missing)
    say(
        f"downloading {len(missing)} of {len(lock.artifacts)} {lock.engine} {lock.version} jars "
        f"({(total - already) / 1e6:.1f} MB"
        + (f", {already / 1e6:.1f} MB already fetched" if already else "")
        + f") from {public_url(repository)} into {target}"
    )
    own_session = session is None
    http = session or requests.Session()
    http.headers.setdefault("User-Agent", f"editdesk/{__version__}")
    downloaded = 0
    try:
        with tqdm(
            total=total, initial=already, unit="B", unit_scale=True, unit_divisor=1024,
            desc=f"{lock.engine} {lock.version}", file=progress_file,
            disable=progress_file is None, mininterval=0.5, leave=True,
        ) as bar:
            for artifact in missing:
                downloaded += _fetch_one(http, repository, artifact, target, bar,
                                         retries=retries, timeout=timeout)
    finally:
        if own_session:
            http.close()
    return downloaded


def _fetch_one(
    http: requests.Session,
    repository: str,
    artifact: Artifact,
    target: Path,
    bar: tqdm,
    *,
    retries: int,
    timeout: float,
) -> int:
    url = f"{repository.rstrip('/')}/{artifact.path}"
    shown = public_url(url)
    part = target / (artifact.file_name + ".part")
    received = 0
    attempt = 0
    while True:
        offset = part.stat().st_size if part.exists() else 0
        if offset < artifact.size:
            try:
                got_now = _transfer(http, url, shown, part, offset, artifact, bar, timeout)
                received += got_now
                if got_now == 0:
                    raise requests.ConnectionError("the server sent no data")
            except requests.RequestException as exc:
                attempt += 1
                if attempt > retries:
                    raise DownloadError(
                        f"{artifact.coordinates}: download from {shown} failed after "
                        f"{attempt} attempts ({_reason(exc)}); run the install again to resume"
                    ) from None
                time.sleep(min(0.2 * 2**attempt, 5.0))
                continue
        break
    got = sha256_file(part)
    if part.stat().st_size != artifact.size or got != artifact.sha256:
        part.unlink()
        raise DownloadError(
            f"{artifact.coordinates}: {shown} does not match the lock file "
            f"(SHA-256 {got}, expected {artifact.sha256}); refused and deleted"
        )
    os.replace(part, target / artifact.file_name)
    return received


def _transfer(
    http: requests.Session,
    url: str,
    shown: str,
    part: Path,
    offset: int,
    artifact: Artifact,
    bar: tqdm,
    timeout: float,
) -> int:
    headers = {"Range": f"bytes={offset}-"} if offset else {}
    with http.get(url, headers=headers, stream=True, timeout=timeout) as response:
        if response.status_code == 206 and offset:
            mode = "ab"
        elif response.status_code == 200:
            # The server ignored the Range: start the file over.
            if offset:
                bar.update(-offset)
            mode = "wb"
        elif response.status_code >= 500 or response.status_code == 429:
            raise requests.HTTPError(f"HTTP {response.status_code} {response.reason or ''}")
        else:
            raise DownloadError(
                f"{artifact.coordinates}: {shown} answered HTTP {response.status_code} "
                f"{response.reason or ''}".rstrip()
            )
        received = 0
        with open(part, mode) as out:
            for chunk in response.iter_content(_CHUNK):
                out.write(chunk)
                received += len(chunk)
                bar.update(len(chunk))
            out.flush()
            os.fsync(out.fileno())
    return received


def _reason(exc: requests.RequestException) -> str:
    text = str(exc) or type(exc).__name__
    # urllib3 puts the URL (user and password included) into its messages
    request = getattr(exc, "request", None)
    if request is not None and request.url:
        text = text.replace(request.url, public_url(request.url))
    return text if len(text) < 200 else text[:200] + "..."
