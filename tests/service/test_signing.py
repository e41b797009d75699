"""service.signing: a review checked when it must be, signed off, saved; and its status."""

from __future__ import annotations

import pytest

from editdesk.core.review import SignOffRefused, sidecar_path
from editdesk.engine.session import EngineSession
from editdesk.service.house_style import house_style_for
from editdesk.service.opening import open_review
from editdesk.service.signing import refresh_findings, sign_off_and_save, status

TEXT = "The council said it could of acted sooner. Their was no warning given.\n"


pytestmark = pytest.mark.usefixtures("isolated")


@pytest.mark.integration
def test_a_never_checked_review_is_checked_then_signed_off_and_saved(tmp_path, lt_url) -> None:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    opened = open_review(path)
    config = house_style_for(path, language="en-GB")
    result = refresh_findings(opened, config, EngineSession(lt_url))
    assert result is not None and result.sources == ("house", "languagetool")
    assert opened.review.findings_current and opened.review.open_counts()["error"] > 0
    assert refresh_findings(opened, config, EngineSession(lt_url)) is None  # current now

    with pytest.raises(SignOffRefused):
        sign_off_and_save(opened, config, editor="Ana", role="editor", decision="approved")
    assert not sidecar_path(path).exists()  # nothing recorded, nothing written

    record, saved = sign_off_and_save(
        opened,
        config,
        editor="Ana",
        role="chief sub",
        decision="approved",
        force_reason="quoting a source",
    )
    assert saved == sidecar_path(path)
    assert record.checked_with == ["house", "languagetool"]
    again = open_review(path)
    st = status(again)
    assert st.approved_and_current and st.latest == record
    assert path.read_text(encoding="utf-8") == TEXT  # the article is never written
