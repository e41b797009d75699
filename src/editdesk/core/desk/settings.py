"""How a desk learns from its decisions (``[desk]`` and ``desk_folder`` in editdesk.toml)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

DEMOTE_AFTER = 20
DEMOTE_RATE = 0.8
ACCEPT_WORDS_AFTER = 2


@dataclass(frozen=True)
class DeskSettings:
    """``learn``: record decisions and apply what they teach. A rule is demoted once
    at least ``demote_after`` decisions on it were rejections or ignores at least
    ``demote_rate`` of the time; a word becomes the desk's once editors accepted it
    as correct in ``accept_words_after`` different articles. ``never_demote`` lists
    rules kept at their severity whatever the history says. ``folder`` is a folder the
    desk shares (None: the user's data folder)."""

    learn: bool = True
    demote_after: int = DEMOTE_AFTER
    demote_rate: float = DEMOTE_RATE
    accept_words_after: int = ACCEPT_WORDS_AFTER
    never_demote: frozenset[str] = frozenset()
    folder: Path | None = field(default=None)


_KEYS = ("learn", "demote_after", "demote_rate", "accept_words_after", "never_demote")


def parse_desk(
    settings: DeskSettings, table: object, folder: object, base: Path
) -> DeskSettings:
    """``settings`` with an editdesk.toml's ``[desk]`` table and ``desk_folder`` (None
    when absent; relative to ``base``, the file's folder) applied. Raises ValueError
    with the reason."""
    if folder is not None:
        if not isinstance(folder, str) or not folder.strip():
            raise ValueError("desk_folder must be a folder name")
        settings = replace(settings, folder=(base / Path(folder).expanduser()).resolve())
    if table is None:
        return settings
    if not isinstance(table, dict):
        raise ValueError("[desk] must be a table (learn, demote_after, demote_rate, ...)")
    unknown = sorted(set(table) - set(_KEYS))
    if unknown:
        raise ValueError(f"[desk] has no setting {unknown[0]!r} (it has {', '.join(_KEYS)})")
    changes: dict[str, object] = {}
    if "learn" in table:
        if not isinstance(table["learn"], bool):
            raise ValueError("[desk] learn must be true or false")
        changes["learn"] = table["learn"]
    for key in ("demote_after", "accept_words_after"):
        if key in table:
            value = table[key]
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"[desk] {key} must be a whole number of at least 1")
            changes[key] = value
    if "demote_rate" in table:
        rate = table["demote_rate"]
        if isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 < rate <= 1:
            raise ValueError("[desk] demote_rate must be a number above 0 and at most 1")
        changes["demote_rate"] = float(rate)
    if "never_demote" in table:
        rules = table["never_demote"]
        if not isinstance(rules, list) or not all(isinstance(r, str) for r in rules):
            raise ValueError("[desk] never_demote must be a list of rule ids")
        changes["never_demote"] = settings.never_demote | frozenset(rules)
    return replace(settings, **changes)  # type: ignore[arg-type]
