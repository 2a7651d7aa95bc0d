"""The site's pages. Each handler: the verb checked, every object fetched by its opaque id
and checked against the account (access.py), the form's CSRF token checked, the work done by
rounds.py / city.py (which call drafter's library through library.py), and each change
committed with its audit row before the answer goes out."""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import select
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException
from starlette.responses import Response

from drafter.errors import DrafterError
from drafter.site import access, budget, city, library, officefolders, rounds
from drafter.site.context import HEADERS, BadForm, Context, TooBig, check_csrf
from drafter.site.db import SUPERIOR, Audit, Office, OfficeFolder, Round, Submission, User
from drafter.web.uploads import (
    TooLarge,
    content_disposition,
    display_name,
    drain,
    limited,
    megabytes,
)

HERE = Path(__file__).parent
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SMALL = 64 << 10  # a form without a file


async def _form(ctx: Context, limit: int = SMALL, files: int = 0) -> Any:
    """The posted form, read within `limit` bytes, its CSRF token checked."""
    try:
        form = await limited(ctx.request, limit).form(max_files=files, max_fields=10,
                                                      max_part_size=SMALL)
    except TooLarge as exc:
        # (what is left of the body read and thrown away, up to uploads.DRAIN_CAP, so that
        # the browser gets the answer; the connection is closed after it: app.py, 413)
        await drain(ctx.request, exc)
        raise TooBig(f"上传的文件太大:每次上传不能超过 {megabytes(limit)}") from None
    except MultiPartException:
        raise BadForm from None
    check_csrf(ctx, form)
    if any(isinstance(v, str) and "\x00" in v for _, v in form.multi_items()):
        # no name, note or password has one, and PostgreSQL cannot hold one in a text value
        raise DrafterError("表单中有不可见的控制字符(NUL),已拒绝;请重新输入后再提交")
    return form


def _download(data: bytes, name: str, media: str) -> Response:
    return Response(data, media_type=media,
                    headers={**HEADERS, "Content-Disposition": content_disposition(name)})


def _get(s, model: type, public_id: str):  # type: ignore[no-untyped-def]
    return s.scalar(select(model).where(model.public_id == public_id)) if public_id else None


async def read_zip(form) -> tuple[str, bytes] | None:  # type: ignore[no-untyped-def]
    """The office folder's zip sent with `form`: (the name to keep it under, its bytes)."""
    file = form.get("folder_zip")
    if not isinstance(file, UploadFile) or not file.filename:
        return None
    data = await file.read()
    if not data:
        raise DrafterError("单位文件夹的压缩包是空的(0 字节)")
    typed = str(form.get("folder_name", "")).strip()
    # a name to show and to name its download by: no folders, nothing Windows refuses
    name = display_name(typed, "") if typed else Path(display_name(file.filename, "单位文件夹.zip")).stem
    return name or "单位文件夹", data


# -- rounds ----------------------------------------------------------------------------------


def _home(ctx: Context, status: int = 200, **values: Any) -> Response:
    user = ctx.user
    assert user is not None
    with ctx.db.session() as s:
        found = rounds.rounds(s)
        mine = {r.id: rounds.board(s, r, user.office_id)[0] for r in found} \
            if user.role != SUPERIOR and user.office_id else {}
        office = s.get(Office, user.office_id) if user.office_id else None
        uploaded = officefolders.listing(s) if access.can(user, "round.open") else []
    return ctx.page("home.html", status, rounds=found, mine=mine, office=office,
                    kinds=library.kinds(), periods=rounds.PERIODS, uploaded=uploaded,
                    site_folders=ctx.site.office_folders(), site_prefix=officefolders.SITE_PREFIX,
                    year=dt.date.today().year, limit=megabytes(ctx.settings.limit),
                    **values)


async def home(ctx: Context) -> Response:
    return _home(ctx)


async def open_round(ctx: Context) -> Response:
    """Open a round; its office folder chosen from the site's, or uploaded with the form
    (kept and checked for the round's kind first). A refusal shows the form again, filled in,
    with the reason above it."""
    user = ctx.user
    assert user is not None
    access.require(user, "round.open")
    form = await _form(ctx, ctx.settings.limit, files=1)
    values = {k: str(form.get(k, "")) for k in ("kind", "year", "period", "due", "folder",
                                                "folder_name")}
    try:
        try:
            year = int(values["year"].strip())
        except ValueError:
            raise DrafterError("请填写年度,如 2024") from None
        due = rounds.parse_date(values["due"])
        rounds.check_fields(values["kind"], year, values["period"], due)
        sent = await read_zip(form)
        if sent is not None and values["folder"]:
            raise DrafterError("单位文件夹请二选一:选用已有的,或上传一个压缩包(不要两样都选)")
        uploaded = None
        if sent is not None:
            uploaded = await run_in_threadpool(
                officefolders.upload, ctx.db, ctx.site, user, name=sent[0],
                kind=values["kind"], data=sent[1], address=ctx.address,
                seconds=ctx.settings.limits.work_seconds)
        made = await run_in_threadpool(_open, ctx, user, values, year, due, uploaded)
    except DrafterError as exc:
        return _home(ctx, 400, error=exc.describe(), values=values)
    return ctx.back(f"/r/{made.public_id}")


def _open(ctx: Context, user: User, values: dict[str, str], year: int, due: dt.date,
          uploaded: OfficeFolder | None) -> Round:
    with ctx.db.session() as s:
        return rounds.open_round(s, ctx.site, user, kind=values["kind"], year=year,
                                 period=values["period"], due=due, choice=values["folder"],
                                 uploaded=uploaded, address=ctx.address,
                                 seconds=ctx.settings.limits.work_seconds)


async def round_page(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    with ctx.db.session() as s:
        round_ = access.require_round(user, _get(s, Round, ctx.request.path_params["rid"]),
                                      "round.read")
        if user.role == SUPERIOR:
            rows = rounds.board(s, round_)
            report = city.latest_report(s, round_)
            return ctx.page("board.html", round=round_, rows=rows, report=report,
                            accepted=sum(r.accepted is not None for r in rows))
        office = access.require_office(user, s.get(Office, user.office_id))
        subs = rounds.versions(s, round_, office)
        source = rounds.last_accepted(s, round_, office)
    return ctx.page("office_round.html", round=round_, office=office, versions=subs,
                    source=source, limit=megabytes(ctx.settings.limit))


async def workbook(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "workbook.download")
    with ctx.db.session() as s:
        round_ = access.require_round(user, _get(s, Round, ctx.request.path_params["rid"]),
                                      "round.read")
        office_id = ctx.request.query_params.get("office", "")
        office = _get(s, Office, office_id) if user.role == SUPERIOR else s.get(Office, user.office_id)
        office = access.require_office(user, office)
        source = rounds.last_accepted(s, round_, office)
    data, name, how = await run_in_threadpool(rounds.workbook_for, ctx.site, round_, office,
                                              source, ctx.settings.limits.work_seconds)
    with ctx.db.session() as s:
        rounds.record(s, user.login, "下载数据表", office=office, round_=round_, detail=how,
                      address=ctx.address)
    return _download(data, name, XLSX)


async def upload(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "submission.create")
    with ctx.db.session() as s:
        round_ = access.require_round(user, _get(s, Round, ctx.request.path_params["rid"]),
                                      "round.read")
    form = await _form(ctx, ctx.settings.limit, files=1)
    file = form.get("workbook")
    if not isinstance(file, UploadFile) or not file.filename:
        raise DrafterError("请先选择填好的数据表(.xlsx)")
    data = await file.read()
    if not data:
        raise DrafterError("文件是空的(0 字节)")
    name = display_name(file.filename, "数据表.xlsx")
    sub = await run_in_threadpool(rounds.upload, ctx.db, ctx.site, user, round_.id,
                                  filename=name, data=data, address=ctx.address,
                                  seconds=ctx.settings.limits.work_seconds)
    return ctx.back(f"/s/{sub.public_id}")


async def submission_page(ctx: Context, status: int = 200, **extra: Any) -> Response:
    user = ctx.user
    assert user is not None
    with ctx.db.session() as s:
        sub = access.require_submission(user, _get(s, Submission, ctx.request.path_params["sid"]),
                                        "submission.read")
        round_ = s.get(Round, sub.round_id)
        office = s.get(Office, sub.office_id)
        assert round_ is not None and office is not None
        others = rounds.versions(s, round_, office)
        names = {u.id: u.login for u in s.scalars(select(User))}
    values = await run_in_threadpool(_checked_page, ctx, round_, sub)
    return ctx.page("submission.html", status, sub=sub, round=round_, office=office,
                    versions=others, names=names,
                    can_review=access.can(user, "submission.review"), **values, **extra)


def _checked_page(ctx: Context, round_: Round, sub: Submission) -> dict[str, Any]:
    """The findings and the preview, as drafter serve shows them (its check.html), within
    the time budget."""
    if sub.problem:
        return {"problem": sub.problem}
    folder = officefolders.for_round(ctx.site, round_)
    with tempfile.TemporaryDirectory(prefix="drafter-site-") as tmp:
        path = Path(tmp) / "数据表.xlsx"
        path.write_bytes(ctx.site.store.read(sub.blob))
        with budget.bounded(ctx.settings.limits.work_seconds):
            checked = library.check(path, round_.kind, folder)
            groups, lines, problem = library.preview(checked, Path(tmp) / "报告.docx")
    return {"name": sub.filename, "kind": round_.kind, "valid": checked.errors == 0,
            "draft": checked.errors > 0, "errors": checked.errors, "warnings": checked.warnings,
            "infos": checked.infos, "groups": groups, "lines": lines, "files": [],
            "problems": [f"未能生成报告预览:{problem}"] if problem else []}


async def submission_file(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    with ctx.db.session() as s:
        sub = access.require_submission(user, _get(s, Submission, ctx.request.path_params["sid"]),
                                        "submission.read")
        office = s.get(Office, sub.office_id)
        rounds.record(s, user.login, "下载上传的数据表", office=office, submission=sub,
                      round_=s.get(Round, sub.round_id), address=ctx.address)
    return _download(ctx.site.store.read(sub.blob), sub.filename, XLSX)


async def review(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    form = await _form(ctx)
    note = str(form.get("note", ""))
    try:
        with ctx.db.session() as s:
            sub = access.require_submission(
                user, _get(s, Submission, ctx.request.path_params["sid"]), "submission.review")
            rounds.review(s, user, sub, accept=form.get("action") == "accept", note=note,
                          address=ctx.address)
            round_ = s.get(Round, sub.round_id)
    except DrafterError as exc:  # the page again, the reason above the form, the note kept
        return await submission_page(ctx, 400, review_error=exc.describe(), note=note)
    assert round_ is not None
    return ctx.back(f"/r/{round_.public_id}")


async def compare(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    with ctx.db.session() as s:
        a = access.require_submission(user, _get(s, Submission, ctx.request.path_params["sid"]),
                                      "submission.read")
        b = access.require_submission(user, _get(s, Submission,
                                                 ctx.request.query_params.get("with", "")),
                                      "submission.read")
        if (a.round_id, a.office_id) != (b.round_id, b.office_id):
            raise DrafterError("只能比较同一单位同一次报送的两个版本")
        if a.version > b.version:
            a, b = b, a
        office, round_ = s.get(Office, a.office_id), s.get(Round, a.round_id)
    rows, same = rounds.compare(a, b)
    return ctx.page("compare.html", a=a, b=b, rows=rows, same=same, office=office, round=round_)


# -- the city's report -----------------------------------------------------------------------


async def make_report(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "report.make")
    await _form(ctx)
    with ctx.db.session() as s:
        round_ = access.require_round(user, _get(s, Round, ctx.request.path_params["rid"]),
                                      "round.board")
    await run_in_threadpool(city.make_report, ctx.db, ctx.site, user, round_.id, ctx.address,
                            ctx.settings.limits.work_seconds)
    return ctx.back(f"/r/{round_.public_id}#report")


async def report_file(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    what = ctx.request.path_params["what"]
    with ctx.db.session() as s:
        round_ = access.require_round(user, _get(s, Round, ctx.request.path_params["rid"]),
                                      "report.read")
        if what == "archive":
            data = await run_in_threadpool(city.archive, s, ctx.site, round_)
            rounds.record(s, user.login, "下载汇总压缩包", round_=round_, address=ctx.address)
            return _download(data, f"{round_.title}-报送汇总.zip", "application/zip")
        report = city.latest_report(s, round_)
        if report is None or what not in ("docx", "xlsx"):
            raise access.Denied(404)
        blob = report.report if what == "docx" else report.workbook
        rounds.record(s, user.login, "下载全市报告" if what == "docx" else "下载全市数据表",
                      round_=round_, blob=blob, address=ctx.address)
    name = f"{round_.title}-{'全市报告.docx' if what == 'docx' else '全市数据表.xlsx'}"
    return _download(ctx.site.store.read(blob), name, DOCX if what == "docx" else XLSX)


# -- history and audit -----------------------------------------------------------------------


async def history(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "history.read")
    kinds = library.kinds()
    kind = ctx.request.query_params.get("kind", "")
    if not kind:  # the kind of the latest round, else the first
        with ctx.db.session() as s:
            latest = rounds.rounds(s)
        kind = latest[0].kind if latest else kinds[0][0]
    if kind not in dict(kinds):
        raise access.Denied(404)
    indicator = ctx.request.query_params.get("indicator", "")
    scope = access.office_scope(user)
    with ctx.db.session() as s:
        found = city.history(s, kind, indicator, scope)
        if not indicator and found.choices:
            keys = [k for k in library.key_indicators(kind) if k in dict(found.choices)]
            indicator = keys[0] if keys else found.choices[0][0]
            found = city.history(s, kind, indicator, scope)
    return ctx.page("history.html", history=found, kinds=kinds, kind=kind, indicator=indicator)


async def audit(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "audit.read")
    with ctx.db.session() as s:
        rows = list(s.scalars(select(Audit).order_by(Audit.id.desc()).limit(500)))
        offices = {o.id: o.name for o in s.scalars(select(Office))}
        titles = {r.id: r.title for r in s.scalars(select(Round))}
        versions = {x.id: x.version for x in s.scalars(select(Submission))}
    return ctx.page("audit.html", rows=rows, offices=offices, titles=titles, versions=versions)
