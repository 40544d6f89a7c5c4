"""The normalize stage: raw records -> items (clean text, dates in UTC, canonical URLs,
languages, authors, stable ids). Logic lives in plain functions in the submodules;
:class:`NormalizeItems` is the Beam transform around them."""
from transforms.normalize.record import NormalizeError, Normalizer, normalize_record
from transforms.normalize.settings import NormalizeSettings, UrlRule
from transforms.normalize.transform import NormalizeItems

__all__ = ['NormalizeItems', 'NormalizeSettings', 'NormalizeError', 'Normalizer', 'UrlRule',
           'normalize_record']
