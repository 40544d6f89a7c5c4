"""Every variant kind, every hard negative, the keep rule and the update rule (in memory)."""
import random

import pytest

from transforms.dedup import core
from transforms.dedup.engine import deduplicate
from transforms.dedup.settings import DedupSettings


def _decisions(items, **kw):
    kept, dups = deduplicate(items, DedupSettings(), **kw)
    assert len(kept) + len(dups) == len(items)
    return {it['id']: it['dedup'] for it in kept + dups}


def _assert_dup(dec, item_id, of, method):
    assert dec[item_id]['duplicate_of'] == of, dec[item_id]
    assert dec[item_id]['method'] == method, dec[item_id]
    assert dec[item_id]['cluster_id'] == dec[of]['cluster_id'] == of
    assert dec[of]['duplicate_of'] is None


def _assert_all_unique(dec, ids):
    for item_id in ids:
        assert dec[item_id]['duplicate_of'] is None, (item_id, dec[item_id])
        assert dec[item_id]['cluster_id'] == item_id


@pytest.fixture
def background(ledger_items, courier_items):
    return ledger_items + courier_items


def test_background_stories_in_heavy_boilerplate_are_all_unique(background):
    dec = _decisions(background)
    _assert_all_unique(dec, [it['id'] for it in background])


def test_two_different_stories_of_one_publisher_alone_in_a_run_are_not_duplicates(texts):
    # with two items only, boilerplate cannot be recognised by counting: the verification
    # must still reject stories that share nothing but the wrapper
    t = texts
    a = t.item('a', t.titles['port'], t.wrap(t.ledger, t.stories['port']), domain='x.example')
    b = t.item('b', t.titles['chess'], t.wrap(t.ledger, t.stories['chess']), domain='x.example')
    _assert_all_unique(_decisions([a, b]), ['a', 'b'])


def test_tracking_url_copy_is_a_url_duplicate(background, texts):
    orig = background[0]
    copy = texts.item('copy', orig['title'], orig['body'], domain=texts.ledger['domain'],
                      url=orig['url'] + '?utm_source=twitter&utm_medium=social',
                      canonical=orig['canonical_url'], guid='other-guid',
                      published='2025-03-05T10:00:00Z')
    dec = _decisions(background + [copy])
    _assert_dup(dec, 'copy', orig['id'], 'url')
    assert dec['copy']['similarity'] == 1.0 and dec['copy']['update'] is False


def test_same_article_in_two_feeds_is_a_duplicate(background, texts):
    orig = background[1]
    other_feed = dict(orig, id='section-feed', guid='section-123',
                      published='2025-03-09T00:00:00Z', summary=orig['body'][:100])
    dec = _decisions(background + [other_feed])
    _assert_dup(dec, 'section-feed', orig['id'], 'url')


def test_syndicated_copy_in_another_publishers_wrapper_is_a_near_duplicate(background, texts):
    t = texts
    copy = t.item('syndicated', t.titles['port'],
                  t.wrap(t.courier, ['This article was first published by The Daily Ledger.']
                         + t.stories['port']),
                  domain=t.courier['domain'], guid='courier-wire-1',
                  published='2025-03-01T12:00:00Z')
    dec = _decisions(background + [copy])
    _assert_dup(dec, 'syndicated', 'ledger-port', 'near')
    assert dec['syndicated']['similarity'] >= 0.85


def test_syndicated_copy_found_even_when_its_wrapper_is_unknown(ledger_items, texts):
    t = texts
    agency = t.publisher('Baltic Wire', 'balticwire.example')
    copy = t.item('wire', t.titles['port'], t.wrap(agency, t.stories['port']),
                  domain=agency['domain'], published='2025-03-01T12:00:00Z')
    dec = _decisions(ledger_items + [copy])
    _assert_dup(dec, 'wire', 'ledger-port', 'near')


def test_rewrapped_print_copy_is_a_near_duplicate(background, texts):
    words = ' '.join(texts.stories['rail']).split()
    lines, line = [], []
    for i, word in enumerate(words):
        line.append(word)
        if len(line) == 9:
            lines.append(' '.join(line))
            line = []
    lines.append(' '.join(line))
    body = '\n'.join(lines).replace('expropriation', 'expro-\npriation')
    copy = texts.item('print', texts.titles['rail'].upper(), body,
                      domain='epaper.dailyledger.example', published='2025-03-04T05:00:00Z')
    dec = _decisions(background + [copy])
    _assert_dup(dec, 'print', 'ledger-rail', 'near')


def test_update_with_a_paragraph_appended_same_guid_is_recorded_as_an_update(background, texts):
    orig = next(it for it in background if it['id'] == 'ledger-storm')
    paras = texts.stories['storm'] + [
        'Update: by Thursday morning power had been restored to all but 4,000 homes, the grid '
        'operator said.']
    update = dict(orig, id='ledger-storm-v2', body=texts.wrap(texts.ledger, paras),
                  published='2025-03-06T07:00:00Z', url=orig['url'] + '?v=2',
                  canonical_url=orig['canonical_url'] + '?v=2')
    dec = _decisions(background + [update])
    _assert_dup(dec, 'ledger-storm-v2', 'ledger-storm', 'guid')
    assert dec['ledger-storm-v2']['update'] is True


def test_update_republished_at_a_new_url_is_a_near_duplicate(background, texts):
    t = texts
    paras = t.stories['storm'] + [
        'Update: by Thursday morning power had been restored to all but 4,000 homes, the grid '
        'operator said.']
    update = t.item('storm-update', t.titles['storm'] + ' - latest', t.wrap(t.ledger, paras),
                    domain=t.ledger['domain'], guid='ledger-storm-update',
                    published='2025-03-06T07:00:00Z')
    dec = _decisions(background + [update])
    _assert_dup(dec, 'storm-update', 'ledger-storm', 'near')


def test_corrected_headline_same_url_is_an_update_and_at_new_url_a_near_duplicate(
        background, texts):
    orig = next(it for it in background if it['id'] == 'ledger-rail')
    fixed = dict(orig, id='rail-fixed', guid='rail-fixed-guid',
                 title='Lisbon-Porto high-speed rail line delayed until 2031, minister admits',
                 published='2025-03-03T09:00:00Z')
    moved = dict(fixed, id='rail-moved', url='https://dailyledger.example/news/rail-corrected',
                 canonical_url='https://dailyledger.example/news/rail-corrected',
                 guid='rail-moved-guid')
    dec = _decisions(background + [fixed])
    _assert_dup(dec, 'rail-fixed', 'ledger-rail', 'url')
    assert dec['rail-fixed']['update'] is True
    dec = _decisions(background + [moved])
    _assert_dup(dec, 'rail-moved', 'ledger-rail', 'near')


def test_truncated_lead_on_an_aggregator_is_a_near_duplicate(background, texts):
    t = texts
    lead = t.stories['vaccine'][0] + ' ' + t.stories['vaccine'][1][:60] + '\u2026'
    digest = [t.item(f'digest-{k}', t.titles[k], t.stories[k][0][:90] + '\u2026 Read more at '
                     'The Daily Ledger.', domain='newsdigest.example')
              for k in ('port', 'rail', 'storm')]
    copy = t.item('digest-vaccine', t.titles['vaccine'], lead + ' Read more at The Daily Ledger.',
                  domain='newsdigest.example', published='2025-03-02T09:00:00Z')
    dec = _decisions(background + digest + [copy])
    _assert_dup(dec, 'digest-vaccine', 'ledger-vaccine', 'near')


def test_unicode_and_entity_variants_are_content_duplicates(background, texts):
    orig = next(it for it in background if it['id'] == 'ledger-bakery')
    body = (orig['body'].replace("'", '&#8217;').replace('1921', '\uff11\uff19\uff12\uff11')
            .replace('energy', 'ener\u00adgy').replace(' percent', '\u00a0percent'))
    mirror = dict(orig, id='mirror-bakery', url='https://mirror.example/bakery',
                  canonical_url='https://mirror.example/bakery', guid='m-1',
                  title=orig['title'].replace('-', '\u2011'), published='2025-03-04T10:00:00Z',
                  source={**orig['source'], 'domain': 'mirror.example'})
    mirror['body'] = body
    dec = _decisions(background + [mirror])
    _assert_dup(dec, 'mirror-bakery', 'ledger-bakery', 'content')


def test_same_event_by_two_outlets_in_similar_words_is_not_a_duplicate(background, texts):
    t = texts
    other = t.item('courier-port', 'Gdansk dockers strike as pay talks break down',
                   t.wrap(t.courier, t.port_other_outlet), domain=t.courier['domain'],
                   published='2025-03-01T10:00:00Z')
    dec = _decisions(background + [other])
    _assert_all_unique(dec, ['courier-port', 'ledger-port'])


def test_japanese_and_chinese_copies_match_and_different_stories_do_not(texts):
    t = texts
    ja_pub = {'header': ['北海道ニュース｜最新ニュースをお届けします', '会員登録で全ての記事が読めます'],
              'footer': ['無断転載を禁じます。', '公式アプリで毎朝のニュースをチェック']}
    zh_pub = {'header': ['都市快报 | 权威新闻 第一时间'], 'footer': ['版权所有，未经授权不得转载。']}
    items = [
        t.item('ja-1', '札幌市、除雪費に過去最大の補正予算', t.wrap(ja_pub, t.ja_story),
               domain='hokkaido.example'),
        t.item('ja-2', '大阪市、小学校の給食費を無償化へ', t.wrap(ja_pub, t.ja_other),
               domain='hokkaido.example'),
        # syndicated without the wrapper, language field wrong on purpose: the script decides
        t.item('ja-copy', '札幌市、除雪費に過去最大の補正予算案', '\n'.join(t.ja_story),
               domain='yomu.example', published='2025-03-01T09:00:00Z'),
        t.item('zh-1', '杭州投入120亿元改造老旧小区', t.wrap(zh_pub, t.zh_story), domain='kuaibao.example'),
        t.item('zh-2', '成都地铁19号线二期下月开通', t.wrap(zh_pub, t.zh_other), domain='kuaibao.example'),
        t.item('zh-lead', '杭州投入120亿元改造老旧小区', ''.join(t.zh_story[:2]) + '……',
               domain='digest.example', published='2025-03-01T09:30:00Z'),
    ]
    dec = _decisions(items)
    _assert_dup(dec, 'ja-copy', 'ja-1', 'near')
    _assert_dup(dec, 'zh-lead', 'zh-1', 'near')
    _assert_all_unique(dec, ['ja-1', 'ja-2', 'zh-1', 'zh-2'])


def test_keep_rule_earliest_then_richest_then_smallest_id(texts):
    t = texts
    body = t.wrap(t.ledger, t.stories['museum'])
    mk = lambda i, published, text=body: t.item(  # noqa: E731
        i, t.titles['museum'], text, domain='a.example', url='https://a.example/museum',
        published=published)
    dec = _decisions([mk('b', '2025-03-02T00:00:00Z'), mk('c', '2025-03-01T00:00:00Z'),
                      mk('a', '2025-03-03T00:00:00Z')])
    assert dec['c']['duplicate_of'] is None and dec['a']['duplicate_of'] == 'c'
    richer = body + '\nAn extra closing paragraph about the museum cafe and its opening hours.'
    dec = _decisions([mk('b', '2025-03-01T00:00:00Z'), mk('c', '2025-03-01T00:00:00Z', richer)])
    assert dec['c']['duplicate_of'] is None and dec['b']['duplicate_of'] == 'c'
    dec = _decisions([mk('b', '2025-03-01T00:00:00Z'), mk('a', '2025-03-01T00:00:00Z')])
    assert dec['a']['duplicate_of'] is None and dec['b']['duplicate_of'] == 'a'
    dec = _decisions([mk('b', None), mk('a', '2025-03-09T00:00:00Z')])
    assert dec['a']['duplicate_of'] is None, 'an item without a date comes last'


def test_exact_copy_of_a_near_duplicate_points_at_the_kept_item(background, texts):
    t = texts
    syn = t.item('syn', t.titles['chess'], t.wrap(t.ledger, t.stories['chess']),
                 domain=t.ledger['domain'], published='2025-03-09T00:00:00Z')
    syn_again = dict(syn, id='syn-again', guid='g2', published='2025-03-10T00:00:00Z')
    dec = _decisions(background + [syn, syn_again])
    _assert_dup(dec, 'syn', 'courier-chess', 'near')
    assert dec['syn-again']['duplicate_of'] == 'courier-chess'
    assert dec['syn-again']['cluster_id'] == 'courier-chess'
    assert dec['syn-again']['method'] == 'near'


def test_no_chaining_a_duplicate_is_verified_against_its_kept_item():
    # A~B and B~C verified, A!~C: C must not end under A
    decisions = core.resolve_near(
        {'A': ('2025-01-01', 0, 'A'), 'B': ('2025-01-02', 0, 'B'), 'C': ('2025-01-03', 0, 'C')},
        [], [('A', 'B', 0.9), ('B', 'C', 0.9)])
    assert decisions == {'B': {'duplicate_of': 'A', 'similarity': 0.9}}


def test_no_chaining_on_real_text(background, texts):
    t = texts
    paras = t.stories['election']
    first = t.item('first', t.titles['election'], '\n'.join(paras[:3]), domain='p.example',
                   published='2025-03-01T00:00:00Z')
    full = t.item('full', t.titles['election'], '\n'.join(paras), domain='q.example',
                  published='2025-03-02T00:00:00Z')
    last = t.item('last', t.titles['election'], '\n'.join(paras[2:]), domain='r.example',
                  published='2025-03-03T00:00:00Z')
    dec = _decisions([first, full, last])
    assert dec['full']['duplicate_of'] == 'first'
    assert dec['last']['duplicate_of'] != 'first'


def test_decisions_do_not_depend_on_input_order(background, texts):
    t = texts
    extra = [
        t.item('syn', t.titles['port'], t.wrap(t.courier, t.stories['port']),
               domain=t.courier['domain'], published='2025-03-01T12:00:00Z'),
        dict(background[2], id='dup-url', guid='zz', published='2025-03-09T00:00:00Z'),
    ]
    items = background + extra
    expected = _decisions(items)
    for seed in range(3):
        shuffled = list(items)
        random.Random(seed).shuffle(shuffled)
        assert _decisions(shuffled) == expected


def test_a_second_item_with_the_same_id_is_a_duplicate_of_it(background):
    dec_items = deduplicate(background + [dict(background[0])], DedupSettings())
    kept, dups = dec_items
    assert len(kept) == len(background) and len(dups) == 1
    assert dups[0]['dedup']['duplicate_of'] == background[0]['id']


def test_settings_refuse_inconsistent_values():
    with pytest.raises(ValueError, match='bands \\* rows'):
        DedupSettings(bands=10)
    with pytest.raises(ValueError, match='jaccard_threshold'):
        DedupSettings(jaccard_threshold=1.5)
    with pytest.raises(ValueError, match='retention_days'):
        DedupSettings(retention_days=0)


def test_items_without_an_id_are_not_merged_by_it(texts):
    t = texts
    a = t.item('x', t.titles['port'], '\n'.join(t.stories['port']), domain='a.example')
    b = t.item('y', t.titles['chess'], '\n'.join(t.stories['chess']), domain='a.example')
    a['id'] = b['id'] = None
    kept, dups = deduplicate([a, b], DedupSettings())
    assert len(kept) == 2 and not dups


def test_settings_parse_strictly_from_a_config_mapping():
    from transforms.settings import SettingsError, from_mapping

    s = from_mapping(DedupSettings, {'retention_days': 7, 'word_shingle': 5}, 'dedup')
    assert s.retention_days == 7.0 and s.word_shingle == 5
    with pytest.raises(SettingsError, match='dedup.shingles'):
        from_mapping(DedupSettings, {'shingles': 4}, 'dedup')
    with pytest.raises(SettingsError, match='bands'):
        from_mapping(DedupSettings, {'bands': 16}, 'dedup')


def test_a_bare_headline_is_no_content_evidence(texts):
    a = texts.item('a', 'Live updates', '', domain='a.example', summary='Live.')
    b = texts.item('b', 'Live updates', '', domain='b.example', summary='Live.')
    _assert_all_unique(_decisions([a, b]), ['a', 'b'])
    long_a = dict(a, summary=' '.join(texts.stories['port']))
    long_b = dict(b, summary=' '.join(texts.stories['port']))
    assert _decisions([long_a, long_b])['b']['method'] == 'content'


def test_short_different_stories_alone_in_a_heavy_wrapper_are_kept_apart_by_their_titles(texts):
    # one-sentence stories inside the Ledger's wrapper share about 60% of their shingles; with
    # two items the wrapper cannot be recognised, so the differing titles must hold them apart
    t = texts
    a = t.item('a', t.titles['chess'], t.wrap(t.ledger, t.stories['chess'][:1]),
               domain='x.example')
    b = t.item('b', t.titles['museum'], t.wrap(t.ledger, t.stories['museum'][:1]),
               domain='x.example')
    _assert_all_unique(_decisions([a, b]), ['a', 'b'])
    merged = deduplicate([a, b], DedupSettings(jaccard_threshold_other_title=0.6))[1]
    assert len(merged) == 1, 'without the title guard this pair would merge'


def test_gc_pause_is_counted_across_threads():
    """Overlapping pauses in two threads: collection stays off until the last one ends, then
    comes back; a collector switched off beforehand stays off."""
    import gc
    import threading
    from transforms.dedup.engine import gc_paused
    assert gc.isenabled()
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen = []

    def first():
        with gc_paused():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second():
        first_in.wait(5)
        with gc_paused():
            second_in.set()
            first_out.wait(5)
            seen.append(gc.isenabled())   # the first pause ended, this one has not
    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert seen == [False] and gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
