"""``editdesk doctor``: everything EditDesk needs, checked in one go, each with its fix.

Each check is ``ok``, ``warn`` (works, but something is worth knowing: an optional engine
missing, little memory) or ``fail`` (something needed is missing: the command exits
non-zero). Nothing is downloaded; with ``start=True`` each installed engine is started
once on a loopback port and stopped, which is the only way to be sure it runs.
"""

from __future__ import annotations

import os
import platform
import sys
import zipfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from editdesk import __version__
from editdesk.core import paths

OK, WARN, FAIL = "ok", "warn", "fail"
# What a JVM takes beyond its heap (metaspace, code cache, threads): measured LanguageTool
# at ~0.4 GiB resident with -Xmx1g; CoreNLP reaches its heap plus about this much.
JVM_OVERHEAD = 512 << 20

JAVA_INSTALL = {
    "debian": "sudo apt install default-jre-headless    (Debian 12+, Ubuntu 22.04+)",
    "fedora": "sudo dnf install java-21-openjdk-headless",
    "macos": "brew install openjdk@21    (or the Temurin installer from https://adoptium.net)",
    "windows": "winget install EclipseAdoptium.Temurin.21.JRE",
}


@dataclass
class Check:
    name: str
    status: str
    summary: str
    fix: str | None = None
    details: dict[str, Any] = field(default_factory=dict)


def os_family() -> str:
    """debian, fedora, macos, windows, or the os-release ID of another system."""
    if sys.platform == "darwin":
        return "macos"
    if sys.platform.startswith("win"):
        return "windows"
    try:
        release = platform.freedesktop_os_release()
    except OSError:
        return "linux"
    ids = {release.get("ID", ""), *release.get("ID_LIKE", "").split()}
    if ids & {"debian", "ubuntu"}:
        return "debian"
    if ids & {"fedora", "rhel", "centos"}:
        return "fedora"
    return release.get("ID", "linux")


def folder_size(path: Path) -> int:
    total = 0
    stack = [path]
    while stack:
        try:
            entries = list(os.scandir(stack.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
            except OSError:
                continue
    return total


def _gib(size: int) -> str:
    return f"{size / (1 << 30):.1f} GiB"


def _mb(size: int) -> str:
    return f"{size / 1e6:.0f} MB"


def check_python() -> Check:
    version = platform.python_version()
    where = Path(__file__).resolve().parent
    details = {"version": version, "executable": sys.executable, "editdesk": __version__,
               "package": str(where)}
    return Check("python", OK, f"Python {version} ({sys.executable}), EditDesk {__version__}",
                 details=details)


def check_java() -> Check:
    from editdesk.engine.errors import EngineUnavailable
    from editdesk.engine.java import MIN_JAVA, find_java

    family = os_family()
    try:
        java = find_java()
    except EngineUnavailable as exc:
        fix = JAVA_INSTALL.get(family) or "; ".join(f"{k}: {v}" for k, v in JAVA_INSTALL.items())
        return Check("java", FAIL, str(exc), f"install Java {MIN_JAVA}+: {fix}",
                     {"os": family, "install": JAVA_INSTALL})
    return Check("java", OK, f"Java {java.version} ({java.path})",
                 details={"version": java.version, "path": str(java.path), "os": family})


def _has_class(jars: Path, main_class: str) -> bool:
    member = main_class.replace(".", "/") + ".class"
    for jar in sorted(jars.glob("*.jar")):
        try:
            with zipfile.ZipFile(jar) as archive:
                archive.getinfo(member)
                return True
        except (KeyError, OSError, zipfile.BadZipFile):
            continue
    return False


def check_engine(spec: Any, needed: bool, java_ok: bool, start: bool) -> Check:
    import importlib

    from editdesk.engine.supervisor import heap_bytes

    # editdesk.engine exports install() under the module's own name
    engine_install = importlib.import_module("editdesk.engine.install")

    name = f"engine:{spec.key}"
    label = f"{spec.name} {spec.version}"
    jars = engine_install.jars_dir(spec)
    memory = psutil.virtual_memory()
    need = heap_bytes(spec.default_heap) + JVM_OVERHEAD
    details: dict[str, Any] = {
        "name": spec.name, "version": spec.version, "jars": str(jars),
        "installed": engine_install.is_installed(spec),
        "cache_size": folder_size(engine_install.engine_dir(spec)),
        "heap": spec.default_heap, "memory_needed": need,
        "memory_available": memory.available, "memory_total": memory.total,
        "needed": needed, "licence": spec.licence,
    }
    missing_status = FAIL if needed else WARN
    problem = engine_install.verify(spec) if details["installed"] else None
    if not details["installed"] or problem:
        what = problem or f"{label} is not installed"
        if not needed:
            what += f" (the checks that use {spec.name} are skipped)"
        return Check(name, missing_status, what,
                     f"editdesk engine install --engine {spec.key}", details)
    if not _has_class(jars, spec.main_class):
        return Check(name, missing_status, f"{label}: no jar holds {spec.main_class}",
                     f"editdesk engine install --engine {spec.key}", details)
    fits = f"needs ~{_gib(need)} of {_gib(memory.available)} available ({_gib(memory.total)})"
    summary = f"{label} installed, {_mb(details['cache_size'])}; {fits}"
    if not java_ok:
        return Check(name, missing_status, f"{label} installed but cannot start without Java",
                     "see the java check", details)
    if memory.total < need:
        return Check(name, missing_status, f"{label}: {fits}: this machine is too small",
                     None, details)
    status, fix = OK, None
    if memory.available < need:
        status, fix = WARN, "close other programs before checking, or lower the heap"
    if start:
        started = _try_start(spec)
        details["start"] = started
        if started.get("error"):
            return Check(name, missing_status, f"{label} does not start: {started['error']}",
                         f"see {started.get('log')}", details)
        summary += f"; started in {started['seconds']:.1f} s"
    return Check(name, status, summary, fix, details)


def _try_start(spec: Any) -> dict[str, Any]:
    import time

    from editdesk.engine.errors import EngineUnavailable

    if spec.key == "corenlp":
        from editdesk.engine.corenlp_server import CoreNLPServer as Server
    else:
        from editdesk.engine.server import LanguageToolServer as Server  # type: ignore[assignment]
    server = Server()
    began = time.monotonic()
    try:
        server.start()
        return {"seconds": round(time.monotonic() - began, 1), "log": str(server.log_path)}
    except EngineUnavailable as exc:
        return {"error": str(exc), "log": str(getattr(server, "log_path", ""))}
    finally:
        server.stop()


def check_config() -> Check:
    from editdesk.core.config import CONFIG_NAME, ConfigError, find_config, load_config

    user = paths.config_dir() / CONFIG_NAME
    nearest = find_config(Path.cwd() / "article.txt")
    found = [str(p) for p in (user, nearest) if p is not None and p.is_file()]
    details = {"user_config": str(user), "found": found}
    try:
        for path in dict.fromkeys(found):
            load_config(config_file=Path(path))
    except ConfigError as exc:
        return Check("config", FAIL, str(exc), "fix or remove that file", details)
    if not found:
        return Check("config", OK, f"no editdesk.toml (the shipped house style); user file "
                     f"would be {user}", details=details)
    return Check("config", OK, "config files: " + ", ".join(found), details=details)


def check_cache() -> Check:
    root = paths.cache_dir()
    sizes = {child.name: folder_size(child) for child in sorted(root.iterdir())
             if child.is_dir()} if root.is_dir() else {}
    total = sum(sizes.values())
    free = psutil.disk_usage(str(root if root.exists() else root.parent)).free \
        if (root.exists() or root.parent.exists()) else None
    details = {"path": str(root), "size": total, "parts": sizes, "disk_free": free}
    return Check("cache", OK, f"cache {root}: {_mb(total)}"
                 + (f" ({_gib(free)} free on its disk)" if free is not None else ""),
                 details=details)


def check_repository() -> Check:
    from editdesk.engine.download import repository_url
    from editdesk.engine.errors import EngineUnavailable

    proxies = sorted(k for k in ("HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy",
                                 "ALL_PROXY", "all_proxy", "NO_PROXY", "no_proxy")
                     if os.environ.get(k))
    try:
        url, source = repository_url()
    except EngineUnavailable as exc:
        return Check("repository", FAIL, str(exc), "fix [install] maven_mirror")
    details = {"url": url, "source": source, "proxy_variables": proxies}
    where = "" if source == "default" else f" (from {source})"
    via = f", proxy variables: {' '.join(proxies)}" if proxies else ""
    return Check("repository", OK, f"engines install from {url}{where}{via}", details=details)


def check_desktop() -> Check:
    from editdesk import xdg_install

    entry = xdg_install.installed()
    if entry is None:
        return Check("desktop", WARN, "not in the application menu",
                     "editdesk desktop install", {"path": str(xdg_install.desktop_path())})
    return Check("desktop", OK, f"menu entry {entry}", details={"path": str(entry)})


def run(start: bool = False) -> list[Check]:
    from editdesk.engine.specs import ENGINES, LANGUAGETOOL

    checks = [check_python(), check_java()]
    java_ok = checks[-1].status == OK
    for spec in ENGINES.values():
        checks.append(check_engine(spec, spec is LANGUAGETOOL, java_ok, start))
    checks += [check_config(), check_cache(), check_repository(), check_desktop()]
    return checks


def as_json(checks: list[Check]) -> dict[str, Any]:
    return {
        "format": "editdesk.doctor/1",
        "editdesk": __version__,
        "ok": all(c.status != FAIL for c in checks),
        "checks": [asdict(c) for c in checks],
    }
