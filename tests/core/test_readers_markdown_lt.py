"""The Markdown masks against the real LanguageTool server: syntax raises no
false alarms, and a real error inside markup is reported at its source span."""

from __future__ import annotations

from pathlib import Path

import pytest

from editdesk.core.checks.languagetool import LanguageToolChecker
from editdesk.core.readers import read_article

pytestmark = pytest.mark.integration

CLEAN = """\
---
author: someone
---

# A clean 😀 headline

The **new** report, published on *Monday*, explains the [budget](https://example.org/b "B")
in plain words. `make report` builds it, and the chart ![chart](c.png) shows the trend.

Readers can visit https://example.org/more or <https://example.org/faq> for details.
Tom &amp; Jerry agreed.[^1] The `--verbose` flag prints more.

- The first point is short.
- The second point is *also* short.

> The minister said the plan was sound.

| Region | Change |
|--------|--------|
| North  | Higher |

```
this is not English at all teh teh
```

[^1]: The footnote is fine too.
"""


def test_markdown_syntax_raises_no_false_alarms(lt_url: str, tmp_path: Path) -> None:
    path = tmp_path / "clean.md"
    path.write_text(CLEAN, encoding="utf-8")
    article = read_article(path)
    findings = LanguageToolChecker(lt_url).check(article, "en-GB")
    assert [(f.id, article.text[f.start : f.end]) for f in findings] == []


def test_error_inside_markup_is_found_at_its_source_span(lt_url: str, tmp_path: Path) -> None:
    source = "# 😀 Title\n\n𝑥 The **report** says [they was](https://x.org) right 😀.\n"
    path = tmp_path / "err.md"
    path.write_text(source, encoding="utf-8")
    article = read_article(path)
    findings = LanguageToolChecker(lt_url).check(article, "en-GB")
    was = source.index("they was") + len("they ")
    # The offending word, located in the Markdown source past the astral characters.
    assert any((f.start, f.end) == (was, was + 3) for f in findings), findings
    for f in findings:  # every finding lies inside prose, not on syntax
        assert "[" not in article.text[f.start : f.end]
        assert "](" not in article.text[f.start : f.end]
