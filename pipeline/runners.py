"""Which runner runs a job, and whether it can, checked before anything is built.

In: Beam pipeline options (``--runner`` and the runner's own flags). Out: :func:`check_runner`
raises ``ValueError`` with one line saying what is missing (an extra to install, a flag to give);
:func:`create_runner` returns the runner object the pipeline runs with.

- ``--runner=DaskRunner`` (short name or Beam's class path) runs on
  :class:`pipeline.dask_runner.DaskRunner`, Beam's DaskRunner with the translation this pipeline
  needs; it needs the ``newsbeam[dask]`` extra.
- ``--direct_running_mode=multi_processing`` runs Beam's FnApiRunner with workers started through
  ``pipeline.worker`` (quiet unless asked otherwise).
- DataflowRunner needs ``apache-beam[gcp]`` and the options Beam's validator asks for (project,
  region, a ``gs://`` temp location). FlinkRunner and SparkRunner need a Beam job server: a
  running one (``--job_endpoint``) or Java for Beam to start one.
- Every other name goes to Beam as it is; an unknown name is refused with the known ones.

:func:`lossless_data_plane` wraps ``pipeline.run()``: it works around a race in Beam 2.77's
FnApiRunner data plane that silently drops elements (see its docstring).
"""
from __future__ import annotations

import contextlib
import shutil

from apache_beam.options.pipeline_options import (DirectOptions, PipelineOptions, PortableOptions,
                                                  StandardOptions)

__all__ = ['runner_name', 'check_runner', 'create_runner', 'lossless_data_plane', 'DASK_HINT', 'DATAFLOW_HINT']

DASK_HINT = "pip install 'newsbeam[dask]'"
DATAFLOW_HINT = "pip install 'apache-beam[gcp]'"
_DASK_PATHS = ('daskrunner', 'dask', 'apache_beam.runners.dask.dask_runner.daskrunner',
               'pipeline.dask_runner.daskrunner')
_DATAFLOW = ('dataflowrunner', 'dataflow', 'testdataflowrunner')
_DIRECT = ('directrunner', 'direct', 'switchingdirectrunner')
_JOB_SERVER = {'flinkrunner': ('Flink', '--flink_master=HOST:PORT'),
               'sparkrunner': ('Spark', '--spark_master_url=spark://HOST:PORT')}


def runner_name(options: PipelineOptions) -> str:
    """The ``--runner`` given, or ``DirectRunner``."""
    return options.view_as(StandardOptions).runner or 'DirectRunner'


def _short(name: str) -> str:
    lowered = name.lower()
    return lowered if lowered in _DASK_PATHS else lowered.rsplit('.', 1)[-1]


def _is_dask(name: str) -> bool:
    return name.lower() in _DASK_PATHS


def dask_available() -> bool:
    """Whether Dask and Beam's Dask runner can be imported (the ``newsbeam[dask]`` extra)."""
    try:
        import apache_beam.runners.dask.dask_runner  # noqa: F401
        import dask.distributed  # noqa: F401
    except ImportError:
        return False
    return True


def _check_dataflow(options: PipelineOptions, name: str) -> None:
    try:
        from apache_beam.runners.dataflow.internal import apiclient  # noqa: F401
    except ImportError:
        raise ValueError(f'--runner={name} needs Google Cloud support: {DATAFLOW_HINT}') from None
    from apache_beam.options.pipeline_options_validator import PipelineOptionsValidator
    from apache_beam.runners.dataflow.dataflow_runner import DataflowRunner
    errors = PipelineOptionsValidator(options, DataflowRunner()).validate()
    if errors:
        first = ' '.join(str(errors[0]).split())
        raise ValueError(f'--runner={name}: {first}')


def _check_job_server(options: PipelineOptions, name: str, short: str) -> None:
    engine, master = _JOB_SERVER[short]
    if options.view_as(PortableOptions).job_endpoint or shutil.which('java'):
        return
    raise ValueError(f'--runner={name} needs a Beam job server: give --job_endpoint=HOST:PORT '
                     f'of a running {engine} job server, or install Java so that Beam starts one '
                     f'for {master} (see docs/runners.md)')


def check_runner(options: PipelineOptions) -> None:
    """Raise ``ValueError`` (one line) when the runner ``options`` name cannot run here."""
    name = runner_name(options)
    short = _short(name)
    if _is_dask(name):
        if not dask_available():
            raise ValueError(f'--runner={name} needs Dask: {DASK_HINT}')
        return
    if short in _DATAFLOW:
        _check_dataflow(options, name)
        return
    if short in _JOB_SERVER:
        _check_job_server(options, name, short)
        return
    from apache_beam.runners.runner import create_runner as beam_create_runner
    try:
        beam_create_runner(name)
    except ImportError as exc:
        raise ValueError(f'--runner={name}: cannot be loaded ({exc}); install the Beam extra '
                         f'it needs') from None
    except ValueError:
        raise ValueError(f'--runner={name}: unknown runner; use a Beam runner name such as '
                         f'DirectRunner, DaskRunner, DataflowRunner, FlinkRunner, SparkRunner, '
                         f'or a full class path') from None


def create_runner(options: PipelineOptions):
    """The runner object to build the pipeline with (after :func:`check_runner`)."""
    name = runner_name(options)
    if _is_dask(name):
        from .dask_runner import DaskRunner
        return DaskRunner()
    if (_short(name) in _DIRECT and not options.view_as(StandardOptions).streaming
            and options.view_as(DirectOptions).direct_running_mode == 'multi_processing'):
        from .worker import subprocess_workers_runner
        return subprocess_workers_runner(options)
    from apache_beam.runners.runner import create_runner as beam_create_runner
    return beam_create_runner(name)


@contextlib.contextmanager
def lossless_data_plane():
    """Run the FnApiRunner's data plane without its timed flushes, for the ``with`` block.

    Why: Beam's ``TimeBasedBufferingClosableOutputStream`` (``runners/worker/data_plane.py``)
    starts a timer thread that, every ``data_buffer_time_limit_ms``, takes the buffer, hands it
    to the send callback and then clears it; the thread writing elements does not take the
    flush lock, so whatever it writes while the callback runs (the timer thread gives up the
    GIL or waits on a full send queue) is cleared unsent. No error is raised: elements simply
    vanish between two stages. The FnApiRunner sets that limit to 1,000 ms
    (``worker_handlers.DATA_BUFFER_TIME_LIMIT_MS``) for the runner's sends to its workers
    (``multi_threading`` and ``multi_processing``) and for the in-process gRPC worker's output
    (``multi_threading``), so any stage whose input or output takes over a second to send could
    lose records. This made dedup decisions depend on the worker count and timing: lost
    signature records mean near duplicates never paired (issue 11's 2-process difference;
    reproduced with 4 and 1 ``multi_threading`` workers, where 640 of 50,000 items never
    reached dedup). With the limit at 0 the streams flush by size only and nothing is lost.

    The constant is read when the runner builds its worker handlers (inside ``run()``), so it is
    set for this block and restored after it.
    """
    from apache_beam.runners.portability.fn_api_runner import worker_handlers
    saved = worker_handlers.DATA_BUFFER_TIME_LIMIT_MS
    worker_handlers.DATA_BUFFER_TIME_LIMIT_MS = 0
    try:
        yield
    finally:
        worker_handlers.DATA_BUFFER_TIME_LIMIT_MS = saved
