"""Checks that a benchmark case made what it should: each case's output is verified once."""

from __future__ import annotations

import html
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path


class BenchError(Exception):
    """A case failed or made a wrong output: the message says which, in Chinese."""


def docx_text(path: Path) -> str:
    """The text of a .docx body, runs joined (a title broken over two lines reads whole)."""
    if not path.is_file():
        raise BenchError(f"没有生成 {path}")
    with zipfile.ZipFile(path) as z:
        body = z.read("word/document.xml").decode("utf-8")
    return html.unescape("".join(re.findall(r"<w:t(?:\s[^>]*)?>([^<]*)</w:t>", body)))


def docx_has(path: Path, text: str) -> None:
    """`path` is a .docx whose body contains `text`."""
    if text not in docx_text(path):
        raise BenchError(f"{path} 中没有“{text}”")


def outputs(folder: Path, stems: list[str], title: str) -> Callable[..., None]:
    def verify(_proc: subprocess.CompletedProcess[bytes]) -> None:
        for stem in stems:
            docx_has(folder / f"{stem}.docx", title)

    return verify


def passed(_proc: subprocess.CompletedProcess[bytes]) -> None:
    """`drafter check` passed: run_once has seen its exit code 0 (no errors in the figures)."""


def cells_read(at_least: int) -> Callable[[subprocess.CompletedProcess[bytes]], None]:
    def verify(proc: subprocess.CompletedProcess[bytes]) -> None:
        if int(proc.stdout.decode().strip() or 0) < at_least:
            raise BenchError(f"openpyxl 读到的单元格少于 {at_least} 个")

    return verify


def helps(proc: subprocess.CompletedProcess[bytes]) -> None:
    if b"render" not in proc.stdout:
        raise BenchError("drafter --help 的输出中没有 render 命令")
