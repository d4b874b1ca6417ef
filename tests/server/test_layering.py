"""Server layering, read from the code alone (issue 15): dependencies run one way.

    routes ─► services ─► notify ─► (models, config, db, problems, …)

- `server/notify/**` never imports `server/services/**`, directly or through another server
  module (the services call `notify()`; notify knows nothing of bills, links or sign-in).
- `server/services/**` never imports `server/routes/**` or `server.main`.
- The capability packages under `server/services/` (billing, accounts, identity, notices, …)
  import each other without a cycle.

Imports inside functions and under `if TYPE_CHECKING:` count too: they are dependencies all
the same."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def server_modules(root: Path = ROOT) -> dict[str, Path]:
    return {_module_name(p, root): p for p in sorted((root / "server").rglob("*.py"))}


def imports_of(name: str, path: Path, known: set[str]) -> set[str]:
    """The modules `name` imports; `from pkg import mod` counts as `pkg.mod` when mod is one."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.add(target)
            for alias in node.names:
                if f"{target}.{alias.name}" in known:
                    found.add(f"{target}.{alias.name}")
    return found


def import_graph(root: Path = ROOT) -> dict[str, set[str]]:
    modules = server_modules(root)
    known = set(modules)
    return {name: imports_of(name, path, known) for name, path in modules.items()}


def _under(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


def forbidden_imports(graph: dict[str, set[str]], source: str, target: str) -> list[str]:
    return sorted(
        f"{name} imports {imported}"
        for name, imported_set in graph.items()
        if _under(name, source)
        for imported in imported_set
        if _under(imported, target)
    )


def reaches(graph: dict[str, set[str]], source: str, target: str) -> list[str]:
    """Import chains from a module under `source` to one under `target`, through server/."""
    chains = []
    for start in sorted(n for n in graph if _under(n, source)):
        seen = {start: [start]}
        todo = [start]
        while todo:
            current = todo.pop()
            for nxt in sorted(graph.get(current, ())):
                if nxt in seen or nxt not in graph:
                    continue
                seen[nxt] = [*seen[current], nxt]
                if _under(nxt, target):
                    chains.append(" → ".join(seen[nxt]))
                    break
                todo.append(nxt)
            else:
                continue
            break
    return chains


def capability(name: str) -> str | None:
    """`server.services.billing.bill_run` → `billing`; a module at the top of services is its
    own capability."""
    parts = name.split(".")
    if len(parts) < 3 or parts[:2] != ["server", "services"]:
        return None
    return parts[2]


def capability_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    edges: dict[str, set[str]] = {}
    for name, imported in graph.items():
        here = capability(name)
        if here is None:
            continue
        for other in imported:
            there = capability(other)
            if there and there != here:
                edges.setdefault(here, set()).add(there)
    cycles = []
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    cycles.append([*path, start])
                elif nxt not in path and nxt > start:
                    stack.append((nxt, [*path, nxt]))
    return cycles


def test_notify_never_imports_services():
    assert forbidden_imports(import_graph(), "server.notify", "server.services") == []


def test_notify_never_reaches_services_through_another_module():
    assert reaches(import_graph(), "server.notify", "server.services") == []


def test_services_never_import_routes_or_the_app():
    graph = import_graph()
    assert forbidden_imports(graph, "server.services", "server.routes") == []
    assert forbidden_imports(graph, "server.services", "server.main") == []


def test_service_capabilities_have_no_import_cycle():
    # payments/ holds the webhook, adjustment and batch payments together, which ended the
    # last cycle (payments ↔ bill_insight) when the two branches met.
    assert capability_cycles(import_graph()) == []


# The checks themselves must be able to fail: the same functions on a small made-up tree.


def _tree(tmp_path: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return tmp_path


def test_the_checks_see_direct_relative_late_and_indirect_imports(tmp_path):
    root = _tree(
        tmp_path,
        {
            "server/__init__.py": "",
            "server/helpers.py": "from server.services.billing import bills\n",
            "server/notify/__init__.py": "",
            "server/notify/fanout.py": "def f():\n    from ..services.accounts import users\n",
            "server/notify/inbox.py": "from server import helpers\n",
            "server/services/__init__.py": "",
            "server/services/billing/__init__.py": "",
            "server/services/billing/bills.py": "from server.services.accounts import users\n",
            "server/services/accounts/__init__.py": "",
            "server/services/accounts/users.py": (
                "from typing import TYPE_CHECKING\n"
                "if TYPE_CHECKING:\n    from server.services.billing import bills\n"
                "from server.routes import me\n"
            ),
            "server/routes/__init__.py": "",
            "server/routes/me.py": "",
        },
    )
    graph = import_graph(root)
    assert forbidden_imports(graph, "server.notify", "server.services") == [
        "server.notify.fanout imports server.services.accounts",
        "server.notify.fanout imports server.services.accounts.users",
    ]
    assert reaches(graph, "server.notify", "server.services") == [
        "server.notify.fanout → server.services.accounts",
        "server.notify.inbox → server.helpers → server.services.billing",
    ]
    assert forbidden_imports(graph, "server.services", "server.routes") == [
        "server.services.accounts.users imports server.routes",
        "server.services.accounts.users imports server.routes.me",
    ]
    assert capability_cycles(graph) == [["accounts", "billing", "accounts"]]
