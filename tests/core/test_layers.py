"""The core's layers (issue 24), checked on the source: who may import whom.

The import graph is built from every module's import statements, those inside functions
included (a circle cannot hide in a function-local import), plus the package
`__init__.py` files Python runs on the way to a module. On it:
- no import circles;
- a function-local `from lstm_core...` import says why it is there (a comment on its line
  or the line above), since a circle is never the reason;
- Gates reads traces and imports no model family;
- the core below `lstm_core.ui` never imports it, so the offline builds do not either;
- no ui module is named like a core subpackage, and every page imports its ui module
  the same way.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "lstm_core"
# What Gates may import: the network and its trace types, and the modules every layer shares.
GATES_MAY_IMPORT = ("lstm_core.nn", "lstm_core.gates", "lstm_core.message", "lstm_core.palette")


def module_files() -> dict[str, Path]:
    """Dotted module name -> file, for every module and package of lstm_core."""
    found = {}
    for path in sorted(CORE.rglob("*.py")):
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts)] = path
    return found


def _type_checking_only(tree: ast.Module) -> set[int]:
    """ids of the import nodes under `if TYPE_CHECKING:` (never run, so no edge)."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            skipped |= {id(inner) for inner in ast.walk(node)}
    return skipped


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[tuple[str, ast.stmt]]:
    """(imported lstm_core module, statement) for every import in the file, at any depth."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    skipped, found = _type_checking_only(tree), []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join(anchor + ([base] if base else []))
            # `from package import module` imports the module; `from module import name` the module
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base for alias in node.names]
        else:
            continue
        found += [(target, node) for target in targets if target in modules and target != name]
    return found


def import_graph() -> dict[str, set[str]]:
    """module -> the lstm_core modules importing it runs (its targets and their packages' __init__)."""
    modules = module_files()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        own_packages = {".".join(name.split(".")[:k]) for k in range(1, name.count(".") + 1)}
        edges = set()
        for target, _ in imports_of(name, path, modules):
            parts = target.split(".")
            # Importing a.b.c runs a.b's __init__ first; packages that hold `name` itself have run already.
            packages = {".".join(parts[:k]) for k in range(2, len(parts))} - own_packages
            edges |= {target, *(p for p in packages if p in modules)}
        graph[name] = edges - {name}
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def reachable(graph: dict[str, set[str]], start: str) -> set[str]:
    seen, todo = set(), [start]
    while todo:
        for nxt in graph[todo.pop()] - seen:
            seen.add(nxt)
            todo.append(nxt)
    return seen


def test_the_circle_finder_finds_a_circle_through_a_package():
    graph = {"a": {"b.x"}, "b": {"b.y"}, "b.x": set(), "b.y": {"a"}}
    assert circles(graph) == [] and circles({**graph, "b.x": {"b"}}) == [["a", "b", "b.x", "b.y"]]


def test_the_graph_sees_imports_inside_functions():
    graph = import_graph()
    assert "lstm_core.sentiment.classifier" in graph["lstm_core.serving.catalogue"]  # a loader's lazy import
    assert "lstm_core.sentiment" in graph["lstm_core.serving.catalogue"]  # and the package it runs first


def test_no_import_circles():
    assert circles(import_graph()) == []


def _imports_the_core(node: ast.stmt) -> bool:
    if isinstance(node, ast.ImportFrom):
        return node.level > 0 or (node.module or "").split(".")[0] == "lstm_core"
    return isinstance(node, ast.Import) and any(alias.name.split(".")[0] == "lstm_core" for alias in node.names)


def test_function_local_core_imports_say_why():
    unexplained = []
    for path in module_files().values():
        lines = path.read_text(encoding="utf-8").splitlines()
        for function in ast.walk(ast.parse("\n".join(lines))):
            if isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for node in ast.walk(function):
                    if _imports_the_core(node) and "#" not in lines[node.lineno - 1] \
                            and not lines[node.lineno - 2].strip().startswith("#"):
                        unexplained.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert unexplained == [], "a function-local import needs a comment saying why it is not at the top"


def test_gates_imports_no_model_family():
    graph = import_graph()
    gates = [name for name in graph if name == "lstm_core.gates" or name.startswith("lstm_core.gates.")]
    assert gates
    outside = {f"{name} -> {target}" for name in gates for target in graph[name]
               if not any(target == allowed or target.startswith(allowed + ".") for allowed in GATES_MAY_IMPORT)}
    assert outside == set()


def test_the_core_below_the_ui_never_imports_it():
    graph = import_graph()
    below = [name for name in graph if not name.startswith("lstm_core.ui")]
    assert any(name.startswith("lstm_core.build.") for name in below)
    leaks = {name: sorted(m for m in reachable(graph, name) if m.startswith("lstm_core.ui")) for name in below}
    assert {name: found for name, found in leaks.items() if found} == {}


def test_no_ui_module_is_named_like_a_core_subpackage():
    subpackages = {path.parent.name for path in CORE.glob("*/__init__.py")} - {"ui"}
    ui_names = {path.stem for path in (CORE / "ui").glob("*.py")} | {p.name for p in (CORE / "ui").iterdir() if p.is_dir()}
    assert "forecast" in subpackages and "forecast_page" in ui_names
    assert ui_names & subpackages == set()


def test_a_pages_ui_modules_start_with_its_name():
    pages = {page.stem for page in (ROOT / "pages").glob("*.py")}
    shared = {"__init__", "i18n", "style", "loaders", "live_training", "session_models", "server_setup", "control_help",
              "quiz", "glossary_links", "text_facts"}  # every page's, or app.py's
    modules = {path.stem for path in (CORE / "ui").glob("*.py")}
    assert {"tokens_word2vec", "practical_cost"} <= modules
    assert sorted(m for m in modules - shared if m.split("_")[0] not in pages) == []


def test_every_page_imports_its_ui_module_the_same_way():
    pages = sorted((ROOT / "pages").glob("*.py"))
    own = {page.stem: f"from lstm_core.ui import {page.stem}_page as page" for page in pages
           if (CORE / "ui" / f"{page.stem}_page.py").is_file()}
    assert len(own) >= 6
    for stem, line in own.items():
        text = (ROOT / "pages" / f"{stem}.py").read_text(encoding="utf-8")
        assert re.search(rf"^{re.escape(line)}$", text, re.M), f"pages/{stem}.py should say `{line}`"
        assert not re.search(rf"{stem}_page as (?!page\b)", text), f"pages/{stem}.py names its ui module twice"
