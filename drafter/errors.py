"""The one exception family of drafter.

Every error a user can cause is a DrafterError whose message is one Chinese sentence naming
the file, and where it applies the sheet and cell. The CLI prints it on one line and exits 2
(Exit.UNUSABLE: unusable input or usage), with --debug too. `Exit` names the exit codes.
"""

from __future__ import annotations

from enum import IntEnum


class Exit(IntEnum):
    """The exit codes of `drafter`, their one home (drafter --help lists them:
    usage.EXIT_CODES); also each file's code in a batch, which exits with the worst."""

    OK = 0  # done: check passed, files written
    FIGURE_ERRORS = 1  # to see to: errors in the figures, a conflict, a figure changed
    UNUSABLE = 2  # unusable input or usage (a DrafterError): nothing written
    BUG = 3  # an internal error: run again with --debug and report it
    INTERRUPTED = 130  # Ctrl+C


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


_REASONS = {
    "ENOENT": "路径不存在",
    "EACCES": "没有权限",
    "EPERM": "没有权限",
    "EROFS": "所在的磁盘只读",
    "ENOSPC": "磁盘已满",
    "EDQUOT": "磁盘配额已用完",
    "ENAMETOOLONG": "文件名或路径过长",
    "ELOOP": "符号链接循环(链接最终指向自身)",
    "ENOTDIR": "路径中有一部分不是文件夹",
    "EISDIR": "这是一个文件夹",
    "EEXIST": "已存在",
    "EBUSY": "正被其他程序占用",
    "ETXTBSY": "正被其他程序占用",
    "EMFILE": "打开的文件过多",
    "ENFILE": "打开的文件过多",
    "EIO": "磁盘读写出错",
    "EFBIG": "文件超过了系统允许的大小",
    "EXDEV": "不能跨磁盘移动",
    "EINVAL": "文件名或参数无效",
    "EADDRINUSE": "地址已被占用",
    "EADDRNOTAVAIL": "不是本机的地址",
    "EAFNOSUPPORT": "本机不支持这种地址",
    "ENODEV": "设备不存在",
    "ENXIO": "设备不存在",
}


def reason(exc: OSError) -> str:
    """Why an operation on a file failed, in Chinese (the OS's own words are English)."""
    import errno

    name = errno.errorcode.get(exc.errno or 0, "")
    return _REASONS.get(name, f"系统错误 {name or exc.errno or type(exc).__name__}")
