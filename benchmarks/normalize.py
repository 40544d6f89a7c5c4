"""Normalization benchmark: throughput of ``normalize_record`` and the cost of each step.

Run ``python -m benchmarks.normalize`` (a few seconds) or ``python -m benchmarks normalize``.
Two corpora, both built in memory:

* ``feed``: ``--items`` synthetic feed entries shaped like what the feed reader emits for the
  realistic feeds of :mod:`benchmarks.feeds_corpus` (headline, HTML lead, 3-8 HTML paragraphs,
  RFC 822 date, tracking parameters on the link, a category) in five languages;
* ``feeds``: the entries of the RSS files :func:`benchmarks.feeds_corpus.write_corpus` writes for
  the whole-pipeline benchmark, read by the feed reader (feedparser) as ``newsbeam run`` reads
  them (``--items`` entries, 25 per file);
* ``golden``: every raw input of the golden corpus (``tests/data/normalize``), the
  seed article and its variants included, repeated to ``--items`` records.

Reports per corpus items/s and us/item for the whole ``normalize_record`` (models warm, memos
empty at the start of each pass; the golden corpus repeats its ~100 records, so its language
and byline memos hit where the feed corpora's rarely do), then
the cost per call of each step on the feed corpus's inputs, and returns the figures as a dict.
Times are CPU time of this process, best of ``--repeat`` passes.
``--languages`` adds a comparison of language detectors on the labelled samples (lingua is
included when installed); ``--beam-items N`` times ``NormalizeItems`` on the DirectRunner.
"""
from __future__ import annotations

import argparse
import datetime as dt
import pathlib
import random
import time
from email.utils import format_datetime
from html import escape

import yaml

from benchmarks.feeds_corpus import DAYS, NOUNS, ORGS, PEOPLE, PLACES, TEMPLATES, VERBS
from transforms.context import RunContext
from transforms.formats.article import parse_article_text
from transforms.model import new_raw_record
from transforms.normalize import NormalizeError, Normalizer, NormalizeSettings
from transforms.normalize.authors import clean_authors
from transforms.normalize.dates import parse_date, parse_rfc3339
from transforms.normalize.ids import item_id
from transforms.normalize.text import clean_line, clean_text, html_to_text
from transforms.normalize.urls import registrable_domain
from transforms.settings import from_mapping

__all__ = ['main', 'feed_records', 'feeds_corpus_records', 'golden_records']

DATA = pathlib.Path(__file__).resolve().parents[1] / 'tests' / 'data' / 'normalize'
RUN = RunContext(run_id='bench', started_at='2026-11-27T06:00:00Z')


def _sentence(rng: random.Random, lang: str) -> str:
    return rng.choice(TEMPLATES[lang]).format(
        place=rng.choice(PLACES), place2=rng.choice(PLACES), person=rng.choice(PEOPLE),
        org=rng.choice(ORGS), noun=rng.choice(NOUNS), verb=rng.choice(VERBS),
        day=rng.choice(DAYS))


def feed_records(count: int, seed: int = 7) -> list[dict]:
    """Raw records as the feed reader emits them for realistic RSS entries."""
    rng = random.Random(seed)
    records = []
    for n in range(count):
        lang = rng.choices(list(TEMPLATES), weights=[6, 2, 1, 1, 1])[0]
        paragraphs = [' '.join(_sentence(rng, lang) for _ in range(rng.randint(2, 4)))
                      for _ in range(rng.randint(3, 8))]
        host = f'feed{n % 40}.example.com'
        when = dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=37 * n)
        records.append(new_raw_record(
            kind='feed', location=f'https://{host}/rss.xml', fmt='rss20', parser='feedparser',
            entry=n % 25,
            title=f'{rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(NOUNS)} ({n})',
            url=f'https://{host}/news/{n}?utm_source=rss&utm_medium=feed&ref=home',
            guid=f'{host}-{n}',
            summary=escape(paragraphs[0][:200]),
            body=''.join(f'<p>{escape(p)}</p>' for p in paragraphs),
            published=format_datetime(when),
            authors=[f'By {rng.choice(PEOPLE)}, Staff Writer'],
            categories=[rng.choice(['World', 'Economy', 'Politics', 'Sport', 'Science'])],
            source={'name': host, 'domain': host},
            hints={'html': ['summary', 'body'], 'base_url': f'https://{host}/'},
        ))
    return records


def feeds_corpus_records(count: int) -> list[dict]:
    """Raw records of the whole-pipeline benchmark's RSS files, as the feed reader emits them."""
    import tempfile

    from benchmarks.feeds_corpus import write_corpus
    from transforms.formats.feed import parse_feed_bytes
    records: list[dict] = []
    with tempfile.TemporaryDirectory(prefix='newsbeam-bench-') as directory:
        for path in write_corpus(directory, files=max(1, -(-count // 25)), entries=25):
            with open(path, 'rb') as handle:
                records.extend(parse_feed_bytes(handle.read(), path))
    return records[:count]


def golden_records() -> list[tuple[dict, NormalizeSettings]]:
    """Each golden case's raw record with its settings (error cases included)."""
    cases = yaml.safe_load((DATA / 'golden.yaml').read_text(encoding='utf-8'))
    out = []
    for case in cases:
        settings = from_mapping(NormalizeSettings, case.get('settings') or {}, 'normalize')
        if 'article_file' in case:
            raw = parse_article_text((DATA / case['article_file']).read_bytes().decode('utf-8'),
                                     case['article_file'])
        elif 'article_text' in case:
            raw = parse_article_text(case['article_text'], f"{case['name']}.txt")
        else:
            fields = dict(case['raw'])
            for field, name in (case.get('raw_files') or {}).items():
                fields[field] = (DATA / name).read_text(encoding='utf-8')
            repeat = fields.pop('body_repeat', None)
            if repeat:
                fields['body'] = repeat['text'] * repeat['times']
            fields.pop('kind', None)
            location = fields.pop('location', 'https://example.com/feed.xml')
            raw = new_raw_record(kind='feed', location=location, fmt='golden', parser='golden',
                                 entry=0, **fields)
        out.append((raw, settings))
    return out


def _clock() -> float:
    """CPU time of this process: on a machine shared with other jobs, wall time mostly
    measures the neighbours."""
    return time.process_time()


def _time_per_call(fn, args_list, repeat: int = 1) -> float:
    started = _clock()
    for _ in range(repeat):
        for args in args_list:
            fn(*args)
    return (_clock() - started) / (repeat * len(args_list)) * 1e6


def _throughput(records_with_normalizers) -> tuple[float, int]:
    # Each pass starts with empty memos, as a run that sees its records once does: otherwise the
    # second pass would find every byline, host and language sample of the first remembered.
    for normalizer in {id(n): n for _, n in records_with_normalizers}.values():
        normalizer._memos.clear()
    started = _clock()
    errors = 0
    for raw, normalizer in records_with_normalizers:
        try:
            normalizer(raw)
        except NormalizeError:
            errors += 1
    elapsed = _clock() - started
    return elapsed, errors


def main(argv=None) -> dict:
    parser = argparse.ArgumentParser(prog='benchmarks.normalize', description=__doc__.split('\n')[0])
    parser.add_argument('--items', type=int, default=2000, help='records per corpus (default 2000)')
    parser.add_argument('--repeat', type=int, default=3,
                        help='timed passes per corpus; the fastest is reported, since on a shared '
                             'machine the others measure the neighbours (default 3)')
    parser.add_argument('--languages', action='store_true',
                        help='also compare language detectors on the labelled samples')
    parser.add_argument('--beam-items', type=int, default=0,
                        help='also run NormalizeItems on the DirectRunner over this many feed '
                             'records (default 0: skipped)')
    args = parser.parse_args(argv)

    settings = NormalizeSettings()
    normalizer = Normalizer(settings, RUN)
    started = time.perf_counter()
    normalizer.warm_up()
    load_ms = (time.perf_counter() - started) * 1e3

    feed = feed_records(args.items)
    feeds = feeds_corpus_records(args.items)
    golden = golden_records()
    normalizers = {}
    golden_run = []
    for i in range(args.items):
        raw, case_settings = golden[i % len(golden)]
        key = repr(case_settings)  # settings hold a read-only mapping: not hashable
        if key not in normalizers:
            normalizers[key] = Normalizer(case_settings, RUN,
                                          language_model=normalizer.languages.model,
                                          domain_extractor=normalizer.domains)
        golden_run.append((raw, normalizers[key]))

    # Warm every code path once before timing.
    _throughput([(r, normalizer) for r in feed[:50]])
    _throughput([(r, normalizer) for r in feeds[:50]])
    _throughput(golden_run[:len(golden)])

    results = {'items': args.items, 'repeat': args.repeat, 'model_load_ms': round(load_ms, 1),
               'corpora': {}}
    for name, run in (('feed', [(r, normalizer) for r in feed]),
                      ('feeds', [(r, normalizer) for r in feeds]), ('golden', golden_run)):
        elapsed, errors = min(_throughput(run) for _ in range(max(1, args.repeat)))
        us = elapsed / len(run) * 1e6
        chars = sum(len(r.get('body') or '') + len(r.get('summary') or '') for r, _ in run)
        results['corpora'][name] = {
            'items_per_s': round(len(run) / elapsed), 'us_per_item': round(us, 1),
            'dead_lettered': errors, 'avg_input_chars': round(chars / len(run))}

    now = parse_rfc3339(RUN.started_at)
    bodies = [(r['body'],) for r in feed]
    cleaned = [normalizer(r) for r in feed]
    languages = normalizer.languages
    steps = {
        'html_to_text(body)': (html_to_text, bodies),
        'clean_text(body, html)': (lambda b: clean_text(b, html=True), bodies),
        'clean_text(summary, html)': (lambda s: clean_text(s, html=True),
                                      [(r['summary'],) for r in feed]),
        'clean_line(title)': (clean_line, [(r['title'],) for r in feed]),
        'parse_date(rfc822)': (lambda v: parse_date(v, default_zone='UTC', now=now),
                               [(r['published'],) for r in feed]),
        'canonical_url': (normalizer.urls.canonical, [(r['url'],) for r in feed]),
        'registrable_domain': (lambda h: registrable_domain(h, normalizer.domains),
                               [(r['source']['domain'],) for r in feed]),
        'language(title)': (languages.detect, [(i['title'],) for i in cleaned]),
        'language(body)': (languages.detect, [(i['body'],) for i in cleaned]),
        'clean_authors': (clean_authors, [(r['authors'],) for r in feed]),
        'item_id': (lambda g, u: item_id(place='example.com', guid=g, canonical_url=u,
                                         title=None, published=None),
                    [(r['guid'], r['url']) for r in feed]),
    }
    results['steps_us'] = {name: round(min(_time_per_call(fn, calls)
                                           for _ in range(max(1, args.repeat))), 1)
                           for name, (fn, calls) in steps.items()}

    if args.beam_items:
        results['beam'] = _beam_throughput(args.beam_items, settings)
    if args.languages:
        results['language_detectors'] = compare_language_detectors(normalizer.languages)

    print(f'normalize: models loaded in {results["model_load_ms"]} ms')
    for name, figures in results['corpora'].items():
        print(f'  {name:7s} {figures["items_per_s"]:>7} items/s  {figures["us_per_item"]:>7} us/item'
              f'  (avg {figures["avg_input_chars"]} input chars, '
              f'{figures["dead_lettered"]} dead-lettered)')
    print('  per step (us per call, feed corpus):')
    for name, us in results['steps_us'].items():
        print(f'    {name:28s} {us:>7}')
    if 'language_detectors' in results:
        print('  language detectors on tests/data/normalize/language_samples.json '
              '(right / unknown / wrong; us per call):')
        for name, figures in results['language_detectors'].items():
            for kind in ('titles', 'texts'):
                f = figures[kind]
                print(f'    {name:24s} {kind:6s} {f["right"]:>3} / {f["unknown"]:>3} / '
                      f'{f["wrong"]:>3} of {f["n"]:>3}  {f["us_per_call"]:>7}')
    if 'beam' in results:
        beam_figures = results['beam']
        print(f'  DirectRunner, {beam_figures["items"]} records: '
              f'{beam_figures["seconds_without"]} s without NormalizeItems, '
              f'{beam_figures["seconds_with"]} s with it '
              f'(+{beam_figures["added_us_per_item"]} us per item)')
    return results


def compare_language_detectors(ours) -> dict:
    """Right / unknown / confidently wrong answers and cost per call of our detector and of the
    candidates that are importable, on the labelled titles (plus name-only traps, where the
    only right answer is unknown) and texts. A candidate's answer counts when its own
    confidence passes the threshold given here; below it, the answer is "unknown"."""
    import json

    samples = json.loads((DATA / 'language_samples.json').read_text(encoding='utf-8'))

    def gold(label):
        return label.split('-', 1)[1] if label.startswith('mixed-') else label

    sets = {'titles': [(gold(l), t) for l, t in samples['titles']]
                      + [(None, t) for _, t in samples.get('traps', [])],
            'texts': [(gold(l), t) for l, t in samples['texts']]}
    detectors = {'ours (script+fastText+py3langid)': ours.detect}
    try:
        from transforms.normalize.language import load_fasttext_model
        fasttext_model = load_fasttext_model()

        def fasttext_lite(text, model=fasttext_model):
            labels, probs = model.predict(text.replace('\n', ' '), k=1)
            return labels[0][9:] if probs[0] >= 0.5 else None
        detectors['fastText lid.176 lite >=0.5'] = fasttext_lite
    except ImportError:
        pass
    try:
        from transforms.normalize.language import load_py3langid_model
        langid_model = load_py3langid_model()

        def py3langid(text, model=langid_model):
            language, prob = model.classify(text)
            return language if prob >= 0.9 else None
        detectors['py3langid >=0.9'] = py3langid
    except ImportError:
        pass
    try:
        import pycld2

        def cld2(text):
            reliable, _, details = pycld2.detect(text)
            code = details[0][1]
            code = {'iw': 'he', 'zh-Hant': 'zh'}.get(code, code.split('-')[0])
            return code if reliable and code != 'un' else None
        detectors['pycld2 (reliable)'] = cld2
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder
        lingua_detector = (LanguageDetectorBuilder.from_all_languages()
                           .with_low_accuracy_mode().with_preloaded_language_models().build())

        def lingua(text, detector=lingua_detector):
            values = detector.compute_language_confidence_values(text)
            top = values[0] if values else None
            return top.language.iso_code_639_1.name.lower() if top and top.value >= 0.5 else None
        detectors['lingua low-accuracy >=0.5'] = lingua
    except ImportError:
        pass

    results = {}
    for name, detect in detectors.items():
        results[name] = {}
        for kind, items in sets.items():
            answers = [detect(text) for _, text in items]
            started = _clock()
            for _ in range(3):
                for _, text in items:
                    detect(text)
            us = (_clock() - started) / (3 * len(items)) * 1e6
            results[name][kind] = {
                'n': len(items),
                'right': sum(1 for (g, _), a in zip(items, answers) if a == g and a is not None)
                + sum(1 for (g, _), a in zip(items, answers) if g is None and a is None),
                'unknown': sum(1 for (g, _), a in zip(items, answers) if a is None and g is not None),
                'wrong': sum(1 for (g, _), a in zip(items, answers) if a is not None and a != g),
                'us_per_call': round(us, 1)}
    return results


def _beam_throughput(count: int, settings: NormalizeSettings) -> dict:
    """NormalizeItems on the DirectRunner, against the same pipeline without it.

    Records are generated inside the pipeline (100 per element) so that ``beam.Create`` does not
    pickle and type-infer the whole corpus up front, as no real reader does.
    """
    import apache_beam as beam
    from apache_beam.options.pipeline_options import PipelineOptions

    from transforms.normalize import NormalizeItems

    chunks = max(1, count // 100)
    timings = {}
    for name in ('without', 'with'):
        started = time.perf_counter()
        with beam.Pipeline(options=PipelineOptions(flags=[], runner='DirectRunner')) as pipeline:
            records = (pipeline | 'CreateSeeds' >> beam.Create(list(range(chunks)))
                       | 'MakeRecords' >> beam.FlatMap(lambda seed: feed_records(100, seed=seed)))
            if name == 'with':
                records = (records | 'Normalize' >> NormalizeItems(settings, RUN))['items']
            _ = records | 'CountItems' >> beam.combiners.Count.Globally()
        timings[name] = time.perf_counter() - started
    items = chunks * 100
    added = timings['with'] - timings['without']
    return {'items': items, 'seconds_without': round(timings['without'], 2),
            'seconds_with': round(timings['with'], 2),
            'added_us_per_item': round(added / items * 1e6, 1)}


if __name__ == '__main__':
    main()
