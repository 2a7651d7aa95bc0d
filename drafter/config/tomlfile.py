"""Reading a settings file (TOML): its data, and where each key was written.

tomllib gives no positions, so a key's line is found again in the file's text (table header,
then the key). Syntax errors are explained in Chinese, keeping tomllib's line and column.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from drafter import __version__, cachedir
from drafter.config import paths, tomlcache
from drafter.errors import CatalogError, reason

# A path to a value: ("rules", 3, "threshold") is the threshold of the fourth [[rules]].
KeyPath = tuple[str | int, ...]

_HEADER = re.compile(r"""^\s*(\[\[?)\s*([^\]\[#]+?)\s*\]\]?\s*(?:#.*)?$""")
_KEY = re.compile(r"""^\s*(?:"([^"]*)"|'([^']*)'|([A-Za-z0-9_-]+))\s*[=.]""")


@dataclass(frozen=True)
class Source:
    """A settings file: its name as shown to the user, and its text (for line numbers)."""

    file: str
    text: str = ""

    def line(self, path: KeyPath) -> int | None:
        """The line a value was written on (1-based), or None when it cannot be told."""
        if not self.text:
            return None
        names = [p for p in path if isinstance(p, str)]
        index = {p: path[n + 1] for n, p in enumerate(path[:-1])
                 if isinstance(p, str) and isinstance(path[n + 1], int)}
        lines = self.text.splitlines()
        if path and isinstance(path[-1], int) and names:  # a whole [[table]]: its header
            block = _block(lines, ".".join(_bare(n) for n in names), path[-1])
            return block[0] if block and block[0] > 0 else None
        for cut in range(len(names) - 1, -1, -1):
            table = ".".join(_bare(n) for n in names[:cut])
            block = _block(lines, table, index.get(names[cut - 1]) if cut else None)
            if block is None:
                continue
            start, end = block
            for n in range(start, end):
                if _key_of(lines[n]) == names[cut]:
                    return n + 1
            if cut and start > 0:
                return start  # the table's header line
        block = _block(lines, ".".join(_bare(n) for n in names), None)  # a whole [table]
        return block[0] if block and block[0] > 0 else None

    def where(self, path: KeyPath) -> str | None:
        n = self.line(path)
        return f"第{n}行" if n else None


def _bare(name: str) -> str:
    return name if re.fullmatch(r"[A-Za-z0-9_-]+", name) else f'"{name}"'


def _key_of(line: str) -> str | None:
    m = _KEY.match(line)
    return next((g for g in m.groups() if g is not None), None) if m else None


def _block(lines: list[str], table: str, index: int | None) -> tuple[int, int] | None:
    """Lines [start, end) of the table named `table` ("" = the root; `index`-th for [[…]])."""
    start, seen = (0 if table == "" else None), 0
    for n, line in enumerate(lines):
        m = _HEADER.match(line)
        if not m:
            continue
        if start is not None:
            return start, n
        name = re.sub(r"\s*\.\s*", ".", m.group(2)).replace("'", '"')
        if name == table or name.strip('"') == table.strip('"'):
            if m.group(1) == "[[" and index is not None and seen < index:
                seen += 1
                continue
            start = n + 1
    return (start, len(lines)) if start is not None else None


Check = Callable[[dict[str, Any], "Source"], None]  # raises CatalogError for a mistake


def read(path: Path, what: str, check: Check | None = None) -> tuple[dict[str, Any], Source]:
    """The data of a TOML file and its Source; any failure is a Chinese CatalogError.

    `check` (a schema check, a module-level function of drafter/config) is run on the data
    unless this very text has passed it before (tomlcache keeps which checks it passed)."""
    try:
        text = paths.read_bytes(path).decode("utf-8-sig")  # a regular file in its folder, bounded
    except UnicodeDecodeError as exc:
        raise CatalogError(f"{what}不是 UTF-8 编码的文本,请用记事本另存为 UTF-8",
                           file=str(path)) from exc
    except OSError as exc:
        raise CatalogError(f"无法读取{what}:{reason(exc)}", file=str(path)) from exc
    source = Source(str(path), text)
    cached = tomlcache.load(text)  # parsed earlier from this very text (see tomlcache)
    data, checked = cached if cached is not None else (parse(text, source, what), frozenset())
    mark = None if check is None else _mark(check)
    if check is not None and mark not in checked:
        check(data, source)
    if cached is None or (mark is not None and mark not in checked):
        tomlcache.save(text, data, checked | {mark} if mark is not None else checked)
    return data, source


def _mark(check: Check) -> str:
    """What names `check` in the cache: the function, and a stamp of the code of
    drafter/config (where every check and its schema live, with model/levels.py: the level
    names an outline may use) and drafter's version, so a changed check never trusts an old
    pass."""
    return f"{check.__module__}.{check.__qualname__}:{_code()}"


@cache
def _code() -> str:
    here = Path(__file__).parent
    files = [*here.glob("*.py"), here.parent / "model" / "levels.py"]
    stamp = repr((__version__, cachedir.code_stamp(files)))
    return hashlib.sha256(stamp.encode("utf-8")).hexdigest()[:16]


# Lists and tables inside each other: drafter's files use three levels at most. tomllib parses
# nesting by recursion (some 300 levels exhaust Python's stack), and so would any code walking
# the data: deeper is refused.
MAX_DEPTH = 16


def parse(text: str, source: Source, what: str) -> dict[str, Any]:
    import tomllib  # ~10 ms of imports (its patterns), not needed when every file is cached

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message, where = explain(str(exc))
        raise CatalogError(f"{what}格式有误:{message}", file=source.file, where=where) from exc
    except RecursionError:  # thousands of "[" or "{": the parser's own recursion
        raise CatalogError(f"{what}中的列表或表一层套一层,超过 {MAX_DEPTH} 层(多半是多写了“[”"
                           "或“{”),无法读取", file=source.file) from None
    path = _too_deep(data)
    if path is not None:
        keys = tuple(p for p in path if isinstance(p, str))
        raise CatalogError(f"{what}中的列表或表一层套一层,超过 {MAX_DEPTH} 层(键 "
                           f"{'.'.join(keys)}),请检查是否多写了“[”或“{{”",
                           file=source.file, where=source.where(keys))
    return data


def _too_deep(data: dict[str, Any]) -> KeyPath | None:
    """The path to a value nested deeper than MAX_DEPTH, found without recursion."""
    stack: list[tuple[Any, KeyPath]] = [(data, ())]
    while stack:
        value, path = stack.pop()
        if len(path) > MAX_DEPTH:
            return path[:MAX_DEPTH + 1]
        if isinstance(value, dict):
            stack += [(v, (*path, k)) for k, v in value.items()]
        elif isinstance(value, list):
            stack += [(v, (*path, n)) for n, v in enumerate(value)]
    return None


# tomllib's messages (Python 3.11–3.13), most common first
_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Expected '=' after a key in a key/value pair", "键名后应有等号“=”(如 size = 16)"),
    (r"Invalid value", "值的写法不对:文字要加英文双引号(如 \"三号\"),数字、true/false 不加"),
    (r"Unterminated string", "文字缺少结尾的英文双引号"),
    (r"Cannot overwrite a value", "同一个键写了两次"),
    (r"Cannot declare (.+) twice", r"表 \1 声明了两次"),
    (r"Expected newline or end of document after a statement",
     "一行只能写一项设置(上一项之后有多余的内容)"),
    (r"Invalid statement", "无法识别的写法(每行应为 键 = 值,或 [表名])"),
    (r"Invalid initial character for a key part", "键名的开头有不允许的字符(中文键名要加英文双引号)"),
    (r"Unclosed array", "列表缺少结尾的“]”"),
    (r"Unclosed inline table", "表缺少结尾的“}”"),
    (r"Expected ']' at the end of a table declaration", "表名缺少结尾的“]”"),
    (r"Expected ']]' at the end of an array declaration", "表名缺少结尾的“]]”"),
    (r"Illegal character '\\n'", "文字缺少结尾的英文双引号(一行文字不能跨行)"),
    (r"Illegal character (.+)", r"有不允许的字符 \1"),
    (r"Found invalid character '\\n'", "文字缺少结尾的引号(一行文字不能跨行)"),
    (r"Found invalid character (.+)", r"有不允许的字符 \1"),
    (r"Unescaped '\\' in a string", "文字中的反斜杠“\\”要写成“\\\\”"),
    (r"Escaped character is not a Unicode scalar value", "转义字符不是有效的 Unicode 字符"),
    (r"Invalid hex value", "十六进制的写法不对"),
    (r"Invalid date or datetime", "日期或时间的写法不对"),
    (r"Duplicate inline table key (.+)", r"表中的键 \1 写了两次"),
    (r"Cannot (?:mutate immutable|redefine) namespace (.+)", r"不能再次定义 \1"),
    (r"Expected (.+)", r"此处应为 \1"),
)
_AT = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)\s*$")


def explain(message: str) -> tuple[str, str | None]:
    """tomllib's English message → (Chinese cause, "第3行第5列" or "文件末尾")."""
    m = _AT.search(message)
    where = None
    if m:
        where = f"第{m.group(1)}行第{m.group(2)}列" if m.group(1) else "文件末尾"
        message = message[: m.start()]
    for pattern, chinese in _MESSAGES:
        hit = re.fullmatch(pattern, message.strip())
        if hit:
            return (hit.expand(chinese) if hit.re.groups else chinese), where
    return f"无法解析(解析器提示:{message.strip()})", where
