"""The one exception family of drafter.

Every error a user can cause is a DrafterError whose message is one Chinese sentence naming
the file, and where it applies the sheet and cell. The CLI prints it on one line and exits 2
(unusable input or usage); `--debug` shows the traceback.
"""

from __future__ import annotations


class DrafterError(Exception):
    """Base of every error drafter reports to a user."""

    def __init__(self, message: str, *, file: str | None = None, where: str | None = None):
        self.message = message
        self.file = file
        self.where = where  # "指标!E12", "模板 main.j2 第3行", …
        super().__init__(self.describe())

    def describe(self) -> str:
        parts = [p for p in (self.file, self.where) if p]
        prefix = "：".join(parts)  # full width: a file name ending in Latin (报告.pdf) is
        return f"{prefix}：{self.message}" if prefix else self.message  # still Chinese text


class InputFileError(DrafterError):
    """The input is not a readable .xlsx workbook (wrong format, encrypted, missing)."""


class WorkbookLayoutError(DrafterError):
    """The workbook opens but lacks a sheet or a header drafter needs."""


class CatalogError(DrafterError):
    """A pack's catalog (indicators.toml, pack.toml, style.toml) is malformed."""


class PackNotFoundError(DrafterError):
    """No template pack of the asked kind was found."""


class TemplateError(DrafterError):
    """A template failed: syntax, undefined name, or a sandbox refusal."""


class OutputError(DrafterError):
    """The output cannot be written where asked (exists, is the input, not writable)."""
