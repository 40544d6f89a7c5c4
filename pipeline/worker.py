"""Quiet workers: logging for the processes that run newsbeam's DoFns on a runner.

In: the level for runner and worker messages, ``NEWSBEAM_RUNNER_LOG_LEVEL`` in the environment
(``WARNING`` unless ``newsbeam run -v``/``--log-level`` raised it; workers inherit the driver's
environment). Out: each worker process logs to stderr at that level, in the driver's format,
without the notices every Beam worker prints at start-up that say nothing about the run.

- ``python -m pipeline.worker`` is the SDK worker that ``--direct_running_mode=multi_processing``
  starts (:func:`subprocess_workers_runner` names it instead of Beam's own
  ``apache_beam.runners.worker.sdk_worker_main``, which it then runs unchanged).
- ``pipeline.dask_runner`` does the same in each Dask worker (a worker plugin).
"""
from __future__ import annotations

import logging
import os
import sys

__all__ = ['LOG_LEVELS', 'RUNNER_LOG_LEVEL_ENV', 'runner_log_level', 'configure_worker_logging',
           'subprocess_workers_runner', 'WORKER_COMMAND']

#: the levels ``newsbeam run --log-level`` takes
LOG_LEVELS = ('DEBUG', 'INFO', 'WARNING', 'ERROR')
RUNNER_LOG_LEVEL_ENV = 'NEWSBEAM_RUNNER_LOG_LEVEL'
LOG_FORMAT = '%(asctime)s %(levelname)s %(name)s: %(message)s'

#: messages every Beam worker logs whatever the run; hidden unless the level is INFO or lower
_START_UP_NOTICES = (
    'apitools not found',                  # Beam's GCP client stub, imported by every worker
    'No semi_persistent_directory found',  # local workers have none; nothing is staged
    'Discarding unparseable args',         # Beam's own defaults (--pipeline_type_check, ...)
    'The new default partition size is',   # Beam's Dask Create, once per Create
)

#: the command ``--direct_running_mode=multi_processing`` starts for each worker
WORKER_COMMAND = f'{sys.executable} -m {__name__}'   # in the driver: this module's own name


def runner_log_level() -> int:
    """The level of runner and worker messages: ``NEWSBEAM_RUNNER_LOG_LEVEL``, else WARNING."""
    name = os.environ.get(RUNNER_LOG_LEVEL_ENV, 'WARNING').upper()
    level = logging.getLevelName(name)
    return level if isinstance(level, int) else logging.WARNING


def _not_a_start_up_notice(record: logging.LogRecord) -> bool:
    message = record.getMessage()
    return not any(message.startswith(notice) for notice in _START_UP_NOTICES)


def configure_worker_logging(level: int | None = None) -> None:
    """One stderr handler on the root logger at ``level`` (default :func:`runner_log_level`).

    The level sits on the handler, not the root logger: Beam's harness raises the root level
    to INFO at start-up and routes records to its own handlers as well."""
    level = runner_log_level() if level is None else level
    root = logging.getLogger()
    if any(getattr(h, '_newsbeam_worker', False) for h in root.handlers):
        return
    handler = logging.StreamHandler(sys.stderr)
    handler._newsbeam_worker = True
    handler.setLevel(level)
    handler.setFormatter(logging.Formatter(LOG_FORMAT, datefmt='%H:%M:%S'))
    if level > logging.INFO:
        handler.addFilter(_not_a_start_up_notice)
    root.addHandler(handler)
    if root.level > level or root.level == logging.NOTSET:
        root.setLevel(level)


def _subprocess_runner_class():
    from apache_beam.portability import python_urns
    from apache_beam.runners.portability.fn_api_runner import fn_runner

    class SubprocessWorkersRunner(fn_runner.FnApiRunner):
        """Beam's FnApiRunner in ``multi_processing`` mode with :data:`WORKER_COMMAND` as
        each worker's command: the same workers, started through newsbeam's logging set-up."""

        def run_via_runner_api(self, pipeline_proto, options):
            for environment in pipeline_proto.components.environments.values():
                if (environment.urn == python_urns.SUBPROCESS_SDK
                        and environment.payload.decode().endswith(
                            ' -m apache_beam.runners.worker.sdk_worker_main')):
                    environment.payload = WORKER_COMMAND.encode()
            return super().run_via_runner_api(pipeline_proto, options)

    return SubprocessWorkersRunner


def subprocess_workers_runner(options):
    """An FnApiRunner for ``options`` (``--direct_running_mode=multi_processing``) whose
    worker processes run ``python -m pipeline.worker``.

    What Beam's DirectRunner does for a batch pipeline it can run on the FnApiRunner, with the
    pipeline options handed to the workers the same way."""
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle
    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    provision = fn_runner.ExtendedProvisionInfo(
        beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded))
    return _subprocess_runner_class()(provision_info=provision)


def main(argv: list[str]) -> None:
    """Configure logging, then run Beam's SDK worker exactly as Beam would."""
    configure_worker_logging()
    from apache_beam.runners.worker import sdk_worker_main
    sdk_worker_main.main(argv)


if __name__ == '__main__':
    main(sys.argv)
