"""A seeded generator of realistic feed files for throughput benchmarks.

Each file is an RSS 2.0 document of ``entries`` items; each item has a headline, a lead in
``<description>`` and 3-8 HTML paragraphs in ``<content:encoded>`` built from news-style
sentences that mention real places, people and organisations (so tagging has work to do), in
English, Indonesian, German, French and Spanish. About 5% of items are copies of an earlier item
(same story re-published by another feed with tracking parameters), as real news is.
"""
from __future__ import annotations

import os
import random
from email.utils import format_datetime
import datetime as dt
from xml.sax.saxutils import escape

__all__ = ['write_corpus']

PLACES = ['Indonesia', 'Japan', 'South Korea', 'North Korea', 'Russia', 'Ukraine', 'Germany',
          'France', 'Brazil', 'India', 'China', 'Kenya', 'Nigeria', 'Mexico', 'Canada',
          'Australia', 'Jakarta', 'Tokyo', 'Seoul', 'Berlin', 'Paris', 'Nairobi', 'Lagos']
PEOPLE = ['Vladimir Putin', 'Olaf Scholz', 'Emmanuel Macron', 'Narendra Modi', 'Xi Jinping',
          'Prabowo Subianto', 'Yoon Suk Yeol', 'Shigeru Ishiba', 'Antonio Guterres']
ORGS = ['United Nations', 'NATO', 'World Health Organization', 'IMF', 'World Bank', 'ASEAN',
        'European Union', 'Reuters', 'Yonhap', 'Antara', 'OPEC']
NOUNS = ['budget', 'election', 'ceasefire', 'trade deal', 'vaccine programme', 'port', 'grid',
         'central bank', 'drought', 'semiconductor plant', 'railway', 'summit', 'tariff',
         'heatwave', 'football league', 'court ruling', 'satellite launch', 'refinery']
VERBS = ['announced', 'criticised', 'approved', 'delayed', 'expanded', 'rejected', 'reviewed',
         'welcomed', 'questioned', 'funded']
TEMPLATES = {
    'en': ['Officials in {place} {verb} the {noun} on {day}, according to {org}.',
           '{person} said the {noun} would be {verb} before the end of the year.',
           'Analysts at {org} warned that the {noun} in {place} could affect millions of people.',
           'The decision follows weeks of talks between {place} and {place2} over the {noun}.',
           'Critics argued the {noun} had been {verb} without enough public debate.'],
    'id': ['Pejabat di {place} mengumumkan {noun} pada hari {day}, menurut {org}.',
           '{person} mengatakan bahwa {noun} akan segera dibahas bersama {place2}.',
           'Para analis dari {org} memperingatkan dampak {noun} terhadap perekonomian {place}.'],
    'de': ['Behörden in {place} haben am {day} über den {noun} beraten, teilte {org} mit.',
           '{person} erklärte, der {noun} werde mit {place2} abgestimmt.'],
    'fr': ['Les autorités de {place} ont examiné le {noun} {day}, selon {org}.',
           '{person} a déclaré que le {noun} serait discuté avec {place2}.'],
    'es': ['Las autoridades de {place} revisaron el {noun} el {day}, según {org}.',
           '{person} dijo que el {noun} se debatirá con {place2} la próxima semana.'],
}
DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday']


def _sentence(rng: random.Random, lang: str) -> str:
    return rng.choice(TEMPLATES[lang]).format(
        place=rng.choice(PLACES), place2=rng.choice(PLACES), person=rng.choice(PEOPLE),
        org=rng.choice(ORGS), noun=rng.choice(NOUNS), verb=rng.choice(VERBS),
        day=rng.choice(DAYS))


def _item(rng: random.Random, n: int, host: str) -> dict:
    lang = rng.choices(list(TEMPLATES), weights=[6, 2, 1, 1, 1])[0]
    paragraphs = [' '.join(_sentence(rng, lang) for _ in range(rng.randint(2, 4)))
                  for _ in range(rng.randint(3, 8))]
    when = dt.datetime(2024, 12, 1, tzinfo=dt.timezone.utc) + dt.timedelta(minutes=37 * n)
    return {
        'title': f'{rng.choice(PLACES)} {rng.choice(VERBS)} {rng.choice(NOUNS)} '
                 f'({n})',
        'link': f'https://{host}/news/{n}',
        'guid': f'{host}-{n}',
        'lead': paragraphs[0][:200],
        'html': ''.join(f'<p>{escape(p)}</p>' for p in paragraphs),
        'date': format_datetime(when),
        'category': rng.choice(['World', 'Economy', 'Politics', 'Sport', 'Science']),
    }


def _rss(host: str, items: list[dict]) -> str:
    parts = [f'<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0" '
             f'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
             f'<title>{host}</title><link>https://{host}/</link><language>en</language>']
    for it in items:
        parts.append(
            f'<item><title>{escape(it["title"])}</title><link>{escape(it["link"])}</link>'
            f'<guid isPermaLink="false">{it["guid"]}</guid>'
            f'<description>{escape(it["lead"])}</description>'
            f'<content:encoded><![CDATA[{it["html"]}]]></content:encoded>'
            f'<pubDate>{it["date"]}</pubDate><category>{it["category"]}</category></item>')
    parts.append('</channel></rss>\n')
    return ''.join(parts)


def write_corpus(directory: str, files: int = 200, entries: int = 25, seed: int = 7) -> list[str]:
    """Write ``files`` RSS files of ``entries`` items each; return their paths."""
    os.makedirs(directory, exist_ok=True)
    rng = random.Random(seed)
    made: list[dict] = []
    paths = []
    for f in range(files):
        host = f'feed{f % 40}.example.com'
        items = []
        for e in range(entries):
            if made and rng.random() < 0.05:
                copy = dict(rng.choice(made))
                copy['link'] += '?utm_source=rss&utm_medium=partner'
                copy['guid'] = f'{host}-copy-{f}-{e}'
                items.append(copy)
            else:
                item = _item(rng, f * entries + e, host)
                made.append(item)
                items.append(item)
        path = os.path.join(directory, f'feed-{f:05d}.rss')
        with open(path, 'w', encoding='utf-8') as handle:
            handle.write(_rss(host, items))
        paths.append(path)
    return paths
