"""``NormalizeSettings``: the ``normalize:`` section of a config file, every field defaulted."""
from __future__ import annotations

import dataclasses

from transforms.normalize.dates import resolve_zone
from transforms.normalize.urls import (DEFAULT_TRACKING_PARAMS, DEFAULT_TRACKING_PREFIXES,
                                       DEFAULT_URL_RULES, UrlRule)

__all__ = ['NormalizeSettings', 'UrlRule']


@dataclasses.dataclass(frozen=True)
class NormalizeSettings:
    """How raw records become items.

    Dates: ``default_timezone`` (IANA name, abbreviation or ``+HH:MM``) reads dates that carry no
    zone when the record has no ``hints.timezone``; ``timezone_abbreviations`` adds or overrides
    abbreviations (``{"CST": "Asia/Shanghai"}``); dates more than ``max_future_hours`` after the
    run started, or before ``min_year``, become null; ``month_first`` reads ``03/04/2024`` as
    March 4 instead of 3 April.

    Text: ``max_*_chars`` cap each field (the item lists capped fields in ``quality.truncated``);
    ``max_input_chars`` caps what is parsed at all, so a giant field costs bounded time;
    ``curl_straight_quotes`` curls straight double quotes even in texts that use no other style.

    URLs: ``url_rules`` rewrite canonical URLs (AMP and mobile variants; each a regex ``pattern``
    and ``replace``); ``tracking_params`` / ``tracking_param_prefixes`` name query parameters
    that are dropped.

    Language: ``language_candidates`` restricts answers to these codes (empty: any);
    ``language_min_confidence`` / ``language_short_min_confidence`` are the model probabilities
    needed for texts with at least / fewer than ``language_short_words`` words, where a lead of
    ``language_min_margin`` over the runner-up is also needed; ``language_sample_chars`` is how
    much of a field is looked at; ``language_second_opinion`` lets py3langid confirm an unsure
    fastText answer (see :mod:`transforms.normalize.language`).
    """

    PATH_FIELDS = ()

    default_timezone: str = 'UTC'
    timezone_abbreviations: dict[str, str] = dataclasses.field(default_factory=dict)
    max_future_hours: float = 48.0
    min_year: int = 1900
    month_first: bool = False

    max_title_chars: int = 1_000
    max_summary_chars: int = 10_000
    max_body_chars: int = 200_000
    max_author_chars: int = 200
    max_authors: int = 20
    max_input_chars: int = 2_000_000
    curl_straight_quotes: bool = False

    url_rules: tuple[UrlRule, ...] = DEFAULT_URL_RULES
    tracking_params: tuple[str, ...] = DEFAULT_TRACKING_PARAMS
    tracking_param_prefixes: tuple[str, ...] = DEFAULT_TRACKING_PREFIXES

    language_candidates: tuple[str, ...] = ()
    language_min_confidence: float = 0.5
    language_short_min_confidence: float = 0.8
    language_short_words: int = 6
    language_min_margin: float = 0.3
    language_sample_chars: int = 200
    language_second_opinion: bool = True

    def validate(self) -> None:
        if resolve_zone(self.default_timezone, self.timezone_abbreviations) is None:
            raise ValueError(f'default_timezone {self.default_timezone!r} is not a known zone; '
                             'use an IANA name (Asia/Seoul), an abbreviation (KST) or +09:00')
        for abbreviation, zone in self.timezone_abbreviations.items():
            if resolve_zone(zone) is None:
                raise ValueError(f'timezone_abbreviations.{abbreviation}: {zone!r} is not a '
                                 'known zone')
        for name in ('max_title_chars', 'max_summary_chars', 'max_body_chars',
                     'max_author_chars', 'max_authors', 'max_input_chars',
                     'language_sample_chars', 'language_short_words'):
            if getattr(self, name) <= 0:
                raise ValueError(f'{name} must be positive, got {getattr(self, name)}')
        if self.max_future_hours < 0:
            raise ValueError('max_future_hours must be zero or positive')
        for name in ('language_min_confidence', 'language_short_min_confidence',
                     'language_min_margin'):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f'{name} must be between 0 and 1, got {getattr(self, name)}')
        for rule in self.url_rules:
            rule.validate()

    def __post_init__(self):
        # Hashable, read-only collections whether built by hand or by from_mapping().
        import types
        object.__setattr__(self, 'timezone_abbreviations', types.MappingProxyType(
            {str(k).upper(): v for k, v in dict(self.timezone_abbreviations).items()}))
        for name in ('url_rules', 'tracking_params', 'tracking_param_prefixes',
                     'language_candidates'):
            object.__setattr__(self, name, tuple(getattr(self, name)))
