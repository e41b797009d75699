"""Compatibility alias: the path helpers live in ``editdesk.core.paths`` (core may
import nothing of ours outside core)."""

from editdesk.core.paths import (  # noqa: F401
    APP_NAME,
    cache_dir,
    config_dir,
    languagetool_pom,
    resource,
    resource_dir,
    state_dir,
)
