"""CoreNLP's Java heap: ``--nlp-heap`` on the command line, else ``EDITDESK_NLP_HEAP``,
else ``corenlp_heap`` in the ``[engines]`` table of the user's ``editdesk.toml`` (the
machine's memory is the user's, not an article's), else the engine's default."""

from __future__ import annotations

import os
import re
from pathlib import Path

from editdesk.engine.errors import EngineUnavailable
from editdesk.engine.specs import CORENLP
from editdesk.engine.user_settings import user_setting

ENV = "EDITDESK_NLP_HEAP"
# What -Xmx takes: a whole number with an optional k/m/g/t unit.
HEAP_SIZE = re.compile(r"[1-9][0-9]*[kKmMgGtT]?")


def corenlp_heap(given: str | None = None, config_file: Path | None = None) -> tuple[str, str]:
    """The heap to start CoreNLP with, and where it came from (``--nlp-heap``, the
    variable, the file, or "default"). Raises EngineUnavailable, naming the source,
    for a value that is not a heap size or an unreadable file."""
    for value, source in ((given, "--nlp-heap"), (os.environ.get(ENV), ENV)):
        if value and value.strip():
            return _checked(value.strip(), source), source
    value, config = user_setting("engines", "corenlp_heap", config_file)
    if value is not None:
        where = f"{config}: [engines] corenlp_heap"
        if not isinstance(value, str):
            raise EngineUnavailable(f'{where} must be a heap size like "3g"')
        return _checked(value.strip(), where), str(config)
    return CORENLP.default_heap, "default"


def _checked(value: str, source: str) -> str:
    if not HEAP_SIZE.fullmatch(value):
        raise EngineUnavailable(f'{source}: {value!r} is not a Java heap size like "3g" or "2048m"')
    return value
