"""How long the DOCX export takes for an article with 1,000 findings.

Findings are synthesized on a real text (the shared sample when present,
repeated; otherwise generated prose), as a cached check would hand them over,
plus a review with editor edits and threaded comments. The export must stay
under 3 s. Usage: .venv/bin/python bench/export_speed.py [--findings N]
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import tempfile
import time
from pathlib import Path

from editdesk.core.article import Article
from editdesk.core.findings import Finding, Severity, with_fingerprint
from editdesk.core.readers import read_article
from editdesk.core.review.model import Anchor, Comment, Reply, Review, sha256_text
from editdesk.export import export_docx

SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "no-limit-partnership.txt"
LIMIT_SECONDS = 3.0
_WORDS = [
    "the",
    "committee",
    "agreed",
    "that",
    "its",
    "budget",
    "for",
    "the",
    "harbour",
    "wall",
    "was",
    "adequate",
    "although",
    "several",
    "members",
    "said",
    "the",
    "colour",
    "of",
    "the",
    "stone",
    "would",
    "need",
    "to",
    "be",
    "discussed",
    "again",
]


def article_text(min_words: int) -> str:
    if SAMPLE.is_file():
        base = SAMPLE.read_text(encoding="utf-8").strip()
    else:
        rnd = random.Random(1)
        paras = []
        for _ in range(40):
            sentences = [" ".join(rnd.choices(_WORDS, k=14)).capitalize() + "." for _ in range(5)]
            paras.append(" ".join(sentences))
        base = "\n\n".join(paras)
    text = base
    while len(text.split()) < min_words:
        text += "\n\n" + base
    return text


def synthesize(text: str, count: int) -> list[Finding]:
    words = [m for m in re.finditer(r"[A-Za-z]{4,}", text)]
    step = max(1, len(words) // count)
    out = []
    for i, m in enumerate(words[::step][:count]):
        severity = (Severity.ERROR, Severity.WARNING, Severity.SUGGESTION)[i % 3]
        repl = (m.group().upper(),) if i % 2 else ()
        f = Finding(
            f"house:rule-{i % 17}",
            "house",
            "style",
            severity,
            f"Problem number {i} with this word.",
            m.start(),
            m.end(),
            repl,
        )
        out.append(with_fingerprint(f, text))
    return out


def review_for(text: str, edits: int, comments: int) -> Review:
    rnd = random.Random(2)
    words = [m for m in re.finditer(r"[a-z]{5,}", text)]
    chosen = sorted(rnd.sample(words, min(edits, len(words))), key=lambda m: m.start())
    pieces, pos = [], 0
    for m in chosen:
        pieces += [text[pos : m.start()], m.group()[::-1]]
        pos = m.end()
    edited = "".join(pieces) + text[pos:]
    review = Review("bench.txt", text, edited, sha256_text(text))
    review.edit_authors.append(("Bench Editor", "2026-11-28T09:00:00+00:00"))
    for i in range(comments):
        at = (len(edited) * i) // max(1, comments)
        review.comments.append(
            Comment(
                f"c{i}",
                Anchor.on(edited, at, min(len(edited), at + 7)),
                "Bench Editor",
                "2026-11-28T10:00:00+00:00",
                f"Comment {i}",
                [Reply("Writer", "2026-11-28T11:00:00+00:00", "Done.")],
                resolved=i % 2 == 0,
            )
        )
    return review


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--findings", type=int, default=1000)
    args = parser.parse_args()
    text = article_text(min_words=args.findings * 6)
    findings = synthesize(text, args.findings)
    worst = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "bench.txt"
        src.write_text(text, encoding="utf-8")
        article = read_article(src)
        if article.text != text:
            article = Article.from_plain_text(text, src)
        review = review_for(text, edits=200, comments=50)
        runs = [
            ("txt, review + findings", article, review, False, Path(tmp) / "a.docx"),
            ("txt, --accept-all-suggestions", article, None, True, Path(tmp) / "b.docx"),
        ]
        for label, art, rev, accept_all, out in runs:
            began = time.perf_counter()
            report = export_docx(art, rev, findings, out, accept_all_suggestions=accept_all)
            seconds = time.perf_counter() - began
            worst = max(worst, seconds)
            print(
                f"{label}: {len(text.split())} words, {len(findings)} findings -> "
                f"{report.comments} comments, {report.insertions} insertions, "
                f"{report.deletions} deletions in {seconds:.2f} s"
            )
        # DOCX input: mark up a copy of the first export's accepted text
        docx_article = read_article(Path(tmp) / "b.docx")
        docx_findings = synthesize(docx_article.text, args.findings)
        began = time.perf_counter()
        report = export_docx(docx_article, None, docx_findings, Path(tmp) / "c.docx")
        seconds = time.perf_counter() - began
        worst = max(worst, seconds)
        print(
            f"docx input (an export): {len(docx_findings)} findings -> {report.comments} "
            f"comments written, {report.kept_comments} kept in {seconds:.2f} s"
        )
    verdict = "ok" if worst < LIMIT_SECONDS else "TOO SLOW"
    print(f"slowest export {worst:.2f} s (limit {LIMIT_SECONDS:.0f} s): {verdict}")
    return 0 if worst < LIMIT_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
