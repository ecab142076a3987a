"""Prompts and message templates from prompts/, loaded by name, placeholders checked at start-up."""

from __future__ import annotations

import string
import tomllib
from pathlib import Path

from ingest.errors import ConfigError

PROMPTS_DIR = Path(__file__).resolve().parents[2] / "prompts"

# Every template and the placeholders the code fills in.
MESSAGE_FIELDS: dict[str, set[str]] = {
    "refusal": set(),
    "refusal_english": set(),
    "empty_question": set(),
    "no_text": set(),
    "too_long": {"length", "limit"},
    "article_not_found": {"title", "article", "count"},
    "cited_by": {"articles", "example"},
    "listed_article_missing": {"title", "article"},
    "articles_left_out": {"shown", "named"},
    "article_needs_document": {"article", "example", "documents"},
    "article_needs_the_document": {"article", "example"},
    "article_in_no_document": {"article"},
    "version_lacks_article": {"title", "edition", "article", "count", "short"},
    "version_lacks_chapter": {"title", "edition", "chapter", "chapters", "short"},
    "version_lacks_section": {"title", "edition", "part", "short"},
    "document_not_found": {"name"},
    "document_not_held_notice": {"name"},
    "subject_not_held": {"law"},
    "likely_not_held": {"law"},
    "unheld_law_unnamed": set(),
    "fact_not_stated": {"fact"},
    "fact_not_in_document": {"fact", "title"},
    "fact_not_in_lead": {"fact"},
    "old_version_notice": {"edition", "current"},
    "status_in_force": {"label"},
    "status_replaced_older": {"older"},
    "status_repealed": {"label", "current"},
    "status_superseded": {"label", "current"},
    "revisions_counted": {"label", "count", "since"},
    "revisions_none": {"label", "since"},
    "compare_notice": {"old", "new"},
    "overview_footer": {"name"},
    "single_version": {"label", "comparable"},
    "diff_needs_name": {"comparable"},
    "single_version_notice": {"label"},
    "summary_needs_target": set(),
    "summary_bullets_range": {"limit", "count"},
    "summary_left_out": {"count", "articles", "example"},
    "argument_error": {"detail", "prog"},
    "argument_invalid_choice": {"argument", "value", "choices"},
    "argument_invalid_value": {"argument", "value"},
    "argument_missing_value": {"argument"},
    "argument_required": {"arguments"},
    "argument_unrecognized": {"arguments"},
    "outline_footer": {"short", "chapter", "article"},
    "outline_footer_report": {"short"},
    "chapter_hint": {"title", "chapter", "ask"},
    "family_hint": {"title", "span", "ask"},
    "basis_revised_notice": {"cited", "document", "edition", "law", "current", "effective"},
    "later_law_notice": {"cited", "document", "edition", "law", "current", "effective"},
    "lead_intro": {"reference"},
    "report_part_items": {"count"},
    "report_part_more": {"title"},
    "also_see": set(),
    "index_missing": set(),
    "index_mismatch": {"built_with", "configured"},
    "config_error": {"detail"},
    "internal_error": set(),
    "ingest_busy": {"holder"},
    "data_dir_unwritable": {"path", "reason"},
    "knowledge_empty": {"detail"},
    "llm_fallback_notice": set(),
    "llm_rejected_notice": set(),
    "upload_replaced": {"history"},
    "deadline_hint": set(),
    "deadline_assumptions": set(),
    "deadline_unsure": {"asked", "action"},
    "out_of_scope": {"reason", "holdings"},
}
PROMPT_FIELDS: dict[str, set[str]] = {
    "answer": {"passages", "question"},
    "summary_map": {"passages"},
    "summary_reduce": {"points", "bullets"},
}


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def _check(name: str, template: str, expected: set[str]) -> None:
    found = _fields(template)
    if found != expected:
        raise ConfigError(f"模板 {name} 的占位符应为 {sorted(expected)}，实际为 {sorted(found)}")


class Templates:
    """All texts shown to people or sent to a chat model."""

    def __init__(self, messages: dict[str, str], prompts: dict[str, str]) -> None:
        self.messages = messages
        self.prompts = prompts

    @classmethod
    def load(cls, folder: Path = PROMPTS_DIR) -> Templates:
        try:
            messages = tomllib.loads((folder / "messages.toml").read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"无法读取 {folder / 'messages.toml'}：{exc}") from exc
        for name, fields in MESSAGE_FIELDS.items():
            if name not in messages:
                raise ConfigError(f"{folder / 'messages.toml'} 缺少模板 {name}")
            _check(name, messages[name], fields)
        prompts: dict[str, str] = {}
        for name, fields in PROMPT_FIELDS.items():
            path = folder / f"{name}.md"
            try:
                prompts[name] = path.read_text(encoding="utf-8")
            except OSError as exc:
                raise ConfigError(f"无法读取提示词 {path}：{exc}") from exc
            _check(name, prompts[name], fields)
        return cls(messages, prompts)

    def message(self, template: str, /, **values: object) -> str:
        return self.messages[template].format(**values)

    def prompt(self, name: str, **values: object) -> str:
        return self.prompts[name].format(**values)
