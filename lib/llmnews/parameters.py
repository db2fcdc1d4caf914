"""A notebook's ``parameters`` cell: what it declares, and whether a value fits the declaration.

The house style writes one statement per parameter, ``NAME: type = literal  # what it is``.
This module is the one reader of that form. The build uses it to route ``-p`` values and to refuse
a value of the wrong type or out of range before any kernel starts; ``provenance.run_record``
uses it to know which names of a notebook's namespace are its parameters. It imports only the
standard library, so a kernel or a worker process pays nothing for it.
"""

from __future__ import annotations

import ast
import io
import json
import re
import tokenize
from dataclasses import dataclass
from pathlib import Path

from llmnews.errors import ParameterError

__all__ = [
    "Parameter",
    "cell_source",
    "parameters_cell",
    "parse_parameters",
    "notebook_parameters",
    "check_value",
]


@dataclass(frozen=True)
class Parameter:
    """One declaration of a parameters cell."""

    name: str
    annotation: str  # the declared type as written, e.g. "int", "list[str]"; "" when untyped
    default: object  # the literal's value (or its source text when it is not a literal)
    comment: str  # the comment on its line(s), without the "#"
    line: int  # 1-based line in the cell


def cell_source(cell: dict) -> str:
    """A cell's source as one string (nbformat stores it as a string or a list of lines)."""
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def parameters_cell(nb: dict) -> dict | None:
    """The code cell tagged ``parameters`` (papermill's convention), or None."""
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get("tags", []):
            return cell
    return None


def parse_parameters(source: str) -> dict[str, Parameter]:
    """The declarations of a parameters cell's source, in order; raises ``SyntaxError``.

    Statements that are not a plain assignment to a name are skipped (papermill injects only
    names), so are names assigned more than once after their first declaration.
    """
    tree = ast.parse(source)
    comments: dict[int, str] = {}
    for token in tokenize.generate_tokens(io.StringIO(source).readline):
        if token.type == tokenize.COMMENT:
            comments[token.start[0]] = token.string.lstrip("#").strip()
    declared: dict[str, Parameter] = {}
    for node in tree.body:
        if isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and node.value is not None:
            targets, annotation = [node.target], ast.unparse(node.annotation)
        elif isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) for t in node.targets):
            targets, annotation = node.targets, ""
        else:
            continue
        try:
            default = ast.literal_eval(node.value)
        except ValueError:
            default = ast.unparse(node.value)
        comment = " ".join(comments[n] for n in range(node.lineno, node.end_lineno + 1) if n in comments)
        for target in targets:
            declared.setdefault(target.id, Parameter(target.id, annotation, default, comment, node.lineno))
    return declared


def notebook_parameters(path: str | Path) -> dict[str, Parameter]:
    """The declarations of the notebook file's parameters cell (empty if it has none).

    Raises ``OSError`` or ``ValueError`` for an unreadable notebook and ``SyntaxError`` for a
    parameters cell that is not Python; callers add the notebook's name to the message.
    """
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    cell = parameters_cell(nb)
    return parse_parameters(cell_source(cell)) if cell is not None else {}


# ------------------------------------------------------------------------------------ checking

# Lower bounds the analyses need, found by the parameters' names (the naming convention of the
# cells), so a new notebook's TOP_* or *_N is checked without a list to update. Each entry: name
# pattern, smallest allowed number, other allowed values, and how the rule reads in a message.
_BOUNDS = (
    # A topic model needs two topics to have anything to compare; 0 asks the K sweep to choose.
    (re.compile(r"K"), 2, (0,), "0 or at least 2"),
    (re.compile(r"K_RANGE"), 2, (), "each at least 2"),
    # Counts of things shown or kept: zero of them leaves an empty figure or table.
    (re.compile(r"TOP_\w+|\w+_N"), 1, (), "at least 1"),
    (re.compile(r"MIN_DF|MIN_COUNT"), 1, (), "at least 1"),
)


def _type_check(annotation: ast.expr | None, value: object) -> tuple[bool, object, str]:
    """Whether ``value`` fits the annotation, the value to use (ints widened to float), and why not."""
    if annotation is None:
        return True, value, ""
    if isinstance(annotation, ast.BinOp) and isinstance(annotation.op, ast.BitOr):  # X | None
        if value is None and "None" in (ast.unparse(annotation.left), ast.unparse(annotation.right)):
            return True, value, ""
        for side in (annotation.left, annotation.right):
            if ast.unparse(side) != "None":
                ok, normal, why = _type_check(side, value)
                if ok:
                    return ok, normal, why
        return False, value, ""
    if isinstance(annotation, ast.Subscript) and ast.unparse(annotation.value) == "list":
        if not isinstance(value, list):
            return False, value, ""
        items = []
        for item in value:
            ok, normal, _ = _type_check(annotation.slice, item)
            if not ok:
                return False, value, f"element {item!r} is {type(item).__name__}"
            items.append(normal)
        return True, items, ""
    name = ast.unparse(annotation)
    if name == "bool":
        return isinstance(value, bool), value, ""
    if name == "int":
        # bool is an int subclass, but True for a count is a typo, not a number.
        return isinstance(value, int) and not isinstance(value, bool), value, ""
    if name == "float":
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return True, float(value), ""  # 1 for a float parameter means 1.0 (PEP 484's numeric tower)
        return False, value, ""
    if name == "str":
        return isinstance(value, str), value, ""
    if name == "list":
        return isinstance(value, list), value, ""
    if name == "dict":
        return isinstance(value, dict), value, ""
    return True, value, ""  # a type this reader does not know: papermill passes it through


def _numbers(value: object) -> list:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]


def check_value(parameter: Parameter, value: object, where: str = "") -> object:
    """``value`` if it fits ``parameter``'s declared type and range (ints widened for a float).

    Raises ``ParameterError`` (one line: name, ``where`` it is declared, expected type, value)
    otherwise. Bounds come from
    the naming convention (``K``, ``K_RANGE``, ``TOP_*``, ``*_N``, ``MIN_DF``, ``MIN_COUNT``,
    ``MAX_DF``). Values a type allows but the analysis refuses (an unknown MODEL, an empty
    date window) are left to the library, which names them in its own error.
    """
    annotation = ast.parse(parameter.annotation, mode="eval").body if parameter.annotation else None
    expected = parameter.annotation or "any literal"
    ok, normal, why = _type_check(annotation, value)
    if not ok:
        raise ParameterError(parameter.name, expected, value, why, where)
    for pattern, minimum, allowed, rule in _BOUNDS:
        if pattern.fullmatch(parameter.name):
            for number in _numbers(normal):
                if number < minimum and number not in allowed:
                    raise ParameterError(parameter.name, f"{expected} ({rule})", value, where=where)
    if parameter.name == "MAX_DF":
        # scikit-learn reads a float max_df as a share of units, so only (0, 1] means anything.
        for number in _numbers(normal):
            if not 0 < number <= 1:
                raise ParameterError(parameter.name, f"{expected} (a share above 0, at most 1)", value, where=where)
    return normal
