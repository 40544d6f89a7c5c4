"""newsbeam's own command-line flags, as one Beam options class.

Only newsbeam's flags are declared here. Beam's flags (``--runner``, ``--streaming``,
``--direct_num_workers``, ...) are Beam's: they pass through untouched, and a flag that neither
newsbeam nor Beam knows is an error rather than silently ignored (:func:`unknown_flags`).
"""
from __future__ import annotations

import argparse

from apache_beam.options.pipeline_options import PipelineOptions

__all__ = ['NewsbeamOptions', 'unknown_flags', 'check_beam_options']


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
                            help='streaming: seconds between polls of each feed')
        parser.add_argument('--reread', action='store_true', default=False,
                            help='read every matched input file, also those an earlier run '
                                 'read unchanged')
        parser.add_argument('--allow-private-networks', '--allow_private_networks',
                            dest='allow_private_networks', action='store_true', default=False,
                            help='allow feeds on loopback and private addresses')


def _all_option_classes() -> list[type]:
    try:  # registers DaskOptions when dask is installed, so its flags are known
        import apache_beam.runners.dask.dask_runner  # noqa: F401
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


def _parser(cls=argparse.ArgumentParser):
    parser = cls(add_help=False, allow_abbrev=False)
    for option_class in _all_option_classes():
        try:
            option_class._add_argparse_args(parser)
        except argparse.ArgumentError:
            continue  # the same flag declared by two option classes
    return parser


def check_beam_options(argv: list[str]) -> NewsbeamOptions:
    """``argv`` as options, after checking every value and the runner.

    Raises ``ValueError`` with one line for a bad value (``--direct_num_workers=abc``), an
    unknown runner, or a runner whose extra is not installed -- instead of Beam's usage text
    and exit, or a traceback when the pipeline is built.
    """
    try:
        _parser(_RaisingParser).parse_known_args(argv)
    except (ValueError, argparse.ArgumentError) as exc:
        raise ValueError(f'bad option value: {exc}') from None
    options = NewsbeamOptions(argv)
    from apache_beam.options.pipeline_options import StandardOptions
    from apache_beam.runners.runner import create_runner
    name = options.view_as(StandardOptions).runner
    if name:
        try:
            create_runner(name)
        except ImportError as exc:
            raise ValueError(f'--runner={name}: cannot be loaded ({exc}); install the Beam '
                             f'extra it needs (e.g. apache-beam[gcp] for DataflowRunner)') from None
        except ValueError:
            raise ValueError(f'--runner={name}: unknown runner; use a Beam runner name such '
                             f'as DirectRunner, DataflowRunner, FlinkRunner, SparkRunner, or a '
                             f'full class path') from None
    return options


def unknown_flags(argv: list[str]) -> list[str]:
    """The arguments in ``argv`` that neither newsbeam nor any Beam options class accepts.

    Raises ``ValueError`` (one line) for a known flag with a bad value."""
    try:
        _, unknown = _parser(_RaisingParser).parse_known_args(argv)
    except (ValueError, argparse.ArgumentError) as exc:
        raise ValueError(f'bad option value: {exc}') from None
    return unknown
