"""Whether a run's workers can reach its state: node-local state refused on distributed runners.

Goes in: the state a run would use (a :class:`~.base.StateConfig`), the Beam runner named by
``--runner`` (a short name such as ``DataflowRunner`` / ``dataflow``, or a class path) and the
run's Beam options as a plain mapping. Comes out: nothing when the workers reach the state, else
:class:`ValueError` with one line saying what to configure.

The rule: SQLite state (``state.dir``, or a ``sqlite:///`` URL) lives on one machine's disk. It
is used as-is only where every worker runs on the driver's machine: the DirectRunner and the
other in-process runners, Prism, and the DaskRunner with a cluster it starts itself or one whose
scheduler listens on a loopback address. Any other runner (Dataflow, Flink, Spark, Portable, a
remote Dask scheduler), or an SDK environment that runs workers in containers or elsewhere
(``--environment_type=DOCKER`` / ``EXTERNAL``), would give each worker a store of its own:
cross-run dedup and feed validators would be silently lost and the driver's commit would guard
a file the workers never wrote. Such a run needs a shared store (``state.url``/``state.url_env``
naming PostgreSQL or Redis), or ``state.shared_filesystem: true`` declaring that the state
directory is a file system every worker mounts at the same path.
"""
from __future__ import annotations

import ipaddress
from typing import Any, Mapping

from .base import StateConfig

__all__ = ['check_state_reach', 'runner_key', 'LOCAL_RUNNERS']

#: runner keys (see :func:`runner_key`) whose workers all run on the driver's machine
LOCAL_RUNNERS = frozenset({'direct', 'bundlebaseddirect', 'switchingdirect', 'fnapi',
                           'testdirect', 'prism', 'interactive'})
#: SDK environments whose workers may not see the driver's file system
_REMOTE_ENVIRONMENTS = frozenset({'DOCKER', 'EXTERNAL'})


def runner_key(runner: str | None) -> str:
    """``DataflowRunner``, ``dataflow``, ``apache_beam...dataflow_runner.DataflowRunner`` ->
    ``dataflow`` (Beam accepts each spelling); ``None`` or empty -> ``direct``."""
    name = (runner or 'DirectRunner').rsplit('.', 1)[-1].lower()
    return name[:-len('runner')] if name.endswith('runner') and name != 'runner' else name


def _loopback(address: str) -> bool:
    """True for a Dask scheduler address on this machine (``tcp://127.0.0.1:8786``,
    ``localhost:8786``, ``[::1]:8786``, ``inproc://...``)."""
    scheme, sep, rest = address.partition('://')
    if sep and scheme == 'inproc':
        return True
    host = (rest if sep else address).split('/', 1)[0]
    if host.startswith('['):
        host = host[1:].split(']', 1)[0]
    elif host.count(':') == 1:
        host = host.split(':', 1)[0]
    if host.lower() == 'localhost':
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _remote_reason(runner: str | None, options: Mapping[str, Any]) -> str | None:
    """Why the workers may run off the driver's machine, or ``None`` when they cannot."""
    environment = str(options.get('environment_type') or '').upper()
    if environment in _REMOTE_ENVIRONMENTS:
        return f'--environment_type={environment} runs workers outside this machine\'s file system'
    key = runner_key(runner)
    if key in LOCAL_RUNNERS:
        return None
    if key == 'dask':
        # Beam's DaskOptions keeps --dask_client_address under the name ``address``
        address = options.get('address') or options.get('dask_client_address')
        if not address or _loopback(str(address)):
            return None
        return f'--runner={runner} with the scheduler {address} runs workers on other machines'
    return f'--runner={runner} runs workers that do not share this machine\'s disk'


def check_state_reach(state: StateConfig | None, runner: str | None,
                      options: Mapping[str, Any] | None = None, *,
                      shared_filesystem: bool = False) -> None:
    """Raise ``ValueError`` (one line) when ``state`` is node-local and the run's workers may
    not share the driver's disk; see the module docstring. ``state`` ``None`` (no state) and
    shared stores always pass."""
    if state is None or not state.node_local or shared_filesystem:
        return
    reason = _remote_reason(runner, options or {})
    if reason is None:
        return
    where = state.url or state.dir
    raise ValueError(
        f'state: {reason}, so the local state {where} would be a separate store on each '
        f'worker; set state.url_env (or state.url) to a shared store (postgresql://... or '
        f'redis://...), or state.shared_filesystem: true if every worker mounts {where}')
