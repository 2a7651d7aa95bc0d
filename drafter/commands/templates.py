"""`drafter templates list` and `drafter templates copy`: the packs there are
(config.packs.available), an office's starting folder (config.office.start_folder), and
what the commands show of them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from drafter.commands.said import Said

if TYPE_CHECKING:
    from drafter.config.packs import PackInfo


def available() -> list[PackInfo]:
    """The packs: built in, and installed beside them."""
    from drafter.config import packs

    return packs.available()


def show_available(infos: list[PackInfo]) -> Said:
    said = Said()
    for info in infos:
        said.say(f"{info.kind}\t{info.name}\t({info.origin}){info.path}")
        if info.description:
            said.say(f"    {info.description}")
    return said


def copy(kind: str, folder: Path, *, force: bool = False) -> list[Path]:
    """An office's starting folder for `kind` (made if missing): the files written."""
    from drafter.config import office

    return office.start_folder(kind, folder, force=force)


def show_copy(written: list[Path], folder: Path) -> Said:
    said = Said()
    for path in written:
        said.say(f"已写入 {path}")
    said.say(f"使用:drafter render 数据表.xlsx -o 报告.docx --office {folder}")
    return said
