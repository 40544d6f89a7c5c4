"""Run every benchmark (or one: ``python -m benchmarks NAME [ARGS...]``) and save the figures."""
from __future__ import annotations

import importlib
import sys
import time

import orjson

NAMES = ('pipeline', 'normalize', 'dedup', 'tag', 'fetch', 'sinks', 'streaming')


def main(argv: list[str]) -> int:
    names = NAMES if not argv else (argv[0],)
    rest = argv[1:]
    if any(name not in NAMES for name in names):
        print(f'unknown benchmark {names[0]!r}; choose from {", ".join(NAMES)}', file=sys.stderr)
        return 2
    results = {}
    for name in names:
        print(f'== {name}', flush=True)
        started = time.perf_counter()
        results[name] = importlib.import_module(f'benchmarks.{name}').main(rest)
        print(f'   ({time.perf_counter() - started:.1f} s)', flush=True)
    with open('benchmark-results.json', 'wb') as handle:
        handle.write(orjson.dumps(results, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS,
                                  default=str))
    print('figures saved to benchmark-results.json')
    return 0


sys.exit(main(sys.argv[1:]))
