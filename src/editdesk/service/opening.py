"""Opening an article with its review: the sidecar beside it, a DOCX's own
comments and tracked changes when there is no sidecar, or a fresh review."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editdesk.core.article import Article
from editdesk.core.readers import ReadError, read_article
from editdesk.core.review.errors import SidecarError
from editdesk.core.review.model import Review
from editdesk.core.review.sidecar import load_review, sidecar_path


class OpenError(Exception):
    """The article (or, when it must be used, its review) cannot be read; ``str()`` is
    one line naming the file."""


@dataclass
class OpenedReview:
    path: Path
    article: Article
    review: Review
    # Non-empty: why this review must not be saved (its sidecar could not be read and
    # is kept as it is); ``warning`` then says what was wrong with it.
    read_only: str = ""
    warning: str = ""
    imported: bool = False  # the review came from the DOCX's own markup


def open_review(
    path: Path, *, import_docx: bool = False, fresh_if_unreadable: bool = False
) -> OpenedReview:
    """Read the article and its review. ``import_docx``: a DOCX without a sidecar
    brings its own comments and tracked changes. ``fresh_if_unreadable``: a sidecar
    that cannot be read gives a fresh read-only review and a warning instead of
    OpenError. ``review.rebased_on_load`` says when the article changed on disk."""
    path = Path(path)
    try:
        article = read_article(path)
    except ReadError as exc:
        raise OpenError(str(exc)) from exc
    except OSError as exc:
        raise OpenError(f"{path}: {exc.strerror or exc}") from exc
    try:
        if import_docx and article.format == "docx" and not sidecar_path(path).exists():
            imported = import_docx_review(path)
            if imported is not None:
                # Its original is the DOCX with its pending changes rejected (or the
                # text the exported review began on), not the text read: saved and
                # reopened, the file must not count as changed on disk.
                if imported.original_sha256 != article.sha256:
                    imported.article_sha256 = article.sha256
                return OpenedReview(path, article, imported, imported=True)
        return OpenedReview(path, article, load_review(path, article))
    except SidecarError as exc:
        if not fresh_if_unreadable:
            raise OpenError(str(exc)) from exc
        return OpenedReview(
            path,
            article,
            Review.for_article(article, str(path)),
            read_only="the review file could not be read and is kept as it is",
            warning=str(exc),
        )


def import_docx_review(path: Path) -> Review | None:
    """A DOCX's own comments / tracked changes as a review (None when it has none,
    or they cannot be read: that is no reason to refuse the text)."""
    from editdesk.export import has_review_markup, import_review  # python-docx: loaded on use

    if not has_review_markup(path):
        return None
    try:
        review = import_review(path)
    except Exception:  # noqa: BLE001 - unreadable markup leaves the text to review
        return None
    if review is None or not (review.comments or review.findings or review.text != review.original):
        return None
    review.article_path = str(path)
    return review
