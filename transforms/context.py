"""What every stage may need to know about the run it is part of."""
from __future__ import annotations

import dataclasses

__all__ = ['RunContext', 'PIPELINE_VERSION']

PIPELINE_VERSION = '0.1.0'


@dataclasses.dataclass(frozen=True)
class RunContext:
    """The run's identity, fixed once by the driver and shipped to every worker.

    ``started_at`` is RFC 3339 UTC with ``Z``; it is every item's ``ingested_at`` so that a run's
    output does not depend on when a worker happened to process an element.
    """
    run_id: str
    started_at: str
    pipeline_version: str = PIPELINE_VERSION
