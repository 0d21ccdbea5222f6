"""The public surface: everything in ``accord.__all__`` exists, and importing accord is light."""

from __future__ import annotations

import subprocess
import sys

import accord


def test_all_names_resolve() -> None:
    for name in accord.__all__:
        assert getattr(accord, name) is not None, name


def test_import_is_light() -> None:
    code = (
        "import sys, accord; heavy = {'scipy', 'lark', 'yaml', 'pydantic', 'typer', 'rich',"
        " 'numba', 'ortools', 'fastapi', 'sqlalchemy', 'uvicorn', 'dask', 'plotly'} & set(sys.modules);"
        " print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "[]" == out.stdout.strip()
