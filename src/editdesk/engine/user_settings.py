"""Engine settings from the user's own ``editdesk.toml`` (the config folder's, not an
article's: the machine and its network are the user's)."""

from __future__ import annotations

import tomllib
from pathlib import Path

from editdesk.core import paths
from editdesk.engine.errors import EngineUnavailable


def user_setting(
    table: str, key: str, config_file: Path | None = None
) -> tuple[object | None, Path]:
    """``[table] key`` of the user's editdesk.toml (None when absent), and the file read.
    An unreadable file is one EngineUnavailable line naming it."""
    config = config_file or paths.config_dir() / "editdesk.toml"
    try:
        with open(config, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return None, config
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise EngineUnavailable(f"{config}: cannot read it ({exc})") from None
    section = data.get(table, {})
    return (section.get(key) if isinstance(section, dict) else None), config
