"""Domain errors. Messages for people are written at the edges (CLI, Telegram)."""


class FazhiError(Exception):
    """Base class of every error this project raises on purpose."""


class ConfigError(FazhiError):
    """The configuration file is missing or holds invalid values."""


class LoadError(FazhiError):
    """A document could not be read or parsed."""


class IndexMissingError(FazhiError):
    """No index has been built yet under the data directory."""


class EmbedderMismatchError(FazhiError):
    """The index was built with another embedding model than the one configured."""

    def __init__(self, built_with: str, configured: str) -> None:
        super().__init__(f"index built with {built_with}, configured {configured}")
        self.built_with = built_with
        self.configured = configured


class StoreUnavailableError(FazhiError):
    """The Chroma store cannot be reached or opened."""


class IngestBusyError(FazhiError):
    """Another process holds the writer lock of the index (a re-ingest is running)."""

    def __init__(self, holder: str) -> None:
        super().__init__(f"另一个重新导入正在进行（{holder}），请等它完成后再试")
        self.holder = holder


class EmptyKnowledgeError(FazhiError):
    """The knowledge folder is missing or holds no readable document."""
