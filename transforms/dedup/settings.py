"""Settings of the deduplication stage (the ``dedup`` section of a config file)."""
from __future__ import annotations

import dataclasses

__all__ = ['DedupSettings']


@dataclasses.dataclass(frozen=True)
class DedupSettings:
    """Every knob of :class:`~transforms.dedup.DeduplicateItems`; defaults are the measured ones.

    See the module docstring of :mod:`transforms.dedup` for how each default was chosen.
    """

    #: texts (body, else summary) with fewer tokens get no content fingerprint key
    content_key_min_tokens: int = 8
    #: run the near-duplicate stage (MinHash/LSH + verification) after the exact one
    near: bool = True
    #: word n-gram size for text in spaced scripts
    word_shingle: int = 4
    #: character n-gram size for text written without spaces (Japanese, Chinese, Thai, ...)
    char_shingle: int = 4
    #: share of unspaced-script characters above which a text is shingled by characters
    unspaced_ratio: float = 0.3
    #: MinHash permutations, and LSH banding (``num_perm == bands * rows``)
    num_perm: int = 128
    bands: int = 32
    rows: int = 4
    seed: int = 1
    #: anchor keys: the first N content sentences of at least M tokens are extra candidate keys
    #: (they find truncated leads, whose Jaccard is too low for banding)
    anchor_sentences: int = 3
    anchor_min_tokens: int = 8
    #: a candidate bucket pairs each member with at most this many higher-priority members
    max_bucket_pairs: int = 32
    #: an anchor sentence shared by more items than this is a stock phrase, not a candidate key
    max_anchor_bucket: int = 200
    #: verification: a pair is a near duplicate when its residual shingle sets have
    #: Jaccard >= jaccard_threshold (jaccard_threshold_other_title when the titles' similarity
    #: is below title_threshold), or containment >= containment_threshold together with
    #: title similarity >= title_threshold (or Jaccard >= containment_min_jaccard)
    jaccard_threshold: float = 0.6
    jaccard_threshold_other_title: float = 0.8
    containment_threshold: float = 0.85
    title_threshold: float = 0.3
    containment_min_jaccard: float = 0.3
    #: texts with fewer residual shingles than this are matched by exact keys only
    min_shingles: int = 12
    #: a sentence/line is boilerplate when it occurs in at least this many distinct stories of
    #: one source domain (within the run plus the persistent index)
    boilerplate_min_items: int = 3
    #: how many sentences at each end of an item the persistent index remembers for
    #: boilerplate counting (headers and footers live there; repeated inline lines are found
    #: within a run)
    boilerplate_edge_segments: int = 6
    #: days an entry of the persistent index is kept
    retention_days: float = 30.0

    def validate(self) -> None:
        for name in ('content_key_min_tokens', 'word_shingle', 'char_shingle', 'num_perm', 'bands', 'rows',
                     'max_bucket_pairs', 'max_anchor_bucket', 'min_shingles', 'boilerplate_min_items',
                     'anchor_min_tokens'):
            if getattr(self, name) < 1:
                raise ValueError(f'{name} must be at least 1, got {getattr(self, name)!r}')
        if self.anchor_sentences < 0 or self.boilerplate_edge_segments < 0:
            raise ValueError('anchor_sentences and boilerplate_edge_segments must be >= 0')
        if self.bands * self.rows != self.num_perm:
            raise ValueError(f'bands * rows must equal num_perm: {self.bands} * {self.rows} '
                             f'!= {self.num_perm}')
        for name in ('jaccard_threshold', 'jaccard_threshold_other_title',
                     'containment_threshold', 'title_threshold',
                     'containment_min_jaccard', 'unspaced_ratio'):
            value = getattr(self, name)
            if not 0.0 <= value <= 1.0:
                raise ValueError(f'{name} must be between 0 and 1, got {value!r}')
        if not self.retention_days > 0:
            raise ValueError(f'retention_days must be positive, got {self.retention_days!r}')

    def __post_init__(self) -> None:
        self.validate()
