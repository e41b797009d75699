"""The engines EditDesk runs, as data: what to resolve, where it lives, how to start it.

An engine is a name, a version, the pom that resolves its jars, a jar whose presence
proves the install complete, the Java class that serves it and its default heap. The
installer and the supervisor read only this, so a new engine (or a new way of fetching
the jars) is a change here, not a copy of their code.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from editdesk.core import paths


@dataclass(frozen=True)
class EngineSpec:
    key: str  # folder and log names: ``<cache>/<key>/<version>/jars``
    name: str  # for people: "LanguageTool"
    version: str
    proof_jar: str  # a glob in the jars folder that only a complete install matches
    main_class: str
    default_heap: str
    licence: str

    def pom(self) -> Path:
        return paths.engine_pom(self.key)

    def lock(self) -> Path:
        return paths.engine_lock(self.key)


LANGUAGETOOL = EngineSpec(
    key="languagetool",
    name="LanguageTool",
    version="6.8",
    proof_jar="languagetool-server-*.jar",
    main_class="org.languagetool.server.HTTPServer",
    default_heap="1g",
    licence="LGPL-2.1",
)

CORENLP = EngineSpec(
    key="corenlp",
    name="CoreNLP",
    version="4.5.10",
    proof_jar="stanford-corenlp-*-models.jar",
    main_class="edu.stanford.nlp.pipeline.StanfordCoreNLPServer",
    # The parse pipeline (no coreference) runs in well under this; coref would need 3g.
    default_heap="2g",
    licence="GPL-3.0",
)

ENGINES: dict[str, EngineSpec] = {spec.key: spec for spec in (LANGUAGETOOL, CORENLP)}
