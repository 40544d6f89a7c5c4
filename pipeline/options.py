"""newsbeam's own command-line flags, as one Beam options class.

Only newsbeam's flags are declared here. Beam's flags (``--runner``, ``--streaming``,
``--direct_num_workers``, ...) are Beam's: they pass through untouched, and a flag that neither
newsbeam nor Beam knows is an error rather than silently ignored (:func:`unknown_flags`).
"""
from __future__ import annotations

import argparse

from apache_beam.options.pipeline_options import PipelineOptions

__all__ = ['NewsbeamOptions', 'unknown_flags']


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


def unknown_flags(argv: list[str]) -> list[str]:
    """The arguments in ``argv`` that neither newsbeam nor any Beam options class accepts."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    for cls in _all_option_classes():
        try:
            cls._add_argparse_args(parser)
        except argparse.ArgumentError:
            continue  # the same flag declared by two option classes
    _, unknown = parser.parse_known_args(argv)
    return unknown
