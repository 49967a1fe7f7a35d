"""Test configuration: hypothesis profiles (a fast default and a thorough 'ci').

``tests/`` goes on ``sys.path`` so that tests can ``from strategies import ...``
under ``--import-mode=importlib``.
"""

import os
import sys
from pathlib import Path

from hypothesis import HealthCheck, settings

sys.path.insert(0, str(Path(__file__).parent))

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("default", max_examples=60, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK, derandomize=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
