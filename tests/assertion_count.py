"""How many assertions the suite makes, counted statically (issue 29: a faster suite must not
check less). Run: `.venv/bin/python tests/assertion_count.py [pytest paths or -k/-m options]`.

For each test item pytest collects (`pytest --collect-only`, so each parametrized case counts
once), the `assert` statements in its test function (nested functions included), plus those in
each function defined in tests/ (a module's own helpers, conftest.py's, another test module's)
that the test function calls directly by name; summed per file and in all. Fixtures are not
called by the test, so their assertions do not count; nor do those of a helper's helpers.
Nothing is run, so the count is the same on every machine and takes seconds. `--json FILE`
writes the per-file counts, to compare two branches."""

from __future__ import annotations

import ast
import contextlib
import functools
import inspect
import io
import json
import sys
import types
from collections import Counter
from pathlib import Path

import pytest

TESTS = Path(__file__).resolve().parent


@functools.lru_cache(maxsize=None)
def _module_tree(path: str) -> ast.Module:
    return ast.parse(Path(path).read_text(encoding="utf-8"), filename=path)


def _definition(function) -> ast.FunctionDef | None:
    """The function's `def` in its file: at module level by name (the last one, as Python binds
    it), otherwise by the line its code object starts on (decorators included)."""
    function = inspect.unwrap(function)
    try:
        path = inspect.getsourcefile(function)
    except TypeError:
        return None
    if not path or not Path(path).resolve().is_relative_to(TESTS):
        return None
    tree = _module_tree(str(Path(path).resolve()))
    defs = (ast.FunctionDef, ast.AsyncFunctionDef)
    top = [node for node in tree.body if isinstance(node, defs) and node.name == function.__name__]
    if top and function.__qualname__ == function.__name__:
        return top[-1]
    first = function.__code__.co_firstlineno
    for node in ast.walk(tree):
        if isinstance(node, defs) and node.name == function.__name__ and first in (
                node.lineno, *(d.lineno for d in node.decorator_list)):
            return node
    return None


def _asserts(node: ast.AST) -> int:
    return sum(isinstance(child, ast.Assert) for child in ast.walk(node))


def _called_helpers(node: ast.AST, namespace: dict) -> set:
    """The functions defined in tests/ that `node` calls by name (`helper(...)`, `module.helper(...)`)."""
    found = set()
    for call in ast.walk(node):
        if not isinstance(call, ast.Call):
            continue
        target = None
        if isinstance(call.func, ast.Name):
            target = namespace.get(call.func.id)
        elif isinstance(call.func, ast.Attribute) and isinstance(call.func.value, ast.Name):
            owner = namespace.get(call.func.value.id)
            if isinstance(owner, types.ModuleType):
                target = getattr(owner, call.func.attr, None)
        if isinstance(target, types.FunctionType) and _definition(target) is not None:
            found.add(target)
    return found


def item_assertions(function) -> int:
    definition = _definition(function)
    if definition is None:
        return 0
    helpers = _called_helpers(definition, inspect.unwrap(function).__globals__) - {inspect.unwrap(function)}
    return _asserts(definition) + sum(_asserts(_definition(helper)) for helper in helpers)


class _Collector:
    def __init__(self):
        self.tests: Counter = Counter()
        self.assertions: Counter = Counter()

    def pytest_collection_finish(self, session):
        for item in session.items:
            function = getattr(item, "function", None)
            name = item.path.name
            self.tests[name] += 1
            if function is not None:
                self.assertions[name] += item_assertions(function)


def count(args: list[str]) -> _Collector:
    collector = _Collector()
    quiet = io.StringIO()
    with contextlib.redirect_stdout(quiet):
        code = pytest.main(["--collect-only", "-qq", "-p", "no:cacheprovider", *(args or [str(TESTS)])],
                           plugins=[collector])
    if code not in (pytest.ExitCode.OK, pytest.ExitCode.NO_TESTS_COLLECTED):
        sys.exit(f"pytest could not collect the tests (exit {int(code)}):\n{quiet.getvalue()}")
    return collector


def main(argv: list[str]) -> None:
    out = None
    if "--json" in argv:
        at = argv.index("--json")
        out, argv = argv[at + 1], argv[:at] + argv[at + 2:]
    result = count(argv)
    width = max((len(name) for name in result.tests), default=4)
    print(f"{'file':<{width}}  {'tests':>6}  {'asserts':>7}")
    for name in sorted(result.tests):
        print(f"{name:<{width}}  {result.tests[name]:>6}  {result.assertions[name]:>7}")
    print(f"{'total':<{width}}  {sum(result.tests.values()):>6}  {sum(result.assertions.values()):>7}")
    if out:
        Path(out).write_text(json.dumps({name: {"tests": result.tests[name], "assertions": result.assertions[name]}
                                         for name in sorted(result.tests)}, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1:])
