"""A site's folder: where `drafter site init` puts everything the site keeps.

    站点文件夹/
      site.toml      单位名称; 网址, the address people open (for one-time links); the
                     database URL when it is not the SQLite file below (mode 0600)
      secret.key     the key that signs session cookies (mode 0600)
      site.db        the SQLite database (when no URL is given)
      files/         every uploaded and generated file, by content (store.py)
      templates/     office folders (单位文件夹) the superior may choose for a round
      folders/       office folders uploaded through the page, extracted (officefolders.py)
"""

from __future__ import annotations

import os
import secrets
import tomllib
from dataclasses import dataclass
from pathlib import Path

from drafter.errors import DrafterError
from drafter.site.store import Store

CONFIG, SECRET, SQLITE, FILES, TEMPLATES = "site.toml", "secret.key", "site.db", "files", "templates"


@dataclass
class Site:
    path: Path
    name: str  # the bureau: the city report's 单位名称
    database: str  # "" = the SQLite file in the folder
    address: str = ""  # 网址: https://baosong.example.gov.cn, the start of one-time links

    @property
    def url(self) -> str:
        return self.database or f"sqlite:///{(self.path / SQLITE).resolve()}"

    @property
    def store(self) -> Store:
        return Store(self.path / FILES)

    @property
    def templates(self) -> Path:
        return self.path / TEMPLATES

    def secret(self) -> str:
        return (self.path / SECRET).read_text(encoding="ascii").strip()

    def office_folders(self) -> list[str]:
        """The office folders the superior may choose (subfolders of templates/)."""
        if not self.templates.is_dir():
            return []
        return sorted(p.name for p in self.templates.iterdir()
                      if p.is_dir() and not p.name.startswith("."))

    def office_folder(self, name: str) -> Path | None:
        if not name:
            return None
        if name not in self.office_folders():  # a name from the list, never a path
            raise DrafterError(f"单位文件夹“{name}”不在站点的 templates 文件夹中")
        return self.templates / name


def _write_private(path: Path, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(text)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def create(path: Path, *, name: str, database: str = "", secret: str | None = None,
           address: str = "") -> Site:
    """A new site folder; refused when `path` already holds a site."""
    if (path / CONFIG).exists():
        raise DrafterError(f"{path} 中已有站点(site.toml),未改动")
    if path.exists() and not path.is_dir():
        raise DrafterError(f"{path} 不是文件夹")
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o700)  # the database, the key and every office's files: the site's user only
    for sub in (FILES, TEMPLATES):
        (path / sub).mkdir(exist_ok=True)
    _write_private(path / SECRET, (secret or secrets.token_urlsafe(48)) + "\n")
    lines = [f"{_quote('单位名称')} = {_quote(name)}"]
    if address:
        lines.append(f"{_quote('网址')} = {_quote(address)}")
    if database:
        lines.append(f"database = {_quote(database)}")
    _write_private(path / CONFIG, "\n".join(lines) + "\n")
    return Site(path, name, database, address)


def open_site(path: Path) -> Site:
    config = path / CONFIG
    if not config.is_file():
        raise DrafterError(f"{path} 不是站点文件夹(没有 site.toml);请先运行 drafter site init {path}")
    try:
        data = tomllib.loads(config.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise DrafterError(f"站点设置文件写错了:{exc}", file=str(config)) from exc
    name, database = data.get("单位名称", ""), data.get("database", "")
    address = data.get("网址", "")
    if not all(isinstance(x, str) for x in (name, database, address)):
        raise DrafterError("“单位名称”“网址”和“database”应是文字(加引号)", file=str(config))
    if address and not address.startswith(("http://", "https://")):
        raise DrafterError(f"“网址”应以 https:// 或 http:// 开头,如 https://baosong.example.gov.cn"
                           f"(现为“{address}”)", file=str(config))
    if not (path / SECRET).is_file():
        raise DrafterError("缺少 secret.key(签名登录状态用的密钥)", file=str(path / SECRET))
    return Site(path, name, database, address.rstrip("/"))
