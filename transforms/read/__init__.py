"""Read local (or any Beam filesystem's) input files into raw records.

Goes in: file patterns (globs). Comes out: ``{'records': raw records, 'dead_letter': records}``.

What one input is (the unit of ``counts.read``): one feed entry of a feed file, one non-blank
line of a JSONL file, one article text file. A file that cannot be read at all is one input with
one dead-letter record, so ``read == records + dead letters`` holds for this stage.

Hostile input never ends a run: every failure is a dead letter for the smallest input it
touches. A malformed JSONL line or feed entry is a dead letter for that line or entry (any
exception while it becomes a record included) and reading goes on with the next one; only a
failure of the file itself (open, read, decompress) is file-level, and then the lines already
read stay and the unread rest is one dead letter saying where reading stopped. Every size,
count and depth an input can grow is capped (:class:`ReadSettings`, docs/input-limits.md); at a
cap, what was read stays and the rest is one ``too_large`` dead letter.

Local files are opened so that nothing but a regular file is read (a FIFO, device, socket or
directory, even one that replaced a file after it was listed, is one ``not_a_regular_file``
dead letter; a FIFO never blocks). File names that are not valid UTF-8 are read; their
locations are written with ``\\xNN`` escapes so that records stay serialisable.

Files are recognised by extension (``.xml .rss .atom .rdf`` feeds; ``.json`` JSON Feed;
``.jsonl``/``.jsonl.gz`` items; ``.txt`` articles); a file with another extension is sniffed
(feed markup, JSON lines) and otherwise dead-lettered as ``unsupported_format``. Bytes are
decoded by detection (``transforms.formats.decode``), never by the extension. Does not preserve
order.
"""
from __future__ import annotations

import contextlib
import dataclasses
import gzip
import logging
import os
import posixpath
import stat
import time
from typing import BinaryIO, Iterable, Iterator

import apache_beam as beam
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics import Metrics

from ..formats.article import parse_article_text
from ..formats.budget import BudgetExceeded, Watchdog
from ..formats.decode import decode_text
from ..formats.errors import InputError
from ..formats.feed import parse_feed
from ..formats.jsonl import StreamStopped, iter_jsonl_lines, parse_jsonl_line
from ..formats.limits import FormatLimits
from ..formats.xmltext import decode_xml
from ..model import DEAD_LETTER_TAG, Reason, dead_letter, safe_text

__all__ = ['ReadInputs', 'ReadSettings', 'read_file_bytes', 'open_input', 'input_kind', 'FILES_NAMESPACE']

#: state namespace of the "input file read" records (path -> {"size", "mtime", "run"}): kept by
#: the run ledger (``pipeline.delivery``) and the streaming folder watcher alike
FILES_NAMESPACE = 'inputs.files'

LOG = logging.getLogger(__name__)
STAGE = 'read'

FEED_EXTENSIONS = ('.xml', '.rss', '.atom', '.rdf')
KINDS = ('feed', 'jsonfeed', 'jsonl', 'article')
SNIFF_BYTES = 64 * 1024
_EBCDIC_XML = b'\x4c\x6f\xa7\x94'   # '<?xm' in EBCDIC
_MIB = 1024 * 1024


@dataclasses.dataclass(frozen=True)
class ReadSettings:
    """How files are read, and every cap an input meets (docs/input-limits.md). Sizes are in
    bytes; at a cap, what was read stays and the rest is one ``too_large`` dead letter."""
    max_file_bytes: int = 20 * _MIB          # one feed/article file; larger is ``too_large``
    max_line_bytes: int = 2 * _MIB           # one JSONL line; longer is ``too_large``
    max_decompressed_bytes: int = 256 * _MIB  # JSONL bytes read from one file (after gunzip)
    max_records_per_file: int = 1_000_000    # non-blank lines read from one JSONL file
    max_depth: int = FormatLimits.max_depth  # JSON nesting of a line/item; deeper: ``too_deep``
    max_field_chars: int = FormatLimits.max_field_chars   # one text value; longer is cut
    max_feed_tags: int = FormatLimits.max_feed_tags       # markup in one XML feed document
    max_feed_entries: int = FormatLimits.max_feed_entries  # entries read from one feed
    progress_seconds: float = 15.0           # how often a worker logs its progress
    # wall-clock budget of one parse (a feed document, an article file, a JSONL line); over
    # it, that input is a ``timeout`` dead letter and reading goes on
    max_parse_seconds: float = 30.0

    def validate(self) -> None:
        for name in ('max_file_bytes', 'max_line_bytes', 'max_decompressed_bytes',
                     'max_records_per_file', 'progress_seconds', 'max_parse_seconds'):
            if getattr(self, name) <= 0:
                raise ValueError(f'{name} must be positive, got {getattr(self, name)}')
        self.format_limits().validate()

    def format_limits(self) -> FormatLimits:
        return FormatLimits(max_depth=self.max_depth, max_field_chars=self.max_field_chars,
                            max_feed_tags=self.max_feed_tags,
                            max_feed_entries=self.max_feed_entries)


def _to_wire(path: str) -> bytes:
    # Beam encodes str elements as UTF-8, which a lone surrogate fails: paths travel as bytes
    return path.encode('utf-8', 'surrogateescape')


def _from_wire(element: bytes | str) -> str:
    return element.decode('utf-8', 'surrogateescape') if isinstance(element, bytes) else element


def input_kind(path: str, head: bytes = b'') -> str | None:
    """Which reader a file goes to: by extension, else by sniffing its first bytes."""
    name = posixpath.basename(path).lower()
    if name.endswith(('.jsonl', '.jsonl.gz', '.ndjson')):
        return 'jsonl'
    if name.endswith(FEED_EXTENSIONS):
        return 'feed'
    if name.endswith('.json'):
        return 'jsonfeed'
    if name.endswith('.txt'):
        return 'article'
    if head[:2] in (b'\xff\xfe', b'\xfe\xff') or b'\x00' in head[:4] or head[:4] == _EBCDIC_XML:
        try:   # UTF-16/32 or EBCDIC markup: look at its characters
            head = decode_xml(head[:4096]).text[:1024].encode('utf-8', 'replace')
        except InputError:
            pass
    sniff = head.lstrip(b'\xef\xbb\xbf \t\r\n')[:512].lower()
    if sniff.startswith(b'<?xml') or sniff.startswith((b'<rss', b'<feed', b'<rdf')):
        return 'feed'
    if sniff.startswith(b'{') and b'jsonfeed.org/version' in head[:4096].lower():
        return 'jsonfeed'
    if sniff.startswith(b'{'):
        return 'jsonl'
    return None


def _file_kind(mode: int) -> str:
    return ('a directory' if stat.S_ISDIR(mode) else
            'a FIFO' if stat.S_ISFIFO(mode) else
            'a socket' if stat.S_ISSOCK(mode) else
            'a device' if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else
            'not a regular file')


def _require_regular(mode: int) -> None:
    if not stat.S_ISREG(mode):
        raise InputError(Reason.NOT_A_REGULAR_FILE,
                         f'{_file_kind(mode)}, not a regular file: not read')


def open_input(path: str) -> BinaryIO:
    """A binary handle on input file ``path``.

    A local path is opened only if it is a regular file (links followed): anything else raises
    ``InputError(not_a_regular_file)``. It is checked before opening (opening some devices has
    effects) and again on the open descriptor (it may have changed in between); the open never
    blocks (``O_NONBLOCK``: a FIFO without a writer). Other file systems go through Beam's
    ``FileSystems``, which only hold objects.
    """
    if FileSystems.get_scheme(path) is not None:
        return FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED)
    _require_regular(os.stat(path).st_mode)
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, 'O_NOCTTY', 0) | getattr(os, 'O_CLOEXEC', 0)
    fd = os.open(path, flags)
    try:
        _require_regular(os.fstat(fd).st_mode)
        return os.fdopen(fd, 'rb')
    except BaseException:
        os.close(fd)
        raise


def read_file_bytes(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a file, raising ``too_large`` if there are more."""
    with open_input(path) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(Reason.TOO_LARGE,
                         f'the file is larger than {limit} bytes (read.max_file_bytes)')
    return data


@contextlib.contextmanager
def _maybe_gunzip(path: str, handle):
    # read in bounded chunks (iter_jsonl_lines), so a gzip bomb inflates only as far as a cap
    if path.lower().endswith('.gz'):
        with gzip.GzipFile(fileobj=handle, mode='rb') as unzipped:
            yield unzipped
    else:
        yield handle


class _Progress:
    """Logs a worker's running totals now and then, so a long local run shows it is alive."""

    def __init__(self, every: float):
        self.every = every
        self.files = self.inputs = 0
        self.last = time.monotonic()

    def tick(self, inputs: int) -> None:
        self.files += 1
        self.inputs += inputs
        now = time.monotonic()
        if now - self.last >= self.every:
            self.last = now
            LOG.info('progress: read %d inputs from %d files so far (this worker)',
                     self.inputs, self.files)


class _ReadFileFn(beam.DoFn):
    """One matched file -> raw records, or dead letters with stable reasons."""

    def __init__(self, settings: ReadSettings):
        self.settings = settings

    def setup(self):
        self.limits = self.settings.format_limits()
        self.watchdog = Watchdog()
        self.progress = _Progress(self.settings.progress_seconds)
        self.files = Metrics.counter(STAGE, 'files')
        self.records = Metrics.counter(STAGE, 'records')
        self.dead = Metrics.counter(STAGE, 'dead_letter')

    def process(self, element: bytes | str) -> Iterator:
        path = _from_wire(element)
        location = safe_text(path)
        self.files.inc()
        emitted = 0
        try:
            for output in self._read(path, location):
                emitted += 1
                if isinstance(output, beam.pvalue.TaggedOutput):
                    self.dead.inc()
                else:
                    self.records.inc()
                yield output
        except Exception as exc:  # a failure no reader foresaw: the file's unread rest only
            LOG.warning('reading %s stopped: %s: %s', location, type(exc).__name__, exc)
            emitted += 1
            self.dead.inc()
            yield self._dead(Reason.PARSE_ERROR, f'reading stopped after {emitted - 1} inputs: '
                             f'{type(exc).__name__}: {exc}', location)
        self.progress.tick(emitted)

    def teardown(self):
        watchdog = getattr(self, 'watchdog', None)
        if watchdog is not None:
            watchdog.close()
            self.watchdog = None

    def _over_budget(self, location: str, excerpt=None):
        return self._dead(Reason.TIMEOUT, f'parsing took longer than '
                          f'{self.settings.max_parse_seconds:g} s (read.max_parse_seconds)',
                          location, excerpt)

    def _dead(self, reason: str, message: str, location: str, excerpt=None):
        return beam.pvalue.TaggedOutput(
            DEAD_LETTER_TAG, dead_letter(STAGE, reason, message, location, excerpt))

    def _read(self, path: str, location: str) -> Iterator:
        try:
            head = b''
            kind = input_kind(path)
            if kind is None:
                with open_input(path) as handle:
                    head = handle.read(SNIFF_BYTES)
                kind = input_kind(path, head)
            if kind is None:
                yield self._dead(Reason.UNSUPPORTED_FORMAT,
                                 'no reader for this file (expected .txt, .jsonl, .jsonl.gz, '
                                 '.json, .xml, .rss, .atom or .rdf)', location, head)
                return
            if kind == 'jsonl':
                yield from self._read_jsonl(path, location)
                return
            data = read_file_bytes(path, self.settings.max_file_bytes)
        except InputError as exc:
            yield self._dead(exc.reason, exc.message, location)
            return
        except OSError as exc:
            yield self._dead(Reason.UNREADABLE, f'{type(exc).__name__}: {exc}', location)
            return
        budget = self.settings.max_parse_seconds
        try:
            if kind == 'article':
                with self.watchdog.guard(budget):
                    record = self._article(data, location)
                yield record
                return
            with self.watchdog.guard(budget):
                parsed = parse_feed(data, location, kind='file', limits=self.limits)
        except BudgetExceeded:
            yield self._over_budget(location, data)
            return
        except InputError as exc:
            yield self._dead(exc.reason, exc.message, location, data)
            return
        except Exception as exc:  # a third-party parser raising on hostile bytes
            yield self._dead(Reason.PARSE_ERROR, f'{type(exc).__name__}: {exc}', location, data)
            return
        yield from parsed.records
        for failure in parsed.failures:
            yield self._dead(failure.reason, failure.message,
                             f'{location}#entry-{failure.entry}', failure.excerpt)

    def _article(self, data: bytes, location: str) -> dict:
        decoded = decode_text(data)
        record = parse_article_text(decoded.text, location, self.limits)
        for warning in decoded.warnings:
            record['quality']['warnings'].append({'field': '*', 'reason': warning})
        record['provenance']['encoding'] = decoded.encoding
        return record

    def _read_jsonl(self, path: str, location: str) -> Iterator:
        s = self.settings
        try:
            with open_input(path) as raw, _maybe_gunzip(path, raw) as handle:
                for line in iter_jsonl_lines(handle, max_line_bytes=s.max_line_bytes,
                                             max_bytes=s.max_decompressed_bytes,
                                             max_lines=s.max_records_per_file):
                    if line.data is None:
                        yield self._dead(Reason.TOO_LARGE, f'line {line.number} is longer than '
                                         f'{s.max_line_bytes} bytes (read.max_line_bytes)',
                                         f'{location}:{line.number}')
                    else:
                        yield self._jsonl_line(line.data, location, line.number)
        except StreamStopped as exc:
            # a cap, a corrupt .gz or a file vanishing mid-read: the unread rest is one input
            yield self._dead(exc.reason, exc.message, f'{location}:{exc.next_line}')
        except InputError as exc:
            yield self._dead(exc.reason, exc.message, location)
        except OSError as exc:
            yield self._dead(Reason.UNREADABLE, f'{type(exc).__name__}: {exc}', location)

    def _jsonl_line(self, line: bytes, location: str, number: int):
        """One line -> its record or its dead letter; nothing raised here stops the file."""
        where = f'{location}:{number}'
        try:
            with self.watchdog.guard(self.settings.max_parse_seconds):
                try:
                    text = line.decode('utf-8')
                except UnicodeDecodeError:
                    text = decode_text(line).text
                record = parse_jsonl_line(text, location, number, self.limits)
        except BudgetExceeded:
            return self._over_budget(where, line)
        except InputError as exc:
            return self._dead(exc.reason, exc.message, where, line)
        except Exception as exc:  # whatever one line does, it costs that line only
            return self._dead(Reason.PARSE_ERROR,
                              f'line {number}: {type(exc).__name__}: {exc}', where, line)
        record['provenance']['line'] = number
        return record


class _MatchPatternsFn(beam.DoFn):
    """A pattern -> the paths it matches (as bytes: see ``_to_wire``); none is allowed."""

    def process(self, element: bytes) -> Iterator[bytes]:
        for metadata in FileSystems.match([_from_wire(element)])[0].metadata_list:
            yield _to_wire(metadata.path)


class ReadInputs(beam.PTransform):
    """Read files matching ``patterns`` into raw records and dead letters.

    Patterns that match nothing are allowed here (the CLI warns about them before the run).
    With ``matched=True`` the patterns are the paths of files already matched (the driver
    lists them to skip files an earlier run read unchanged): they are read as they are, never
    matched again (a path holding ``*`` or ``[`` is a path, not a glob). Files are spread over
    workers; does not preserve order.
    """

    def __init__(self, patterns: Iterable[str], settings: ReadSettings | None = None,
                 matched: bool = False):
        super().__init__()
        patterns = list(patterns)
        if not patterns or not all(isinstance(p, str) and p for p in patterns):
            raise ValueError(f'patterns must be a non-empty list of strings, got {patterns!r}')
        for pattern in patterns:
            try:
                _to_wire(pattern)
            except UnicodeEncodeError:
                raise ValueError(f'patterns: {pattern!r} holds a lone surrogate that is not an '
                                 f'undecodable byte of a file name') from None
        settings = settings or ReadSettings()
        if not isinstance(settings, ReadSettings):
            raise ValueError(f'settings must be a ReadSettings, not {type(settings).__name__}')
        settings.validate()
        self.patterns = patterns
        self.settings = settings
        self.matched = bool(matched)

    def expand(self, pbegin):
        wire = sorted({_to_wire(p) for p in self.patterns})
        if self.matched:
            paths = pbegin | 'ListPaths' >> beam.Create(wire)
        else:
            paths = (pbegin
                     | 'ListPatterns' >> beam.Create(wire)
                     | 'MatchFiles' >> beam.ParDo(_MatchPatternsFn())
                     | 'DropDuplicateMatches' >> beam.Distinct())
        outputs = (
            paths
            | 'SpreadFiles' >> beam.Reshuffle()
            | 'ReadFiles' >> beam.ParDo(_ReadFileFn(self.settings)).with_outputs(
                DEAD_LETTER_TAG, main='records'))
        return {'records': outputs.records, 'dead_letter': outputs[DEAD_LETTER_TAG]}
