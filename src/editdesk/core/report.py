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
    path: Path
    article: Article | None = None
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    language: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> str:
        return "failed" if self.error else "checked"

    @property
    def words(self) -> int:
        return self.article.words() if self.article else 0


def severity_counts(results: list[FileResult]) -> Counter[str]:
    counts: Counter[str] = Counter({s.value: 0 for s in Severity})
    for r in results:
        counts.update(f.severity.value for f in r.findings)
    return counts


def finding_json(article: Article, f: Finding) -> dict[str, Any]:
    line, column = article.line_col(f.start)
    return {
        "id": f.id,
        "source": f.source,
        "category": f.category,
        "severity": f.severity.value,
        "message": f.message,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "text": article.text[f.start : f.end],
        "replacements": list(f.replacements),
        "fingerprint": f.fingerprint,
    }


def to_json(
    results: list[FileResult], engine: dict[str, Any], seconds: float | None = None
) -> dict[str, Any]:
    files = []
    for r in results:
        files.append(
            {
                "path": str(r.path),
                "status": r.status,
                "error": r.error,
                "language": r.language,
                "words": r.words,
                "findings": [finding_json(r.article, f) for f in r.findings] if r.article else [],
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
    return {"schema": JSON_SCHEMA, "engine": engine, "files": files, "summary": summary}


def text_lines(r: FileResult) -> list[str]:
    """``path:line:col: severity rule-id message`` for each finding (errors go to stderr)."""
    if r.article is None:
        return []
    out = []
    for f in r.findings:
        line, col = r.article.line_col(f.start)
        msg = f.message
        if f.replacements:
            msg += f" (suggestion: {f.replacements[0]!r})"
        out.append(f"{r.path}:{line}:{col}: {f.severity.value} {f.id} {msg}")
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


def to_sarif(results: list[FileResult], engine: dict[str, Any], base: Path) -> dict[str, Any]:
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
        assert r.article is not None
        for f in r.findings:
            rules.setdefault(
                f.id,
                {
                    "id": f.id,
                    "name": f.id.split(":", 1)[-1],
                    "shortDescription": {"text": f.message[:200]},
                    "defaultConfiguration": {"level": _SARIF_LEVEL[f.severity]},
                    "properties": {"category": f.category, "source": f.source},
                    **({"helpUri": f.url} if f.url else {}),
                },
            )
            line, col = r.article.line_col(f.start)
            end_line, end_col = r.article.line_col(f.end)
            result: dict[str, Any] = {
                "ruleId": f.id,
                "level": _SARIF_LEVEL[f.severity],
                "message": {"text": f.message},
                "locations": [
                    {
                        "physicalLocation": {
                            "artifactLocation": {"uri": uri},
                            "region": {
                                "startLine": line,
                                "startColumn": col,
                                "endLine": end_line,
                                "endColumn": end_col,
                                "snippet": {"text": r.article.text[f.start : f.end]},
                            },
                        }
                    }
                ],
                "partialFingerprints": {"editdesk/v1": f.fingerprint},
            }
            if f.replacements:
                result["properties"] = {"replacements": list(f.replacements)}
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
                "properties": {"engine": engine},
            }
        ],
    }


def _uri(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.resolve().as_uri()
