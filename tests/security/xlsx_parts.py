"""Raw .xlsx packages with chosen parts, for hostile workbooks openpyxl would never write.

`with_parts` copies a real workbook (made by drafter init and filled in code) and replaces or
adds parts; `streamed` writes a huge, highly compressible part without holding it in memory;
`lying_size` makes the zip directory understate a part's inflated size.
"""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# drafter init: 填写说明, 基本信息, 大纲, 指标, 规则 (the `base` fixture of test_workbooks
# checks this against the workbook's own listing, so a new sheet cannot silently move it)
FIGURES_PART = "xl/worksheets/sheet4.xml"


def part_of(path: Path, name: str) -> bytes:
    with zipfile.ZipFile(path) as zf:
        return zf.read(name)


def sheet_part(path: Path, title: str) -> str:
    """The part name of the worksheet titled `title` (from workbook.xml and its rels)."""
    import re

    wb = part_of(path, "xl/workbook.xml").decode()
    rels = part_of(path, "xl/_rels/workbook.xml.rels").decode()
    rid = re.search(rf'<sheet [^>]*name="{title}"[^>]*r:id="([^"]+)"', wb)
    assert rid, title
    target = re.search(rf'<Relationship [^>]*Id="{rid.group(1)}"[^>]*Target="([^"]+)"', rels) or \
        re.search(rf'<Relationship [^>]*Target="([^"]+)"[^>]*Id="{rid.group(1)}"', rels)
    assert target, rid.group(1)
    t = target.group(1)
    return t.lstrip("/") if t.startswith("/") else "xl/" + t


def with_parts(src: Path, dst: Path, parts: dict[str, bytes | str],
               drop: Iterable[str] = ()) -> Path:
    """A copy of `src` with `parts` replaced or added and `drop` left out."""
    dropped = set(drop) | set(parts)
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            if info.filename not in dropped:
                zout.writestr(info, zin.read(info))
        for name, data in parts.items():
            zout.writestr(name, data)
    return dst


def streamed(src: Path, dst: Path, name: str, head: bytes, filler: bytes, size: int,
             tail: bytes = b"") -> Path:
    """A copy of `src` whose part `name` is `head`, then `filler` repeated to about `size`
    bytes, then `tail`: hundreds of MB inflated, a few hundred KB in the zip."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED,
                                                      compresslevel=1) as zout:
        for info in zin.infolist():
            if info.filename != name:
                zout.writestr(info, zin.read(info))
        block = filler * max(1, (1 << 20) // len(filler))
        with zout.open(name, "w", force_zip64=True) as fh:
            fh.write(head)
            written = 0
            while written < size:
                fh.write(block)
                written += len(block)
            fh.write(tail)
    return dst


def lying_size(path: Path, name: str, claimed: int) -> Path:
    """Make the zip's local header and central directory claim `name` inflates to `claimed`
    bytes (the deflated data still holds all of it)."""
    data = bytearray(path.read_bytes())
    encoded = name.encode()
    for signature, size_at, name_at in ((b"PK\x03\x04", 22, 30), (b"PK\x01\x02", 24, 46)):
        at = 0
        while (at := data.find(signature, at)) >= 0:
            if data[at + name_at: at + name_at + len(encoded)] == encoded:
                data[at + size_at: at + size_at + 4] = claimed.to_bytes(4, "little")
            at += 4
    path.write_bytes(bytes(data))
    return path


def sheet_xml(rows: str, extra: str = "", before: str = "") -> str:
    """A worksheet part around `rows` (<row> elements)."""
    return (f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{before}<sheetData>{rows}</sheetData>'
            f"{extra}</worksheet>")
