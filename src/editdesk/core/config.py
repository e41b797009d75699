"""EditDesk configuration: the shipped house style plus the user's ``editdesk.toml``.

Layers, each overriding the one before:
1. ``resources/house-style/default.toml`` (en-GB newsroom), always the base;
2. ``editdesk.toml`` in the user config folder (``paths.config_dir()``), if there is one;
3. ``--config FILE`` if given; otherwise the nearest ``editdesk.toml`` found from the
   article's folder upward. The search stops at the first folder holding a ``.git``
   entry (the top of a repository: a project's settings should not leak in from outside
   it) or at the file-system root.

A user file may hold::

    language = "en-US"                 # en-GB | en-US | auto (detected per article)
    min_severity = "warning"           # report threshold: error | warning | suggestion
    disable = ["lt:EN_QUOTES", "house:sentence-length", "structure:unclear-pronoun"]
    enable = ["house:cliches"]         # undo a disable from an earlier layer
    accepted_words = ["Patrushev"]     # names: never flagged
    accepted_words_file = "names.txt"  # one word a line, '#' comments; relative to the file
    reviewer = "Jane Editor"           # signs exported changes and comments (alias: author)
    style_sheet = "batch-style.json"   # a batch style sheet (`check --across --style-sheet`):
                                       # its forms are preferred; relative to the file
    initials = "JE"                    # the reviewer's initials on exported Word comments
    [severity]                         # per-rule severity, house:, structure: or lt: ids
    "house:cliches" = "warning"
    [rules."house:sentence-length"]    # rule options
    max_words = 30
    [preferred_terms]                  # added to house:preferred-terms
    "going forward" = "from now on"
    [avoid]                            # added to house:cliches ("" = no ready replacement)
    "game changer" = ""
    [install]                          # `editdesk engine install` (user file only)
    maven_mirror = "https://nexus.example.org/maven2"
    desk_folder = "/srv/desk/history"  # the desk's shared decision store (core.desk)
    [desk]                             # learning from decisions (docs/user-guide.md)
    learn = true
    demote_after = 20                  # decisions on a rule before it can be demoted
    demote_rate = 0.8                  # share of them rejected or ignored
    accept_words_after = 2             # articles a word was accepted in
    never_demote = ["lt:EN_QUOTES"]
    [engines]                          # the private servers (user file only)
    corenlp_heap = "3g"                # CoreNLP's Java heap (--nlp-heap, EDITDESK_NLP_HEAP win)

Unknown keys, rule ids and options are errors (with a "did you mean" hint), reported as
one line ``FILE: reason``.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from editdesk.core import paths
from editdesk.core.checks.house.kinds import KIND_NAMES
from editdesk.core.checks.house.spec import (
    LT_RULE_ID,
    STRUCTURE_RULE_ID,
    FrozenOptions,
    RuleSpec,
    SpecError,
    parse_rule,
    thaw,
)
from editdesk.core.checks.structure.kinds import STRUCTURE_KIND_NAMES
from editdesk.core.desk.history import DeskView, demote
from editdesk.core.desk.settings import DeskSettings, parse_desk
from editdesk.core.findings import Finding, Severity

CONFIG_NAME = "editdesk.toml"
DEFAULT_STYLE = "house-style/default.toml"
STRUCTURE_RULES = "structure/rules.toml"
LANGUAGES = ("en-GB", "en-US", "auto")
PREFERRED_RULE = "house:preferred-terms"
AVOID_RULE = "house:cliches"
_BASE_KEYS = frozenset({"language", "min_severity", "rules", "accepted_words", "disable"})
_USER_KEYS = frozenset(
    {
        "language",
        "min_severity",
        "disable",
        "enable",
        "accepted_words",
        "accepted_words_file",
        "reviewer",
        "author",
        "initials",
        "severity",
        "rules",
        "preferred_terms",
        "avoid",
        "install",
        "desk",
        "desk_folder",
        "engines",
        "style_sheet",
    }
)
INITIALS_MAX = 9  # Word keeps a comment's initials short
_INSTALL_KEYS = frozenset({"maven_mirror"})  # read by engine/download.py, not by the checks
_ENGINES_KEYS = frozenset({"corenlp_heap"})  # read by engine/heap.py


class ConfigError(Exception):
    """A configuration file cannot be used; ``str()`` is one line ``FILE: reason``."""

    def __init__(self, path: Path | str, reason: str) -> None:
        self.path = Path(path)
        self.reason = " ".join(str(reason).split())
        super().__init__(f"{self.path}: {self.reason}")


@dataclass(frozen=True)
class Config:
    language: str = "en-GB"
    disabled_rules: frozenset[str] = frozenset()
    accepted_words: frozenset[str] = frozenset()
    style_hash: str = ""
    source_files: tuple[Path, ...] = ()
    rules: tuple[RuleSpec, ...] = ()
    # The structure: rules (over CoreNLP's parse), configured like house rules.
    structure_rules: tuple[RuleSpec, ...] = ()
    min_severity: Severity = Severity.SUGGESTION
    # Severity overrides for LanguageTool rules (house rules carry theirs already).
    severity_overrides: FrozenOptions = field(default_factory=FrozenOptions)
    # Who signs exported changes and comments ("" = not set): never the login name.
    reviewer: str = ""
    # How the desk learns from decisions, and what its history says (set by
    # service.desk_history.with_desk_history; empty: nothing learnt).
    desk: DeskSettings = field(default_factory=DeskSettings)
    desk_view: DeskView = field(default_factory=DeskView)
    # A batch style sheet (editdesk.core.consistency.StyleSheet) whose forms are preferred.
    style_sheet: Any = None
    initials: str = ""  # the reviewer's, on exported comments ("" = from the name)

    def rule(self, rule_id: str) -> RuleSpec | None:
        return next((r for r in (*self.rules, *self.structure_rules) if r.id == rule_id), None)

    def adjust(self, finding: Finding) -> Finding | None:
        """The finding with its configured severity (then one lower if the desk's
        history demoted its rule), or None when disabled or below ``min_severity``.
        Only LanguageTool rules are overridden here: a house finding comes out of its
        checker with its rule's configured severity, or the hit's own (a
        sentence-length notice is a suggestion), which must stay."""
        if finding.id in self.disabled_rules:
            return None
        override = self.severity_overrides.get(finding.id)
        if override is not None:
            finding = replace(finding, severity=Severity.parse(override))
        demotion = self.desk_view.demotion(finding.id) if self.desk_view.demotions else None
        if demotion is not None:
            finding = demote(finding, demotion)
        return finding if finding.at_least(self.min_severity) else None


def _hint(word: str, choices: Any) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(path, "no such file") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, f"not valid TOML: {exc}") from None
    except RecursionError:
        raise ConfigError(path, "not a house-style file (TOML nested too deeply)") from None
    except UnicodeDecodeError:
        raise ConfigError(path, "not UTF-8 text") from None
    except OSError as exc:
        raise ConfigError(path, exc.strerror or str(exc)) from None


@dataclass
class _Draft:
    """The effective settings while layers are applied."""

    language: str
    min_severity: Severity
    rules: dict[str, RuleSpec]
    structure: dict[str, RuleSpec] = field(default_factory=dict)
    disabled: set[str] = field(default_factory=set)
    accepted: set[str] = field(default_factory=set)
    lt_severity: dict[str, str] = field(default_factory=dict)
    sources: list[Path] = field(default_factory=list)
    reviewer: str = ""
    desk: DeskSettings = field(default_factory=DeskSettings)
    style_sheet: Any = None
    initials: str = ""


def _parse_severity(path: Path, value: Any, what: str) -> Severity:
    try:
        return Severity.parse(value)
    except ValueError:
        raise ConfigError(
            path, f"{what}: {value!r} is not a severity (error, warning or suggestion)"
        ) from None


def _parse_language(path: Path, value: Any) -> str:
    if value not in LANGUAGES:
        raise ConfigError(path, f"language {value!r} is not one of {', '.join(LANGUAGES)}")
    return value


@lru_cache(maxsize=4)
def _base_style(
    path_text: str, mtime_ns: int
) -> tuple[str, Severity, tuple[RuleSpec, ...], frozenset[str], frozenset[str]]:
    path = Path(path_text)
    data = _read_toml(path)
    unknown = sorted(set(data) - _BASE_KEYS)
    if unknown:
        raise ConfigError(path, f"unknown key {unknown[0]!r}{_hint(unknown[0], _BASE_KEYS)}")
    rules: list[RuleSpec] = []
    seen: set[str] = set()
    for table in data.get("rules", []):
        try:
            rule = parse_rule(table, KIND_NAMES)
        except SpecError as exc:
            raise ConfigError(path, str(exc)) from None
        if rule.id in seen:
            raise ConfigError(path, f"rule {rule.id} is defined twice")
        seen.add(rule.id)
        rules.append(rule)
    language = _parse_language(path, data.get("language", "en-GB"))
    minimum = _parse_severity(path, data.get("min_severity", "suggestion"), "min_severity")
    disabled = data.get("disable", [])
    for rule_id in disabled:
        if not (rule_id in seen or (isinstance(rule_id, str) and LT_RULE_ID.match(rule_id))):
            raise ConfigError(path, f"disable: {rule_id!r} is not a rule id")
    accepted = frozenset(data.get("accepted_words", []))
    return language, minimum, tuple(rules), accepted, frozenset(disabled)


@lru_cache(maxsize=4)
def _structure_rules(path_text: str, mtime_ns: int) -> tuple[RuleSpec, ...]:
    path = Path(path_text)
    data = _read_toml(path)
    unknown = sorted(set(data) - {"rules"})
    if unknown:
        raise ConfigError(path, f"unknown key {unknown[0]!r}")
    rules: list[RuleSpec] = []
    for table in data.get("rules", []):
        try:
            rule = parse_rule(table, STRUCTURE_KIND_NAMES, prefix="structure")
        except SpecError as exc:
            raise ConfigError(path, str(exc)) from None
        if any(r.id == rule.id for r in rules):
            raise ConfigError(path, f"rule {rule.id} is defined twice")
        rules.append(rule)
    return tuple(rules)


def structure_rules_path() -> Path:
    return paths.resource(STRUCTURE_RULES)


def default_style_path() -> Path:
    return paths.resource(DEFAULT_STYLE)


def _load_base() -> _Draft:
    path = default_style_path()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        raise ConfigError(path, "the shipped house style is missing") from None
    language, minimum, rules, accepted, disabled = _base_style(str(path), mtime)
    draft = _Draft(
        language, minimum, {r.id: r for r in rules}, disabled=set(disabled), accepted=set(accepted)
    )
    draft.sources.append(path)
    structure_path = structure_rules_path()
    try:
        structure_mtime = structure_path.stat().st_mtime_ns
    except OSError:
        raise ConfigError(structure_path, "the shipped structure rules are missing") from None
    draft.structure = {r.id: r for r in _structure_rules(str(structure_path), structure_mtime)}
    return draft


def _string_list(path: Path, data: Mapping[str, Any], key: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(path, f"{key} must be a list of strings")
    return value


def _string_table(path: Path, data: Mapping[str, Any], key: str) -> dict[str, str]:
    value = data.get(key, {})
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return dict.fromkeys(value, "")
    if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
        raise ConfigError(path, f"[{key}] must map phrases to replacement strings")
    return dict(value)


def _check_rule_id(path: Path, draft: _Draft, rule_id: Any, where: str, *, lt_ok: bool) -> str:
    if isinstance(rule_id, str) and (rule_id in draft.rules or rule_id in draft.structure):
        return rule_id
    if isinstance(rule_id, str) and lt_ok and LT_RULE_ID.match(rule_id):
        return rule_id
    if isinstance(rule_id, str) and lt_ok and rule_id in _batch_rule_ids():
        return rule_id  # the batch consistency rules (check --across): disable, [severity]
    if isinstance(rule_id, str) and rule_id.startswith("house:"):
        raise ConfigError(path, f"{where}: unknown rule {rule_id!r}{_hint(rule_id, draft.rules)}")
    if isinstance(rule_id, str) and STRUCTURE_RULE_ID.match(rule_id):
        hint = _hint(rule_id, draft.structure)
        raise ConfigError(path, f"{where}: unknown rule {rule_id!r}{hint}")
    shape = "house:name, structure:name or lt:RULE_ID" if lt_ok else "house:name or structure:name"
    raise ConfigError(path, f"{where}: {rule_id!r} is not a rule id (ids look like {shape})")


def _batch_rule_ids() -> frozenset[str]:
    from editdesk.core.consistency.rules import load_batch_rules

    return frozenset(r.id for r in load_batch_rules())


def _same_type(default: Any, value: Any) -> bool:
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, int | float):
        return isinstance(value, int | float)
    if isinstance(default, tuple | list):
        return isinstance(value, list)
    if isinstance(default, Mapping):
        return isinstance(value, Mapping)
    return isinstance(value, type(default))


def _merge_items(rule: RuleSpec, extra: dict[str, str]) -> RuleSpec:
    items = dict(thaw(rule.option("items", {})))
    items.update(extra)
    options = dict(rule.options.items())
    options["items"] = items
    return replace(rule, options=FrozenOptions(options))


def _apply_user(draft: _Draft, path: Path, data: dict[str, Any]) -> None:
    unknown = sorted(set(data) - _USER_KEYS)
    if unknown:
        raise ConfigError(path, f"unknown key {unknown[0]!r}{_hint(unknown[0], _USER_KEYS)}")
    if "language" in data:
        draft.language = _parse_language(path, data["language"])
    if "min_severity" in data:
        draft.min_severity = _parse_severity(path, data["min_severity"], "min_severity")
    for rule_id in _string_list(path, data, "disable"):
        draft.disabled.add(_check_rule_id(path, draft, rule_id, "disable", lt_ok=True))
    for rule_id in _string_list(path, data, "enable"):
        draft.disabled.discard(_check_rule_id(path, draft, rule_id, "enable", lt_ok=True))
    draft.accepted.update(w.strip() for w in _string_list(path, data, "accepted_words"))
    if "accepted_words_file" in data:
        draft.accepted.update(_read_word_list(path, data["accepted_words_file"]))
    for key in ("author", "reviewer"):  # reviewer wins when both are given
        if key in data:
            if not isinstance(data[key], str) or not data[key].strip():
                raise ConfigError(path, f"{key} must be a name")
            draft.reviewer = data[key].strip()
    if "initials" in data:
        value = data["initials"]
        if not isinstance(value, str) or not 0 < len(value.strip()) <= INITIALS_MAX:
            raise ConfigError(path, f"initials must be 1 to {INITIALS_MAX} characters")
        draft.initials = value.strip()
    severity = data.get("severity", {})
    if not isinstance(severity, Mapping):
        raise ConfigError(path, "[severity] must map rule ids to error, warning or suggestion")
    for rule_id, value in severity.items():
        rid = _check_rule_id(path, draft, rule_id, "[severity]", lt_ok=True)
        level = _parse_severity(path, value, f"[severity] {rid}")
        if rid in draft.rules:
            draft.rules[rid] = replace(draft.rules[rid], severity=level)
        elif rid in draft.structure:
            draft.structure[rid] = replace(draft.structure[rid], severity=level)
        else:
            draft.lt_severity[rid] = level.value
    rules = data.get("rules", {})
    if not isinstance(rules, Mapping):
        raise ConfigError(path, '[rules] must hold tables like [rules."house:sentence-length"]')
    for rule_id, options in rules.items():
        rid = _check_rule_id(path, draft, rule_id, "[rules]", lt_ok=False)
        if not isinstance(options, Mapping):
            raise ConfigError(path, f'[rules."{rid}"] must be a table of options')
        table = draft.rules if rid in draft.rules else draft.structure
        rule = table[rid]
        merged = dict(rule.options.items())
        for key, value in options.items():
            if key not in rule.options:
                raise ConfigError(path, f"{rid} has no option {key!r}{_hint(key, rule.options)}")
            if not _same_type(rule.options[key], value):
                kind = type(thaw(rule.options[key])).__name__
                raise ConfigError(path, f"{rid} option {key!r} must be a {kind}")
            merged[key] = value
        table[rid] = replace(rule, options=FrozenOptions(merged))
    if "style_sheet" in data:
        draft.style_sheet = _read_style_sheet(path, data["style_sheet"])
    install = data.get("install", {})
    if not isinstance(install, Mapping) or set(install) - _INSTALL_KEYS:
        raise ConfigError(path, "[install] may hold only maven_mirror = \"https://...\"")
    engines = data.get("engines", {})
    if (
        not isinstance(engines, Mapping)
        or set(engines) - _ENGINES_KEYS
        or not isinstance(engines.get("corenlp_heap", ""), str)
    ):
        raise ConfigError(path, '[engines] may hold only corenlp_heap = "3g" (a Java heap size)')
    for key, rule_id in (("preferred_terms", PREFERRED_RULE), ("avoid", AVOID_RULE)):
        extra = _string_table(path, data, key)
        if extra and rule_id in draft.rules:
            draft.rules[rule_id] = _merge_items(draft.rules[rule_id], extra)
    try:
        draft.desk = parse_desk(draft.desk, data.get("desk"), data.get("desk_folder"), path.parent)
    except ValueError as exc:
        raise ConfigError(path, str(exc)) from None
    draft.sources.append(path)


def _read_word_list(config_path: Path, name: Any) -> set[str]:
    if not isinstance(name, str) or not name:
        raise ConfigError(config_path, "accepted_words_file must be a file name")
    path = (config_path.parent / name).expanduser()
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise ConfigError(config_path, f"accepted_words_file {name!r} not found") from None
    except UnicodeDecodeError:
        raise ConfigError(config_path, f"accepted_words_file {name!r} is not UTF-8") from None
    except OSError as exc:
        raise ConfigError(config_path, f"accepted_words_file {name!r}: {exc.strerror}") from None
    words = set()
    for line in text.splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            words.add(word)
    return words


def _read_style_sheet(config_path: Path, name: Any) -> Any:
    from editdesk.core.consistency.sheet import StyleSheetError, load_style_sheet

    if not isinstance(name, str) or not name:
        raise ConfigError(config_path, "style_sheet must be a file name")
    path = (config_path.parent / name).expanduser()
    try:
        return load_style_sheet(path)
    except StyleSheetError as exc:
        raise ConfigError(config_path, f"style_sheet {name!r}: {exc}") from None


def find_config(article_path: Path) -> Path | None:
    """The nearest ``editdesk.toml`` from the article's folder upward (see module doc)."""
    start = Path(article_path).expanduser().absolute()
    folder = start if start.is_dir() else start.parent
    while True:
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        if (folder / ".git").exists() or folder.parent == folder:
            return None
        folder = folder.parent


def _style_hash(draft: _Draft, rules: tuple[RuleSpec, ...]) -> str:
    effective = {
        "language": draft.language,
        "min_severity": draft.min_severity.value,
        "disabled": sorted(draft.disabled),
        "accepted_words": sorted(draft.accepted),
        "lt_severity": dict(sorted(draft.lt_severity.items())),
        "rules": [r.to_json() for r in rules],
    }
    if draft.structure:  # a separate key: the house-style part hashes as it did before
        effective["structure_rules"] = [r.to_json() for r in draft.structure.values()]
    if draft.style_sheet is not None:
        effective["style_sheet"] = draft.style_sheet.to_json()
    canonical = json.dumps(effective, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def load_config(article_path: Path | None = None, config_file: Path | None = None) -> Config:
    """The effective configuration for an article (see the module doc for the layers)."""
    draft = _load_base()
    global_file = paths.config_dir() / CONFIG_NAME
    layers: list[Path] = []
    if global_file.is_file():
        layers.append(global_file)
    if config_file is not None:
        layers.append(Path(config_file))
    elif article_path is not None:
        found = find_config(Path(article_path))
        if found is not None:
            layers.append(found)
    for layer in layers:
        if layer.is_dir():
            raise ConfigError(layer, "is a folder, not a configuration file")
        _apply_user(draft, layer, _read_toml(layer))
    rules = tuple(draft.rules.values())
    return Config(
        language=draft.language,
        disabled_rules=frozenset(draft.disabled),
        accepted_words=frozenset(draft.accepted),
        style_hash=_style_hash(draft, rules),
        source_files=tuple(draft.sources),
        rules=rules,
        structure_rules=tuple(draft.structure.values()),
        min_severity=draft.min_severity,
        severity_overrides=FrozenOptions(draft.lt_severity),
        reviewer=draft.reviewer,
        desk=draft.desk,
        style_sheet=draft.style_sheet,
        initials=draft.initials,
    )
