"""File sinks: JSONL (optionally gzip/zstd) and Parquet, sharded and optionally partitioned.

Goes in: a PCollection of records of one family. Comes out: files under
``<directory>/<family>/`` and, per family, one ``(label, rows)`` count.

Layout (Hive-style partitions, in the order ``partition_by`` names them)::

    <directory>/<family>/published_date=2024-12-06/source_domain=example.com/
        <family>-00000-of-00002.jsonl.gz

``published_date`` is the UTC date of ``published`` (``unknown`` when the item has none);
``source_domain`` is ``source.domain`` (``unknown`` when absent); values are %-escaped like
Hive does. Dead letters have neither and are never partitioned. Without ``partition_by`` the
files are ``<directory>/<family>/<family>-SSSSS-of-NNNNN.<ext>``, and a family with no records
still gets one empty file (a Parquet file with the schema and no rows), so readers that glob
the folder always find the schema.

Guarantees:

* **finalisation**: records are grouped by (partition, shard); each group is written to a
  temporary file under ``<temp_root>/beam-temp-<label>-<uuid>/``; only when every group is
  written does one finalising step rename the temporary files to their final names (creating the
  partition folders) and remove the temporary folder. A retried bundle's temporary file is never
  renamed, so a retried bundle writes nothing twice; a finalising step that is retried skips the
  renames already done. (Beam's ``fileio.WriteToFiles`` is not used: it swallows a failed rename
  into a partition folder that does not exist yet, and its file count depends on bundling.)
* **deterministic**: a record's shard is a stable hash of its ``id`` (of its JSON for records
  without one), so a re-run of the same input puts the same records in the same files. Shards
  that received no records are not written; the files of a partition are numbered
  ``i-of-n`` over those that were.
* the row count of each family equals the count reported, which ``run.json`` shows under
  ``sinks.<name>.<family>``.
"""
from __future__ import annotations

import logging
import os
import re
import uuid
import zlib
from typing import Any, Iterable, Mapping, NamedTuple, Sequence
from urllib.parse import quote

import apache_beam as beam
import orjson
from apache_beam.io.filesystem import CompressionTypes
from apache_beam.io.filesystems import FileSystems

from ..model import item_to_json, to_json_line
from .base import SINK_FAMILIES, SinkConfigError, check_families, check_params

__all__ = ['WriteFiles', 'FileFormat', 'JsonlFormat', 'ParquetFormat', 'FileOutput',
           'JsonlFileSink', 'ParquetFileSink', 'PARTITION_KEYS', 'partition_path',
           'COMPRESSIONS']

LOG = logging.getLogger(__name__)

PARTITION_KEYS = ('published_date', 'source_domain')
COMPRESSIONS = {'none': (CompressionTypes.UNCOMPRESSED, ''), 'gzip': (CompressionTypes.GZIP, '.gz'),
                'zstd': (CompressionTypes.ZSTD, '.zst')}
PARQUET_COMPRESSIONS = ('zstd', 'snappy', 'gzip', 'none')
UNKNOWN = 'unknown'
_DATE = re.compile(r'(\d{4}-\d{2}-\d{2})T')


# --- what goes where --------------------------------------------------------------------------

def _partition_value(record: dict, key: str) -> str:
    if key == 'published_date':
        published = record.get('published')
        match = _DATE.match(published) if isinstance(published, str) else None
        value = match.group(1) if match else None
    else:
        source = record.get('source')
        value = source.get('domain') if isinstance(source, dict) else None
        value = value if isinstance(value, str) and value else None
    # Hive escaping keeps '/', '=' and '%' out of a folder name
    return quote(value, safe='-_.@+:') if value else UNKNOWN


def partition_path(record: dict, partition_by: Sequence[str]) -> str:
    """``published_date=2024-12-06/source_domain=example.com`` (``''`` without partitions)."""
    return '/'.join(f'{key}={_partition_value(record, key)}' for key in partition_by)


def _shard_of(record: dict, shards: int) -> int:
    if shards == 1:
        return 0
    key = record.get('id')
    data = key.encode('utf-8', 'surrogatepass') if isinstance(key, str) and key else \
        to_json_line(record).encode('utf-8', 'surrogatepass')
    return zlib.crc32(data) % shards


# --- file formats --------------------------------------------------------------------------------

class FileFormat:
    """How records of one family become the bytes of one file. Stateless between files:
    :meth:`writer` returns an object with ``write(record)``, ``write_json(line)`` (the record
    as ``item_to_json`` bytes) and ``close()`` for one file."""
    extension: str = ''
    compression_type: str = CompressionTypes.UNCOMPRESSED

    def writer(self, handle, family: str):
        raise NotImplementedError


class _JsonlWriter:
    def __init__(self, handle):
        self.handle = handle

    def write(self, record: dict) -> None:
        self.write_json(item_to_json(record))

    def write_json(self, line: bytes) -> None:
        self.handle.write(line)
        self.handle.write(b'\n')

    def close(self) -> None:
        pass


class JsonlFormat(FileFormat):
    """One record per line, serialised as the main JSONL output is (``to_json_line``)."""

    def __init__(self, compression: str = 'none'):
        if compression not in COMPRESSIONS:
            raise ValueError(f'compression must be one of {", ".join(COMPRESSIONS)}, not '
                             f'{compression!r}')
        self.compression_type, suffix = COMPRESSIONS[compression]
        self.extension = '.jsonl' + suffix

    def writer(self, handle, family: str):
        return _JsonlWriter(handle)


class _ParquetWriter:
    """Rows gathered into Arrow record batches, written as row groups of at most
    ``row_group_rows`` rows or ``row_group_bytes`` bytes (Arrow memory), whichever comes first."""

    BATCH_ROWS = 2048

    def __init__(self, handle, family: str, row_group_rows: int, row_group_bytes: int,
                 compression: str):
        import pyarrow as pa
        import pyarrow.parquet as pq
        from .parquet_schema import record_to_row, schema_for
        self.pa = pa
        self.family = family
        self.schema = schema_for(family)
        self.to_row = record_to_row
        self.row_group_rows = row_group_rows
        self.row_group_bytes = row_group_bytes
        self.file = pa.PythonFile(handle, mode='w')
        self.writer = pq.ParquetWriter(
            self.file, self.schema, compression=None if compression == 'none' else compression,
            use_dictionary=['language', 'source.name', 'source.domain', 'source.kind',
                            'dedup.method'] if family != 'dead_letter' else True,
            write_statistics=True)
        self.rows: list[dict] = []
        self.batches: list = []
        self.batched_rows = 0
        self.batched_bytes = 0

    def write_json(self, line: bytes) -> None:
        self.write(orjson.loads(line))

    def write(self, record: dict) -> None:
        self.rows.append(self.to_row(record, self.family))
        if (len(self.rows) >= self.BATCH_ROWS
                or self.batched_rows + len(self.rows) >= self.row_group_rows):
            self._batch()
            # bytes are known per Arrow batch: a row group may pass the cap by one batch
            if (self.batched_rows >= self.row_group_rows
                    or self.batched_bytes >= self.row_group_bytes):
                self._row_group()

    def _batch(self) -> None:
        if self.rows:
            batch = self.pa.RecordBatch.from_pylist(self.rows, schema=self.schema)
            self.batches.append(batch)
            self.batched_rows += batch.num_rows
            self.batched_bytes += batch.nbytes
            self.rows = []

    def _row_group(self) -> None:
        self._batch()
        if self.batches:
            table = self.pa.Table.from_batches(self.batches, schema=self.schema)
            self.writer.write_table(table, row_group_size=table.num_rows)
        self.batches, self.batched_rows, self.batched_bytes = [], 0, 0

    def close(self) -> None:
        self._row_group()
        self.writer.close()


class ParquetFormat(FileFormat):
    """Parquet with the versioned schema of ``parquet_schema`` (compression inside the file)."""
    extension = '.parquet'

    def __init__(self, row_group_rows: int = 65536, row_group_bytes: int = 128 * 2 ** 20,
                 compression: str = 'zstd'):
        if row_group_rows < 1:
            raise ValueError(f'row_group_rows must be at least 1, not {row_group_rows}')
        if row_group_bytes < 1:
            raise ValueError(f'row_group_bytes must be at least 1, not {row_group_bytes}')
        if compression not in PARQUET_COMPRESSIONS:
            raise ValueError(f'compression must be one of {", ".join(PARQUET_COMPRESSIONS)}, '
                             f'not {compression!r}')
        self.row_group_rows = row_group_rows
        self.row_group_bytes = row_group_bytes
        self.compression = compression

    def writer(self, handle, family: str):
        return _ParquetWriter(handle, family, self.row_group_rows, self.row_group_bytes,
                              self.compression)


# --- the transform ------------------------------------------------------------------------------

class _TempFile(NamedTuple):
    partition: str
    shard: int
    path: str
    rows: int


class _KeyByFileFn(beam.DoFn):
    def __init__(self, partition_by: tuple[str, ...], shards: int):
        self.partition_by = partition_by
        self.shards = shards

    def process(self, record):
        # serialised once here: bytes are what the grouping holds and shuffles (a third of the
        # memory of the dict), and the JSONL writer writes them as they are
        yield ((partition_path(record, self.partition_by), _shard_of(record, self.shards)),
               item_to_json(record))


def _write_file(fmt: FileFormat, path: str, family: str,
                records: Iterable[dict | bytes]) -> int:
    """Write ``records`` (dicts, or their JSON as bytes) to one new file; return the count."""
    handle = FileSystems.create(path, mime_type='application/octet-stream',
                                compression_type=fmt.compression_type)
    rows = 0
    try:
        writer = fmt.writer(handle, family)
        for record in records:
            if isinstance(record, bytes):
                writer.write_json(record)
            else:
                writer.write(record)
            rows += 1
        writer.close()
    finally:
        handle.close()
    return rows


class _WriteTempFileFn(beam.DoFn):
    def __init__(self, fmt: FileFormat, family: str, temp_dir: str):
        self.fmt = fmt
        self.family = family
        self.temp_dir = temp_dir

    def process(self, element):
        (partition, shard), records = element
        # a new name per attempt: a retried bundle's file is never the one finalised
        path = FileSystems.join(self.temp_dir, uuid.uuid4().hex)
        rows = _write_file(self.fmt, path, self.family, records)
        yield _TempFile(partition, shard, path, rows)


def _final_name(directory: str, family: str, fmt: FileFormat, partition: str, index: int,
                total: int) -> str:
    name = f'{family}-{index:05d}-of-{total:05d}{fmt.extension}'
    parts = [directory, family] + ([partition] if partition else []) + [name]
    return FileSystems.join(*parts)


def _mkdirs(path: str) -> None:
    try:
        FileSystems.mkdirs(path)
    except IOError:
        if not FileSystems.exists(path):
            raise


class _FinalizeFn(beam.DoFn):
    """Rename every temporary file to its final name; one call for the whole family."""

    def __init__(self, directory: str, family: str, fmt: FileFormat, temp_dir: str,
                 write_empty: bool, label: str):
        self.directory = directory
        self.family = family
        self.fmt = fmt
        self.temp_dir = temp_dir
        self.write_empty = write_empty
        self.label = label

    def process(self, temp_files: list):
        by_partition: dict[str, list[_TempFile]] = {}
        for temp in temp_files:
            by_partition.setdefault(temp.partition, []).append(temp)
        rows = 0
        for partition, files in sorted(by_partition.items()):
            files.sort(key=lambda f: f.shard)
            for index, temp in enumerate(files):
                final = _final_name(self.directory, self.family, self.fmt, partition, index,
                                    len(files))
                _mkdirs(final.rsplit('/', 1)[0] if '://' in final else os.path.dirname(final))
                if FileSystems.exists(temp.path):
                    FileSystems.rename([temp.path], [final])
                elif not FileSystems.exists(final):
                    raise IOError(f'{self.label}: temporary file {temp.path} is gone and '
                                  f'{final} was not written')
                rows += temp.rows
        if not temp_files and self.write_empty:
            final = _final_name(self.directory, self.family, self.fmt, '', 0, 1)
            _mkdirs(os.path.dirname(final) if '://' not in final else final.rsplit('/', 1)[0])
            _write_file(self.fmt, final, self.family, [])
        if FileSystems.exists(self.temp_dir):
            FileSystems.delete([self.temp_dir])
        LOG.info('%s: %d rows in %d file(s)', self.label, rows,
                 len(temp_files) or int(self.write_empty))
        yield self.label, rows


class WriteFiles(beam.PTransform):
    """Write records of one family as files with finalisation; returns ``(label, rows)``.

    ``directory``: where ``<family>/`` goes; ``fmt``: a :class:`FileFormat`; ``partition_by``:
    a subset of :data:`PARTITION_KEYS` (ignored for dead letters); ``shards``: files per
    partition at most; ``temp_root``: where the temporary folder goes (same file system as
    ``directory``; default ``directory``); ``label``: the count's label (``<name>.<family>``).
    """

    def __init__(self, directory: str, family: str, fmt: FileFormat,
                 partition_by: Sequence[str] = (), shards: int = 1,
                 temp_root: str | None = None, label: str | None = None):
        super().__init__()
        if not directory:
            raise ValueError('directory must be given')
        if family not in SINK_FAMILIES:
            raise ValueError(f'family must be one of {", ".join(SINK_FAMILIES)}, not {family!r}')
        if not isinstance(fmt, FileFormat):
            raise ValueError(f'fmt must be a FileFormat, not {fmt!r}')
        unknown = [k for k in partition_by if k not in PARTITION_KEYS]
        if unknown:
            raise ValueError(f'partition_by: unknown key {unknown[0]!r}; allowed: '
                             f'{", ".join(PARTITION_KEYS)}')
        if shards < 1:
            raise ValueError(f'shards must be at least 1, not {shards}')
        self.directory = directory
        self.family = family
        self.fmt = fmt
        self.partition_by = () if family == 'dead_letter' else tuple(partition_by)
        self.shards = shards
        # not ``self.label``: that is the PTransform's own label, which 'X' >> t replaces
        self.count_label = label or family
        safe = re.sub(r"[^A-Za-z0-9_.-]", "_", self.count_label)
        temp_name = f'beam-temp-{safe}-{uuid.uuid4().hex}'
        self.temp_dir = FileSystems.join(temp_root or directory, temp_name)

    def expand(self, records):
        return (
            records
            | 'KeyByFile' >> beam.ParDo(_KeyByFileFn(self.partition_by, self.shards))
            | 'GroupByFile' >> beam.GroupByKey()
            | 'WriteTempFiles' >> beam.ParDo(_WriteTempFileFn(self.fmt, self.family,
                                                              self.temp_dir))
            | 'GatherTempFiles' >> beam.combiners.ToList()
            | 'FinalizeFiles' >> beam.ParDo(_FinalizeFn(
                self.directory, self.family, self.fmt, self.temp_dir,
                write_empty=not self.partition_by, label=self.count_label)))


# --- configured file sinks ----------------------------------------------------------------------

class FileOutput:
    """A file sink named in ``output.sinks`` (``use: jsonl`` / ``use: parquet``).

    Like a :class:`~transforms.sink.base.Sink` it has a ``name`` and ``families`` and is built
    with :meth:`from_params`; instead of ``write_batch`` it gives a :class:`WriteFiles` per
    family (:meth:`write`), so files get Beam's finalisation. Files go to
    ``<run directory>/<name>/<family>/...``.
    """
    kind = ''
    name = ''
    families: tuple[str, ...] = ('items',)

    def __init__(self, partition_by: Sequence[str] = (), shards: int = 1):
        if isinstance(partition_by, str) or not isinstance(partition_by, (list, tuple)):
            raise SinkConfigError(f'with.partition_by: expected a list of '
                                  f'{", ".join(PARTITION_KEYS)}')
        for key in partition_by:
            if key not in PARTITION_KEYS:
                raise SinkConfigError(f'with.partition_by: unknown key {key!r}; allowed: '
                                      f'{", ".join(PARTITION_KEYS)}')
        if len(set(partition_by)) != len(partition_by):
            raise SinkConfigError('with.partition_by: a key is named twice')
        if isinstance(shards, bool) or not isinstance(shards, int) or shards < 1:
            raise SinkConfigError(f'with.shards: must be a whole number of at least 1, not '
                                  f'{shards!r}')
        self.partition_by = tuple(partition_by)
        self.shards = shards

    @classmethod
    def from_params(cls, params: Mapping[str, Any] | None = None, *, name: str | None = None,
                    families: Sequence[str] | None = None) -> 'FileOutput':
        params = dict(params or {})
        where = f'sink {name or cls.kind}'
        check_params(cls.__init__, params, where)
        try:
            out = cls(**params)
        except SinkConfigError as exc:
            raise SinkConfigError(f'{where}: {exc}') from None
        except (TypeError, ValueError) as exc:
            raise SinkConfigError(f'{where}: {exc}') from None
        out.name = name or cls.kind
        out.families = check_families(families if families is not None else cls.families,
                                       where)
        return out

    def describe(self) -> str:
        parts = f', partitioned by {"/".join(self.partition_by)}' if self.partition_by else ''
        return f'{self.name} ({self.kind} files{parts}; {", ".join(self.families)})'

    def prepare(self) -> None:
        """Nothing to prepare: the run's directory is made by the driver."""

    def record_run(self, summary: dict) -> None:
        """Nothing to record: ``run.json`` beside the files is the run's record."""

    def format(self) -> FileFormat:
        raise NotImplementedError

    def write(self, output_dir: str, family: str) -> WriteFiles:
        """The transform that writes ``family`` under ``output_dir/<name>/``."""
        return WriteFiles(os.path.join(output_dir, self.name), family, self.format(),
                          self.partition_by, self.shards, temp_root=output_dir,
                          label=f'{self.name}.{family}')


class JsonlFileSink(FileOutput):
    """JSON lines, optionally gzip or zstd compressed, optionally partitioned."""
    kind = 'jsonl'
    families = ('items', 'duplicates', 'dead_letter')

    def __init__(self, compression: str = 'gzip', partition_by: Sequence[str] = (),
                 shards: int = 1):
        super().__init__(partition_by, shards)
        if compression not in COMPRESSIONS:
            raise SinkConfigError(f'with.compression: {compression!r} is not allowed; allowed: '
                                  f'{", ".join(COMPRESSIONS)}')
        self.compression = compression

    def format(self) -> FileFormat:
        return JsonlFormat(self.compression)


class ParquetFileSink(FileOutput):
    """Parquet files with the versioned schema; row groups sized for analytics."""
    kind = 'parquet'
    families = ('items', 'duplicates')

    def __init__(self, partition_by: Sequence[str] = (), shards: int = 1,
                 row_group_rows: int = 65536, row_group_mb: int = 128,
                 compression: str = 'zstd'):
        super().__init__(partition_by, shards)
        for key, value in (('row_group_rows', row_group_rows), ('row_group_mb', row_group_mb)):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SinkConfigError(f'with.{key}: must be a whole number of at least 1, not '
                                      f'{value!r}')
        if compression not in PARQUET_COMPRESSIONS:
            raise SinkConfigError(f'with.compression: {compression!r} is not allowed; allowed: '
                                  f'{", ".join(PARQUET_COMPRESSIONS)}')
        self.row_group_rows = row_group_rows
        self.row_group_mb = row_group_mb
        self.compression = compression

    def format(self) -> FileFormat:
        return ParquetFormat(self.row_group_rows, self.row_group_mb * 2 ** 20, self.compression)
