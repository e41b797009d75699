"""The batch style sheet of the folder an article is in, for the app's panel: every
article of the folder read, its terms extracted (no engine: capitalised words stand for
names), the batch pass run, and the forms the open article writes differently."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from editdesk.core.config import Config
    from editdesk.core.consistency import StyleSheet

ARTICLE_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".docx"})
_OWN_OUTPUTS = (".editdesk.json", ".reviewed.docx")
MAX_ARTICLES = 2000  # a folder larger than a batch is read up to this many articles


@dataclass
class FolderSheet:
    folder: Path
    sheet: StyleSheet
    # (form here, the batch's form, kind) for each odd form of the open article
    odd_here: list[tuple[str, str, str]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "name: reason", one per unreadable file


def folder_articles(folder: Path) -> list[Path]:
    return sorted(
        p for p in folder.iterdir()
        if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
        and not p.name.startswith((".", "~$")) and not p.name.endswith(_OWN_OUTPUTS)
    )[:MAX_ARTICLES]


def folder_style_sheet(article: Path, config: Config) -> FolderSheet:
    """The style sheet of ``article``'s folder (with the style sheet ``config`` loads)."""
    from editdesk.core.consistency import BatchRules, TermExtractor, build_style_sheet
    from editdesk.core.readers import read_article
    from editdesk.core.readers.errors import ReadError

    folder = Path(article).resolve().parent
    rules = BatchRules.for_config(config)
    extractor = TermExtractor(rules)
    terms, skipped = [], []
    for path in folder_articles(folder):
        try:
            terms.append(extractor.terms(read_article(path), str(path)))
        except ReadError as exc:
            skipped.append(f"{path.name}: {str(exc).removeprefix(f'{path}: ')}")
    sheet = build_style_sheet(terms, rules, config.style_sheet)
    here = str(Path(article).resolve())
    odd = []
    for entry in sheet.contested():
        for use in entry.forms:
            if use.form != entry.preferred and here in use.articles:
                odd.append((use.form, entry.preferred, entry.kind))
    return FolderSheet(folder, sheet, odd, skipped)
