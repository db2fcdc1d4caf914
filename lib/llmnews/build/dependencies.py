"""Which files of the ``llmnews`` package a notebook runs: its imports, followed through the package.

The build cache keys each notebook on these files only, so editing ``timeline.py`` reruns the
notebooks that import it (directly or through another llmnews module) and leaves the others
cached. Imports are read with ``ast``, never executed:

- ``import llmnews.x``, ``from llmnews import x``, ``from llmnews.x import y``, relative imports
  (``from . import x``, ``from ..x import y``) in package modules, and attribute use of an imported
  package (``import llmnews as ln; ln.corpus.load_corpus(...)``);
- importing ``llmnews.a.b`` runs ``llmnews/__init__.py`` and ``llmnews/a/__init__.py`` first, so
  those count too;
- a string constant spelling a module (``importlib.import_module("llmnews.x")``) counts.

Where the source cannot say (``from llmnews import *``, a name an ``__init__`` resolves lazily
through ``__getattr__``, a cell that is not plain Python), every module of that package counts:
a needless rerun is cheap, a stale cached report is not.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

__all__ = ["PACKAGE", "ModuleGraph", "notebook_sources"]

PACKAGE = "llmnews"
_MODULE_STRING = re.compile(rf"{PACKAGE}(\.\w+)+")
# IPython syntax that is not Python: magics, shell escapes, help (``x?``).
_IPYTHON_LINE = re.compile(r"^\s*([%!]|.*\?\s*$)")


def notebook_sources(nb: dict) -> list[str]:
    """The code cells' sources, IPython-only lines blanked so ``ast`` can read the rest."""
    sources = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        text = cell.get("source", "")
        text = "".join(text) if isinstance(text, list) else text
        sources.append("\n".join("" if _IPYTHON_LINE.match(line) else line for line in text.splitlines()))
    return sources


class ModuleGraph:
    """The modules of one package folder (``library_dir`` holds ``__init__.py``) and their imports.

    Parsed modules are remembered, so one build reads each file once for all notebooks.
    """

    def __init__(self, library_dir: Path, package: str = PACKAGE):
        self.library_dir = Path(library_dir)
        self.package = package
        self._imports: dict[str, set[str]] = {}

    # ------------------------------------------------------------------ names and files

    def file(self, module: str) -> Path | None:
        """The source file of ``module`` (``llmnews.build.cache``), or None if it is not one."""
        if module != self.package and not module.startswith(self.package + "."):
            return None
        parts = module.split(".")[1:]
        folder = self.library_dir.joinpath(*parts)
        if (folder / "__init__.py").is_file():
            return folder / "__init__.py"
        candidate = folder.with_suffix(".py") if parts else None
        return candidate if candidate is not None and candidate.is_file() else None

    def is_package(self, module: str) -> bool:
        path = self.file(module)
        return path is not None and path.name == "__init__.py"

    def submodules(self, package: str) -> set[str]:
        """Every module inside ``package``, at any depth."""
        found = set()
        root = self.file(package)
        if root is None or root.name != "__init__.py":
            return found
        for path in sorted(root.parent.rglob("*.py")):
            if "__pycache__" in path.parts:
                continue
            rel = path.relative_to(self.library_dir).with_suffix("")
            parts = list(rel.parts[:-1]) if rel.name == "__init__" else list(rel.parts)
            found.add(".".join([self.package, *parts]))
        return found

    def _with_parents(self, module: str) -> set[str]:
        """``module`` and the packages whose ``__init__`` runs before it."""
        parts = module.split(".")
        return {".".join(parts[:i]) for i in range(1, len(parts) + 1) if self.file(".".join(parts[:i]))}

    # ------------------------------------------------------------------ reading imports

    def _top_level_names(self, module: str) -> set[str] | None:
        """Names bound at the top of a package's ``__init__`` (None if it cannot be read)."""
        path = self.file(module)
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (OSError, SyntaxError, ValueError, AttributeError):
            return None
        names = set()
        for node in tree.body:
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    names.update(n.id for n in ast.walk(target) if isinstance(n, ast.Name))
            elif isinstance(node, (ast.Import, ast.ImportFrom)):
                names.update((a.asname or a.name).split(".")[0] for a in node.names)
        return names

    def _from_import(self, base: str, names: list[str]) -> set[str]:
        """What ``from base import names`` runs."""
        found = self._with_parents(base)
        if not self.is_package(base):
            return found
        bound = None
        for name in names:
            if self.file(f"{base}.{name}"):
                found |= self._with_parents(f"{base}.{name}")
                continue
            bound = self._top_level_names(base) if bound is None else bound
            if name == "*" or bound is None or name not in bound:
                # Resolved at run time (a lazy __getattr__, or a star): any module may be it.
                found |= self.submodules(base)
        return found

    def imports_of_source(self, source: str, module: str | None = None) -> set[str]:
        """The package's modules that running ``source`` imports directly.

        ``module`` is the source's own module name (for relative imports); None for a notebook.
        Source that does not parse counts as importing the whole package.
        """
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return self.submodules(self.package)
        found: set[str] = set()
        own_package = None
        if module is not None:
            own_package = module if self.is_package(module) else module.rpartition(".")[0]
        aliases: dict[str, str] = {}  # local name -> package module it is bound to
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if self.file(alias.name) or alias.name.startswith(self.package + "."):
                        found |= self._with_parents(alias.name)
                        if alias.asname:
                            aliases[alias.asname] = alias.name
                        else:
                            aliases[alias.name.split(".")[0]] = alias.name.split(".")[0]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    if own_package is None:
                        continue  # a relative import in a notebook imports nothing of ours
                    parts = own_package.split(".")
                    keep = len(parts) - (node.level - 1)
                    if keep < 1:
                        continue
                    base = ".".join(parts[:keep] + ([node.module] if node.module else []))
                elif node.module and (node.module == self.package or node.module.startswith(self.package + ".")):
                    base = node.module
                else:
                    continue
                found |= self._from_import(base, [a.name for a in node.names])
                for alias in node.names:
                    if self.file(f"{base}.{alias.name}"):
                        aliases[alias.asname or alias.name] = f"{base}.{alias.name}"
            elif isinstance(node, ast.Constant) and isinstance(node.value, str):
                if _MODULE_STRING.fullmatch(node.value) and self.file(node.value):
                    found |= self._with_parents(node.value)
        # ``ln.corpus.load(...)`` after ``import llmnews as ln``: the attribute may be a submodule.
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute):
                chain = []
                inner = node
                while isinstance(inner, ast.Attribute):
                    chain.append(inner.attr)
                    inner = inner.value
                if isinstance(inner, ast.Name) and inner.id in aliases:
                    name = aliases[inner.id]
                    for attr in reversed(chain):
                        name = f"{name}.{attr}"
                        if not self.file(name):
                            break
                        found |= self._with_parents(name)
        return found

    def imports_of(self, module: str) -> set[str]:
        """The package's modules that importing ``module`` imports directly (remembered)."""
        if module not in self._imports:
            path = self.file(module)
            try:
                source = path.read_text(encoding="utf-8")
            except (OSError, ValueError, AttributeError):
                source = ""
            self._imports[module] = self.imports_of_source(source, module)
        return self._imports[module]

    def closure(self, sources: list[str]) -> set[str]:
        """Every package module that running ``sources`` (a notebook's cells) imports, at any depth."""
        todo: set[str] = set()
        for source in sources:
            todo |= self.imports_of_source(source)
        seen: set[str] = set()
        while todo:
            module = todo.pop()
            if module in seen:
                continue
            seen.add(module)
            todo |= self.imports_of(module) - seen
        return seen

    def files(self, sources: list[str]) -> list[Path]:
        """The source files of ``closure(sources)``, sorted."""
        return sorted({self.file(module) for module in self.closure(sources)} - {None})
