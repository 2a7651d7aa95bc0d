"""One home for each finding code: a Code constant in its stage's codes module, listed there.

A finding code is declared once, as `NAME = Code("name", ...)` at the top level of
drafter/<stage>/codes.py and listed in that module's CODES; every stage's codes module is in
docs_findings.STAGES (the reference is generated from them); call sites use the constant,
never the code string. The checker reads the source with `ast`, so a new module is held to
the rule without being listed here; the last tests plant violations to show it can fail.
"""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

from drafter import docs_findings

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "drafter"
# Calls whose first argument is a finding code (finding(), RuleProblem(), checks' ctx.add()).
_TAKES_A_CODE = {"finding", "RuleProblem", "add"}


def _is_codes_module(path: Path, package: Path) -> bool:
    """drafter/<stage>/codes.py: a stage's one list of codes."""
    rel = path.relative_to(package).parts
    return len(rel) == 2 and rel[1] == "codes.py"


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(
        func, ast.Attribute) else ""


def _docstrings(tree: ast.Module) -> set[int]:
    """ids of the string nodes that are docstrings (they may name a code)."""
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                out.add(id(body[0].value))
    return out


def _declared(path: Path) -> tuple[dict[str, str], list[str], list[str]]:
    """A codes module's {constant: code string}, the names in its CODES, and its problems."""
    tree = ast.parse(path.read_text("utf-8"))
    declared: dict[str, str] = {}
    listed: list[str] = []
    problems: list[str] = []
    for node in tree.body:
        if not isinstance(node, ast.Assign) or len(node.targets) != 1:
            continue
        target, value = node.targets[0], node.value
        if not isinstance(target, ast.Name):
            continue
        if isinstance(value, ast.Call) and _name(value.func) == "Code":
            first = value.args[0] if value.args else None
            if not (isinstance(first, ast.Constant) and isinstance(first.value, str)):
                problems.append(f"{path}:{node.lineno}: {target.id} 的代码不是字面字符串")
                continue
            declared[target.id] = first.value
            if target.id != first.value.upper().replace("-", "_"):
                problems.append(f"{path}:{node.lineno}: 常量 {target.id} 应名为 "
                                f"{first.value.upper().replace('-', '_')}(代码大写)")
        elif target.id == "CODES" and isinstance(value, ast.Tuple | ast.List):
            listed = [e.id if isinstance(e, ast.Name) else ast.dump(e) for e in value.elts]
    return declared, listed, problems


def violations(package: Path = PACKAGE, stages: tuple[str, ...] | None = None) -> list[str]:
    """Every place the package breaks the rule (an empty list when it holds)."""
    out: list[str] = []
    codes: dict[str, str] = {}  # code string -> where it is declared
    homes = []
    for path in sorted(package.rglob("codes.py")):
        if not _is_codes_module(path, package):
            continue
        declared, listed, problems = _declared(path)
        if not declared:
            continue
        homes.append(path.parent.name)
        out += problems
        for name in sorted(set(declared) - set(listed)):
            out.append(f"{path}: {name} 已声明却不在 CODES 中")
        for name in sorted(set(listed) - set(declared)):
            out.append(f"{path}: CODES 中的 {name} 不是本模块声明的 Code")
        for code in declared.values():
            if code in codes:
                out.append(f"{path}: 代码“{code}”已在 {codes[code]} 声明")
            codes[code] = str(path)
    if stages is not None:
        for stage in sorted(set(homes) - set(stages)):
            out.append(f"drafter/{stage}/codes.py 不在 docs_findings.STAGES 中,参考文档不会列出")
    for path in sorted(package.rglob("*.py")):
        if _is_codes_module(path, package):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        docs = _docstrings(tree)
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = _name(node.func)
                if name == "Code":
                    out.append(f"{path}:{node.lineno}: 在 Code() 声明代码,应写在本阶段的 codes.py")
                first = node.args[0] if node.args else None
                if (name in _TAKES_A_CODE and isinstance(first, ast.Constant)
                        and isinstance(first.value, str) and first.value.isascii()
                        and "-" in first.value):
                    out.append(f"{path}:{node.lineno}: {name}() 用了代码字符串“{first.value}”,"
                               "应用 codes.py 中的常量")
            elif (isinstance(node, ast.Constant) and node.value in codes
                  and id(node) not in docs):
                out.append(f"{path}:{node.lineno}: 代码字符串“{node.value}”应写成 "
                           f"codes.py 中的常量 {node.value.upper().replace('-', '_')}")
    return out


def _stages() -> tuple[str, ...]:
    return tuple(m.__name__.split(".")[1] for m in docs_findings.STAGES)


def test_every_finding_code_lives_in_its_stages_list_and_call_sites_use_the_constant():
    assert violations(stages=_stages()) == []


def test_the_lists_the_reference_is_made_from_are_the_declared_codes():
    declared = {c.code for m in docs_findings.STAGES for c in vars(m).values()
                if isinstance(c, docs_findings.Code)}
    assert {c.code for c in docs_findings.ALL_CODES} == declared
    assert len(docs_findings.ALL_CODES) == len(declared)  # no code listed twice


# -- the checker can fail: each planted violation is found ---------------------------------


def _planted(tmp_path: Path, path: str, old: str, new: str) -> list[str]:
    copy = tmp_path / "drafter"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    target = copy / path
    text = target.read_text("utf-8")
    assert old in text, f"{path} no longer holds {old!r}: update the planted violation"
    target.write_text(text.replace(old, new, 1), "utf-8")
    return violations(copy, stages=_stages())


def test_a_literal_code_string_at_a_call_site_is_found(tmp_path):
    found = _planted(tmp_path, "checks/rules.py", "ctx.add(SUM_MISMATCH,", 'ctx.add("sum-mismatch",')
    assert any("sum-mismatch" in v and "rules.py" in v for v in found)


def test_a_code_declared_outside_its_stages_list_is_found(tmp_path):
    found = _planted(tmp_path, "workbook/reader.py", "\n_CAUSE = ",
                     '\nEXTRA = Code("extra-code", Severity.INFO, "t", "d", "e")\n_CAUSE = ')
    assert any("reader.py" in v and "Code()" in v for v in found)


def test_a_code_missing_from_the_list_is_found(tmp_path):
    found = _planted(tmp_path, "word/codes.py", "    BODY_SHORT_LINE,\n)", ")")
    assert any("BODY_SHORT_LINE 已声明却不在 CODES 中" in v for v in found)


def test_a_stage_the_reference_does_not_import_is_found(tmp_path):
    copy = tmp_path / "drafter"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    (copy / "publish" / "codes.py").write_text(
        'from drafter.model.findings import Code, Severity\n\n'
        'NEW_CODE = Code("new-code", Severity.INFO, "t", "d", "e")\nCODES = (NEW_CODE,)\n',
        "utf-8")
    assert any("publish/codes.py 不在 docs_findings.STAGES" in v
               for v in violations(copy, stages=_stages()))
