"""The check loop: a snapshot of the text goes to the worker process, the result comes
back and is shown in steps; the engines' states are shown in the status bar.

LanguageTool and CoreNLP (the structure checks) come up on their own: whichever is ready
first is used at once, and the text is checked again when the other is."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer

from editdesk.gui.check_process import CheckRequest
from editdesk.gui.items import Item, build_items
from editdesk.gui.workers import CheckJob
from editdesk.service.house_style import review_config

ENGINE_COLOURS = {
    "starting": "#8a6d00",
    "ready": "#1d7a3a",
    "unavailable": "#b3261e",
    "stopped": "#5f6670",
}


class CheckLoopMixin:
    """Checking for MainWindow (mixed into it)."""

    def check_now(self) -> None:
        self.check_timer.stop()
        if self.session is None:
            return
        self.sync_timer.stop()
        self._sync_from_editor()
        review = self.session.review
        config = review_config(self.config, review)
        request = CheckRequest(
            article=self.session.article,
            text=review.text,  # read into an Article in the worker, not here
            config=config,
            engines=self.engine.address(),
        )
        self._check_started = time.monotonic()
        self.scheduler.submit(CheckJob(self.revision, request))

    def _busy_changed(self, busy: bool) -> None:
        if busy:
            self.check_label.setText("Checking…")

    def _check_done(self, revision: int, result) -> None:
        if self.session is None or revision != self.revision:
            return  # the text changed since: a newer check is on its way
        self._sync_from_editor()
        self.last_check_seconds = time.monotonic() - self._check_started
        self.last_language = result.language
        if self._keeps_last_results(result):
            self._check_applied(result)
            return
        self.session.sync_findings(result.findings, result.sources)
        self.schedule_save()
        # The rest in steps, each its own turn of the event loop, so that applying
        # hundreds of findings never holds the GUI thread for long at a stretch.
        self._apply_token += 1
        token = self._apply_token
        items: list[Item] = []

        def still_current() -> bool:
            return self.session is not None and token == self._apply_token

        def build() -> None:
            if still_current():
                items.extend(build_items(self.session.review, self.session.desk_history()))
                QTimer.singleShot(0, show_in_text)

        def show_in_text() -> None:
            if still_current():
                self.view.set_items(items, self.session.review.text)
                self.show_changes()
                QTimer.singleShot(0, show_in_pane)

        def show_in_pane() -> None:
            if still_current():
                self.pane.set_items(items)
                self.signoff_panel.show_review(self.session.review)
                self._check_applied(result)

        QTimer.singleShot(0, build)

    def _keeps_last_results(self, result) -> bool:
        """A check without an engine that is still starting must not wipe that engine's
        findings of the text as it is (reopening an article): the last results stay on
        screen until the full check replaces them."""
        review = self.session.review
        if not review.findings_current:
            return False
        starting = {
            "languagetool": self.engine.state == "starting",
            "structure": self.engine.structure_state == "starting",
        }
        return any(
            up and source not in result.sources and source in review.checked_with
            for source, up in starting.items()
        )

    def _check_applied(self, result) -> None:
        self.show_counts()
        if result.lt_error:
            self._show_engine("unavailable", f"{result.lt_error} — house-style checks only")
            if self.engine.state == "ready":
                self.engine.recover_async(result.lt_error)
        elif self.engine.state == "ready":
            self._show_engine("ready", f"{self.engine.detail} ready · {result.language}")
        if (
            result.structure_error
            and "structure" not in result.sources
            and self.engine.structure_state == "ready"
        ):
            # CoreNLP was up but failed this check: restarted once, else skipped from here on
            why = result.structure_error
            self._show_structure("unavailable", f"structure checks skipped: {why}")
            self.engine.recover_structure_async(result.structure_error)
        self.checked.emit(len(result.findings))

    def _check_failed(self, revision: int, message: str) -> None:
        if revision == self.revision:
            self.check_label.setText("check failed")
            self.statusBar().showMessage(f"Check failed: {message}", 15_000)

    def _engine_state(self, state: str, detail: str) -> None:
        if state == "ready":
            detail = f"{detail} ready" + (f" · {self.last_language}" if self.last_language else "")
        elif state == "unavailable":
            detail = f"LanguageTool unavailable: {detail} — house-style checks only"
        self._show_engine(state, detail)
        if state in ("ready", "unavailable") and self.session is not None:
            self.check_now()

    def _structure_state(self, state: str, detail: str) -> None:
        lines = {
            "ready": f"structure checks ready ({detail})",
            "unavailable": f"structure checks skipped: {detail}",
            "off": "structure checks off",
        }
        self._show_structure(state, lines.get(state, detail))
        if state in ("ready", "unavailable") and self.session is not None:
            self.check_now()

    def _show_structure(self, state: str, detail: str) -> None:
        colour = ENGINE_COLOURS.get(state, "#5f6670")
        self.structure_label.setText(f"<span style='color:{colour}'>●</span> {detail}")
        self.structure_label.setToolTip(detail)
        self.structure_label.setProperty("engineState", state)

    def _show_engine(self, state: str, detail: str) -> None:
        colour = ENGINE_COLOURS.get(state, "#5f6670")
        self.engine_label.setText(f"<span style='color:{colour}'>●</span> {detail}")
        self.engine_label.setToolTip(detail)
        self.engine_label.setProperty("engineState", state)
