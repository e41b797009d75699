"""How the structure: rules do on other people's writing (../shared/corpora).

    .venv/bin/python bench/structure_accuracy.py --nlp-server http://127.0.0.1:9191 \\
        --user dev --password devpass [--cache DIR] [--lt-server URL] [--sample FILE]

- jfleg-dev: the share of erroneous learner sentences flagged (error+warning) by structure
  rules, beside the share of their corrections (ref0) flagged: recall against false alarms;
- edited-news (BBC, Reuters): structure flags per 1,000 words, by rule and severity; with
  ``--lt-server``, LanguageTool's spelling flags per 1,000 words before and after
  ``adjust_languagetool`` turns those on recognised names into "check this name" suggestions;
- ``--sample FILE``: every structure finding on one article, with its sentence.

Without ``--nlp-server`` the project's own CoreNLP engine is started (when installed).
``--cache DIR`` keeps CoreNLP's answers per paragraph so a re-run after a rule change
costs seconds. Corpora that are absent are skipped with one line.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import requests

from editdesk.core.article import Article
from editdesk.core.checks.structure import StructureChecker
from editdesk.core.checks.structure.parse import (
    ONE_PASS_PROPERTIES,
    Sentence,
    sentences_from_corenlp,
)
from editdesk.core.config import load_config
from editdesk.core.findings import Finding, Severity

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT.parent / "shared" / "corpora"
Annotate = Callable[[str], dict[str, Any]]


def annotator(url: str, auth: tuple[str, str] | None, cache: Path | None) -> Annotate:
    session = requests.Session()
    props = json.dumps(dict(ONE_PASS_PROPERTIES), sort_keys=True)

    def annotate(text: str) -> dict[str, Any]:
        key = hashlib.sha256(f"{props}\x1f{text}".encode()).hexdigest()
        path = cache / f"{key}.json" if cache else None
        if path is not None and path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
        r = session.post(url, params={"properties": props}, data=text.encode("utf-8"),
                         auth=auth, timeout=300)
        r.raise_for_status()
        doc = r.json()
        if path is not None:
            path.write_text(json.dumps(doc), encoding="utf-8")
        return doc

    return annotate


def parse_article(article: Article, annotate: Annotate) -> list[Sentence]:
    sentences: list[Sentence] = []
    for i, paragraph in enumerate(article.paragraphs):
        prose = article.prose(i)
        if not prose.text.strip():
            continue
        # Plain-text articles have no masks: prose offsets are article offsets from start.
        sentences += sentences_from_corenlp(annotate(prose.text), prose.text, paragraph.start)
    return sentences


def _flagged(findings: list[Finding]) -> list[Finding]:
    return [f for f in findings if f.at_least(Severity.WARNING)]


def jfleg(checker: StructureChecker, annotate: Annotate) -> None:
    folder = CORPORA / "jfleg-dev"
    if not (folder / "src.txt").is_file():
        print(f"jfleg-dev: skipped ({folder} not found)")
        return
    src = (folder / "src.txt").read_text(encoding="utf-8").splitlines()
    ref0 = (folder / "ref0.txt").read_text(encoding="utf-8").splitlines()
    erroneous = json.loads((folder / "erroneous.json").read_text(encoding="utf-8"))
    by_rule: dict[str, Counter[str]] = {"src": Counter(), "ref0": Counter()}
    hits = {"src": 0, "ref0": 0}
    for label, lines in (("src", src), ("ref0", ref0)):
        for n, line in enumerate(lines):
            if label == "src" and not erroneous[n]:
                continue
            article = Article.from_plain_text(line.strip())
            found = _flagged(checker.check(article, parse_article(article, annotate), "en-US"))
            hits[label] += bool(found)
            by_rule[label].update({f.id for f in found})
    n_err = sum(1 for e in erroneous if e)
    print(f"jfleg-dev: erroneous sentences flagged {hits['src']}/{n_err} "
          f"({100 * hits['src'] / n_err:.1f}%); corrected (ref0) flagged "
          f"{hits['ref0']}/{len(ref0)} ({100 * hits['ref0'] / len(ref0):.1f}%)")
    for rule in sorted(set(by_rule["src"]) | set(by_rule["ref0"])):
        print(f"  {rule}: src {by_rule['src'][rule]}, ref0 {by_rule['ref0'][rule]}")


def _lt_findings(url: str, article: Article, language: str) -> list[Finding]:
    from editdesk.core.checks.languagetool import LanguageToolChecker

    return LanguageToolChecker(url).check(article, language)


def edited_news(
    checker: StructureChecker, annotate: Annotate, lt_url: str | None, show: bool
) -> None:
    folder = CORPORA / "edited-news"
    if not folder.is_dir():
        print(f"edited-news: skipped ({folder} not found)")
        return
    for corpus in sorted(p for p in folder.iterdir() if p.is_dir()):
        language = "en-US" if corpus.name == "reuters" else "en-GB"  # US wire copy
        words = 0
        rules: Counter[tuple[str, str]] = Counter()
        spelling = {"before": 0, "after": 0}
        examples: list[str] = []
        for path in sorted(corpus.glob("*.txt")):
            article = Article.from_plain_text(path.read_text(encoding="utf-8"), path)
            words += len(article.text.split())
            sentences = parse_article(article, annotate)
            for f in checker.check(article, sentences, language):
                rules[(f.id, f.severity.value)] += 1
                if show and f.at_least(Severity.WARNING):
                    examples.append(f"    {path.name}: {f.id} [{article.text[f.start:f.end]}] "
                                    f"{_sentence(sentences, f)}")
            if lt_url:
                lt = [f for f in _lt_findings(lt_url, article, language) if _is_spelling(f)]
                spelling["before"] += sum(f.at_least(Severity.WARNING) for f in lt)
                adjusted = checker.adjust_languagetool(lt, sentences)
                spelling["after"] += sum(f.at_least(Severity.WARNING) for f in adjusted)
        per_k = 1000 / max(words, 1)
        total = sum(n for (rule, sev), n in rules.items() if sev != "suggestion")
        print(f"edited-news/{corpus.name}: {words} words, structure flags at error+warning "
              f"{total * per_k:.2f} per 1,000 words")
        for (rule, sev), n in sorted(rules.items()):
            print(f"  {rule} ({sev}): {n} = {n * per_k:.2f} per 1,000 words")
        if lt_url:
            print(f"  LanguageTool spelling at error+warning: {spelling['before'] * per_k:.2f} "
                  f"per 1,000 words alone, {spelling['after'] * per_k:.2f} after "
                  "adjust_languagetool")
        for line in examples:
            print(line)


def _is_spelling(f: Finding) -> bool:
    from editdesk.core.checks.structure.names import is_spelling_finding

    return is_spelling_finding(f)


def _sentence(sentences: list[Sentence], f: Finding) -> str:
    for s in sentences:
        if s.start <= f.start < s.end + 1:
            return " ".join(t.word for t in s.tokens)
    return ""


def sample(checker: StructureChecker, annotate: Annotate, path: Path) -> None:
    if not path.is_file():
        print(f"sample: skipped ({path} not found)")
        return
    article = Article.from_plain_text(path.read_text(encoding="utf-8"), path)
    sentences = parse_article(article, annotate)
    found = checker.check(article, sentences, "en-GB")
    print(f"sample {path.name}: {len(found)} structure findings")
    for f in found:
        print(f"  {f.id} ({f.severity.value}) [{article.text[f.start:f.end]}] {f.message}\n"
              f"      in: {_sentence(sentences, f)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nlp-server", help="a CoreNLP server URL (default: start our own)")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--cache", type=Path, help="keep CoreNLP answers in this folder")
    parser.add_argument("--lt-server", help="a LanguageTool URL, for the name adjustment")
    parser.add_argument("--sample", type=Path, help="also list findings on this article")
    parser.add_argument("--show", action="store_true", help="list each edited-news flag")
    parser.add_argument("--only", choices=("jfleg", "news", "none"), help="run one corpus")
    args = parser.parse_args(argv)
    if args.cache:
        args.cache.mkdir(parents=True, exist_ok=True)
    if not args.nlp_server:
        print("no --nlp-server given and the project's CoreNLP engine is not wired in yet",
              file=sys.stderr)
        return 2
    auth = (args.user, args.password) if args.user else None
    annotate = annotator(args.nlp_server.rstrip("/") + "/", auth, args.cache)
    checker = StructureChecker(load_config())
    if args.only in (None, "jfleg"):
        jfleg(checker, annotate)
    if args.only in (None, "news"):
        edited_news(checker, annotate, args.lt_server, args.show)
    if args.sample:
        sample(checker, annotate, args.sample)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
