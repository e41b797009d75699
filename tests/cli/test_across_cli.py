"""`editdesk check --across`: a batch checked as a whole, through the real CLI and the real
LanguageTool server; the style sheet it writes, loaded by editdesk.toml for the next batch."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from editdesk.cli import main

pytestmark = pytest.mark.integration

# A day's desk: five articles by different writers about the same talks.
BATCH = {
    "talks.txt": (
        "Security talks resume in Geneva\n\n"
        "Nikolai Patrushev, the security council secretary, arrived in Geneva on Monday. "
        "Patrushev told reporters the talks would organise a ceasefire. Readers can email "
        "questions to the desk.\n"
    ),
    "envoy.md": (
        "# Envoy meets Patrushev\n\n"
        "The envoy met Nikolai Patrushev for two hours. Officials said Patrushev would "
        "email a summary. Inflation fell 3 per cent.\n"
    ),
    "markets.txt": (
        "Markets steady\n\n"
        "Shares rose 2 per cent after Nikolai Patrushev spoke. Traders realised the "
        "talks mattered and will email clients.\n"
    ),
    "analysis.txt": (
        "What the talks mean\n\n"
        "Nikolai Patrushov has long organized such meetings. Analysts sent an e-mail "
        "to clients saying prices rose 4%.\n"
    ),
    "diary.txt": (
        "Diary\n\n"
        "The mayor will open the new library on Friday. The colour scheme is blue.\n"
    ),
}


@pytest.fixture
def desk(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))  # reports cached here
    folder = tmp_path / "desk"
    folder.mkdir()
    (folder / ".git").mkdir()  # no editdesk.toml from outside the test leaks in
    for name, text in BATCH.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def check(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["check", *args])
    out, err = capsys.readouterr()
    return code, out, err


def by_name(doc: dict) -> dict[str, dict]:
    return {Path(f["path"]).name: f for f in doc["files"]}


def test_across_flags_each_odd_form_in_its_article_with_counts(capsys, desk, lt_url):
    before = {p.name: p.read_bytes() for p in desk.iterdir() if p.is_file()}
    code, out, err = check(capsys, str(desk), "--across", "--server", lt_url, "--format", "json",
                           "--fail-on", "never")
    assert code == 0, err
    assert {p.name: p.read_bytes() for p in desk.iterdir() if p.is_file()} == before
    doc = json.loads(out)
    files = by_name(doc)
    analysis = files["analysis.txt"]
    text = (desk / "analysis.txt").read_text(encoding="utf-8")
    batch = {(f["id"], f["text"]): f for f in analysis["findings"] if f["id"].startswith("batch:")}
    assert set(batch) == {
        ("batch:name-spelling", "Patrushov"),
        ("batch:spelling", "organized"),
        ("batch:hyphenation", "e-mail"),
        ("batch:number-style", "%"),
    }
    for f in batch.values():
        assert text[f["start"] : f["end"]] == f["text"]
        assert f["severity"] in ("warning", "suggestion")
    name = batch[("batch:name-spelling", "Patrushov")]
    assert name["replacements"] == ["Patrushev"]
    assert "1× in 1 article: this one" in name["message"]
    assert "6× in 3 articles: envoy.md, markets.txt, talks.txt" in name["message"]
    assert batch[("batch:hyphenation", "e-mail")]["replacements"] == ["email"]
    assert batch[("batch:spelling", "organized")]["replacements"] == ["organised"]
    # The articles that follow the batch's forms carry no batch finding.
    for name_ in ("talks.txt", "envoy.md", "markets.txt", "diary.txt"):
        assert not [f for f in files[name_]["findings"] if f["id"].startswith("batch:")], name_
    sheet = doc["style_sheet"]
    assert sheet["schema"] == "editdesk.style-sheet/1" and len(sheet["articles"]) == 5
    contested = {(e["kind"], e["preferred"]) for e in sheet["entries"] if e["contested"]}
    assert contested == {
        ("name_spelling", "Patrushev"), ("hyphenation", "email"), ("spelling", "-ise"),
        ("number_style", "per cent"),
    }


def test_across_text_and_sarif_reports(capsys, desk, lt_url):
    code, out, _ = check(capsys, str(desk), "--across", "--server", lt_url, "--fail-on", "never")
    assert code == 0
    line = next(ln for ln in out.splitlines() if "batch:name-spelling" in ln)
    assert line.startswith(f"{desk / 'analysis.txt'}:3:9: warning batch:name-spelling ")
    assert "across 5 articles: 4 forms written more than one way" in out
    assert "  hyphenation: email 3× (envoy.md, markets.txt, talks.txt); e-mail 1× " \
           "(analysis.txt) -> email" in out
    code, out, _ = check(capsys, str(desk), "--across", "--server", lt_url, "--format", "sarif",
                         "--fail-on", "never")
    run = json.loads(out)["runs"][0]
    batch = [r for r in run["results"] if r["ruleId"].startswith("batch:")]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in batch}
    assert len(uris) == 1 and uris.pop().endswith("analysis.txt")
    assert len(batch) == 4
    assert run["properties"]["styleSheet"]["contested"] == 4


def test_style_sheet_written_then_loaded_for_the_next_batch(capsys, desk, lt_url, tmp_path):
    md, js = tmp_path / "sheet.md", tmp_path / "sheet.json"
    code, _, err = check(capsys, str(desk), "--across", "--server", lt_url, "--style-sheet",
                         str(md), "--style-sheet", str(js), "--fail-on", "never")
    assert code == 0, err
    markdown = md.read_text(encoding="utf-8")
    assert "# Batch style sheet (5 articles)" in markdown
    assert "| Names | **Patrushev** (6× in 3 articles) | Patrushov (1× in 1 article) " \
           "| Patrushov: analysis.txt |" in markdown
    sheet = json.loads(js.read_text(encoding="utf-8"))
    assert sheet["schema"] == "editdesk.style-sheet/1"

    # The next day's desk loads it: one article alone is held to yesterday's forms.
    nxt = tmp_path / "next"
    nxt.mkdir()
    (nxt / ".git").mkdir()
    (nxt / "editdesk.toml").write_text(f'style_sheet = "{js}"\n', encoding="utf-8")
    (nxt / "today.txt").write_text(
        "Talks go on\n\nNikolai Patrushov sent an e-mail saying talks would go on.\n",
        encoding="utf-8",
    )
    code, out, err = check(capsys, str(nxt / "today.txt"), "--server", lt_url, "--format", "json",
                           "--fail-on", "never")
    assert code == 0, err
    found = {(f["id"], f["text"]) for f in json.loads(out)["files"][0]["findings"]}
    assert ("batch:name-spelling", "Patrushov") in found
    assert ("batch:hyphenation", "e-mail") in found


def test_bad_input_in_the_batch_and_usage_errors(capsys, desk, lt_url, tmp_path):
    (desk / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    code, out, err = check(capsys, str(desk), "--across", "--server", lt_url, "--format", "json",
                           "--fail-on", "never")
    assert code == 3  # one file unreadable; the rest checked, across the batch too
    assert "broken.docx" in err and len([ln for ln in err.splitlines() if "broken" in ln]) == 1
    files = by_name(json.loads(out))
    assert files["broken.docx"]["status"] == "failed"
    assert any(f["id"] == "batch:name-spelling" for f in files["analysis.txt"]["findings"])

    code, _, err = check(capsys, str(desk), "--style-sheet", str(tmp_path / "s.md"))
    assert code == 2 and "--style-sheet needs --across" in err
    code, _, err = check(capsys, str(desk), "--across", "--style-sheet", str(tmp_path / "s.txt"))
    assert code == 2 and "s.txt: a style sheet is written as .md or .json" in err

    (desk / "editdesk.toml").write_text('style_sheet = "missing.json"\n', encoding="utf-8")
    code, _, err = check(capsys, str(desk / "diary.txt"), "--server", lt_url)
    assert code == 3
    assert "editdesk.toml: style_sheet 'missing.json'" in err and "no such style sheet" in err


def test_a_batch_rule_can_be_disabled_in_editdesk_toml(capsys, desk, lt_url):
    (desk / "editdesk.toml").write_text(
        'disable = ["batch:name-spelling"]\n[severity]\n"batch:hyphenation" = "error"\n',
        encoding="utf-8",
    )
    code, out, _ = check(capsys, str(desk), "--across", "--server", lt_url, "--format", "json")
    files = by_name(json.loads(out))
    ids = {(f["id"], f["severity"]) for f in files["analysis.txt"]["findings"]}
    assert not any(i == "batch:name-spelling" for i, _s in ids)
    assert ("batch:hyphenation", "error") in ids
    assert code == 1  # an error now: --fail-on error


# A misspelt name that only ever opens a sentence: a capital there says nothing, so the
# capitalised-word heuristic cannot take it for a name; CoreNLP's recogniser can.
OPENING = {
    "a.txt": "Nikolai Patrushev met Sergei Lavrov in Geneva on Monday.\n",
    "b.txt": "Patrushov flew home with Lavrov from Geneva on Tuesday.\n",
    "c.txt": "Officials said Patrushev would stay in Moscow.\n",
}


def _opening_desk(tmp_path: Path) -> Path:
    folder = tmp_path / "opening"
    folder.mkdir()
    (folder / ".git").mkdir()
    for name, text in OPENING.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_without_the_parse_a_name_opening_a_sentence_is_not_taken_for_one(
    capsys, tmp_path, lt_url, monkeypatch
):
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    folder = _opening_desk(tmp_path)
    code, out, _ = check(capsys, str(folder), "--across", "--server", lt_url, "--format", "json",
                         "--fail-on", "never")
    doc = json.loads(out)
    assert all("structure" not in f["sources"] for f in doc["files"])
    assert not [f for f in by_name(doc)["b.txt"]["findings"] if f["id"] == "batch:name-spelling"]


def test_entity_types_from_corenlp_find_a_name_the_heuristic_cannot(
    capsys, tmp_path, lt_url, nlp_url, monkeypatch
):
    monkeypatch.setenv("EDITDESK_CACHE_DIR", str(tmp_path / "cache"))
    folder = _opening_desk(tmp_path)
    code, out, err = check(capsys, str(folder), "--across", "--server", lt_url, "--format",
                           "json", "--fail-on", "never", "--require", "structure")
    assert code == 0, err
    doc = json.loads(out)
    assert all("structure" in f["sources"] for f in doc["files"])
    found = [(f["text"], f["replacements"]) for f in by_name(doc)["b.txt"]["findings"]
             if f["id"] == "batch:name-spelling"]
    assert found == [("Patrushov", ["Patrushev"])], doc["style_sheet"]
