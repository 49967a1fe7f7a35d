"""Test configuration: hypothesis profiles (a fast default and a thorough 'ci')."""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("default", max_examples=60, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile("ci", max_examples=120, deadline=None,
                          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

# Make `from strategies import ...` work under --import-mode=importlib.
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
