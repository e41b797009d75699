"""An article right before another determiner: "for the these reasons", "a my friend".

Only lower-case determiners count: "the My Ask Jeeves service" and "the This Morning
presenter" are names. The same word twice ("the the") is the doubled-word rule's.
"""

from __future__ import annotations

from collections.abc import Iterator

from editdesk.core.checks.house.spec import RuleSpec
from editdesk.core.checks.house.text import Hit
from editdesk.core.checks.structure.doc import ParsedArticle, RuleFn, lower


def build_article_before_determiner(rule: RuleSpec) -> RuleFn:
    articles = frozenset(w.lower() for w in rule.option("articles", ()))
    determiners = frozenset(w.lower() for w in rule.option("determiners", ()))

    def run(doc: ParsedArticle) -> Iterator[Hit]:
        for sentence in doc.sentences:
            for article, nxt in zip(sentence.tokens, sentence.tokens[1:], strict=False):
                if (
                    lower(article) in articles and nxt.word in determiners
                    and nxt.word != lower(article) and article.end < nxt.start
                ):
                    fix = nxt.word.capitalize() if article.word[:1].isupper() else nxt.word
                    yield Hit(article.start, nxt.end, (fix,),
                              {"words": doc.text[article.start : nxt.end],
                               "article": article.word, "determiner": nxt.word})

    return run
