"""Uploads: read within a size limit, saved under fixed names, and the names shown back.

The limit is enforced while the body streams in: each chunk is counted as it arrives and the
form parser stops at the first byte past the limit (nothing beyond it is stored). The rest
of an oversized body is then read and thrown away (up to DRAIN_CAP) so that the browser,
still sending, gets the Chinese message instead of a reset connection.

A browser's file name is never a path here: the upload is saved as the form field's fixed
name (数据.xlsx) in the job's own folder; the name the user chose is only shown back,
cleaned of folders and characters Windows refuses (display_name), and sent in
Content-Disposition as RFC 5987 filename*=UTF-8''… (content_disposition).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from urllib.parse import quote

from starlette.datastructures import FormData, UploadFile
from starlette.requests import Request

from drafter.errors import InputFileError
from drafter.web.forms import Form, Job

DRAIN_CAP = 200 << 20  # an oversized body up to this is read to its end before answering
TEXT_PART = 64 << 10  # a form's text fields are short (报告类型, a checkbox)
_CHUNK = 1 << 20


class TooLarge(Exception):
    """The request body passed the limit."""

    def __init__(self, limit: int, *, ended: bool = False):
        super().__init__(limit)
        self.limit = limit
        self.ended = ended  # the body's last chunk was read: nothing is left to drain

    @property
    def message(self) -> str:
        return (f"上传的文件太大:每次上传合计不能超过 {megabytes(self.limit)}。"
                "请确认选的是数据表或报告本身;如确需更大,请让管理员用 --max-upload 重新启动。")


def megabytes(n: int) -> str:
    return f"{n / (1 << 20):g} MB"


def limited(request: Request, limit: int) -> Request:
    """`request` whose body raises TooLarge at the first chunk that passes `limit` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise TooLarge(limit)
    seen = 0
    receive = request.receive

    async def counted() -> dict:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise TooLarge(limit, ended=not message.get("more_body", False))
        return message

    return Request(request.scope, counted)


async def drain(request: Request, exc: TooLarge) -> None:
    """Read what is left of an oversized body (discarding it), up to DRAIN_CAP bytes. (Once
    the body has ended, the server's receive() would wait for the response: not called.)"""
    if exc.ended:
        return
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > DRAIN_CAP:
        return
    read = 0
    while read <= DRAIN_CAP:
        message = await request.receive()
        if message["type"] != "http.request":
            return
        read += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def read_form(request: Request, form: Form, limit: int) -> FormData:
    return await limited(request, limit).form(max_files=len(form.files), max_fields=20,
                                              max_part_size=max(TEXT_PART, form.text_limit))


async def save(data: FormData, form: Form, job: Job) -> None:
    """Each file field's upload into job.folder under its fixed name; other fields as text."""
    for name, value in data.multi_items():
        if isinstance(value, str):
            job.values[name] = value.strip()
    for spec in form.files:
        upload = data.get(spec.name)
        if spec.optional and (not isinstance(upload, UploadFile) or not upload.filename):
            continue  # the handler checks that another field (a text box) was filled
        if not isinstance(upload, UploadFile) or not upload.filename:
            raise InputFileError(f"请先选择{spec.label}")
        target = job.folder / spec.stored_as
        size = await _copy(upload, target)
        shown = display_name(upload.filename, spec.stored_as)
        if size == 0:
            raise InputFileError("文件是空的(0 字节)", file=shown)
        job.files[spec.name] = target
        job.names[spec.name] = shown


async def _copy(upload: UploadFile, target: Path) -> int:
    size = 0
    with target.open("wb") as out:
        while chunk := await upload.read(_CHUNK):
            out.write(chunk)
            size += len(chunk)
    await upload.close()
    return size


_WINDOWS_REFUSES = re.compile(r'[<>:"/\\|?*]')


def display_name(raw: str, default: str) -> str:
    """The file name a browser sent, as it may be shown and offered back: its last part only
    (no folders, no ..), without control characters or those Windows refuses, at most 120
    characters; `default` if nothing is left."""
    name = raw.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C")
    name = _WINDOWS_REFUSES.sub("_", name).strip(" .")
    if len(name) > 120:
        stem, dot, suffix = name.rpartition(".")
        name = (stem[: 120 - len(suffix) - 1] + "." + suffix) if dot and len(suffix) < 10 \
            else name[:120]
    return name or default


def stem(name: str) -> str:
    return name.rpartition(".")[0] or name


def content_disposition(name: str) -> str:
    """`attachment` with an ASCII fallback name and the real one as RFC 5987 filename*."""
    suffix = Path(name).suffix if name.isascii() or Path(name).suffix.isascii() else ""
    ascii_stem = re.sub(r"[^A-Za-z0-9._-]+", "_", stem(name)).strip("._")
    fallback = (ascii_stem or "drafter") + suffix
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"

