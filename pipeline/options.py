"""newsbeam's own command-line flags, as one Beam options class.

Only newsbeam's flags are declared here. Beam's flags (``--runner``, ``--streaming``,
``--direct_num_workers``, ``--dask_client_address``, ...) are Beam's: they pass through untouched,
and a flag that neither newsbeam nor Beam knows is an error rather than silently ignored
(:func:`unknown_flags`). :func:`beam_args` is the command line without newsbeam's flags: what the
pipeline, and so every worker, is given.
"""
from __future__ import annotations

import argparse

from apache_beam.options.pipeline_options import PipelineOptions

from .worker import LOG_LEVELS

__all__ = ['NewsbeamOptions', 'unknown_flags', 'check_beam_options', 'beam_args']


class NewsbeamOptions(PipelineOptions):
    @classmethod
    def _add_argparse_args(cls, parser):
        parser.add_argument('--config', default=None,
                            help='YAML config file (default: configs/local.yaml)')
        parser.add_argument('--input', action='append', default=None, dest='inputs',
                            help='input file glob; repeatable; replaces the config\'s inputs')
        parser.add_argument('--feed', action='append', default=None, dest='feeds',
                            help='feed URL; repeatable; replaces the config\'s inputs')
        parser.add_argument('--output', default=None, help='output directory')
        parser.add_argument('--state', default=None,
                            help='state directory (dedup index, feed validators, backoff)')
        parser.add_argument('--max-duration', '--max_duration', dest='max_duration',
                            type=float, default=None,
                            help='streaming: end the run cleanly after this many seconds')
        parser.add_argument('--poll-interval', '--poll_interval', dest='poll_interval',
                            type=float, default=None,
                            help='streaming: seconds between polls of each feed, at least '
                                 '(politeness may lengthen it); also how often input folders '
                                 'are watched unless streaming.watch_interval is set')
        parser.add_argument('--reread', action='store_true', default=False,
                            help='read every matched input file, also those an earlier run '
                                 'read unchanged')
        parser.add_argument('--allow-private-networks', '--allow_private_networks',
                            dest='allow_private_networks', action='store_true', default=False,
                            help='allow feeds on loopback and private addresses')
        parser.add_argument('--log-level', '--log_level', dest='log_level', default=None,
                            type=str.upper, choices=LOG_LEVELS,
                            help="newsbeam's own messages from this level on (default INFO, "
                                 "or NEWSBEAM_LOG_LEVEL)")
        parser.add_argument('-v', '--verbose', dest='verbose', action='store_true',
                            default=False,
                            help="also show Beam's, the runner's and the workers' messages")


def _mentions_dask(argv: list[str]) -> bool:
    return any(arg.startswith('--dask_') or ('dask' in arg.lower() and 'runner' in arg.lower())
               for arg in argv)


def _all_option_classes(argv: list[str] = ()) -> list[type]:
    if _mentions_dask(argv):
        # registers Beam's DaskOptions (--dask_client_address, ...); only for a Dask run, so
        # that other runs do not hand Dask's defaults to their workers
        try:
            import apache_beam.runners.dask.dask_runner  # noqa: F401
            import dask.distributed  # noqa: F401
        except ImportError:
            pass
    found, todo = [], [PipelineOptions]
    while todo:
        cls = todo.pop()
        for sub in cls.__subclasses__():
            if sub not in found:
                found.append(sub)
                todo.append(sub)
    return found


class _RaisingParser(argparse.ArgumentParser):
    """argparse that raises ``ValueError`` instead of printing usage and exiting."""

    def error(self, message):
        raise ValueError(message)


def _parser(cls=argparse.ArgumentParser, argv: list[str] = ()):
    parser = cls(add_help=False, allow_abbrev=False)
    for option_class in _all_option_classes(argv):
        try:
            option_class._add_argparse_args(parser)
        except argparse.ArgumentError:
            continue  # the same flag declared by two option classes
    return parser


def _check_dask_flags(argv: list[str]) -> None:
    from .runners import DASK_HINT, dask_available
    flags = [a.split('=', 1)[0] for a in argv if a.startswith('--dask_')]
    if flags and not dask_available():
        raise ValueError(f'{flags[0]} is an option of the Dask runner: {DASK_HINT}')


def beam_args(argv: list[str]) -> list[str]:
    """``argv`` without newsbeam's own flags (and their values), in order: Beam's options only.

    The pipeline is built with these, so workers never see (and warn about) ``--output`` or
    ``--config``."""
    parser = _RaisingParser(add_help=False, allow_abbrev=False)
    NewsbeamOptions._add_argparse_args(parser)
    try:
        _, rest = parser.parse_known_args(argv)
    except (ValueError, argparse.ArgumentError) as exc:
        raise ValueError(f'bad option value: {exc}') from None
    return rest


def check_beam_options(argv: list[str]) -> PipelineOptions:
    """Beam's options out of ``argv`` (see :func:`beam_args`), after checking every value and
    the runner.

    Raises ``ValueError`` with one line for a bad value (``--direct_num_workers=abc``), an
    unknown runner, or a runner that cannot run here (its extra not installed, a flag it needs
    missing: ``pipeline.runners``) -- instead of Beam's usage text and exit, or a traceback
    when the pipeline is built.
    """
    from .runners import check_runner
    _check_dask_flags(argv)
    try:
        _parser(_RaisingParser, argv).parse_known_args(argv)
    except (ValueError, argparse.ArgumentError) as exc:
        raise ValueError(f'bad option value: {exc}') from None
    options = PipelineOptions(beam_args(argv))
    check_runner(options)
    return options


def unknown_flags(argv: list[str]) -> list[str]:
    """The arguments in ``argv`` that neither newsbeam nor any Beam options class accepts.

    Raises ``ValueError`` (one line) for a known flag with a bad value, and for a Dask runner
    flag when Dask is not installed."""
    _check_dask_flags(argv)
    try:
        _, unknown = _parser(_RaisingParser, argv).parse_known_args(argv)
    except (ValueError, argparse.ArgumentError) as exc:
        raise ValueError(f'bad option value: {exc}') from None
    return unknown
