"""The sandboxed Jinja environment that renders a pack's templates into outline text.

Templates see, by name:
- each 板块 as a namespace of figures: `{{ 法律援助.受理案件 }}` → 236件;
- each fact of the 基本信息 sheet: `{{ 单位名称 }}`, `{{ 年度 }}`, `{{ 成文日期 | cn_date }}`;
- `大纲()` and `大纲导语()`: the report body and its preamble from the 大纲 sheet (templating.body);
- `附表()`: a city report's table of its districts (templating.appendix);
- `要点(id)` (with `{% call %}` to add a sentence of figures) and `其他要点(板块)`: old-style
  points from the 要点 sheet;
- `draft`: whether this is a draft render.

Everything a template prints passes `finalize`: figures are phrased, missing data becomes a
highlighted 【待补充：…】 placeholder, and text (cells included) is escaped so that it can
never be read as outline markup. A template cannot reach Python internals, drafter's own
objects, files outside the office folder and the packs, nor unbounded time or memory: it
runs in templating.sandbox's BoundedEnvironment under a templating.deadline, loaded by
templating.loader, and every way
it can fail becomes a TemplateError naming the template file and line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from jinja2 import (
    ChoiceLoader,
    PrefixLoader,
    StrictUndefined,
    TemplateNotFound,
    TemplateSyntaxError,
    UndefinedError,
    meta,
    nodes,
)
from jinja2 import TemplateError as JinjaError
from jinja2.exceptions import SecurityError
from jinja2.runtime import Undefined
from markupsafe import Markup

from drafter.config.catalog import Catalog
from drafter.config.packs import MAIN_TEMPLATE, Pack, available
from drafter.config.paths import builtin_dir
from drafter.errors import DrafterError, TemplateError
from drafter.model.figures import RUN_IN_FACT, TITLE_FACT, WorkbookData, is_preamble, leaves_out
from drafter.model.narrative import as_written
from drafter.templating import appendix, filters
from drafter.templating import cache as template_cache
from drafter.templating.body import OutlineFunctions
from drafter.templating.cache import Names
from drafter.templating.deadline import Deadline, TimeLimitExceeded
from drafter.templating.loader import FolderLoader
from drafter.templating.narrative import Narrative, NarrativeText
from drafter.templating.outline_text import ANNEX, escape, flagged, placeholder, sourced
from drafter.templating.sandbox import (
    MAX_TEXT,
    BoundedEnvironment,
    BudgetError,
    check_printable,
    check_text,
)
from drafter.templating.views import (
    FigureView,
    LeftOut,
    Missing,
    Outline,
    Phrase,
    RenderState,
    SectionView,
    left_out,
)


class DraftUndefined(Undefined):
    """In draft mode an unknown name prints as a visible placeholder instead of failing."""

    __slots__ = ()

    def __str__(self) -> str:
        return placeholder(self._undefined_name or "未知名称")


class Renderer:
    """One environment for a pack (templates compiled once), rendering many workbooks."""

    def __init__(self, pack: Pack, *, draft: bool = False):
        self.pack = pack
        self.state = RenderState(draft=draft)
        packs = {p.kind: FolderLoader([p.path]) for p in pack.every or available(abstract=True)}
        self.env = BoundedEnvironment(
            loader=ChoiceLoader([
                FolderLoader(pack.template_dirs),
                PrefixLoader(packs, delimiter="/"),
            ]),
            undefined=DraftUndefined if draft else StrictUndefined,
            finalize=self._finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            autoescape=True,
        )
        self.env.add_filters({**filters.FILTERS, "join": _join})
        self.env.tests["略去"] = left_out
        self.cache = template_cache.attach(self.env)
        self._chains: dict[str, list[tuple[str, Names]]] = {}  # the name check's, per template

    # -- output ---------------------------------------------------------------------------

    def _finalize(self, value: Any) -> Markup:
        """Every printed value, made outline-safe. Autoescape is on so that what templates
        themselves produce (super(), macros, caller()) arrives as Markup and is kept as is;
        everything else is escaped for the outline (not for HTML) here."""
        if isinstance(value, Markup):
            check_printable(str(value))  # `|safe` on an object's representation
            return value
        if isinstance(value, Outline):
            return Markup(str(value))
        if isinstance(value, Undefined):
            if self.state.draft:
                self.state.placeholders += 1
            return Markup(str(value))  # StrictUndefined raises here, naming the missing name
        if isinstance(value, NarrativeText):  # a fact holding 【references】
            return Markup(value.render())
        if isinstance(value, Missing | FigureView | Phrase):
            return Markup(self._phrase(value))
        if value is None:
            return Markup("")
        if callable(value):  # `{{ 要点 }}` would print drafter's internals
            raise TypeError("不能直接写出函数本身,应调用它,如 要点(\"板块.要点\")")
        check_text(value)  # a list of long strings prints longer than any of them
        check_printable(value)  # an object, or "<… object at 0x…>", never reaches a report
        return Markup(escape(str(value)))

    def _phrase(self, value: Missing | FigureView | Phrase) -> str:
        if isinstance(value, Missing) or getattr(value, "missing", False):
            self.state.placeholders += 1
            return placeholder(value.name)
        text = escape(str(value))
        return sourced(flagged(text) if value.flagged else text, value.source)

    # -- rendering ------------------------------------------------------------------------

    def render(self, data: WorkbookData, flagged_ids: frozenset[str] = frozenset()) -> str:
        self.state.placeholders = 0
        self.state.flagged = flagged_ids if self.state.draft else frozenset()
        context = self.context(data)
        deadline = Deadline()
        try:
            with deadline:
                template = self._template(MAIN_TEMPLATE)
                if not self.state.draft:
                    self._check_names(MAIN_TEMPLATE, set(context))
                return template.render(context)
        except TimeLimitExceeded as exc:
            raise TemplateError(f"模板运行超过 {deadline.seconds:g} 秒,已停止(循环次数过多？)",
                                where=_where(exc) or self._main_where()) from None
        except DrafterError as exc:
            exc.where = exc.where or _where(exc) or None
            raise
        except BaseException as exc:
            raise _template_error(exc, self._main_where()) from exc

    def _main_where(self) -> str:
        """Where a failure outside any template line happened: the main template."""
        found = next((d / MAIN_TEMPLATE for d in self.pack.template_dirs
                      if (d / MAIN_TEMPLATE).exists()), MAIN_TEMPLATE)
        return f"模板 {found}"

    def _template(self, name: str):
        try:
            return self.env.get_template(name)
        except TemplateNotFound as exc:
            if exc.name != name:
                raise
            dirs = "、".join(str(d) for d in self.pack.template_dirs)
            raise TemplateError(f"找不到模板“{exc.name}”(查找顺序:{dirs})") from exc

    def context(self, data: WorkbookData) -> dict[str, Any]:
        cat = self.pack.catalog
        ctx: dict[str, Any] = {}
        year = data.facts.get("年度", "")
        narrative = Narrative(data.figures, self.state, self._phrase,
                              int(year) if year.isdigit() else None)
        facts = {k: LeftOut() if is_preamble(k) and leaves_out(v)
                 else NarrativeText.wrap(v, narrative, data.fact_cells.get(k))
                 for k, v in data.facts.items()}
        for f in cat.facts:
            value = facts.get(f.key)
            ctx[f.key] = value if value or isinstance(value, LeftOut) else Missing(f.key)
        for key, value in facts.items():
            ctx.setdefault(key, value)
        for section in cat.sections:
            ctx[section.id] = SectionView(section.id, data.figures, self.state)
        points = _PointFunctions(self, data, narrative)
        body = OutlineFunctions(data.outline, narrative)
        ctx["大纲"] = body.body
        ctx["大纲导语"] = body.preamble
        # the kind's required parts ([[required]] of outline.toml) hold for this year: a
        # 法治政府建设年度报告 on 2019 or later cites the regulation that requires them
        parts = self.pack.parts
        ctx["必写部分适用"] = bool(parts) and all(p.applies(year) for p in parts)
        for key in (TITLE_FACT, RUN_IN_FACT):  # facts every pack may use, listed or not
            ctx.setdefault(key, facts.get(key) or Missing(key))
        ctx["标题"] = _HeadingFunction(cat, facts)
        ctx["要点"] = points.point
        ctx["其他要点"] = points.extra
        ctx["附表"] = lambda label=ANNEX: Outline(appendix.outline(cat, data, label))
        ctx["draft"] = self.state.draft
        return ctx

    def _check_names(self, name: str, known: set[str]) -> None:
        """List every undefined name of the template chain, with file and line, at once.
        The chain is analysed once per Renderer (and kept on disk, see template_cache);
        only what the context lacks is worked out per render."""
        chain = self._chains.get(name)
        if chain is None:
            chain = self._chains[name] = self._chain(name, set())
        problems: list[str] = []
        for tname, names in chain:
            missing = names.undeclared - known - set(self.env.globals)
            problems += [f"{tname} 第{line}行“{n}”" for n, line in names.loads if n in missing]
        if problems:
            raise TemplateError("模板用到了未定义的名称:" + ";".join(dict.fromkeys(problems)))

    def _chain(self, name: str, seen: set[str]) -> list[tuple[str, Names]]:
        if name in seen:
            return []
        seen.add(name)
        names = self._names(name)
        if names is None:
            return []
        out = [(name, names)]
        for ref in names.refs:
            if ref != name:
                out += self._chain(ref, seen)
        return out

    def _names(self, name: str) -> Names | None:
        """The undeclared names of one template (None when there is no such template)."""
        try:
            source, filename, _ = self.env.loader.get_source(self.env, name)
        except (TemplateNotFound, TemplateError):  # a refused reference: the render names its line
            return None
        found = self.cache.names(name, filename, source) if self.cache else None
        if found is not None:
            return found
        try:
            ast = self.env.parse(source, name, filename)
        except TemplateSyntaxError as exc:
            raise _syntax_error(exc) from exc
        undeclared = meta.find_undeclared_variables(ast)
        found = Names(
            frozenset(undeclared),
            tuple((n.name, n.lineno) for n in ast.find_all(nodes.Name)
                  if n.ctx == "load" and n.name in undeclared),
            tuple(ref for ref in meta.find_referenced_templates(ast) if ref),
        )
        if self.cache:
            self.cache.save_names(name, filename, source, found)
        return found


class _HeadingFunction:
    """`标题(id)`: the heading as reworded in the workbook, else the pack's default."""

    PUBLIC = frozenset()  # what templates may read of it: nothing (templating.sandbox)

    def __init__(self, cat: Catalog, facts: dict[str, str]):
        self._cat = cat
        self._facts = facts

    def __call__(self, heading_id: str) -> str:
        slot = self._cat.headings.get(heading_id)
        if slot is None:
            raise TemplateError(f"标题“{heading_id}”不在指标目录的 headings 中")
        return self._facts.get(slot.fact_key) or slot.text


class _PointFunctions:
    """`要点(id)` and `其他要点(板块)`: narrative points from the 要点 sheet, made into outline."""

    def __init__(self, renderer: Renderer, data: WorkbookData, narrative: Narrative):
        self.r = renderer
        self.data = data
        self.narrative = narrative  # 内容 cells: 【references】 phrased, 。 supplied

    def point(self, slot_id: str, lead: str | None = None,
              caller: Callable[[], str] | None = None) -> Outline:
        slot = self.r.pack.catalog.points.get(slot_id)
        if slot is None:
            raise TemplateError(f"要点“{slot_id}”不在指标目录的 points 中")
        row = next((p for p in self.data.points if p.slot == slot_id), None)
        lead_text = (row.lead if row and row.lead else "") or lead or slot.lead
        narrative = self.narrative(row.body, row.section, row.cell, close=True) if row else ""
        before = self.r.state.placeholders
        figures = str(caller()) if caller is not None else ""
        if self.r.state.placeholders > before and not self.r.state.draft:
            figures = ""  # its figures are missing: the sentence is left out
        body = narrative + figures
        if not body.strip():  # a lead the clerk wrote is kept; init's default lead alone is not
            if row and row.lead and row.lead not in (slot.lead, lead):
                return _point_line(lead_text, "")
            return Outline("")
        return _point_line(lead_text, body)

    def extra(self, section: str) -> Outline:
        return Outline("".join(
            _point_line(p.lead, self.narrative(p.body, p.section, p.cell, close=True))
            for p in self.data.points if p.section == section and not p.slot and (p.lead or p.body)))


def _point_line(lead: str, body: str) -> Outline:
    """One outline point: the lead is cell or catalog text (printed as written), `body`
    already outline-safe."""
    return Outline(f"\n* {escape(as_written(lead))}|{body}\n")


def _join(items: Any, sep: str = "") -> str:
    """`join` without HTML escaping (autoescape is on only to keep template output intact),
    stopping at the sandbox's text limit whatever the separator."""
    sep, pieces, total = str(sep), [], 0
    for x in items:
        piece = str(x)
        total += len(piece) + len(sep)
        if total > MAX_TEXT + len(sep):
            raise BudgetError(f"模板生成的文字过长(超过 {MAX_TEXT} 字),已停止")
        pieces.append(piece)
    return sep.join(pieces)


def _template_error(exc: BaseException, main: str) -> TemplateError:
    """Whatever a template's run raised, as one Chinese message with the file and line
    (else `main`, the main template: the failure was in joining or compiling it)."""
    where = _where(exc)
    if isinstance(exc, TemplateSyntaxError):
        return _syntax_error(exc)
    if isinstance(exc, RecursionError) and not where:
        text = "模板的表达式嵌套过深,无法解析"
    elif isinstance(exc, RecursionError):
        text = "模板递归过深(宏调用自身,或模板包含、继承自身？),已停止"
    elif isinstance(exc, MemoryError):
        text = "模板占用内存过多,已停止"
    elif isinstance(exc, BudgetError):
        text = str(exc)
    elif isinstance(exc, SecurityError):
        text = f"模板试图访问不允许的内容,已拒绝:{exc}"
    elif isinstance(exc, UndefinedError):
        text = f"模板用到了未定义的名称:{_undefined_name(exc)}"
    elif isinstance(exc, TemplateNotFound):
        text = f"找不到模板“{exc.name}”"
    elif isinstance(exc, ZeroDivisionError):
        text = "模板运算出错:除数为零"
    elif isinstance(exc, ArithmeticError):  # overflow, decimal's signals
        text = "模板运算出错:数值超出范围或无效"
    elif isinstance(exc, JinjaError | TypeError | ValueError | LookupError):
        text = f"模板运算出错:{exc}"
    elif isinstance(exc, AttributeError):  # a filter asking a view for what it lacks (dictsort)
        text = f"模板运算出错:没有“{str(exc).rsplit('.', 1)[-1][:40]}”这一项"
    else:
        raise exc  # a bug of drafter's own, or KeyboardInterrupt: not the template's fault
    return TemplateError(text, where=where or main)


def _where(exc: BaseException) -> str:
    """'模板 main.j2 第12行' from the innermost template frame of a traceback: a compiled
    template's frame (its module knows the template) or one of the frames Jinja rewrites
    into template lines."""
    found: tuple[str, int] | None = None
    own: tuple[str, int] | None = None  # the innermost frame outside the built-in packs
    builtin = str(builtin_dir())
    tb = exc.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        filename = tb.tb_frame.f_code.co_filename
        if template is not None:
            found = (template.filename or template.name or filename,
                     template.get_corresponding_lineno(tb.tb_lineno))
        elif filename.endswith((".j2", ".jinja", ".txt")):
            found = (filename, tb.tb_lineno)
        if found is not None and not str(found[0]).startswith(builtin):
            own = found
        tb = tb.tb_next
    if isinstance(exc, RecursionError) and own is not None:
        found = own  # a loop runs through the office's template, however deep the packs nest
    found = found or getattr(exc, "line", None)
    if found is None:
        lineno = getattr(exc, "lineno", None)
        name = getattr(exc, "filename", None) or getattr(exc, "name", None)
        return f"模板 {name} 第{lineno}行" if lineno and name else ""
    return f"模板 {found[0]} 第{found[1]}行"


def _syntax_error(exc: TemplateSyntaxError) -> TemplateError:
    from drafter.templating.syntax import explain

    return TemplateError(f"模板语法错误:{explain(exc.message or '')}",
                         where=f"模板 {exc.filename or exc.name} 第{exc.lineno}行")


def _undefined_name(exc: UndefinedError) -> str:
    text = str(exc.message or exc)
    if "has no attribute" in text:
        return text.split("has no attribute", 1)[1].strip().strip("'\"")
    return text.replace("is undefined", "").strip().strip("'\"")
