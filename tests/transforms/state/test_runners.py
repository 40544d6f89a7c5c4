"""The rule that refuses node-local state on runners whose workers do not share the disk."""
import re

import pytest

from transforms.state import StateConfig, check_state_reach
from transforms.state.runners import runner_key

LOCAL = StateConfig(dir='/var/lib/newsbeam/state')
SQLITE_URL = StateConfig(url='sqlite:////var/lib/newsbeam/state.sqlite')
POSTGRES = StateConfig(url='postgresql://newsbeam@db/news')
REDIS = StateConfig(url='redis://cache:6379/0')


@pytest.mark.parametrize('given, key', [
    (None, 'direct'), ('', 'direct'), ('DirectRunner', 'direct'), ('direct', 'direct'),
    ('DataflowRunner', 'dataflow'), ('dataflow', 'dataflow'), ('FLINKRUNNER', 'flink'),
    ('apache_beam.runners.dask.dask_runner.DaskRunner', 'dask'), ('PrismRunner', 'prism'),
    ('apache_beam.runners.portability.fn_api_runner.FnApiRunner', 'fnapi'),
])
def test_runner_names_are_read_as_beam_reads_them(given, key):
    assert runner_key(given) == key


@pytest.mark.parametrize('runner', [None, 'DirectRunner', 'direct', 'BundleBasedDirectRunner',
                                    'SwitchingDirectRunner', 'FnApiRunner', 'PrismRunner',
                                    'InteractiveRunner', 'TestDirectRunner'])
@pytest.mark.parametrize('state', [LOCAL, SQLITE_URL])
def test_local_state_is_fine_where_workers_share_the_disk(runner, state):
    check_state_reach(state, runner, {})


@pytest.mark.parametrize('runner', ['DataflowRunner', 'FlinkRunner', 'SparkRunner',
                                    'PortableRunner', 'flink', 'my.company.CustomRunner'])
@pytest.mark.parametrize('state', [LOCAL, SQLITE_URL])
def test_local_state_is_refused_on_distributed_runners(runner, state):
    with pytest.raises(ValueError) as info:
        check_state_reach(state, runner, {})
    message = str(info.value)
    assert '\n' not in message
    assert f'--runner={runner}' in message
    assert (state.dir or state.url) in message
    for hint in ('state.url_env', 'postgresql://', 'redis://', 'state.shared_filesystem: true'):
        assert hint in message


@pytest.mark.parametrize('runner', ['DataflowRunner', 'FlinkRunner', 'SparkRunner',
                                    'PortableRunner', 'DaskRunner'])
@pytest.mark.parametrize('state', [POSTGRES, REDIS, None])
def test_shared_stores_and_no_state_pass_everywhere(runner, state):
    check_state_reach(state, runner, {'dask_client_address': '10.0.0.5:8786',
                                      'environment_type': 'DOCKER'})


def test_a_declared_shared_filesystem_passes():
    check_state_reach(LOCAL, 'DataflowRunner', {}, shared_filesystem=True)
    check_state_reach(LOCAL, 'DirectRunner', {'environment_type': 'DOCKER'},
                      shared_filesystem=True)


@pytest.mark.parametrize('address', [None, '', '127.0.0.1:8786', 'tcp://127.0.0.1:8786',
                                     'localhost:8786', 'tcp://localhost:8786', '[::1]:8786',
                                     'tcp://[::1]:8786', 'inproc://10.0.0.5/1/2', '127.0.0.2'])
def test_dask_on_this_machine_may_use_local_state(address):
    check_state_reach(LOCAL, 'DaskRunner', {'dask_client_address': address})


@pytest.mark.parametrize('address', ['10.0.0.5:8786', 'tcp://scheduler.internal:8786',
                                     'tls://[2001:db8::1]:8786', 'scheduler:8786'])
def test_dask_with_a_remote_scheduler_is_refused(address):
    with pytest.raises(ValueError, match=re.escape(f'scheduler {address}')):
        check_state_reach(LOCAL, 'DaskRunner', {'dask_client_address': address})


@pytest.mark.parametrize('environment', ['DOCKER', 'docker', 'EXTERNAL'])
def test_workers_in_containers_do_not_share_the_disk(environment):
    with pytest.raises(ValueError, match='--environment_type='):
        check_state_reach(LOCAL, 'PrismRunner', {'environment_type': environment})


@pytest.mark.parametrize('environment', ['LOOPBACK', 'PROCESS', None])
def test_workers_in_local_processes_share_the_disk(environment):
    check_state_reach(LOCAL, 'PrismRunner', {'environment_type': environment})



def test_dask_remote_scheduler_refused_under_beams_option_name():
    """Beam's DaskOptions stores --dask_client_address as ``address`` (``dest='address'``):
    that is the key ``PipelineOptions.get_all_options()`` hands the check."""
    with pytest.raises(ValueError, match='scheduler.example'):
        check_state_reach(LOCAL, 'DaskRunner', {'address': 'tcp://scheduler.example:8786'})
