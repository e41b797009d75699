"""Where EditDesk finds its bundled resources and keeps per-user state."""

from __future__ import annotations

import os
from importlib import resources as _resources
from pathlib import Path

import platformdirs

APP_NAME = "editdesk"


def resource_dir() -> Path:
    """The resources/ folder: the repository's in a checkout, the wheel's copy otherwise."""
    checkout = Path(__file__).resolve().parents[3] / "resources"
    if checkout.is_dir():
        return checkout
    return Path(str(_resources.files("editdesk") / "resources"))


def resource(name: str) -> Path:
    return resource_dir() / name


def engine_pom(key: str) -> Path:
    """packaging/<key>/pom.xml in a checkout, the wheel's resources/<key>-pom.xml otherwise."""
    checkout = Path(__file__).resolve().parents[3] / "packaging" / key / "pom.xml"
    if checkout.is_file():
        return checkout
    return resource(f"{key}-pom.xml")


def engine_lock(key: str) -> Path:
    """packaging/<key>/lock.json in a checkout, the wheel's resources/<key>-lock.json otherwise."""
    checkout = Path(__file__).resolve().parents[3] / "packaging" / key / "lock.json"
    if checkout.is_file():
        return checkout
    return resource(f"{key}-lock.json")


def languagetool_pom() -> Path:
    return engine_pom("languagetool")


def cache_dir() -> Path:
    """Per-user cache shared by every checkout (EDITDESK_CACHE_DIR overrides, for tests)."""
    override = os.environ.get("EDITDESK_CACHE_DIR")
    return Path(override) if override else Path(platformdirs.user_cache_dir(APP_NAME))


def config_dir() -> Path:
    override = os.environ.get("EDITDESK_CONFIG_DIR")
    return Path(override) if override else Path(platformdirs.user_config_dir(APP_NAME))


def state_dir() -> Path:
    override = os.environ.get("EDITDESK_STATE_DIR")
    return Path(override) if override else Path(platformdirs.user_state_dir(APP_NAME))


def data_dir() -> Path:
    """Per-user data (the desk's decision history unless a desk folder is set)."""
    override = os.environ.get("EDITDESK_DATA_DIR")
    return Path(override) if override else Path(platformdirs.user_data_dir(APP_NAME))
