"""The house has no import circle: no module imports, however indirectly, one that imports it.

import-linter (``lint-imports`` in CI, contracts in pyproject.toml) checks the layers and the
packages within each app; this checks every module of every app against every other.
"""

import grimp

APPS = ("articles", "memberships", "newsletter", "insights", "newsroom", "staff", "bench")


def circles(graph):
    """Every set of modules that import each other in a circle (Tarjan's algorithm)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(module):
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            component = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.add(member)
                if member == module:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_no_module_imports_itself_through_others():
    assert circles(grimp.build_graph(*APPS, cache_dir=None)) == []


def test_a_circle_would_be_found(tmp_path, monkeypatch):
    package = tmp_path / "circled"
    package.mkdir()
    (package / "__init__.py").write_text("")
    for name, imports in {"one": "two", "two": "three", "three": "one"}.items():
        (package / f"{name}.py").write_text(f"from circled import {imports}\n")
    monkeypatch.syspath_prepend(tmp_path)
    graph = grimp.build_graph("circled", cache_dir=None)
    assert circles(graph) == [["circled.one", "circled.three", "circled.two"]]
