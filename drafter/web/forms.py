"""The page's forms, as data: each one a title, its fields and the library call behind it.

The page (templates/index.html) draws every registered form the same way, and the app gives
each one a POST route, /form/<slug>. Adding a form (for example `drafter import`'s 导入上年报告)
is one call from a module drafter/web/app.py imports:

    forms.register(Form("import", "导入上年报告", "…", (FileField("report", "上年报告", ".docx",
                        "报告.docx"), KindField()), "导入", run_import))

where `run_import(job)` calls the library and returns a Page or a Download. A handler runs in
a worker thread with the uploads already saved in the job's own temporary folder (deleted
after the response); it raises DrafterError for bad input, as the library does.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from drafter.errors import DrafterError
from drafter.web.guard import Hosts, Limits


@dataclass(frozen=True)
class FileField:
    name: str  # the form field's name
    label: str  # shown above the chooser: 数据表(.xlsx)
    accept: str  # ".xlsx", ".docx": the file chooser's filter and the suffix required
    stored_as: str  # the fixed name the upload gets in the job's folder (never the browser's)
    optional: bool = False  # may be left empty (the handler then needs another field)


@dataclass(frozen=True)
class TextField:
    """A text box (a report pasted from a website); its text is in Job.values."""

    name: str
    label: str
    placeholder: str = ""
    limit: int = 1 << 20  # bytes of text accepted in the box
    rows: int = 6


@dataclass(frozen=True)
class KindField:
    """报告类型: a choice among the packs found; empty = the kind the workbook records (or,
    for an import, the kind the report reads as: `unset` says which)."""

    name: str = "kind"
    label: str = "报告类型"
    required: bool = False  # init needs one; check and verify default to the workbook's
    unset: str = "按数据表中填写的报告类型"  # the empty choice, as the page shows it


@dataclass(frozen=True)
class CheckField:
    name: str
    label: str
    needs_pdf: bool = False  # shown disabled, with the reason, when LibreOffice is missing


Field = FileField | KindField | CheckField | TextField


@dataclass
class Settings:
    """What the server was started with (drafter serve's options)."""

    office: Path | None = None  # 单位文件夹: its templates and catalog come first
    limit: int = 20 << 20  # bytes a request may upload
    # Host headers answered: the server's own names, so that a web page elsewhere cannot
    # reach the server through a name of its own (DNS rebinding); see web/guard.py
    hosts: Hosts = field(default_factory=Hosts)
    limits: Limits = field(default_factory=Limits)  # how long a request may take


@dataclass
class Job:
    """One submitted form: its uploads saved under fixed names in `folder`, its other values."""

    folder: Path
    settings: Settings
    files: dict[str, Path] = field(default_factory=dict)  # field name → saved upload
    names: dict[str, str] = field(default_factory=dict)  # field name → sanitized browser name
    values: dict[str, str] = field(default_factory=dict)

    def kind(self) -> str | None:
        return self.values.get("kind") or None

    def flag(self, name: str) -> bool:
        return self.values.get(name, "") not in ("", "0", "off")

    def explain(self, exc: DrafterError) -> str:
        """The library's Chinese message, naming the uploads as the user named them: the
        server's temporary paths never reach the page."""
        text = exc.describe()
        for key, path in self.files.items():
            text = text.replace(str(path), self.names.get(key, path.name))
        return text.replace(str(self.folder) + os.sep, "").replace(str(self.folder), "")


@dataclass
class Page:
    """A result shown in the page: `template` (in drafter/web/templates) with `context`."""

    template: str
    context: dict[str, Any]


@dataclass
class Download:
    data: bytes
    filename: str  # already sanitized; sent in Content-Disposition
    media_type: str


Handler = Callable[[Job], Page | Download]


@dataclass(frozen=True)
class Form:
    slug: str  # its route: /form/<slug>
    title: str
    intro: str  # one or two sentences for office staff
    fields: tuple[Field, ...]
    submit: str  # the button's words
    handler: Handler

    @property
    def files(self) -> tuple[FileField, ...]:
        return tuple(f for f in self.fields if isinstance(f, FileField))

    @property
    def multipart(self) -> bool:
        return bool(self.files)

    @property
    def text_limit(self) -> int:
        """The largest text box's limit (0: the form has none)."""
        return max((f.limit for f in self.fields if isinstance(f, TextField)), default=0)


FORMS: dict[str, Form] = {}


def register(form: Form) -> Form:
    """Add `form` to the page, after those registered before it."""
    if form.slug in FORMS:
        raise ValueError(f"form {form.slug!r} registered twice")
    FORMS[form.slug] = form
    return form
