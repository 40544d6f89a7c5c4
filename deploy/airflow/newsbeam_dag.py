"""An Airflow DAG that runs ``newsbeam run`` every 15 minutes on the Airflow worker.

Copy this file into the DAGs folder of an Airflow (2.4 or newer) whose workers have newsbeam
installed. Settings come from the worker's environment:

* ``NEWSBEAM_BIN``: the newsbeam executable (default ``newsbeam`` on ``PATH``);
* ``NEWSBEAM_CONFIG``: the config file (default ``/etc/newsbeam/config.yaml``);
* ``NEWSBEAM_ARGS``: more arguments for ``newsbeam run``, split like a shell would;
* the variable the config's ``state.url_env`` names (the state URL with its password): set it
  in the worker's environment or an Airflow secrets backend, never in the config or this file.

Exit statuses (deploy/README.md) become task states: 0 success; 75 (another run holds the
state's lock) **skipped**; 1 (the pipeline failed, its state undone) a failure Airflow
**retries** (``retries`` below); 2 (usage/config/state error) and 3 (finished with dead letters
above the threshold) fail **without retry** -- retrying cannot help, someone must look.

Importable without Airflow (the names are then ``None``), so tests can load it; the exit-status
mapping is the plain function :func:`outcome`.
"""
from __future__ import annotations

import datetime as dt
import os
import shlex
import subprocess

try:  # Airflow 3 moved the operator; 2.x has it here
    from airflow import DAG
    from airflow.exceptions import AirflowException, AirflowFailException, AirflowSkipException
    try:
        from airflow.providers.standard.operators.python import PythonOperator
    except ImportError:
        from airflow.operators.python import PythonOperator
except ImportError:  # Airflow absent: the module still imports (tests, linting)
    DAG = PythonOperator = None
    AirflowException = AirflowFailException = AirflowSkipException = None

__all__ = ['outcome', 'newsbeam_command', 'run_newsbeam', 'dag', 'EXIT_RETRY', 'EXIT_SKIP',
           'EXIT_NO_RETRY']

EXIT_SKIP = 75            # another run holds the state's lock
EXIT_RETRY = 1            # the pipeline failed: safe to retry
EXIT_NO_RETRY = (2, 3)    # fix first / someone must look


def outcome(status: int) -> str:
    """What the task does for a ``newsbeam run`` exit status: ``success``, ``skip``,
    ``retry`` or ``fail`` (no retry)."""
    if status == 0:
        return 'success'
    if status == EXIT_SKIP:
        return 'skip'
    if status == EXIT_RETRY or status < 0:  # < 0: killed by a signal (OOM killer): retry
        return 'retry'
    return 'fail'


def newsbeam_command(environ: dict[str, str] | None = None) -> list[str]:
    """The command line the task runs, from the worker's environment."""
    env = os.environ if environ is None else environ
    return [env.get('NEWSBEAM_BIN', 'newsbeam'), 'run', '--config',
            env.get('NEWSBEAM_CONFIG', '/etc/newsbeam/config.yaml'),
            *shlex.split(env.get('NEWSBEAM_ARGS', ''))]


def run_newsbeam(**_context) -> None:
    """The task: run newsbeam, its output going to the task log, and map its exit status."""
    status = subprocess.run(newsbeam_command(), check=False).returncode
    verdict = outcome(status)
    if verdict == 'success':
        return
    if verdict == 'skip':
        raise AirflowSkipException('newsbeam: another run holds the state lock (exit 75); '
                                   'the next scheduled run takes over')
    if verdict == 'retry':
        raise AirflowException(f'newsbeam run failed (exit {status}); its state changes were '
                               f'undone, so it is retried')
    raise AirflowFailException(f'newsbeam run exited {status} (2: usage/config/state error, '
                               f'3: dead letters above the threshold): not retried, see the log')


if DAG is not None:
    with DAG(
        dag_id='newsbeam',
        schedule='*/15 * * * *',
        start_date=dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc),
        catchup=False,
        max_active_runs=1,              # like the CronJob's concurrencyPolicy: Forbid
        tags=['newsbeam'],
        default_args={'owner': 'newsbeam'},
    ) as dag:
        PythonOperator(
            task_id='newsbeam_run',
            python_callable=run_newsbeam,
            retries=3,                  # reached only by exit 1 (AirflowFailException skips them)
            retry_delay=dt.timedelta(minutes=5),
            execution_timeout=dt.timedelta(hours=1),
        )
else:
    dag = None
