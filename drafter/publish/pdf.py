"""A .docx → PDF through LibreOffice, with the draft's fonts mapped to installed CJK faces.

LibreOffice runs through drafter/soffice.py (a private profile and temporary folder, a timeout,
its whole process group killed and the folder removed on timeout or signal). The faces a
公文 names (仿宋_GB2312, 方正小标宋简体, 楷体_GB2312, 黑体, 宋体, Times New Roman) are seldom
installed on Linux: a fontconfig file given through FONTCONFIG_FILE makes each name an alias
of the closest face that is (a serif CJK face for 仿宋/楷体/宋体/小标宋, a sans one for 黑体).
On Windows fontconfig is not used; LibreOffice's own substitution table applies there.
After the conversion the PDF's embedded faces are listed (pdffonts, else read from the PDF).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from drafter import soffice
from drafter.errors import OutputError
from drafter.files import atomic_write, exists, same_file
from drafter.soffice import TIMEOUT, find_soffice

__all__ = ["TIMEOUT", "PdfError", "PdfResult", "convert", "find_soffice", "pdf_fonts"]

INSTALL_HINT = (
    "未找到 LibreOffice(soffice),无法生成 PDF。"
    "Linux 上可安装:sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk"
    "(统信UOS、麒麟等可在应用商店安装 LibreOffice);"
    "Windows 请从 https://zh-cn.libreoffice.org/download/ 下载安装,"
    "或在 Word/WPS 中用“另存为 PDF”。"
)

# The faces a draft names → faces to use when they are missing, best first. Serif CJK faces
# stand in for 仿宋/宋体/小标宋 (all are serif-like), a Kai face for 楷体 where one is installed
# (else 楷体 would look exactly like 仿宋: （一） headings like body text), sans ones for 黑体.
_SERIF = ("Noto Serif CJK SC", "Source Han Serif SC", "Source Han Serif CN", "AR PL UMing CN",
          "Noto Serif CJK", "WenQuanYi Zen Hei")
_SANS = ("Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "WenQuanYi Zen Hei",
         "WenQuanYi Micro Hei", "Droid Sans Fallback")
_KAI = ("LXGW WenKai", "AR PL UKai CN", "AR PL KaitiM GB")  # Debian: fonts-lxgw-wenkai, …
_HEAVY_SONG = ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "华文中宋", "STZhongsong")
FONT_MAP: dict[str, tuple[str, ...]] = {
    "仿宋_GB2312": ("仿宋", "FangSong", "FangSong_GB2312", *_SERIF),
    "仿宋": ("FangSong", *_SERIF),
    "楷体_GB2312": ("楷体", "KaiTi", "KaiTi_GB2312", *_KAI, *_SERIF),
    "楷体": ("KaiTi", *_KAI, *_SERIF),
    "方正小标宋简体": (*_HEAVY_SONG, "宋体", "SimSun", *_SERIF),
    "宋体": ("SimSun", *_SERIF),
    "黑体": ("SimHei", *_SANS),
    "Times New Roman": ("Liberation Serif", "Tinos", "DejaVu Serif"),
}
TITLE_FACE = "方正小标宋简体"  # a heavy Song: where only a plain serif stands in, its bold

# Where each face comes from, for the message that names the missing ones (docs/format.md).
_LICENSED = "单位已有授权的字体文件"
FONT_SOURCES: dict[str, str] = {
    "仿宋_GB2312": _LICENSED, "楷体_GB2312": _LICENSED,
    "仿宋": "Windows 自带（simfang.ttf）；其他系统装" + _LICENSED,
    "楷体": "Windows 自带（simkai.ttf）；其他系统装" + _LICENSED,
    "黑体": "Windows 自带（simhei.ttf）；其他系统装" + _LICENSED,
    "宋体": "Windows 自带（simsun.ttc）；其他系统装" + _LICENSED,
    "方正小标宋简体": "方正字库的商业字体，需单位购买授权",
    "Times New Roman": "Windows 自带；Liberation Serif（fonts-liberation）字宽与它相同，可不装",
}
INSTALL_FONT = ("安装：把字体文件复制到 ~/.local/share/fonts（全机使用则 /usr/share/fonts），"
                "再运行 fc-cache -f；统信UOS、麒麟也可双击字体文件，用“字体管理器”安装。")
KAI_PACKAGE = "sudo apt-get install fonts-arphic-ukai"  # Debian, 统信UOS, 麒麟: AR PL UKai
CJK_PACKAGE = "sudo apt-get install fonts-noto-cjk"


class PdfError(soffice.SofficeError):
    """LibreOffice is missing, failed, or took too long."""


@dataclass(frozen=True)
class PdfResult:
    pdf: Path
    fonts: tuple[str, ...]  # faces embedded in the PDF, e.g. NotoSerifCJKsc-Regular
    substitutes: dict[str, str]  # a face the draft names → the installed face used for it


def fontconfig_file(folder: Path) -> Path | None:
    """Write a fontconfig file aliasing the draft's faces; None where fontconfig is not used.
    Where no heavy Song is installed for the title's 小标宋, the plain serif stands in in
    bold, so that the title does not look like the body."""
    if sys.platform == "win32":
        return None
    system = next((p for p in (os.environ.get("FONTCONFIG_FILE"), "/etc/fonts/fonts.conf")
                   if p and Path(p).is_file()), None)
    if system is None:
        return None
    lines = ['<?xml version="1.0"?>', '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">', "<fontconfig>",
             f"  <include ignore_missing=\"yes\">{_xml(system)}</include>"]
    installed = installed_families()
    if installed and not installed & {TITLE_FACE, *_HEAVY_SONG, "宋体", "SimSun"}:
        lines.append(f'  <match target="pattern"><test name="family"><string>{TITLE_FACE}'
                     '</string></test><edit name="family" mode="prepend" binding="strong">'
                     + "".join(f"<string>{_xml(f)}</string>" for f in _SERIF)
                     + '</edit><edit name="weight" mode="assign" binding="strong">'
                     "<const>bold</const></edit></match>")
    for name, prefer in FONT_MAP.items():
        lines.append(f'  <alias binding="same"><family>{_xml(name)}</family><prefer>'
                     + "".join(f"<family>{_xml(p)}</family>" for p in prefer)
                     + "</prefer></alias>")
    lines.append("</fontconfig>")
    path = folder / "fonts.conf"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def installed_families() -> set[str]:
    """The font families fontconfig knows (empty when fc-list is not there)."""
    tool = shutil.which("fc-list")
    if not tool:
        return set()
    try:
        done = subprocess.run([tool, ":", "family"], capture_output=True, timeout=20, check=True)
    except (OSError, subprocess.SubprocessError):
        return set()
    return {name.strip() for line in done.stdout.decode("utf-8", "replace").splitlines()
            for name in line.split(",") if name.strip()}


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def convert(docx: Path, pdf: Path | None = None, *, force: bool = False,
            timeout: float = TIMEOUT) -> PdfResult:
    """Write `pdf` (default: next to `docx`, same name) from `docx` through LibreOffice."""
    docx = Path(docx)
    pdf = docx.with_suffix(".pdf") if pdf is None else Path(pdf)
    if not docx.is_file():
        raise PdfError("找不到要转换的文件", file=str(docx))
    if docx.suffix.lower() != ".docx":
        raise PdfError("只能转换 .docx 文件", file=str(docx))
    if same_file(docx, pdf):  # -o r.docx, or another name (a link) of it: the report is lost
        raise OutputError("PDF 不能写到要转换的文档本身,请另指定文件名(如 报告.pdf)",
                          file=str(pdf))
    if exists(pdf) and not force:
        raise OutputError("PDF 文件已存在;如要覆盖,请加 --force", file=str(pdf))
    with soffice.workspace("drafter-pdf-", missing=INSTALL_HINT, error=PdfError) as work:
        conf = fontconfig_file(work.folder)
        if conf is not None:
            work.env["FONTCONFIG_FILE"] = str(conf)
        made = work.convert(docx, "pdf:writer_pdf_Export", shown=docx, suffix=".docx",
                            timeout=timeout)
        # without --force, only if nothing appeared meanwhile (another run to the same PDF)
        atomic_write(pdf, lambda tmp: shutil.copyfile(made, tmp), replace=force)
        mapping = substitutes(work.env) if conf is not None else {}
    return PdfResult(pdf, pdf_fonts(pdf), mapping)


def substitutes(env: dict[str, str]) -> dict[str, str]:
    """What fontconfig gives for each face of FONT_MAP (name → installed family, with
    “（粗体）” where a bold face stands in), by fc-match; faces that are installed under their
    own name are left out."""
    tool = shutil.which("fc-match")
    out: dict[str, str] = {}
    if not tool:
        return out
    for name in FONT_MAP:
        try:
            done = subprocess.run([tool, "-f", "%{family}|%{style}", name], env=env,
                                  capture_output=True, timeout=20, check=True)
        except (OSError, subprocess.SubprocessError):
            continue
        family, _, style = done.stdout.decode("utf-8", "replace").partition("|")
        family = family.split(",")[0].strip()
        if family and family != name:
            out[name] = family + ("（粗体）" if "bold" in style.casefold() else "")
    return out


def install_hints(named: tuple[str, ...], substitutes: dict[str, str]) -> list[str]:
    """What to install for the PDF to look like the Word file: each face the draft names
    that is missing and where it comes from; the stand-in packages where a stand-in is
    missing or makes two faces look alike (楷体 as 仿宋)."""
    missing = [n for n in named if n in substitutes]
    if not missing:
        return []
    by_source: dict[str, list[str]] = {}
    for n in missing:
        by_source.setdefault(FONT_SOURCES.get(n, _LICENSED), []).append(n)
    lines = ["要让 PDF 与 Word 中看到的一样，请在本机安装缺少的字体："]
    lines += [f"  {'、'.join(names)}：{source}。" for source, names in by_source.items()]
    lines.append("  " + INSTALL_FONT)
    plain = {substitutes.get(n, "").removesuffix("（粗体）") for n in ("仿宋_GB2312", "仿宋")}
    kai = [n for n in missing if n.startswith("楷体")]
    if kai and any(substitutes[n] in plain for n in kai):
        lines.append(f"眼下{kai[0]}与仿宋用的是同一种代用字体，二级标题看起来与正文一样；装正式字体"
                     f"之前，可先装开源的楷体代用字体：{KAI_PACKAGE}（Debian、统信UOS、麒麟）。")
    if any(not _cjk(substitutes[n]) for n in missing if n != "Times New Roman"):
        lines.append(f"本机没有中文代用字体，中文可能显示为方框：{CJK_PACKAGE}。")
    return lines


def _cjk(family: str) -> bool:
    return any(k in family for k in ("CJK", "Han", "UKai", "UMing", "Kai", "WenQuanYi", "Droid",
                                     "宋", "黑", "楷", "仿"))


_BASEFONT = re.compile(rb"/BaseFont\s*/(?:[A-Z]{6}\+)?([^\s/\[\]<>()]+)")


def pdf_fonts(pdf: Path) -> tuple[str, ...]:
    """The faces a PDF embeds, subset prefixes (ABCDEF+) dropped: pdffonts when installed,
    else read from the PDF's font dictionaries (LibreOffice writes them uncompressed)."""
    names: list[str] = []
    tool = shutil.which("pdffonts")
    if tool:
        try:
            out = subprocess.run([tool, str(pdf)], capture_output=True, timeout=60, check=True)
            for line in out.stdout.decode("utf-8", "replace").splitlines()[2:]:
                if line.strip():
                    names.append(line.split()[0].split("+", 1)[-1])
        except (OSError, subprocess.SubprocessError):
            names = []
    if not names:
        names = [m.group(1).decode("latin-1") for m in _BASEFONT.finditer(pdf.read_bytes())]
    return tuple(dict.fromkeys(names))
