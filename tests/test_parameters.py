"""Parameters cells read once (``llmnews.parameters``) and values refused before any kernel starts."""

from __future__ import annotations

import nbformat
import pytest

from llmnews import paths
from llmnews.__main__ import main
from llmnews.build import find_notebooks
from llmnews.errors import BuildError, LlmnewsError, ParameterError
from llmnews.parameters import Parameter, check_value, notebook_parameters, parse_parameters

# The declarations the real notebooks use, in their own words (one of each kind of rule).
CELL = '''\
TOP_N: int = 10  # terms per article
TOP_ENTITIES: int = 25  # entities in the heatmap
HEATMAP_N: int = 5  # columns
K: int = 0  # number of topics; 0 means choose it from the K sweep
K_RANGE: list[int] = [4, 5, 6]  # numbers of topics the sweep compares
MAX_DF: float = 0.5  # a share of units
INCLUDE_INFERRED: bool = True  # keep inferred dates
DISPERSION_TERMS: list[str] = ["智谱AI", "OpenAI"]  # terms located in the dispersion plot
KWIC_TERM: str = "GPT-4"  # term shown in context
'''


def test_the_parser_reads_names_types_defaults_and_comments():
    declared = parse_parameters(CELL)
    assert list(declared) == ["TOP_N", "TOP_ENTITIES", "HEATMAP_N", "K", "K_RANGE", "MAX_DF",
                              "INCLUDE_INFERRED", "DISPERSION_TERMS", "KWIC_TERM"]
    assert declared["K"] == Parameter("K", "int", 0, "number of topics; 0 means choose it from the K sweep", 4)
    assert declared["DISPERSION_TERMS"].annotation == "list[str]"
    assert declared["DISPERSION_TERMS"].default == ["智谱AI", "OpenAI"]
    # An untyped or derived line is still a declaration papermill can set; its default is its text.
    untyped = parse_parameters("SEED = 3\nRANGE: list = list(range(2))  # sweep\nprint(SEED)\n")
    assert untyped["SEED"] == Parameter("SEED", "", 3, "", 1)
    assert untyped["RANGE"].default == "list(range(2))"


def test_accepted_values_are_normalised_to_the_declared_type():
    declared = parse_parameters(CELL)
    assert check_value(declared["K"], 0) == 0  # 0: choose K from the sweep
    assert check_value(declared["K"], 2) == 2
    result = check_value(declared["MAX_DF"], 1)
    assert result == 1.0 and type(result) is float
    assert check_value(declared["INCLUDE_INFERRED"], False) is False
    assert check_value(declared["DISPERSION_TERMS"], []) == []


def test_parameter_errors_are_build_errors_of_the_project():
    assert issubclass(ParameterError, BuildError) and issubclass(BuildError, LlmnewsError)


@pytest.fixture
def project(tmp_path):
    notebooks = tmp_path / "notebooks"
    notebooks.mkdir()
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell(CELL)
    cell.metadata["tags"] = ["parameters"]
    nb.cells = [nbformat.v4.new_markdown_cell("# 01 · Test"), cell]
    nbformat.write(nb, str(notebooks / "01-test.ipynb"))
    return tmp_path


# Each refused form, the message it must give: parameter, expected type, value. Hand-written.
REFUSED = [
    (["-p", "TOP_N", "fifteen"], "parameter TOP_N of 01-test expects int, got 'fifteen' (str)"),
    (["-p", "TOP_N", "1.5"], "parameter TOP_N of 01-test expects int, got 1.5 (float)"),
    (["-p", "TOP_N", "0"], "parameter TOP_N of 01-test expects int (at least 1), got 0 (int)"),
    (["-p", "TOP_N", "true"], "parameter TOP_N of 01-test expects int, got True (bool)"),
    (["-p", "TOP_ENTITIES", "-3"], "parameter TOP_ENTITIES of 01-test expects int (at least 1), got -3 (int)"),
    (["-p", "HEATMAP_N", "0"], "parameter HEATMAP_N of 01-test expects int (at least 1), got 0 (int)"),
    (["-p", "K", "1"], "parameter K of 01-test expects int (0 or at least 2), got 1 (int)"),
    (["-p", "K_RANGE", "[1, 4]"], "parameter K_RANGE of 01-test expects list[int] (each at least 2), got [1, 4] (list)"),
    (["-p", "K_RANGE", "[4, five]"],
     "parameter K_RANGE of 01-test expects list[int], got [4, 'five'] (list): element 'five' is str"),
    (["-p", "K_RANGE", "4"], "parameter K_RANGE of 01-test expects list[int], got 4 (int)"),
    (["-p", "MAX_DF", "1.5"],
     "parameter MAX_DF of 01-test expects float (a share above 0, at most 1), got 1.5 (float)"),
    (["-p", "INCLUDE_INFERRED", "maybe"], "parameter INCLUDE_INFERRED of 01-test expects bool, got 'maybe' (str)"),
    (["-p", "DISPERSION_TERMS", "[智谱AI, 3]"],
     "parameter DISPERSION_TERMS of 01-test expects list[str], got ['智谱AI', 3] (list): element 3 is int"),
    (["-p", "DISPERSION_TERMS", "智谱AI"], "parameter DISPERSION_TERMS of 01-test expects list[str], got '智谱AI' (str)"),
]


@pytest.mark.parametrize("arguments, message", REFUSED, ids=[" ".join(a[1:]) for a, _ in REFUSED])
def test_a_refused_value_exits_2_with_one_line_before_any_kernel(project, capsys, arguments, message):
    reports = project / "reports"
    status = main(["build", "--notebooks", str(project / "notebooks"), "--output", str(reports), *arguments])
    err = capsys.readouterr().err
    assert status == 2
    assert err == f"llmnews build: error: {message}\n"
    assert not reports.exists(), "the build started before refusing the value"


def test_a_parameters_file_value_is_checked_too(project, capsys):
    params = project / "params.yaml"
    params.write_text("'01': {K: 1}\n", encoding="utf-8")
    status = main(["build", "--notebooks", str(project / "notebooks"), "-f", str(params)])
    assert status == 2
    assert "parameter K of 01-test expects int (0 or at least 2), got 1 (int)" in capsys.readouterr().err


def test_a_str_parameter_takes_the_text_as_given(project):
    from llmnews.build import resolve_parameters
    from llmnews.build.parameters import CliValue

    notebooks = find_notebooks(project / "notebooks")
    # YAML would read 2024 as a number and "no" as False; a str parameter means the text.
    resolved = resolve_parameters(notebooks, {"KWIC_TERM": CliValue("2024"), "INCLUDE_INFERRED": CliValue("no")})
    assert resolved == {"01-test.ipynb": {"KWIC_TERM": "2024", "INCLUDE_INFERRED": False}}


@pytest.mark.parametrize("notebook", find_notebooks(paths.NOTEBOOKS_DIR), ids=lambda p: p.stem)
def test_every_committed_default_passes_its_own_checks(notebook):
    for parameter in notebook_parameters(notebook).values():
        assert check_value(parameter, parameter.default) == parameter.default, parameter.name
