"""No import cycle among the project's modules (issue 13, "No circles").

The direction rules (the core names no implementation, adapters import neither the storage
nor bot.wiring, ...) are import-linter contracts in pyproject.toml, run by `lint-imports` in
`make test`. None of import-linter's contract types forbids every cycle between modules
(`acyclic_siblings` compares sibling packages as wholes), so this test looks for them on the
graph of grimp, the library import-linter reads imports with.

Every import counts, at the top of a module or inside a function: a cycle through a lazy
import is still a circle in the design. Imports under ``if TYPE_CHECKING:`` do not count:
they never run, and they are how a module names a type without depending on it at run time.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Set

import grimp

PACKAGES = ("bot", "adapters", "storage")

Imports = Mapping[str, Set[str]]  # module -> the modules it imports directly


def project_imports() -> Imports:
    """The project's modules and what each imports, as grimp reads them."""
    graph = grimp.build_graph(*PACKAGES, exclude_type_checking_imports=True, cache_dir=None)
    return {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}


def cycles(imports: Imports) -> list[tuple[str, ...]]:
    """One shortest cycle per group of modules that reach each other, starting and ending at
    the group's first module by name; an empty list when there is none."""
    found = []
    for group in strongly_connected(imports):
        start = min(group)
        if len(group) > 1 or start in imports.get(start, ()):
            found.append(shortest_way_back(imports, start, group))
    return sorted(found)


def shortest_way_back(imports: Imports, start: str, group: Set[str]) -> tuple[str, ...]:
    """Breadth first from ``start`` inside ``group`` until an import leads back to it."""
    came_from: dict[str, str] = {}
    frontier = [start]
    while frontier:
        following = []
        for module in frontier:
            for imported in sorted(imports.get(module, ())):
                if imported == start:
                    path = [module]
                    while path[-1] != start:
                        path.append(came_from[path[-1]])
                    return (*reversed(path), start)
                if imported in group and imported not in came_from:
                    came_from[imported] = module
                    following.append(imported)
        frontier = following
    raise AssertionError(f"{start} is in a cycle but no way back was found")


def strongly_connected(imports: Imports) -> list[set[str]]:
    """Tarjan's algorithm, without recursion: the sets of modules that all reach each other."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def visit(module: str) -> tuple[str, Iterator[str]]:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        return module, iter(sorted(imports.get(module, ())))

    for root in sorted(imports):
        if root in index:
            continue
        work = [visit(root)]
        while work:
            module, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    work.append(visit(successor))
                    break
                if successor in on_stack:
                    low[module] = min(low[module], index[successor])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[module])
                if low[module] == index[module]:
                    group, member = set(), ""
                    while member != module:
                        member = stack.pop()
                        on_stack.discard(member)
                        group.add(member)
                    groups.append(group)
    return groups


def test_no_import_cycle_among_the_projects_modules() -> None:
    imports = project_imports()
    found = cycles(imports)
    in_circles = sorted(module for group in strongly_connected(imports) if len(group) > 1
                        for module in group)
    assert not found, (
        "import cycles (one per circle):\n" + "\n".join(" -> ".join(c) for c in found)
        + "\nevery module in a circle: " + ", ".join(in_circles))


def test_a_cycle_is_found_and_shown_from_its_first_module() -> None:
    imports = {"p.b": {"p.c"}, "p.c": {"p.a"}, "p.a": {"p.b", "p.d"}, "p.d": {"p.e"},
               "p.f": {"p.f"}, "p.g": {"p.h", "p.i"}, "p.h": {"p.g"}, "p.i": {"p.j"},
               "p.j": {"p.g"}}
    assert cycles(imports) == [("p.a", "p.b", "p.c", "p.a"), ("p.f", "p.f"),
                               ("p.g", "p.h", "p.g")]


def test_a_graph_without_cycles_has_none() -> None:
    assert cycles({"p.a": {"p.b", "p.c"}, "p.b": {"p.c", "os"}, "p.c": set()}) == []
