"""The Dataflow Flex Template's entry point (FLEX_TEMPLATE_PYTHON_PY_FILE): template parameters
in, ``newsbeam run`` on the DataflowRunner out.

The launcher calls ``python main.py --config=... --input=... --output=... [--state_url=...]
[--state_url_secret=...] --runner=DataflowRunner --project=... --region=... ...``. newsbeam's
own flags and Beam's pass through to ``newsbeam run`` as they are. The state parameters are
taken out and put where the config looks for them: the environment variable
``NEWSBEAM_STATE_URL``, which the template's config (``state.url_env``) names.

* ``state_url``: a shared state URL *without* a password (job parameters are shown in the
  Dataflow console): e.g. Cloud SQL with IAM database authentication. One with a password is
  refused (exit 2).
* ``state_url_secret``: a Secret Manager secret version
  (``projects/P/secrets/S/versions/latest``) whose value is the whole URL, password included.

Without either, the config's own state is used -- node-local state is refused on Dataflow
(exit 2) unless the config declares ``state.shared_filesystem``.
"""
from __future__ import annotations

import os
import sys
from typing import Callable

__all__ = ['split_state_args', 'main', 'STATE_URL_ENV', 'DEFAULT_CONFIG']

STATE_URL_ENV = 'NEWSBEAM_STATE_URL'
DEFAULT_CONFIG = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'config.yaml')
_STATE_FLAGS = ('--state_url', '--state_url_secret')


class TemplateError(ValueError):
    """A bad template parameter (exit 2, one line)."""


def split_state_args(argv: list[str]) -> tuple[list[str], dict[str, str]]:
    """``argv`` without the state parameters, and those parameters by name (``state_url``,
    ``state_url_secret``). Both ``--name=value`` and ``--name value`` are read."""
    rest, found = [], {}
    i = 0
    while i < len(argv):
        arg = argv[i]
        name, eq, value = arg.partition('=')
        if name in _STATE_FLAGS:
            if not eq:
                if i + 1 >= len(argv):
                    raise TemplateError(f'{name} needs a value')
                i += 1
                value = argv[i]
            found[name[2:]] = value
        else:
            rest.append(arg)
        i += 1
    return rest, found


def _secret_value(name: str) -> str:
    """The payload of a Secret Manager secret version (google-cloud-secret-manager)."""
    from google.cloud import secretmanager  # installed in the template image
    client = secretmanager.SecretManagerServiceClient()
    return client.access_secret_version(name=name).payload.data.decode('utf-8').strip()


def state_url(params: dict[str, str], fetch_secret: Callable[[str], str] = _secret_value
              ) -> str | None:
    """The state URL the parameters give, or ``None``."""
    from transforms.redact import redact_url
    from transforms.state import url_password
    if params.get('state_url') and params.get('state_url_secret'):
        raise TemplateError('give state_url or state_url_secret, not both')
    if params.get('state_url'):
        where = url_password(params['state_url'])
        if where:
            raise TemplateError(f'state_url: a password in a job parameter is refused ({where} '
                                f'of {redact_url(params["state_url"])}); use state_url_secret')
        return params['state_url']
    if params.get('state_url_secret'):
        return fetch_secret(params['state_url_secret'])
    return None


def main(argv: list[str] | None = None,
         fetch_secret: Callable[[str], str] = _secret_value) -> int:
    from pipeline.cli import main as newsbeam
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        rest, params = split_state_args(argv)
        url = state_url(params, fetch_secret)
    except TemplateError as exc:
        print(f'newsbeam: error: {exc}', file=sys.stderr)
        return 2
    if url:
        os.environ[STATE_URL_ENV] = url
    if not any(a == '--config' or a.startswith('--config=') for a in rest):
        rest = ['--config', DEFAULT_CONFIG, *rest]
    return newsbeam(['run', *rest])


if __name__ == '__main__':
    sys.exit(main())
