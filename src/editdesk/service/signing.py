"""Signing a review off: checked first when its findings are not current, then the
sign-off recorded and the review saved (sidecar: atomically, under its lock)."""

from __future__ import annotations

from pathlib import Path

from editdesk.core.checks.runner import CheckResult
from editdesk.core.config import Config
from editdesk.core.review import signoff
from editdesk.core.review.model import SignOff, SignOffStatus
from editdesk.core.review.sidecar import save_review
from editdesk.engine.session import EngineSession
from editdesk.service.checking import check_review, needs_check, sync
from editdesk.service.opening import OpenedReview


def refresh_findings(
    opened: OpenedReview, config: Config, engines: EngineSession
) -> CheckResult | None:
    """Check the review and sync the findings when they are not current (or were made
    without LanguageTool); None when they are."""
    if not needs_check(opened.review):
        return None
    result = check_review(opened.article, opened.review, config, engines)
    sync(opened.review, result)
    return result


def sign_off_and_save(
    opened: OpenedReview,
    config: Config,
    *,
    editor: str,
    role: str,
    decision: str,
    note: str = "",
    force_reason: str | None = None,
) -> tuple[SignOff, Path]:
    """Record the sign-off and save; returns it and the sidecar written. Raises
    SignOffRefused / ReviewError (nothing recorded), SidecarError / OSError (not saved)."""
    record = signoff.sign_off(
        opened.review, editor, role, decision, note, config.style_hash, force_reason=force_reason
    )
    return record, save_review(opened.review, opened.path)


def status(opened: OpenedReview) -> SignOffStatus:
    return signoff.signoff_status(opened.review)
