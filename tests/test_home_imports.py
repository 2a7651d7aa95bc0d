"""Data flows one way: no import circle among drafter's modules, counting the imports made only
for type hints (under `if TYPE_CHECKING:`) and those made inside functions. A circle means two
modules each need the other, so one of them holds a type or helper that belongs elsewhere."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "drafter"
# Circles known and left for the work that owns those modules; any other circle fails, and so
# does one of these that grows. batch ⇄ parallel: a worker runs a batch.Session (imported in the
# worker). importing figures → naming → words → figures: words finds the figures of a context
# with figures.FIGURE (imported in the function).
KNOWN = [
    {"drafter.batch", "drafter.parallel"},
    {"drafter.importing.figures", "drafter.importing.naming", "drafter.importing.words"},
]


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, name: str, modules: set[str]) -> set[str]:
    """The drafter modules `path` (module `name`) imports, wherever the import statement is."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(up + ([base] if base else []))
            # `from drafter.x import y`: y is a module of the package, or a name in drafter.x
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in modules else base
                       for a in node.names]
        else:
            continue
        for target in targets:
            while target and target not in modules:  # `import drafter.a.b` names drafter.a.b
                target = target.rpartition(".")[0]
            if target.startswith("drafter") and target != name:
                out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    files = {_module(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(files)
    # A package's __init__ runs before any of its modules: importing drafter.a.b imports drafter.a.
    # That edge is not counted: a package importing its own submodule is the usual layout.
    return {name: _imports(path, name, modules) for name, path in files.items()}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(sorted(edges[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on.add(root)
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on.add(child)
                    work.append((child, iter(sorted(edges.get(child, ())))))
                    break
                if child in on:
                    low[node] = min(low[node], index[child])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = []
                    while True:
                        top = stack.pop()
                        on.discard(top)
                        component.append(top)
                        if top == node:
                            break
                    if len(component) > 1:
                        out.append(sorted(component))
    return out


def test_the_graph_sees_type_only_and_local_imports() -> None:
    edges = graph()
    assert "drafter.model.figures" in edges["drafter.config.catalog"] or \
        "drafter.model.figures" in edges["drafter.checks.rules"]
    assert len(edges) > 100 and sum(map(len, edges.values())) > 300


def test_a_planted_circle_is_found() -> None:
    edges = {k: set(v) for k, v in graph().items()}
    edges["drafter.model.findings"].add("drafter.word.writer")  # the model needing Word
    assert any("drafter.model.findings" in c for c in cycles(edges))


def test_no_import_circles() -> None:
    found = [c for c in cycles(graph()) if set(c) not in KNOWN]
    assert not found, "import circles among drafter modules:\n" + "\n".join(
        " ⇄ ".join(c) for c in found)
