"""The one exception readers raise: a reason a clerk can read, in Chinese."""


class ReadError(Exception):
    """A file could not be read. ``reason`` is Chinese and names no internals."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason
