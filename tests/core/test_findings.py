from __future__ import annotations

from editdesk.core.findings import Finding, Severity, merge_findings


def _f(rule: str, severity: Severity, start: int, end: int) -> Finding:
    source = "languagetool" if rule.startswith("lt:") else "house"
    return Finding(rule, source, "typos", severity, "m", start, end, ("fix",))


def test_merge_keeps_the_more_severe_then_the_languagetool_finding() -> None:
    house, lt = _f("house:x", Severity.WARNING, 0, 5), _f("lt:X", Severity.WARNING, 2, 5)
    assert [f.id for f in merge_findings([house, lt])] == ["lt:X"]
    assert [f.id for f in merge_findings([lt, house])] == ["lt:X"]
    worse = _f("house:x", Severity.ERROR, 0, 5)
    assert [f.id for f in merge_findings([worse, lt])] == ["house:x"]
    apart = _f("lt:Y", Severity.WARNING, 9, 12)
    assert [f.id for f in merge_findings([house, apart])] == ["house:x", "lt:Y"]
