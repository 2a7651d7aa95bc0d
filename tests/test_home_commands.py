"""One home for each idea of the commands layer (issue 21), checked on the source with `ast`:

- the exit codes are errors.Exit: no other module gives OK/FIGURE_ERRORS/UNUSABLE/BUG a
  number, and none exits with (or compares a `.code` to) a literal number;
- the CLI's commands hold no error handling of their own (one handler: cli._Guarded) and
  no job: each hands what its command module says to `_show`;
- the rates a rule computes are computed once per check (pipeline.check_workbook):
  `with_computed` is called nowhere else (checks.rules.run's fallback for direct callers
  aside).
"""

from __future__ import annotations

import ast

import pytest

from tests.conftest import ROOT, SAMPLE_000

DRAFTER = ROOT / "drafter"
CODE_NAMES = {"OK", "FIGURE_ERRORS", "UNUSABLE", "BUG", "INTERRUPTED"}
EXITS = {"exit", "Exit", "SystemExit"}  # sys.exit(2), typer.Exit(1), raise SystemExit(3)


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(p.relative_to(ROOT)), ast.parse(p.read_text(encoding="utf-8"), str(p)))
            for p in sorted(DRAFTER.rglob("*.py"))]


def _int(node: ast.AST | None) -> bool:
    return ((isinstance(node, ast.Constant) and type(node.value) is int)
            or (isinstance(node, ast.UnaryOp) and _int(node.operand)))


def _name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else (
        node.attr if isinstance(node, ast.Attribute) else "")


def exit_codes_outside_their_home(modules: list[tuple[str, ast.Module]]) -> list[str]:
    found = []
    for path, tree in modules:
        for node in ast.walk(tree):
            where = f"{path}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Assign):
                for target, value in _pairs(node):
                    if _name(target) in CODE_NAMES and _int(value) and path != "drafter/errors.py":
                        found.append(f"{where}: {_name(target)} = a number (use errors.Exit)")
            elif isinstance(node, ast.Call) and _name(node.func) in EXITS and node.args \
                    and _int(node.args[0]):
                found.append(f"{where}: exits with a literal code (use errors.Exit)")
            elif isinstance(node, ast.Compare):
                sides = [node.left, *node.comparators]
                if any(isinstance(s, ast.Attribute) and s.attr in ("code", "exit_code")
                       for s in sides) and any(
                        _int(s) for s in sides):
                    found.append(f"{where}: compares an exit code with a number (use errors.Exit)")
            elif isinstance(node, ast.ClassDef) and path != "drafter/errors.py" and any(
                    _name(b) == "IntEnum" for b in node.bases) and "exit" in node.name.lower():
                found.append(f"{where}: a second exit-code enum {node.name}")
    return found


def _pairs(node: ast.Assign) -> list[tuple[ast.AST, ast.AST]]:
    out: list[tuple[ast.AST, ast.AST]] = []
    for target in node.targets:
        if isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
            out += zip(target.elts, node.value.elts, strict=False)
        else:
            out.append((target, node.value))
    return out


def test_exit_codes_have_one_home() -> None:
    assert exit_codes_outside_their_home(_modules()) == []


def test_the_home_test_sees_an_exit_code_defined_elsewhere() -> None:
    planted = ast.parse("OK, BUG = 0, 3\nimport sys\nsys.exit(2)\nif o.code == 3: pass\n"
                        "class Exits(IntEnum): A = 1\n")
    assert len(exit_codes_outside_their_home([("drafter/elsewhere.py", planted)])) == 5


# a top-level command (cli._command: built when used) or a group's (templates_app.command)
COMMAND_DECORATORS = ("command", "_command")


def cli_commands_with_their_own_handling(tree: ast.Module) -> list[str]:
    """Each command function of cli.py: no try/with (the one handler does it), and it ends by
    handing a Said to _show."""
    found = []
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef) or not any(
                _name(d.func) in COMMAND_DECORATORS for d in node.decorator_list
                if isinstance(d, ast.Call)):
            continue
        for inner in ast.walk(node):
            if isinstance(inner, ast.Try | ast.With):
                found.append(f"cli.{node.name}:{inner.lineno}: error handling of its own")
        calls = [c for c in ast.walk(node) if isinstance(c, ast.Call) and _name(c.func) == "_show"]
        if not calls:
            found.append(f"cli.{node.name}: does not hand its command's Said to _show")
    return found


def test_the_cli_has_one_error_handler() -> None:
    tree = ast.parse((DRAFTER / "cli.py").read_text(encoding="utf-8"))
    assert cli_commands_with_their_own_handling(tree) == []
    commands = [n.name for n in tree.body if isinstance(n, ast.FunctionDef) and any(
        isinstance(d, ast.Call) and _name(d.func) in COMMAND_DECORATORS
        for d in n.decorator_list)]
    assert len(commands) == 11, commands  # init import check render rollup merge list copy pdf verify serve


def test_the_home_test_sees_a_command_with_its_own_guard() -> None:
    planted = ast.parse("@app.command()\ndef check():\n    with _guard():\n        run()\n")
    assert len(cli_commands_with_their_own_handling(planted)) == 2


def computing_outside_the_check(modules: list[tuple[str, ast.Module]]) -> list[str]:
    allowed = {"drafter/pipeline.py", "drafter/checks/rules.py"}
    return [f"{path}:{node.lineno}: with_computed called (read CheckResult.computed)"
            for path, tree in modules if path not in allowed for node in ast.walk(tree)
            if isinstance(node, ast.Call) and _name(node.func) == "with_computed"]


def test_the_computed_rates_are_computed_once() -> None:
    assert computing_outside_the_check(_modules()) == []
    calls = [n for n in ast.walk(ast.parse((DRAFTER / "pipeline.py").read_text("utf-8")))
             if isinstance(n, ast.Call) and _name(n.func) == "with_computed"]
    assert len(calls) == 1


def test_the_home_test_sees_a_second_computation() -> None:
    planted = ast.parse("data = rules.with_computed(result.data, result.catalog)\n")
    assert computing_outside_the_check([("drafter/web/preview.py", planted)])


def test_a_check_computes_the_rates_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted at run time too: a check and its render call with_computed once."""
    from drafter import pipeline
    from drafter.checks import rules

    calls: list[int] = []
    real = rules.with_computed
    monkeypatch.setattr(rules, "with_computed", lambda *a: calls.append(1) or real(*a))
    result = pipeline.check_workbook(SAMPLE_000)
    pipeline.render_document(result)
    assert len(calls) == 1
