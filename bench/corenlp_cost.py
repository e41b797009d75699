"""What each part of CoreNLP's work costs on the structure benchmark's batch: server CPU seconds.

    .venv/bin/python bench/corenlp_cost.py [--files 25] [--sentences 30] [--rounds 3] [--jobs 2]

One private CoreNLP server, warmed with whole-batch passes; then, per round (order alternating),
the batch is posted ``--jobs`` files at a time with one annotator set after another (the
tagging request's own options otherwise), and the server's CPU seconds are read around each:
tokenizer and sentence splitter, + tagger, + lemmas, + the recogniser as the client runs it,
+ the recogniser with CoreNLP's default three models; then the parsing request over the
sentences the rules ask for, and over every sentence. On 2 busy cores the whole check's wall
clock adds up from CPU seconds, so these say what is left to save (bench/structure_speed.py
gives LanguageTool's beside them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil
import requests

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import add_batch_options, make_articles  # noqa: E402

from editdesk.core.checks.corenlp import (  # noqa: E402
    PARSE_PROPERTIES,
    PROPERTIES,
    CoreNLPClient,
    request_options,
)
from editdesk.core.checks.structure import StructureChecker  # noqa: E402
from editdesk.core.config import load_config  # noqa: E402
from editdesk.core.readers import read_article  # noqa: E402
from editdesk.engine import CORENLP, CoreNLPServer, install  # noqa: E402

TAGGING = {
    "tokenize, ssplit": {"annotators": "tokenize,ssplit"},
    "+ pos": {"annotators": "tokenize,ssplit,pos"},
    "+ lemma": {"annotators": "tokenize,ssplit,pos,lemma"},
    "+ ner (as the client asks: 2 models)": {},
    "+ ner (CoreNLP's default 3 models)": {"ner.model": None},
}


def post_all(server: CoreNLPServer, texts: list[str], props: dict, jobs: int) -> float:
    """Server CPU seconds to annotate ``texts`` with ``props``, ``jobs`` requests at a time."""
    query = {"properties": json.dumps(props)}
    proc = psutil.Process(server.pid)
    session = requests.Session()
    session.auth = server.credentials

    def one(text: str) -> None:
        r = session.post(server.url, params=query, data=text.encode("utf-8"), timeout=300)
        r.raise_for_status()

    before = sum(proc.cpu_times()[:2])
    with ThreadPoolExecutor(jobs) as pool:
        list(pool.map(one, texts))
    time.sleep(0.2)  # let the last answer's bookkeeping finish
    return sum(proc.cpu_times()[:2]) - before


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_batch_options(ap)
    args = ap.parse_args()

    install(spec=CORENLP)
    with tempfile.TemporaryDirectory(prefix="editdesk-bench-") as tmp:
        paths = make_articles(Path(tmp) / "articles", args.files, args.sentences)
        articles = [read_article(p) for p in paths]
        texts = [a.text for a in articles]
        words = sum(a.words() for a in articles)
        server = CoreNLPServer()
        try:
            server.start(warm_up=[])
            client = CoreNLPClient(server.url, auth=server.credentials, private=True)
            checker = StructureChecker(load_config())
            tagged = [client.parse(a, lambda s: ()) for a in articles]
            lines = {
                "needed": ["\n".join(" ".join(w) for w in _words(client, a, checker.needs_parse))
                           for a in articles],
                "all": ["\n".join(" ".join(w) for w in _words(client, a, None))
                        for a in articles],
            }
            sets: dict[str, tuple[list[str], dict]] = {}
            for name, extra in TAGGING.items():
                props = {**PROPERTIES, **request_options()}
                props.update({k: v for k, v in extra.items() if v is not None})
                for k in [k for k, v in extra.items() if v is None]:
                    props.pop(k, None)
                sets[name] = (texts, props)
            parse = {**PARSE_PROPERTIES, **request_options()}
            sets["parse: the rules' sentences"] = (lines["needed"], parse)
            sets["parse: every sentence"] = (lines["all"], parse)
            for _ in range(args.warm_up):
                for batch, props in sets.values():
                    post_all(server, batch, props, args.jobs)
            cpu: dict[str, list[float]] = {k: [] for k in sets}
            loads = [os.getloadavg()[0]]
            for n in range(args.rounds):
                for name in (list(sets) if n % 2 == 0 else list(sets)[::-1]):
                    batch, props = sets[name]
                    cpu[name].append(post_all(server, batch, props, args.jobs))
                loads.append(os.getloadavg()[0])
        finally:
            server.stop()

    sentences = sum(len(t) for t in tagged)
    needed = sum(len(x.splitlines()) for x in lines["needed"])
    print(f"files: {args.files}, {words} words, {sentences} sentences ({needed} the rules ask "
          f"to parse); --jobs {args.jobs}; median of {args.rounds} rounds; load average "
          f"{min(loads):.1f}-{max(loads):.1f}")
    print("CoreNLP server CPU seconds over the batch:")
    for name, values in cpu.items():
        print(f"  {name:40s} {statistics.median(values):5.2f} s")


def _words(client: CoreNLPClient, article, needs) -> list[list[str]]:
    tagged = client._tagged(article, client.paragraph_docs(article))
    return [tagged[k][0] for k in client._chosen(tagged, needs)]


if __name__ == "__main__":
    main()
