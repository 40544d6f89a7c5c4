"""Hypothesis profiles of the fuzz suite: ``ci`` (the default: bounded, so `make test` stays
fast) and ``deep`` (`make fuzz`, or HYPOTHESIS_PROFILE=deep). No example database is written
into the checkout."""
import os

from hypothesis import HealthCheck, settings

_COMMON = dict(deadline=None, database=None, print_blob=True,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                      HealthCheck.function_scoped_fixture])
settings.register_profile('ci', max_examples=40, **_COMMON)
settings.register_profile('deep', max_examples=1500, **_COMMON)
settings.load_profile(os.environ.get('HYPOTHESIS_PROFILE', 'ci'))

#: whole runs are slow (a few seconds each): how many generated batches a run test tries
RUN_EXAMPLES = {'ci': 3, 'deep': 30}.get(os.environ.get('HYPOTHESIS_PROFILE', 'ci'), 3)
