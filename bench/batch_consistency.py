"""The batch pass of `editdesk check --across` on 100 and 1,000 articles: CPU seconds for
the across pass (the style sheet from every article's terms) apart from the per-article
work (reading, house style, extracting the terms, placing the batch's findings).

Articles are made from ../shared/corpora/edited-news (BBC and Reuters): each copy after the
first of a story gets new names of the same shape (so a 1,000-article batch has about ten
times the distinct names of a 100-article one, as a real one would), and every seventh
article writes e-mail, % and -ize and swaps two letters of its first recurring name.
Skipped (exit 0) where the corpus is absent.

    .venv/bin/python bench/batch_consistency.py [--sizes 100 1000] [--rounds 3]
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import sys
import time
from pathlib import Path

from editdesk.core.article import Article
from editdesk.core.checks.house import HouseStyleChecker
from editdesk.core.config import load_config
from editdesk.core.consistency import BatchRules, SheetChecker, TermExtractor, build_style_sheet

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpora" / "edited-news"
CONSONANTS, VOWELS = "bcdfghklmnprstvz", "aeiou"
NAME = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{4,})\b")


def stories() -> list[str]:
    files = sorted(CORPUS.glob("*/*.txt"))
    return [p.read_text(encoding="utf-8", errors="replace") for p in files]


def pseudonym(name: str, copy: int) -> str:
    """Another name of the same shape for copy ``copy`` of a story (the same each time)."""
    seed = int.from_bytes(hashlib.sha256(f"{name}/{copy}".encode()).digest()[:8], "big")
    rng = random.Random(seed)
    letters = [name[0]]
    for i in range(1, len(name)):
        letters.append(rng.choice(VOWELS if i % 2 else CONSONANTS))
    return "".join(letters)


def synthesise(texts: list[str], n: int) -> list[str]:
    out = []
    for k in range(n):
        text = texts[k % len(texts)]
        copy = k // len(texts)
        if copy:
            text = NAME.sub(lambda m, c=copy: pseudonym(m.group(1), c), text)
        if k % 7 == 3:
            text = text.replace("email", "e-mail").replace(" per cent", "%")
            text = re.sub(r"\b(organ|recogn|critic|real)is", r"\1iz", text)
            names = NAME.findall(text)
            recurring = next((w for w in names if names.count(w) > 1), None)
            if recurring:
                text = text.replace(recurring, recurring[:-2] + recurring[-1] + recurring[-2], 1)
        out.append(text)
    return out


def cpu(fn):
    start = time.process_time()
    value = fn()
    return time.process_time() - start, value


def measure(texts: list[str], rounds: int) -> dict[str, float]:
    config = load_config()
    rules = BatchRules.for_config(config)
    extractor = TermExtractor(rules)
    house = HouseStyleChecker(config)
    labels = [f"batch/{k:04d}.txt" for k in range(len(texts))]
    read_s, articles = cpu(lambda: [Article.from_plain_text(t) for t in texts])
    house_s, _ = cpu(lambda: [house.check(a) for a in articles])
    extract_s, terms = cpu(lambda: [extractor.terms(a, lb) for a, lb in zip(articles, labels,
                                                                            strict=True)])
    across = []
    sheet = None
    for _ in range(rounds):
        seconds, sheet = cpu(lambda: build_style_sheet(terms, rules))
        across.append(seconds)
    assert sheet is not None
    odd = {a for e in sheet.contested() for f in e.forms if f.form != e.preferred
           for a in f.articles}
    checker = SheetChecker(sheet, rules, extractor)
    place_s, found = cpu(lambda: [checker.check(a, lb) for a, lb in zip(articles, labels,
                                                                        strict=True)
                                  if lb in odd])
    distinct_names = len({n for t in terms for n in t.names})
    return {
        "articles": len(texts), "words": sum(a.words() for a in articles),
        "read": read_s, "house": house_s, "extract": extract_s, "across": min(across),
        "place": place_s, "contested": len(sheet.contested()),
        "findings": sum(len(f) for f in found), "names": distinct_names,
        "entries": len(sheet.entries),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the across pass (best)")
    args = parser.parse_args()
    if not CORPUS.is_dir():
        print(f"skipped: {CORPUS} not found")
        return 0
    texts = stories()
    rows = [measure(synthesise(texts, n), args.rounds) for n in args.sizes]
    print("| articles | words | distinct names | article model | house style | extract terms "
          "| across pass | place findings | contested forms | batch findings |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r['articles']:,} | {r['words']:,} | {r['names']:,} | {r['read']:.2f} s "
              f"| {r['house']:.2f} s | {r['extract']:.2f} s | {r['across']:.3f} s "
              f"| {r['place']:.2f} s | {r['contested']} | {r['findings']} |")
    if len(rows) > 1:
        a, b = rows[0], rows[-1]
        growth = b["articles"] / a["articles"]
        print(f"\n{b['articles']:,} / {a['articles']:,} articles ({growth:.0f}x): across pass "
              f"{b['across'] / a['across']:.1f}x, "
              f"term extraction {b['extract'] / a['extract']:.1f}x, "
              f"house style {b['house'] / a['house']:.1f}x "
              f"(CPU seconds, best of {args.rounds} for the across pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
