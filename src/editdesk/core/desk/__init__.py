"""Desk history: what a desk's editors decided about findings, and what the checks
learn from it (rules demoted one severity, words accepted for the desk).

Pure logic over decisions already read: the store that keeps them (SQLite, under a
file lock) is ``editdesk.service.desk_history``.
"""

from editdesk.core.desk.history import (
    Demotion,
    DeskView,
    RuleTally,
    WordTally,
    demote,
    desk_view,
    history_line,
    lower_severity,
)
from editdesk.core.desk.settings import DeskSettings

__all__ = [
    "Demotion",
    "DeskSettings",
    "DeskView",
    "RuleTally",
    "WordTally",
    "demote",
    "desk_view",
    "history_line",
    "lower_severity",
]
