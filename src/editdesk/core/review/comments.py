"""Editor comments anchored to spans of the review text, with replies."""

from __future__ import annotations

import uuid

from editdesk.core.review.clock import now_iso
from editdesk.core.review.errors import ReviewError
from editdesk.core.review.model import Anchor, Comment, Reply, Review


def add_comment(review: Review, start: int, end: int, text: str, author: str) -> Comment:
    if not 0 <= start <= end <= len(review.text):
        raise ReviewError(f"comment span [{start}, {end}) is outside the text")
    if not text.strip():
        raise ReviewError("a comment needs some text")
    comment = Comment(
        id=uuid.uuid4().hex[:12],
        anchor=Anchor.on(review.text, start, end),
        author=author,
        at=now_iso(),
        text=text,
    )
    review.comments.append(comment)
    review.comments.sort(key=lambda c: (c.anchor.start, c.anchor.end, c.at))
    review.touch()
    return comment


def reply(review: Review, comment_id: str, text: str, author: str) -> Reply:
    if not text.strip():
        raise ReviewError("a reply needs some text")
    comment = review.comment(comment_id)
    answer = Reply(author=author, at=now_iso(), text=text)
    comment.replies.append(answer)
    review.touch()
    return answer


def resolve(review: Review, comment_id: str, resolved: bool = True) -> Comment:
    comment = review.comment(comment_id)
    comment.resolved = resolved
    review.touch()
    return comment


def delete_comment(review: Review, comment_id: str) -> Comment:
    comment = review.comment(comment_id)
    review.comments.remove(comment)
    review.touch()
    return comment
