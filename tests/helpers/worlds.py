"""Shared loaders of the tests' hand-built worlds."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

INSIGHTS_WORLD = Path(__file__).resolve().parents[1] / "unit" / "insights" / "insights_world.py"


def insights_world() -> ModuleType:
    """The insights tests' world builder (``tests/unit/insights/insights_world.py``), loaded once under
    the name its own folder's tests import it by, whether or not pytest put that folder on ``sys.path``."""
    name = "insights_world"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, INSIGHTS_WORLD)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]
