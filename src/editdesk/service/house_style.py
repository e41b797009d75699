"""The house style a review is checked with: the article's (editdesk.toml found
upward, or a given file), plus what the editor switched off in this review.

core.config compiles the house-style rules when imported, so the loaders import it
when first called: the app's window opens without it.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editdesk.core.config import Config
    from editdesk.core.review.model import Review


def review_config(config: Config, review: Review) -> Config:
    """The house style with the rules ignored and the words accepted in this review."""
    return dataclasses.replace(
        config,
        disabled_rules=frozenset(config.disabled_rules) | set(review.ignored_rules),
        accepted_words=frozenset(config.accepted_words) | set(review.accepted_words),
    )


def house_style_for(
    path: Path, config_file: Path | None = None, language: str | None = None
) -> Config:
    """The article's house style (``language`` overrides its variant) with what the
    desk's history teaches (service.desk_history). Raises ConfigError."""
    from editdesk.core.config import load_config
    from editdesk.service.desk_history import with_desk_history

    config = with_desk_history(load_config(path, config_file))[0]
    return dataclasses.replace(config, language=language) if language else config


def house_style_or_fallback(path: Path) -> tuple[Config, str]:
    """The article's house style; when its file is broken, the default one (or none
    at all when the broken file is the editor's own, read for every article), and a
    warning saying so ("" when all is well)."""
    from editdesk.core.config import Config, ConfigError, load_config
    from editdesk.service.desk_history import with_desk_history

    try:
        return with_desk_history(load_config(path))
    except ConfigError as exc:
        try:
            return load_config(None), f"{exc}\n\nUsing the default house style."
        except ConfigError:
            return Config(), f"{exc}\n\nChecking without house-style rules."
