"""Runners: names and install hints, Beam-only options for workers, the pipeline graph built for
Dataflow, Flink, Spark and Dask without submitting it, quiet workers, and one runner matrix (the
sample set on the in-process DirectRunner, two worker processes and a local Dask cluster)."""
import dataclasses
import os
import subprocess
import sys
import threading

import apache_beam as beam
import orjson
import pytest
from apache_beam.options.pipeline_options import StandardOptions

from benchmarks.pipeline import FAMILIES, comparable_outputs
from pipeline import runners
from pipeline.assembly import attach_sinks, build_pipeline
from pipeline.config import REPO_ROOT, load_config
from pipeline.options import beam_args, check_beam_options, unknown_flags
from transforms.context import RunContext

SAMPLES = [os.path.join(REPO_ROOT, 'samples', '*.*'), os.path.join(REPO_ROOT, 'samples', '*', '*')]
RUN = RunContext(run_id='test-run', started_at='2026-11-27T00:00:00Z')


# -- names, hints and options -------------------------------------------------------------------

def test_beam_args_drops_newsbeam_flags_and_keeps_beam_flags_in_order():
    argv = ['--input', 'a/*.rss', '--runner=DaskRunner', '--output=out', '--config', 'c.yaml',
            '--dask_client_address', 'tcp://127.0.0.1:8786', '--state', 's', '-v',
            '--log-level=DEBUG', '--reread', '--direct_num_workers=2', '--feed', 'http://x/f']
    assert beam_args(argv) == ['--runner=DaskRunner', '--dask_client_address',
                               'tcp://127.0.0.1:8786', '--direct_num_workers=2']


def test_pipeline_options_hold_no_newsbeam_values():
    options = check_beam_options(['--output=/tmp/out', '--state=/tmp/state', '--input=x/*',
                                  '--direct_num_workers=2'])
    values = options.get_all_options(drop_default=True)
    assert values == {'direct_num_workers': 2}


@pytest.mark.parametrize('name', ['DaskRunner', 'daskrunner', 'dask',
                                  'apache_beam.runners.dask.dask_runner.DaskRunner'])
def test_dask_runner_by_short_name_or_class_path(name):
    from apache_beam.runners.dask.dask_runner import DaskRunner as BeamDaskRunner

    from pipeline.dask_runner import DaskRunner
    options = check_beam_options([f'--runner={name}', '--dask_client_address=tcp://127.0.0.1:1'])
    runner = runners.create_runner(options)
    assert type(runner) is DaskRunner and isinstance(runner, BeamDaskRunner)


def test_dask_scheduler_address_is_a_known_option():
    assert unknown_flags(['--runner=DaskRunner',
                          '--dask_client_address=tcp://scheduler.example:8786',
                          '--dask_connection_timeout=5']) == []
    options = check_beam_options(['--runner=DaskRunner', '--dask_client_address', 'h:8786'])
    assert options.get_all_options()['address'] == 'h:8786'


def test_dask_without_the_extra_names_the_extra(monkeypatch):
    monkeypatch.setattr(runners, 'dask_available', lambda: False)
    with pytest.raises(ValueError) as caught:
        check_beam_options(['--runner=DaskRunner'])
    assert str(caught.value) == "--runner=DaskRunner needs Dask: pip install 'newsbeam[dask]'"
    with pytest.raises(ValueError, match=r"--dask_client_address is an option of the Dask "
                                         r"runner: pip install 'newsbeam\[dask\]'"):
        unknown_flags(['--dask_client_address=h:8786'])


def test_unknown_runner_keeps_its_message():
    with pytest.raises(ValueError, match=r'^--runner=NoSuchRunner: unknown runner; use a Beam '
                                         r'runner name such as DirectRunner, DaskRunner'):
        check_beam_options(['--runner=NoSuchRunner'])


def _gcp_available() -> bool:
    try:
        from apache_beam.runners.dataflow.internal import apiclient  # noqa: F401
    except ImportError:
        return False
    return True


def test_dataflow_needs_the_gcp_extra_or_its_options():
    if not _gcp_available():
        with pytest.raises(ValueError) as caught:
            check_beam_options(['--runner=DataflowRunner'])
        assert str(caught.value) == ("--runner=DataflowRunner needs Google Cloud support: "
                                     "pip install 'apache-beam[gcp]'")
        return
    with pytest.raises(ValueError, match='^--runner=DataflowRunner: .*project'):
        check_beam_options(['--runner=DataflowRunner', '--region=europe-west1',
                            '--temp_location=gs://bucket/tmp'])


@pytest.mark.parametrize('name,engine', [('FlinkRunner', 'Flink'), ('SparkRunner', 'Spark')])
def test_flink_and_spark_need_a_job_server(monkeypatch, name, engine):
    monkeypatch.setattr(runners.shutil, 'which', lambda program: None)   # no Java here
    with pytest.raises(ValueError) as caught:
        check_beam_options([f'--runner={name}'])
    message = str(caught.value)
    assert '\n' not in message
    assert message.startswith(f'--runner={name} needs a Beam job server: give '
                              f'--job_endpoint=HOST:PORT of a running {engine} job server')
    check_beam_options([f'--runner={name}', '--job_endpoint=127.0.0.1:8099'])


def test_two_worker_processes_run_through_newsbeams_worker_command():
    from apache_beam.runners.portability.fn_api_runner.fn_runner import FnApiRunner

    from pipeline.worker import WORKER_COMMAND
    options = check_beam_options(['--direct_running_mode=multi_processing',
                                  '--direct_num_workers=2'])
    assert isinstance(runners.create_runner(options), FnApiRunner)
    assert WORKER_COMMAND == f'{sys.executable} -m pipeline.worker'
    in_process = check_beam_options([])
    assert type(runners.create_runner(in_process)).__name__ == 'SwitchingDirectRunner'


# -- the pipeline graph for each runner, built but not submitted --------------------------------

def _config(tmp_path):
    config = load_config(os.path.join(REPO_ROOT, 'configs', 'local.yaml'))
    return dataclasses.replace(
        config, state=dataclasses.replace(config.state, dir=str(tmp_path / 'state')))


def _build(tmp_path, argv: list[str]) -> beam.Pipeline:
    options = check_beam_options(argv)
    pipeline = beam.Pipeline(runner=runners.create_runner(options), options=options)
    config = _config(tmp_path)
    outputs = build_pipeline(pipeline, config, RUN, files=list(config.inputs.files), feeds=[])
    attach_sinks(outputs, config, str(tmp_path / 'out'))
    return pipeline


@pytest.mark.parametrize('argv', [
    ['--runner=FlinkRunner', '--job_endpoint=127.0.0.1:8099', '--environment_type=LOOPBACK'],
    ['--runner=SparkRunner', '--job_endpoint=127.0.0.1:8099',
     '--environment_type=DOCKER', '--sdk_container_image=registry.example/newsbeam:0.1.0'],
], ids=['flink', 'spark'])
def test_portable_runners_get_the_whole_graph(tmp_path, argv):
    proto = _build(tmp_path, argv).to_runner_api()
    labels = {t.unique_name for t in proto.components.transforms.values()}
    for step in ('ReadFiles', 'Normalize', 'Deduplicate', 'Tag', 'WriteItems',
                 'WriteDeadLetter', 'CountOutputs'):
        assert step in labels
    assert proto.components.environments


def test_dataflow_job_is_described_without_submitting(tmp_path):
    if not _gcp_available():
        pytest.skip('apache-beam[gcp] is not installed (the install hint is tested above)')
    pipeline = _build(tmp_path, ['--runner=DataflowRunner', '--project=fake-project',
                                 '--region=europe-west1', '--temp_location=gs://fake/tmp',
                                 '--dry_run=True'])
    result = pipeline.run()
    assert result.job.proto.steps or result.job.proto_pipeline.components.transforms


def test_dask_translates_every_transform_of_the_pipeline(tmp_path):
    from pipeline.dask_runner import translate
    pipeline = _build(tmp_path, ['--runner=DaskRunner'])
    leaves = translate(pipeline)
    graph = {}
    for leaf in leaves:
        graph.update(dict(leaf.__dask_graph__()))
    # one leaf per sink written (families, counts) at least; every task has a key
    assert len(leaves) >= 4 and len(graph) > len(leaves)


def test_dask_refuses_what_it_cannot_run(tmp_path):
    from apache_beam.transforms import window

    from pipeline.dask_runner import translate
    options = check_beam_options(['--runner=DaskRunner'])
    pipeline = beam.Pipeline(runner=runners.create_runner(options), options=options)
    _ = (pipeline | beam.Create([1, 2])
         | 'Window' >> beam.WindowInto(window.FixedWindows(10)) | beam.Map(str))
    with pytest.raises(NotImplementedError, match='Window.*only the global window'):
        translate(pipeline)


def test_dask_keeps_tagged_outputs_and_side_inputs_apart():
    """The two defects of Beam's own DaskRunner that broke this pipeline, on a live cluster of
    threads: a dead-letter output receiving items, and an unresolved side input."""
    distributed = pytest.importorskip('distributed')
    from apache_beam.runners.dask.overrides import dask_overrides

    from pipeline.dask_runner import _Translator

    class Split(beam.DoFn):
        def process(self, x, limit):
            if x > limit:
                yield beam.pvalue.TaggedOutput('big', x)
            else:
                yield x

        def finish_bundle(self):
            from apache_beam.transforms.window import GlobalWindow
            from apache_beam.utils.windowed_value import WindowedValue
            yield beam.pvalue.TaggedOutput('big', WindowedValue(1000, 0, (GlobalWindow(),)))

    with distributed.Client(processes=False, n_workers=1, threads_per_worker=2,
                            dashboard_address=None):
        options = check_beam_options(['--runner=DaskRunner'])
        pipeline = beam.Pipeline(runner=runners.create_runner(options), options=options)
        limit = pipeline | 'Limit' >> beam.Create([2])
        out = (pipeline | beam.Create([1, 2, 3, 4])
               | beam.ParDo(Split(), beam.pvalue.AsSingleton(limit)).with_outputs('big',
                                                                                 main='small'))
        small = out.small | 'Small' >> beam.Map(lambda x: ('small', x))
        big = out.big | 'Big' >> beam.Map(lambda x: ('big', x))
        _ = (small, big) | 'Merge' >> beam.Flatten()
        pipeline.replace_all(dask_overrides())
        translator = _Translator()
        pipeline.visit(translator)
        merged = [bag for node, bag in translator.bags.items() if node.full_label == 'Merge']
        got = sorted(merged[0].compute())
    assert got == [('big', 3), ('big', 4), ('big', 1000), ('small', 1), ('small', 2)]


# -- the runner matrix --------------------------------------------------------------------------

_CLUSTER = '''\
import sys
from dask.distributed import LocalCluster

if __name__ == '__main__':
    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host='127.0.0.1',
                           dashboard_address=None)
    print(cluster.scheduler_address, flush=True)
    sys.stdin.read()      # until the test closes our stdin
    cluster.close()
'''


@pytest.fixture
def dask_cluster(tmp_path):
    """A ``dask.distributed`` LocalCluster of 2 worker processes, started in a subprocess whose
    working directory is not the test's: its scheduler address."""
    pytest.importorskip('distributed', reason='the dask extra is not installed')
    home = tmp_path / 'dask-cluster'
    home.mkdir()
    (home / 'cluster.py').write_text(_CLUSTER)
    log = open(home / 'cluster.log', 'wb')
    proc = subprocess.Popen([sys.executable, 'cluster.py'], cwd=home, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=log)
    timer = threading.Timer(120, proc.kill)
    timer.start()
    address = proc.stdout.readline().decode().strip()
    timer.cancel()
    try:
        assert address.startswith('tcp://127.0.0.1:'), (home / 'cluster.log').read_text()
        yield address
    finally:
        proc.stdin.close()
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


def _run(tmp_path, name: str, *extra: str) -> tuple[str, list[str]]:
    """``newsbeam run`` on the sample set in a subprocess; its output directory and stderr."""
    out, state = tmp_path / name, tmp_path / f'{name}-state'
    argv = [sys.executable, '-m', 'pipeline', 'run', '--output', str(out), '--state', str(state)]
    for pattern in SAMPLES:
        argv += ['--input', pattern]
    env = {k: v for k, v in os.environ.items()
           if k not in ('NEWSBEAM_LOG_LEVEL', 'NEWSBEAM_RUNNER_LOG_LEVEL')}
    proc = subprocess.run([*argv, *extra], cwd=tmp_path, env=env, capture_output=True,
                          text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return str(out), proc.stderr.splitlines()


def _foreign_lines(stderr: list[str]) -> list[str]:
    """Lines on stderr that newsbeam's own loggers did not write."""
    own = (' newsbeam: ', ' pipeline', ' transforms')
    return [line for line in stderr if not any(mark in line[:40] for mark in own)]


@pytest.mark.slow
def test_runner_matrix_gives_the_same_outputs(tmp_path, dask_cluster):
    in_process, _ = _run(tmp_path, 'in-process')
    two, two_stderr = _run(tmp_path, 'two-processes', '--direct_running_mode=multi_processing',
                           '--direct_num_workers=2')
    dask, dask_stderr = _run(tmp_path, 'dask', '--runner=DaskRunner',
                             f'--dask_client_address={dask_cluster}')
    # each family as sorted JSON lines without ingested_at and provenance.run_id
    expected = comparable_outputs(in_process)
    assert len(expected['items']) > 10 and expected['duplicates'] and expected['dead_letter']
    for name, out in (('two worker processes', two), ('Dask', dask)):
        got = comparable_outputs(out)
        for family in FAMILIES:
            assert got[family] == expected[family], f'{name}: {family} differ'
    summary = orjson.loads(open(os.path.join(dask, 'run.json'), 'rb').read())
    assert summary['runner'] == 'DaskRunner' and summary['balanced']
    # quiet workers: only newsbeam's own lines (the run, the stages), nothing from Beam, the
    # workers or Dask; no "Discarding unparseable args"
    assert _foreign_lines(two_stderr) == [] and len(two_stderr) <= 4, two_stderr
    assert _foreign_lines(dask_stderr) == [] and len(dask_stderr) <= 4, dask_stderr


@pytest.mark.slow
def test_verbose_brings_the_worker_logs_back(tmp_path):
    _, stderr = _run(tmp_path, 'verbose', '--direct_running_mode=multi_processing',
                     '--direct_num_workers=2', '-v')
    worker_lines = [line for line in stderr if 'sdk_worker' in line]
    assert len(worker_lines) >= 4, stderr
    assert not any('--output=' in line for line in stderr if 'Discarding' in line)
