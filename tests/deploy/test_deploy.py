"""The shipped deployment files (deploy/): systemd units, crontab, cron wrapper, README.

Fast and without root or a running systemd: the units are parsed with configparser, the crontab
line is split into its fields, the cron wrapper is run for real against a fake ``newsbeam``, and
``systemd-analyze`` is used only where it is installed.
"""
from __future__ import annotations

import configparser
import os
import re
import shlex
import shutil
import stat
import subprocess

import pytest

from pipeline.outputs import check_template, latest_base

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEPLOY = os.path.join(ROOT, 'deploy')
SERVICE = os.path.join(DEPLOY, 'systemd', 'newsbeam.service')
TIMER = os.path.join(DEPLOY, 'systemd', 'newsbeam.timer')
CRONTAB = os.path.join(DEPLOY, 'crontab.example')
WRAPPER = os.path.join(DEPLOY, 'newsbeam-cron.sh')
DEPLOY_README = os.path.join(DEPLOY, 'README.md')
README = os.path.join(ROOT, 'README.md')

EXIT_STATUSES = (0, 1, 2, 3, 75)
STATE_ROOT = '/var/lib/newsbeam'


# -- reading systemd unit files -------------------------------------------------------------------

class _MultiDict(dict):
    """configparser's option store that keeps every assignment of a repeated key (systemd
    allows ``Key=`` several times; each adds to the list, an empty one resets it)."""

    def __setitem__(self, key, value):
        if isinstance(value, list) and key in self and isinstance(self[key], list):
            self[key].extend(value)
        else:
            super().__setitem__(key, value)


def _unit_lines(text: str) -> list[str]:
    """The unit's lines with backslash continuations joined, as systemd reads them."""
    lines: list[str] = []
    pending: str | None = None
    for raw in text.splitlines():
        if pending is not None and raw.lstrip().startswith(('#', ';')):
            continue  # systemd skips comment lines inside a continuation
        if raw.rstrip().endswith('\\'):
            part = raw.rstrip()[:-1].rstrip()
            pending = part if pending is None else f'{pending} {part.strip()}'
            continue
        lines.append(raw if pending is None else f'{pending} {raw.strip()}')
        pending = None
    if pending is not None:
        lines.append(pending)
    return lines


def parse_unit_text(text: str) -> dict[str, dict[str, list[str]]]:
    """``{section: {key: [every value assigned, in order]}}``."""
    parser = configparser.ConfigParser(
        strict=False, interpolation=None, delimiters=('=',), comment_prefixes=('#', ';'),
        inline_comment_prefixes=None, empty_lines_in_values=False, dict_type=_MultiDict,
        default_section='__no_default__')
    parser.optionxform = str  # systemd keys are case-sensitive
    parser.read_string('\n'.join(_unit_lines(text)) + '\n')
    return {section: {key: parser[section][key].split('\n') for key in parser[section]}
            for section in parser.sections()}


def parse_unit(path: str) -> dict[str, dict[str, list[str]]]:
    with open(path, encoding='utf-8') as handle:
        return parse_unit_text(handle.read())


def last(unit: dict, section: str, key: str) -> str:
    values = unit[section].get(key)
    assert values, f'[{section}] {key}= is not set'
    return values[-1]


def words(unit: dict, section: str, key: str) -> list[str]:
    """Every word of a list-valued setting, honouring systemd's 'empty assignment resets'."""
    out: list[str] = []
    for value in unit[section].get(key, []):
        out = [] if not value.strip() else out + value.split()
    return out


def seconds(span: str) -> float:
    """A systemd time span such as ``2min``, ``90s``, ``1h 30min`` or ``120``, in seconds."""
    units = {'': 1, 's': 1, 'sec': 1, 'second': 1, 'seconds': 1, 'm': 60, 'min': 60,
             'minute': 60, 'minutes': 60, 'h': 3600, 'hr': 3600, 'hour': 3600, 'hours': 3600}
    total = 0.0
    for number, unit in re.findall(r'(\d+(?:\.\d+)?)\s*([a-z]*)', span):
        total += float(number) * units[unit]
    return total


def _content_lines(path: str) -> list[str]:
    with open(path, encoding='utf-8') as handle:
        return [line for line in handle.read().splitlines()
                if line.strip() and not line.lstrip().startswith(('#', ';'))]


def test_unit_parser_keeps_repeated_keys_and_continuations():
    unit = parse_unit_text('[Service]\nSystemCallFilter=@system-service\n'
                           'SystemCallFilter=~@privileged\nCapabilityBoundingSet=\n'
                           'ExecStart=/bin/x run \\\n    --a 1 \\\n    --b "{run_id}"\n')
    assert unit['Service']['SystemCallFilter'] == ['@system-service', '~@privileged']
    assert unit['Service']['CapabilityBoundingSet'] == ['']
    assert last(unit, 'Service', 'ExecStart') == '/bin/x run --a 1 --b "{run_id}"'


# -- newsbeam.service -----------------------------------------------------------------------------

@pytest.fixture(scope='module')
def service():
    return parse_unit(SERVICE)


def _exec_start(service) -> list[str]:
    starts = [v for v in service['Service']['ExecStart'] if v.strip()]
    assert len(starts) == 1, 'one ExecStart= command'
    return shlex.split(starts[0])


def _option(argv: list[str], name: str) -> str:
    for i, arg in enumerate(argv):
        if arg == name:
            return argv[i + 1]
        if arg.startswith(name + '='):
            return arg.split('=', 1)[1]
    raise AssertionError(f'{name} not given in {argv}')


def test_service_is_a_oneshot_run_of_a_dedicated_user(service):
    s = 'Service'
    assert last(service, s, 'Type') == 'oneshot'
    dynamic = service[s].get('DynamicUser', ['no'])[-1] in ('yes', 'true', '1', 'on')
    user = service[s].get('User', [''])[-1]
    assert dynamic or user not in ('', 'root', '0'), 'runs as a dedicated user, never root'
    assert last(service, s, 'StateDirectory').split() == ['newsbeam']
    assert last(service, s, 'UMask') == '0027'


def test_service_exec_start_runs_newsbeam_with_a_templated_output_and_state(service):
    argv = _exec_start(service)
    assert os.path.basename(argv[0]) == 'newsbeam' and argv[1] == 'run', \
        'newsbeam itself is the main process (no shell in between), so SIGTERM reaches it'
    output = _option(argv, '--output')
    state = _option(argv, '--state')
    assert '{run_id}' in output, 'every run writes its own directory'
    check_template(output)  # only fields newsbeam knows
    assert output.startswith(STATE_ROOT + '/runs/')
    assert latest_base(output) == STATE_ROOT + '/runs'
    assert 'latest' not in output.split('/'), 'runs/latest is a pointer, not an output dir'
    assert state == STATE_ROOT + '/state'
    assert _option(argv, '--config') == '/etc/newsbeam/config.yaml'


def test_service_maps_the_exit_statuses(service):
    s = 'Service'
    assert '75' in words(service, s, 'SuccessExitStatus'), 'a skipped run is not a failure'
    assert last(service, s, 'Restart') == 'on-failure'
    prevent = set(words(service, s, 'RestartPreventExitStatus'))
    assert {'2', '3', '75'} <= prevent, 'only exit 1 (and signals/timeouts) is retried'
    assert '1' not in prevent
    assert seconds(last(service, s, 'RestartSec')) >= 60


def test_service_stops_a_run_with_sigterm_and_gives_it_time_to_undo(service):
    s = 'Service'
    assert last(service, s, 'KillSignal') == 'SIGTERM'
    assert seconds(last(service, s, 'TimeoutStopSec')) >= 30
    assert last(service, s, 'KillMode') in ('mixed', 'control-group')
    assert seconds(last(service, s, 'TimeoutStartSec')) >= 15 * 60


HARDENING = {
    'NoNewPrivileges': 'yes', 'ProtectSystem': 'strict', 'ProtectHome': 'yes',
    'PrivateTmp': 'yes', 'PrivateDevices': 'yes', 'ProtectKernelTunables': 'yes',
    'ProtectKernelModules': 'yes', 'ProtectKernelLogs': 'yes', 'ProtectControlGroups': 'yes',
    'ProtectClock': 'yes', 'ProtectHostname': 'yes', 'RestrictNamespaces': 'yes',
    'RestrictRealtime': 'yes', 'RestrictSUIDSGID': 'yes', 'LockPersonality': 'yes',
    'MemoryDenyWriteExecute': 'yes', 'SystemCallArchitectures': 'native',
}


@pytest.mark.parametrize('key,value', sorted(HARDENING.items()))
def test_service_hardening(service, key, value):
    assert last(service, 'Service', key) == value


def test_service_capabilities_syscalls_and_address_families(service):
    s = 'Service'
    assert words(service, s, 'CapabilityBoundingSet') == [], 'no capabilities at all'
    assert words(service, s, 'AmbientCapabilities') == []
    assert '@system-service' in words(service, s, 'SystemCallFilter')
    assert set(words(service, s, 'RestrictAddressFamilies')) == {'AF_INET', 'AF_INET6', 'AF_UNIX'}
    # writable: only what StateDirectory= gives (/var/lib/newsbeam) and what is listed here
    for path in words(service, s, 'ReadWritePaths'):
        assert path.lstrip('-').startswith(STATE_ROOT), path


def test_service_keeps_secrets_out_of_the_unit(service):
    s = 'Service'
    env_files = service[s].get('EnvironmentFile', [])
    assert env_files and env_files[-1].startswith('-/etc/newsbeam/'), \
        'secrets come from an optional root-owned file'
    for assignment in words(service, s, 'Environment'):
        name = assignment.split('=', 1)[0]
        assert not re.search(r'URL|PASSWORD|SECRET|TOKEN|KEY', name), assignment


@pytest.mark.parametrize('path', [SERVICE, TIMER])
def test_units_have_no_percent_sign_that_systemd_would_read_as_a_specifier(path):
    for line in _content_lines(path):
        assert '%' not in line.replace('%%', ''), f'{os.path.basename(path)}: {line}'


@pytest.mark.parametrize('path', [SERVICE, TIMER, CRONTAB, WRAPPER])
def test_no_external_flock(path):
    for line in _content_lines(path):
        assert 'flock' not in line, f'newsbeam locks its state itself: {line}'


# -- newsbeam.timer -------------------------------------------------------------------------------

def test_timer_runs_every_15_minutes_persistently_with_a_small_random_delay():
    timer = parse_unit(TIMER)
    t = 'Timer'
    calendar = timer[t].get('OnCalendar', [])
    active = timer[t].get('OnUnitActiveSec', [])
    assert calendar or active
    if calendar:
        assert calendar[-1].replace(' ', '') in ('*:0/15', '*:00/15', '*-*-**:00/15:00',
                                                 '*:00,15,30,45', '*:0,15,30,45')
    else:
        assert seconds(active[-1]) == 15 * 60
    assert last(timer, t, 'Persistent') in ('yes', 'true')
    assert 0 < seconds(last(timer, t, 'RandomizedDelaySec')) <= 5 * 60
    assert timer[t].get('Unit', ['newsbeam.service'])[-1] == 'newsbeam.service'
    assert last(timer, 'Install', 'WantedBy') == 'timers.target'


# -- systemd-analyze (where installed) ------------------------------------------------------------

SYSTEMD_ANALYZE = shutil.which('systemd-analyze')
needs_systemd_analyze = pytest.mark.skipif(
    SYSTEMD_ANALYZE is None, reason='systemd-analyze is not installed on this machine; the '
                                    'units are still checked by the configparser tests above')


def _units_in(tmp_path) -> tuple[str, str]:
    """Copies of the units whose ExecStart points at a fake executable (verify checks that the
    command exists; /opt/newsbeam is not installed here)."""
    fake = tmp_path / 'newsbeam'
    fake.write_text('#!/bin/sh\nexit 0\n')
    fake.chmod(0o755)
    with open(SERVICE, encoding='utf-8') as handle:
        text = handle.read()
    assert '/opt/newsbeam/.venv/bin/newsbeam' in text
    service = tmp_path / 'newsbeam.service'
    service.write_text(text.replace('/opt/newsbeam/.venv/bin/newsbeam', str(fake)))
    timer = tmp_path / 'newsbeam.timer'
    shutil.copy(TIMER, timer)
    return str(service), str(timer)


@needs_systemd_analyze
def test_systemd_analyze_verify_accepts_the_units(tmp_path):
    service, timer = _units_in(tmp_path)
    done = subprocess.run([SYSTEMD_ANALYZE, 'verify', '--man=no', service, timer],
                          capture_output=True, text=True, timeout=60)
    about_ours = [line for line in (done.stdout + done.stderr).splitlines()
                  if 'newsbeam.' in line]
    assert done.returncode == 0 and not about_ours, done.stdout + done.stderr


@needs_systemd_analyze
def test_systemd_analyze_security_rates_the_service_well(tmp_path):
    service, _ = _units_in(tmp_path)
    done = subprocess.run([SYSTEMD_ANALYZE, 'security', '--offline=true', '--no-pager', service],
                          capture_output=True, text=True, timeout=60)
    found = re.search(r'Overall exposure level for \S+: ([\d.]+)', done.stdout + done.stderr)
    if done.returncode != 0 and not found:
        pytest.skip(f'this systemd-analyze cannot rate a unit offline (needs systemd 250+): '
                    f'{(done.stderr or done.stdout).strip().splitlines()[-1:]}')
    assert found, done.stdout + done.stderr
    assert float(found.group(1)) <= 2.0, done.stdout


@needs_systemd_analyze
def test_systemd_analyze_reads_the_calendar_as_every_15_minutes():
    timer = parse_unit(TIMER)
    calendar = timer['Timer'].get('OnCalendar')
    if not calendar:
        pytest.skip('the timer uses OnUnitActiveSec=, not OnCalendar=')
    done = subprocess.run([SYSTEMD_ANALYZE, 'calendar', calendar[-1]], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert re.search(r'Normalized form: \*-\*-\* \*:00/15:00', done.stdout), done.stdout


# -- crontab.example ------------------------------------------------------------------------------

def _crontab():
    env, jobs = {}, []
    for line in _content_lines(CRONTAB):
        match = re.match(r'^([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$', line)
        if match and not line.startswith(('*', '@')) and not line[0].isdigit():
            env[match.group(1)] = match.group(2)
        else:
            jobs.append(line)
    return env, jobs


def test_crontab_line_runs_the_wrapper_every_15_minutes_with_template_and_state():
    env, jobs = _crontab()
    assert len(jobs) == 1, jobs
    fields = jobs[0].split(None, 5)
    assert len(fields) == 6, 'five schedule fields and the command (a user crontab)'
    assert fields[:5] == ['*/15', '*', '*', '*', '*']
    command = fields[5]
    assert not re.search(r'(?<!\\)%', command), 'an unescaped % ends the command in a crontab'
    argv = shlex.split(command)
    assert os.path.basename(argv[0]) == 'newsbeam-cron.sh'
    output = _option(argv, '--output')
    assert '{run_id}' in output and output.startswith(STATE_ROOT + '/runs/')
    check_template(output)
    assert latest_base(output) == STATE_ROOT + '/runs'
    assert _option(argv, '--state') == STATE_ROOT + '/state'
    assert _option(argv, '--config') == '/etc/newsbeam/config.yaml'
    # the quoted template reaches newsbeam as it is written (braces untouched by the shell)
    assert f"'{output}'" in command
    assert '/opt/newsbeam/.venv/bin' in env.get('PATH', '').split(':'), \
        'the wrapper finds newsbeam on the crontab PATH'


# -- newsbeam-cron.sh -----------------------------------------------------------------------------

def _shells() -> list[list[str]]:
    found = []
    for name, argv in (('sh', ['sh']), ('dash', ['dash']), ('bash', ['bash', '--posix'])):
        path = shutil.which(name)
        if path:
            found.append([path] + argv[1:])
    return found


SHELLS = _shells()
needs_shell = pytest.mark.skipif(not SHELLS, reason='no POSIX shell found')


def test_wrapper_is_executable_and_says_it_is_posix_sh():
    with open(WRAPPER, encoding='utf-8') as handle:
        first = handle.readline().strip()
    assert first == '#!/bin/sh'
    assert os.stat(WRAPPER).st_mode & stat.S_IXUSR
    assert 'set -u' in _content_lines(WRAPPER)


@needs_shell
@pytest.mark.parametrize('shell', SHELLS, ids=lambda argv: ' '.join(os.path.basename(a)
                                                                     for a in argv))
def test_wrapper_syntax(shell):
    done = subprocess.run(shell + ['-n', WRAPPER], capture_output=True, text=True, timeout=30)
    assert done.returncode == 0, done.stderr


def test_wrapper_has_no_obvious_bashisms():
    bashisms = [r'\[\[', r'\bfunction\b', r'\blocal\b', r'\$\{[^}]*//', r'<<<', r'\$\(\(.*\+\+',
                r'\bsource\b', r'&>', r'\bdeclare\b', r'\$\{[A-Za-z_]+:[0-9]', r'==']
    for line in _content_lines(WRAPPER):
        for pattern in bashisms:
            assert not re.search(pattern, line), f'{pattern!r} in: {line}'
    checker = shutil.which('checkbashisms')
    if checker:
        done = subprocess.run([checker, WRAPPER], capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, done.stdout + done.stderr


FAKE_NEWSBEAM = r'''#!/bin/sh
printf '%s\n' "$@" > "$FAKE_ARGS"
printf 'probe=%s\n' "${FAKE_PROBE:-unset}" >> "$FAKE_ARGS"
echo "fake newsbeam output"
echo "fake newsbeam log line" >&2
exit "${FAKE_STATUS:-0}"
'''


@pytest.fixture
def fake_newsbeam(tmp_path):
    bindir = tmp_path / 'bin'
    bindir.mkdir()
    fake = bindir / 'newsbeam'
    fake.write_text(FAKE_NEWSBEAM)
    fake.chmod(0o755)

    def run(status: int, *args: str, shell=None, **env_extra) -> subprocess.CompletedProcess:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(('NEWSBEAM_', 'FAKE_'))}
        env.update(PATH=f'{bindir}{os.pathsep}{env.get("PATH", "/usr/bin:/bin")}',
                   FAKE_STATUS=str(status), FAKE_ARGS=str(tmp_path / 'args'), **env_extra)
        return subprocess.run((shell or [shutil.which('sh')]) + [WRAPPER, *args], env=env,
                              capture_output=True, text=True, timeout=30, cwd=tmp_path)

    run.args = lambda: (tmp_path / 'args').read_text().splitlines()
    return run


EXPECTED = {0: 0, 1: 1, 2: 2, 3: 3, 75: 0}


@needs_shell
@pytest.mark.parametrize('shell', SHELLS, ids=lambda argv: ' '.join(os.path.basename(a)
                                                                     for a in argv))
@pytest.mark.parametrize('status', EXIT_STATUSES)
def test_wrapper_maps_exit_statuses(fake_newsbeam, status, shell):
    done = fake_newsbeam(status, '--config', 'c.yaml', '--output', 'runs/{date}/{run_id}',
                         shell=shell)
    assert done.returncode == EXPECTED[status], done.stderr
    output = done.stdout + done.stderr
    assert 'fake newsbeam output' in done.stdout  # passed through without NEWSBEAM_LOG
    assert f'(exit {status})' in output
    if status == 75:
        assert re.search(r'newsbeam-cron: skipped', output), output
    else:
        assert 'skipped' not in output
    assert fake_newsbeam.args()[:5] == ['run', '--config', 'c.yaml', '--output',
                                        'runs/{date}/{run_id}']


def test_wrapper_passes_an_unexpected_status_through(fake_newsbeam):
    done = fake_newsbeam(9)
    assert done.returncode == 9
    assert 'unexpected exit status 9' in done.stderr


@pytest.mark.parametrize('status', EXIT_STATUSES)
def test_wrapper_with_a_log_is_quiet_unless_a_person_should_look(fake_newsbeam, tmp_path,
                                                                 status):
    log = tmp_path / 'newsbeam.log'
    done = fake_newsbeam(status, NEWSBEAM_LOG=str(log))
    assert done.returncode == EXPECTED[status]
    text = log.read_text()
    assert 'fake newsbeam output' in text and 'fake newsbeam log line' in text
    assert f'(exit {status})' in text
    if status in (0, 75):
        assert done.stdout == '' and done.stderr == '', 'cron mails nothing'
        if status == 75:
            assert 'newsbeam-cron: skipped' in text
    else:
        assert done.stdout == ''
        assert f'(exit {status})' in done.stderr and 'fake newsbeam' not in done.stderr


def test_wrapper_refuses_an_unwritable_log_without_running(fake_newsbeam, tmp_path):
    done = fake_newsbeam(0, NEWSBEAM_LOG=str(tmp_path / 'missing' / 'newsbeam.log'))
    assert done.returncode == 2
    assert 'cannot write to NEWSBEAM_LOG' in done.stderr
    assert not (tmp_path / 'args').exists(), 'newsbeam was not started'


def test_wrapper_exports_the_env_file(fake_newsbeam, tmp_path):
    env_file = tmp_path / 'env'
    env_file.write_text('FAKE_PROBE=redis://:secret@localhost:6379/0\n')
    done = fake_newsbeam(0, NEWSBEAM_ENV_FILE=str(env_file))
    assert done.returncode == 0, done.stderr
    assert 'probe=redis://:secret@localhost:6379/0' in fake_newsbeam.args()
    done = fake_newsbeam(0, NEWSBEAM_ENV_FILE=str(tmp_path / 'absent'))
    assert done.returncode == 2 and 'cannot read NEWSBEAM_ENV_FILE' in done.stderr


def test_wrapper_reports_a_missing_newsbeam(tmp_path):
    env = {'PATH': '/usr/bin:/bin', 'NEWSBEAM_BIN': str(tmp_path / 'nowhere' / 'newsbeam')}
    done = subprocess.run([shutil.which('sh'), WRAPPER], env=env, capture_output=True,
                          text=True, timeout=30)
    assert done.returncode == 127
    assert 'unexpected exit status 127' in done.stderr


# -- the READMEs ----------------------------------------------------------------------------------

def _table_statuses(text: str) -> dict[int, str]:
    """Exit statuses that start a markdown table row (``| `75` | ... |``), with the row."""
    rows = {}
    for line in text.splitlines():
        match = re.match(r'^\|\s*`?(\d+)`?\s*\|', line)
        if match:
            rows[int(match.group(1))] = line
    return rows


def _read(path: str) -> str:
    with open(path, encoding='utf-8') as handle:
        return handle.read()


def test_deploy_readme_documents_each_exit_status():
    rows = _table_statuses(_read(DEPLOY_README))
    assert set(rows) == set(EXIT_STATUSES), rows
    assert 'retry' in rows[1].lower()
    assert 'fixed' in rows[2].lower() or 'fix' in rows[2].lower()
    assert 'alert' in rows[3].lower()
    assert 'lock' in rows[75].lower() and 'next tick' in rows[75].lower()


def test_deploy_readme_describes_runs_and_recovery_not_the_old_setup():
    text = _read(DEPLOY_README)
    for needed in ('runs/latest', 'LATEST', 'run.json', '{run_id}', 'state.sqlite.lock',
                   '_incomplete/', 'killed'):
        assert needed in text, needed
    assert 'flock -n' not in text
    assert not re.search(r'--output\s+\S*runs/latest', text), 'latest is not an output dir'


def test_readme_has_the_schedule_section_with_the_exit_status_table():
    text = _read(README)
    start = text.index('## Running on a schedule')
    assert text.index('## Running it') < start < text.index('## What happens to an item')
    section = text[start:text.index('\n## ', start + 1)]
    assert set(_table_statuses(section)) == set(EXIT_STATUSES)
    assert 'deploy/' in section and '{run_id}' in section and 'run.json' in section
    assert not re.search(r'--output\s+\S*runs/latest', text)
    assert 'flock -n' not in text
