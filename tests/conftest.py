"""Test configuration: hypothesis profiles (a fast default and a thorough 'ci'), and slow tests.

``tests/`` goes on ``sys.path`` so that tests can ``from strategies import ...``
under ``--import-mode=importlib``.  Tests marked ``slow`` (larger hypothesis
runs) are skipped unless selected with ``-m slow`` (or any ``-m`` expression
naming them), so the default suite stays quick.
"""

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


def pytest_collection_modifyitems(config, items):
    if "slow" in (config.getoption("markexpr") or ""):
        return
    skip = pytest.mark.skip(reason="slow: run with -m slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)
