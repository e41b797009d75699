"""What the app remembers between runs: the reviewer, recent files, window layout,
the export dialog's last choices.

A small JSON file under ``paths.config_dir()`` (EDITDESK_CONFIG_DIR in tests),
written atomically; a damaged file is ignored rather than fatal.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

from editdesk.core import paths

MAX_RECENT = 10
UNNAMED_REVIEWER = "Editor"  # until the editor has said who they are


@dataclass
class GuiSettings:
    reviewer: str = ""
    initials: str = ""
    role: str = ""
    recent: list[str] = field(default_factory=list)
    geometry: str = ""  # base64 of QWidget.saveGeometry()
    splitter: str = ""
    # File > Export…'s last choices: findings mode, safe suggestions applied, summary
    # page, and the folder ("" = beside the article)
    export_findings: str = "open"
    export_safe_suggestions: bool = False
    export_summary_page: bool = False
    export_folder: str = ""

    @staticmethod
    def file() -> Path:
        return paths.config_dir() / "gui.json"

    @classmethod
    def load(cls) -> GuiSettings:
        try:
            data = json.loads(cls.file().read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return cls()
        if not isinstance(data, dict):
            return cls()
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        try:
            return cls(**known)
        except TypeError:
            return cls()

    def save(self) -> None:
        target = self.file()
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=".gui-", suffix=".json", dir=target.parent)
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(asdict(self), fh, indent=2)
            os.replace(tmp, target)
        except OSError:
            pass  # remembering preferences is a convenience, never a reason to fail

    def reviewer_name(self) -> str:
        """The name edits and comments are signed with: the one the editor gave
        (asked on first run), never the login name."""
        return self.reviewer or UNNAMED_REVIEWER

    def add_recent(self, path: Path) -> None:
        p = str(Path(path).resolve())
        self.recent = [p, *[r for r in self.recent if r != p]][:MAX_RECENT]
