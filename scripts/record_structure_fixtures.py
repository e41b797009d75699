"""Record CoreNLP's answers for the structure rules' examples into a test fixture.

The unit tests of the structure rules replay these answers, so they run without a server;
run this again (against any CoreNLP 4.5.x server) after adding or changing an example:

    .venv/bin/python scripts/record_structure_fixtures.py --url http://127.0.0.1:9191 \\
        --user dev --password devpass [--lt-server URL]

The examples of rules that adjust LanguageTool's findings (kind in ``ADJUSTERS``) also need
LanguageTool's findings: from ``--lt-server``, or from the project's own LanguageTool engine,
started for the occasion.

Only the fields the rules read are kept, so the fixture stays small and reviewable.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from editdesk.core.article import Article  # noqa: E402
from editdesk.core.checks.structure.kinds import ADJUSTERS  # noqa: E402
from editdesk.core.checks.structure.parse import ONE_PASS_PROPERTIES  # noqa: E402
from editdesk.core.config import load_config  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "corenlp" / "structure-examples.json"
# Texts beyond the rules' examples that the unit tests parse (offsets, multi-sentence cases).
EXTRA_TEXTS = [
    "😀😀 Ships 𝑥 arrive. Mr Hale said 𝑥 was fine.",
    "The 𝑥 factor: 😀 Ann Lee met Tom Ruiz in Oslo.",
    "Tiberiu Vranceanu led the talks. Vranceanu said they went well.",
    # structure:check-name's replacements: a name the article spells a letter differently
    "Adaeze Okonkwo wrote the report. Okonkow said it had taken a year.",
    "The report was written by Grace Okafor, a historian.",
]
_TOKEN_KEYS = ("index", "word", "originalText", "lemma", "pos", "ner",
               "characterOffsetBegin", "characterOffsetEnd")
_DEP_KEYS = ("dep", "governor", "dependent")
_MENTION_KEYS = ("text", "ner", "characterOffsetBegin", "characterOffsetEnd",
                 "tokenBegin", "tokenEnd")


def trim(doc: dict) -> dict:
    return {
        "sentences": [
            {
                "index": s["index"],
                "tokens": [{k: t[k] for k in _TOKEN_KEYS if k in t} for t in s["tokens"]],
                "basicDependencies": [
                    {k: d[k] for k in _DEP_KEYS} for d in s.get("basicDependencies", [])
                ],
                "enhancedPlusPlusDependencies": [
                    {k: d[k] for k in _DEP_KEYS}
                    for d in s.get("enhancedPlusPlusDependencies", [])
                ],
                "entitymentions": [
                    {k: m[k] for k in _MENTION_KEYS if k in m}
                    for m in s.get("entitymentions", [])
                ],
            }
            for s in doc.get("sentences", [])
        ]
    }


def example_texts(adjusters: bool = False) -> list[str]:
    config = load_config()
    texts: list[str] = []
    for rule in config.structure_rules:
        if not adjusters or rule.kind in ADJUSTERS:
            texts += [*rule.fail_examples, *rule.pass_examples]
    return list(dict.fromkeys(texts if adjusters else [*texts, *EXTRA_TEXTS]))


def languagetool_findings(url: str | None, texts: list[str]) -> dict[str, list[dict]]:
    from editdesk.core.checks.languagetool import LanguageToolChecker

    server = None
    if url is None:
        from editdesk.engine import LanguageToolServer, install

        install()
        server = LanguageToolServer()
        server.start()
        url = server.url
    try:
        checker = LanguageToolChecker(url)
        out = {}
        for text in texts:
            findings = checker.check(Article.from_plain_text(text), "en-GB")
            out[text] = [
                {"id": f.id, "category": f.category, "severity": f.severity.value,
                 "message": f.message, "start": f.start, "end": f.end,
                 "replacements": list(f.replacements), "fingerprint": f.fingerprint}
                for f in findings
            ]
        return out
    finally:
        if server is not None:
            server.stop()


def annotate(url: str, auth: tuple[str, str] | None, text: str) -> dict:
    response = requests.post(
        url,
        params={"properties": json.dumps(dict(ONE_PASS_PROPERTIES))},
        data=text.encode("utf-8"),
        auth=auth,
        timeout=120,
    )
    response.raise_for_status()
    return response.json()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:9191/")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--lt-server", help="LanguageTool URL (default: start our own)")
    parser.add_argument("--all", action="store_true", help="re-record texts already recorded")
    args = parser.parse_args(argv)
    auth = (args.user, args.password) if args.user else None
    recorded = json.loads(FIXTURE.read_text(encoding="utf-8")) if FIXTURE.is_file() else {}
    answers = recorded.get("answers", {})
    wanted = example_texts()
    for text in wanted:
        if args.all or text not in answers:
            answers[text] = trim(annotate(args.url, auth, text))
    answers = {t: answers[t] for t in wanted}  # drop examples that are gone
    lt = recorded.get("languagetool", {})
    lt_wanted = example_texts(adjusters=True)
    missing = [t for t in lt_wanted if args.all or t not in lt]
    if missing:
        lt.update(languagetool_findings(args.lt_server, missing))
    lt = {t: lt[t] for t in lt_wanted}
    FIXTURE.parent.mkdir(parents=True, exist_ok=True)
    out = {"properties": dict(ONE_PASS_PROPERTIES), "corenlp": "4.5.10", "answers": answers,
           "languagetool": lt}
    FIXTURE.write_text(
        json.dumps(out, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8"
    )
    print(f"{FIXTURE.relative_to(ROOT)}: {len(answers)} texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
