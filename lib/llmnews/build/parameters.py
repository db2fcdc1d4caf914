"""Which parameter values each notebook of a build gets, checked before any kernel starts.

``-p NAME VALUE`` and ``-f params.yaml`` values go to the notebooks whose ``parameters`` cell
declares ``NAME``; a name no selected notebook declares is an error, and so is a value that does
not fit its declaration (``llmnews.parameters.check_value``: type and range). The cell grammar
itself lives in ``llmnews.parameters``, shared with ``provenance.run_record``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from llmnews.errors import BuildError
from llmnews.parameters import Parameter, check_value, notebook_parameters

__all__ = [
    "CliValue",
    "declared_parameters",
    "parse_cli_value",
    "load_parameter_file",
    "resolve_parameters",
    "uses_defaults",
]


@dataclass(frozen=True)
class CliValue:
    """A ``-p`` value as typed: read as YAML, or kept as text for a parameter declared ``str``
    (so ``-p KWIC_TERM 2024`` is the string "2024", not the number)."""

    text: str


def declared_parameters(path: Path) -> dict[str, Parameter]:
    """The notebook's parameters cell: name -> ``Parameter`` (type, default, comment)."""
    try:
        return notebook_parameters(path)
    except SyntaxError as exc:
        raise BuildError(f"{Path(path).name}: parameters cell is not valid Python ({exc})") from exc
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path}: not a readable notebook ({exc})") from exc


def parse_cli_value(text: str) -> object:
    """A ``-p`` value read as YAML, as papermill's ``-y`` does (``10`` -> int, ``[a, b]`` -> list)."""
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise BuildError(f"-p value {text!r} is not valid YAML: {exc}") from exc


def load_parameter_file(path: Path) -> dict[str, object]:
    """A YAML mapping of ``NAME: value``; a key that is a notebook number or stem (``"02"``) may
    hold a mapping of parameters for that notebook only."""
    import yaml

    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise BuildError(f"{path}: cannot read parameters file ({exc})") from exc
    if loaded is None:
        return {}
    if not isinstance(loaded, dict):
        raise BuildError(f"{path}: parameters file must be a YAML mapping of NAME: value")
    return loaded


def _checked(notebook: Path, parameter: Parameter, value: object) -> object:
    if isinstance(value, CliValue):
        value = value.text if parameter.annotation == "str" else parse_cli_value(value.text)
    # The message names the notebook: one name may be declared by several, with other meanings.
    return check_value(parameter, value, where=notebook.stem)


def resolve_parameters(
    notebooks: list[Path],
    cli: dict[str, object] | None = None,
    file_values: dict[str, object] | None = None,
) -> dict[str, dict[str, object]]:
    """Checked parameters for each notebook (by file name): each value goes where it is declared.

    Order of precedence: ``-p`` over the file's per-notebook section over the file's top level.
    Raises ``BuildError`` for a name nobody declares, ``ParameterError`` for a value that does not
    fit its declaration.
    """
    declared = {nb.name: declared_parameters(nb) for nb in notebooks}
    per_notebook: dict[str, dict[str, object]] = {nb.name: {} for nb in notebooks}
    global_values: dict[str, object] = {}
    sections: dict[str, dict] = {}
    for key, value in (file_values or {}).items():
        key = str(key)
        section = [nb for nb in notebooks if key in (nb.stem, nb.name[:2])]
        if section and isinstance(value, dict):
            sections[section[0].name] = value
        else:
            global_values[key] = value
    global_values.update(cli or {})

    used: set[str] = set()
    for nb in notebooks:
        for name, value in global_values.items():
            if name in declared[nb.name]:
                per_notebook[nb.name][name] = value
                used.add(name)
        for name, value in sections.get(nb.name, {}).items():
            if name not in declared[nb.name]:
                raise BuildError(f"{nb.name} has no parameter {name!r} (it declares: "
                                 f"{', '.join(declared[nb.name]) or 'none'})")
            if name not in (cli or {}):
                per_notebook[nb.name][name] = value
    unknown = sorted(set(global_values) - used)
    if unknown:
        raise BuildError(
            f"parameter(s) {', '.join(unknown)} not declared by any selected notebook; "
            "see `papermill --help-notebook notebooks/NN-x.ipynb`"
        )
    for nb in notebooks:
        per_notebook[nb.name] = {
            name: _checked(nb, declared[nb.name][name], value) for name, value in per_notebook[nb.name].items()
        }
    return per_notebook


def uses_defaults(notebook: Path, parameters: dict[str, object]) -> bool:
    """Whether every given value equals the declared default (so the run is the committed one)."""
    declared = declared_parameters(notebook)
    return all(
        name in declared and type(value) is type(declared[name].default) and value == declared[name].default
        for name, value in parameters.items()
    )
