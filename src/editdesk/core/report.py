"""Check results as text, JSON (editdesk.check/1) and SARIF 2.1.0."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from editdesk import __version__
from editdesk.core.article import Article
from editdesk.core.findings import Finding, Severity

JSON_SCHEMA = "editdesk.check/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.SUGGESTION: "note"}


@dataclass
class FileResult:
    """One file of a batch. ``records`` are the findings as reported (see
    ``finding_record``), so a result can be kept in the cache and shown again
    without reading or checking the article."""

    path: Path
    records: list[dict[str, Any]] = field(default_factory=list)
    words: int = 0
    error: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)
    cached: bool = False
    # The checkers that ran on it: house, languagetool, structure.
    sources: list[str] = field(default_factory=list)
    # Its terms for the batch pass (check --across): ArticleTerms.to_json(), or None.
    terms: dict[str, Any] | None = None

    @property
    def status(self) -> str:
        return "failed" if self.error else "checked"

    def severities(self) -> list[Severity]:
        return [Severity(r["severity"]) for r in self.records]

    def to_cache(self) -> dict[str, Any]:
        value = {"records": self.records, "words": self.words, "language": self.language,
                 "notes": self.notes, "sources": self.sources}
        if self.terms is not None:
            value["terms"] = self.terms
        return value

    @classmethod
    def from_cache(cls, path: Path, value: dict[str, Any]) -> FileResult:
        return cls(path, list(value["records"]), int(value["words"]), None,
                   value.get("language"), list(value.get("notes", [])), cached=True,
                   sources=list(value.get("sources", [])), terms=value.get("terms"))


# The keys of a finding in the editdesk.check/1 JSON; records carry a few more for SARIF.
JSON_FINDING_KEYS = ("id", "source", "category", "severity", "message", "start", "end", "line",
                     "column", "text", "replacements", "fingerprint")


def finding_record(article: Article, f: Finding) -> dict[str, Any]:
    line, column = article.line_col(f.start)
    end_line, end_column = article.line_col(f.end)
    return {
        "id": f.id,
        "source": f.source,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        # offsets and text as in the file read (CRLF counts 2), so a consumer can slice it
        "start": article.source_offset(f.start),
        "end": article.source_offset(f.end),
        "line": line,
        "column": column,
        "text": article.source_text(f.start, f.end),
        "replacements": list(f.replacements),
        "fingerprint": f.fingerprint,
        "end_line": end_line,
        "end_column": end_column,
        "url": f.url,
        **({"demoted_from": f.demoted_from.value} if f.demoted_from is not None else {}),
    }


def _json_finding(rec: dict[str, Any]) -> dict[str, Any]:
    out = {k: rec[k] for k in JSON_FINDING_KEYS}
    if rec.get("demoted_from"):  # the severity before desk history demoted the rule
        out["demoted_from"] = rec["demoted_from"]
    return out


def severity_counts(results: list[FileResult]) -> Counter[str]:
    counts: Counter[str] = Counter({s.value: 0 for s in Severity})
    for r in results:
        counts.update(rec["severity"] for rec in r.records)
    return counts


def to_json(
    results: list[FileResult], engine: dict[str, Any], seconds: float | None = None,
    style_sheet: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``style_sheet``: the batch's (check --across), as ``StyleSheet.to_json()``."""
    files = []
    for r in results:
        files.append(
            {
                "path": str(r.path),
                "status": r.status,
                "error": r.error,
                "language": r.language,
                "words": r.words,
                "sources": r.sources,
                "findings": [_json_finding(rec) for rec in r.records],
            }
        )
    counts = severity_counts(results)
    summary: dict[str, Any] = {
        "files": len(results),
        "checked": sum(r.status == "checked" for r in results),
        "failed": sum(r.status == "failed" for r in results),
        "words": sum(r.words for r in results),
        "findings": sum(counts.values()),
        **{f"{k}s": v for k, v in counts.items()},
    }
    if seconds is not None:
        summary["seconds"] = round(seconds, 3)
    doc = {"schema": JSON_SCHEMA, "engine": engine, "files": files, "summary": summary}
    if style_sheet is not None:
        doc["style_sheet"] = style_sheet
    return doc


def text_lines(r: FileResult) -> list[str]:
    """``path:line:col: severity rule-id message`` for each finding (errors go to stderr)."""
    out = []
    for rec in r.records:
        msg = rec["message"]
        if rec["replacements"]:
            msg += f" (suggestion: {rec['replacements'][0]!r})"
        out.append(f"{r.path}:{rec['line']}:{rec['column']}: {rec['severity']} {rec['id']} {msg}")
    return out


def text_summary(results: list[FileResult], seconds: float | None = None) -> str:
    counts = severity_counts(results)
    failed = sum(r.status == "failed" for r in results)
    checked = len(results) - failed
    words = sum(r.words for r in results)
    parts = [
        f"{checked} file{'s' if checked != 1 else ''} checked",
        f"{failed} failed" if failed else None,
        f"{words} words",
    ]
    line = ", ".join(p for p in parts if p)
    findings = ", ".join(f"{counts[s.value]} {s.value}{'s' if counts[s.value] != 1 else ''}"
                         for s in Severity)
    tail = f" in {seconds:.1f} s" if seconds is not None else ""
    return f"{line}: {findings}{tail}"


def to_sarif(
    results: list[FileResult], engine: dict[str, Any], base: Path,
    style_sheet: dict[str, Any] | None = None,
) -> dict[str, Any]:
    rules: dict[str, dict[str, Any]] = {}
    sarif_results = []
    notifications = []
    for r in results:
        uri = _uri(r.path, base)
        if r.error:
            notifications.append(
                {
                    "level": "error",
                    "message": {"text": r.error},
                    "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri}}}],
                }
            )
            continue
        for rec in r.records:
            level = _SARIF_LEVEL[Severity(rec["severity"])]
            rules.setdefault(
                rec["id"],
                {
                    "id": rec["id"],
                    "name": rec["id"].split(":", 1)[-1],
                    "shortDescription": {"text": rec["message"][:200]},
                    "defaultConfiguration": {"level": level},
                    "properties": {"category": rec["category"], "source": rec["source"]},
                    **({"helpUri": rec["url"]} if rec.get("url") else {}),
                },
            )
            result: dict[str, Any] = {
                "ruleId": rec["id"],
                "level": level,
                "message": {"text": rec["message"]},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {
                                "startLine": rec["line"],
                                "startColumn": rec["column"],
                                "endLine": rec["end_line"],
                                "endColumn": rec["end_column"],
                                "charOffset": rec["start"],
                                "charLength": rec["end"] - rec["start"],
                                "snippet": {"text": rec["text"]},
                            },
                        }
                    }
                ],
                "partialFingerprints": {"editdesk/v1": rec["fingerprint"]},
            }
            properties: dict[str, Any] = {}
            if rec["replacements"]:
                properties["replacements"] = rec["replacements"]
            if rec.get("demoted_from"):
                properties["demotedFrom"] = rec["demoted_from"]
            if properties:
                result["properties"] = properties
            sarif_results.append(result)
    return {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "EditDesk",
                        "version": __version__,
                        "rules": list(rules.values()),
                    }
                },
                "columnKind": "unicodeCodePoints",
                "invocations": [
                    {
                        "executionSuccessful": not notifications,
                        "toolExecutionNotifications": notifications,
                    }
                ],
                "results": sarif_results,
                "properties": {"engine": engine,
                               **({"styleSheet": style_sheet} if style_sheet else {})},
            }
        ],
    }


def _uri(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()
