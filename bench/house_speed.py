"""House-style checks on a long article (no LanguageTool): CPU seconds for
1,000 paragraphs, best of five.

    .venv/bin/python bench/house_speed.py
"""

from __future__ import annotations

import time

from editdesk.core.article import Article
from editdesk.core.checks.house import HouseStyleChecker
from editdesk.core.config import load_config

PARAGRAPH = (
    "The council said that the new library, which will open in the centre of town next "
    "year, would cost 40 per cent more than planned. Although costs rose, officials "
    "organised a review in order to find savings, and the mayor welcomed it."
)


def main() -> None:
    text = "\n\n".join(f"{PARAGRAPH} Item {n}." for n in range(1000))
    article = Article.from_plain_text(text)
    checker = HouseStyleChecker(load_config())
    best = float("inf")
    for _ in range(5):
        start = time.process_time()
        found = checker.check(article)
        best = min(best, time.process_time() - start)
    words = article.words()
    print(f"house style: 1000 paragraphs, {words} words, {len(found)} findings: "
          f"{best:.2f} s CPU ({words / best:,.0f} words/s)")


if __name__ == "__main__":
    main()
