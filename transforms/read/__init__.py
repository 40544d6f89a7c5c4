"""Read local (or any Beam filesystem's) input files into raw records.

Goes in: file patterns (globs). Comes out: ``{'records': raw records, 'dead_letter': records}``.

What one input is (the unit of ``counts.read``): one feed entry of a feed file, one non-blank
line of a JSONL file, one article text file. A file that cannot be read at all is one input with
one dead-letter record, so ``read == records + dead letters`` holds for this stage.

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
import posixpath
import time
import zlib
from typing import Iterable, Iterator

import apache_beam as beam
from apache_beam.io import fileio
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.metrics import Metrics

from ..formats.article import parse_article_text
from ..formats.decode import decode_text
from ..formats.errors import InputError
from ..formats.feed import parse_feed_bytes
from ..formats.jsonl import parse_jsonl_line
from ..model import DEAD_LETTER_TAG, Reason, dead_letter

__all__ = ['ReadInputs', 'ReadSettings', 'read_file_bytes', 'input_kind']

LOG = logging.getLogger(__name__)
STAGE = 'read'

FEED_EXTENSIONS = ('.xml', '.rss', '.atom', '.rdf')
KINDS = ('feed', 'jsonfeed', 'jsonl', 'article')


@dataclasses.dataclass(frozen=True)
class ReadSettings:
    """How files are read. Sizes are in bytes."""
    max_file_bytes: int = 20 * 1024 * 1024   # one feed/article file; larger is ``too_large``
    max_line_bytes: int = 2 * 1024 * 1024    # one JSONL line
    progress_seconds: float = 15.0           # how often a worker logs its progress

    def validate(self) -> None:
        for name in ('max_file_bytes', 'max_line_bytes'):
            if getattr(self, name) <= 0:
                raise ValueError(f'{name} must be positive')


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
    sniff = head.lstrip(b'\xef\xbb\xbf \t\r\n')[:512].lower()
    if sniff.startswith(b'<?xml') or sniff.startswith((b'<rss', b'<feed', b'<rdf')):
        return 'feed'
    if sniff.startswith(b'{') and b'jsonfeed.org/version' in head[:4096].lower():
        return 'jsonfeed'
    if sniff.startswith(b'{'):
        return 'jsonl'
    return None


def read_file_bytes(path: str, limit: int) -> bytes:
    """At most ``limit`` bytes of a file, raising ``too_large`` if there are more."""
    from apache_beam.io.filesystems import FileSystems
    with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise InputError(Reason.TOO_LARGE, f'the file is larger than {limit} bytes')
    return data


@contextlib.contextmanager
def _maybe_gunzip(path: str, handle):
    # gzip.GzipFile (unlike Beam's CompressedFile) bounds readline(), which caps line length
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
        self.progress = _Progress(self.settings.progress_seconds)
        self.files = Metrics.counter(STAGE, 'files')
        self.records = Metrics.counter(STAGE, 'records')
        self.dead = Metrics.counter(STAGE, 'dead_letter')

    def process(self, path: str) -> Iterator:
        self.files.inc()
        emitted = 0
        for output in self._read(path):
            emitted += 1
            if isinstance(output, beam.pvalue.TaggedOutput):
                self.dead.inc()
            else:
                self.records.inc()
            yield output
        self.progress.tick(emitted)

    def _dead(self, reason: str, message: str, path: str, excerpt=None):
        return beam.pvalue.TaggedOutput(
            DEAD_LETTER_TAG, dead_letter(STAGE, reason, message, path, excerpt))

    def _read(self, path: str) -> Iterator:
        try:
            head = b''
            kind = input_kind(path)
            if kind is None:
                head = read_file_bytes(path, self.settings.max_file_bytes)
                kind = input_kind(path, head)
            if kind is None:
                yield self._dead(Reason.UNSUPPORTED_FORMAT,
                                 'no reader for this file (expected .txt, .jsonl, .jsonl.gz, '
                                 '.json, .xml, .rss, .atom or .rdf)', path, head)
                return
            if kind == 'jsonl':
                yield from self._read_jsonl(path)
                return
            data = head or read_file_bytes(path, self.settings.max_file_bytes)
        except InputError as exc:
            yield self._dead(exc.reason, exc.message, path)
            return
        except OSError as exc:
            yield self._dead(Reason.UNREADABLE, f'{type(exc).__name__}: {exc}', path)
            return
        try:
            if kind == 'article':
                decoded = decode_text(data)
                record = parse_article_text(decoded.text, path)
                for warning in decoded.warnings:
                    record['quality']['warnings'].append({'field': '*', 'reason': warning})
                record['provenance']['encoding'] = decoded.encoding
                yield record
            else:
                yield from parse_feed_bytes(data, path, kind='file')
        except InputError as exc:
            yield self._dead(exc.reason, exc.message, path, data)

    def _read_jsonl(self, path: str) -> Iterator:
        from apache_beam.io.filesystems import FileSystems
        limit = self.settings.max_line_bytes
        number = 0
        try:
            with FileSystems.open(path, compression_type=CompressionTypes.UNCOMPRESSED) as raw, \
                    _maybe_gunzip(path, raw) as handle:
                while True:
                    line = handle.readline(limit + 1)
                    if not line:
                        break
                    number += 1
                    if len(line) > limit and not line.endswith(b'\n'):
                        # skip the rest of the over-long line, then report it once
                        while line and not line.endswith(b'\n'):
                            line = handle.readline(limit + 1)
                        yield self._dead(Reason.TOO_LARGE, f'line {number} is longer than '
                                         f'{limit} bytes', f'{path}:{number}')
                        continue
                    if number == 1:
                        line = line.removeprefix(b'\xef\xbb\xbf')
                    if not line.strip():
                        continue
                    yield from self._jsonl_line(line, path, number)
        except (OSError, EOFError, ValueError, zlib.error) as exc:
            # a corrupt .gz or a file vanishing mid-read: the unread rest is one lost input
            yield self._dead(Reason.UNREADABLE,
                             f'reading stopped after line {number}: {type(exc).__name__}: {exc}',
                             f'{path}:{number + 1}')

    def _jsonl_line(self, line: bytes, path: str, number: int) -> Iterator:
        location = f'{path}:{number}'
        try:
            try:
                text = line.decode('utf-8')
            except UnicodeDecodeError:
                text = decode_text(line).text
            record = parse_jsonl_line(text, path, number)
        except InputError as exc:
            yield self._dead(exc.reason, exc.message, location, line)
            return
        record['provenance']['line'] = number
        yield record


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
        self.patterns = patterns
        self.settings = settings or ReadSettings()
        self.matched = bool(matched)

    def expand(self, pbegin):
        if self.matched:
            paths = pbegin | 'ListPaths' >> beam.Create(sorted(set(self.patterns)))
        else:
            paths = (pbegin
                     | 'ListPatterns' >> beam.Create(self.patterns)
                     | 'MatchFiles' >> fileio.MatchAll(fileio.EmptyMatchTreatment.ALLOW)
                     | 'TakePaths' >> beam.Map(lambda metadata: metadata.path)
                     | 'DropDuplicateMatches' >> beam.Distinct())
        outputs = (
            paths
            | 'SpreadFiles' >> beam.Reshuffle()
            | 'ReadFiles' >> beam.ParDo(_ReadFileFn(self.settings)).with_outputs(
                DEAD_LETTER_TAG, main='records'))
        return {'records': outputs.records, 'dead_letter': outputs[DEAD_LETTER_TAG]}
