"""The superior's page of office folders (单位文件夹): the ones uploaded as a .zip (every
version kept), the ones in the site's templates/, and an upload form. A folder can also be
uploaded with the form that opens a round (views.open_round)."""

from __future__ import annotations

from sqlalchemy import func, select
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from drafter.errors import DrafterError
from drafter.site import access, library, officefolders, rounds
from drafter.site.context import Context
from drafter.site.db import OfficeFolder, Round, User
from drafter.site.views import _download, _form, _get, read_zip
from drafter.web.uploads import megabytes


def _page(ctx: Context, status: int = 200, **values) -> Response:  # type: ignore[no-untyped-def]
    with ctx.db.session() as s:
        rows = officefolders.listing(s)
        used = dict(s.execute(select(Round.folder_id, func.count()).where(
            Round.folder_id.is_not(None)).group_by(Round.folder_id)).all())
        names = {u.id: u.login for u in s.scalars(select(User))}
    return ctx.page("folders.html", status, rows=rows, used=used, names=names,
                    files={r.id: officefolders.files(r) for r in rows},
                    site_folders=ctx.site.office_folders(), kinds=library.kinds(),
                    limit=megabytes(ctx.settings.limit), **values)


async def folders(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "folder.manage")
    if ctx.request.method == "GET":
        return _page(ctx)
    form = await _form(ctx, ctx.settings.limit, files=1)
    kind = str(form.get("kind", ""))
    try:
        sent = await read_zip(form)
        if sent is None:
            raise DrafterError("请先选择单位文件夹的压缩包(.zip)")
        row = await run_in_threadpool(officefolders.upload, ctx.db, ctx.site, user,
                                      name=sent[0], kind=kind, data=sent[1],
                                      address=ctx.address,
                                      seconds=ctx.settings.limits.work_seconds)
    except DrafterError as exc:
        return _page(ctx, 400, error=exc.describe(), kind=kind,
                     folder_name=str(form.get("folder_name", "")))
    return _page(ctx, done=row)


async def folder_zip(ctx: Context) -> Response:
    user = ctx.user
    assert user is not None
    access.require(user, "folder.manage")
    with ctx.db.session() as s:
        row = _get(s, OfficeFolder, ctx.request.path_params["fid"])
        if row is None:
            raise access.Denied(404)
        rounds.record(s, user.login, "下载单位文件夹", blob=row.blob, address=ctx.address,
                      detail=officefolders.label(row.name, row.version))
    return _download(ctx.site.store.read(row.blob), f"{row.name}-第{row.version}版.zip",
                     "application/zip")
