"""MinHash signatures and LSH banding."""
import numpy as np
import pytest

from transforms.dedup.minhash import MinHasher, candidate_probability, lsh_threshold


def _set(start, stop):
    return np.arange(start, stop, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)


def test_signatures_are_identical_across_instances_with_the_same_seed():
    s = _set(0, 300)
    assert np.array_equal(MinHasher(128, 32, 4, 1).signature(s),
                          MinHasher(128, 32, 4, 1).signature(s))
    assert not np.array_equal(MinHasher(128, 32, 4, 1).signature(s),
                              MinHasher(128, 32, 4, 2).signature(s))


def test_signature_agreement_estimates_jaccard():
    hasher = MinHasher(256, 64, 4, 1)
    a, b = _set(0, 1000), _set(500, 1500)  # Jaccard 1/3
    est = np.mean(hasher.signature(a) == hasher.signature(b))
    assert abs(est - 1 / 3) < 0.08


def test_band_keys_match_exactly_when_a_band_agrees():
    hasher = MinHasher(128, 32, 4, 1)
    a = hasher.band_keys(hasher.signature(_set(0, 400)))
    b = hasher.band_keys(hasher.signature(_set(0, 400)))
    c = hasher.band_keys(hasher.signature(_set(10_000, 10_400)))
    assert len(a) == 32 and a == b
    assert not set(a) & set(c)


def test_banding_curve_of_the_defaults():
    assert lsh_threshold(32, 4) == pytest.approx(0.42, abs=0.01)
    assert candidate_probability(0.6, 32, 4) > 0.98
    assert candidate_probability(0.1, 32, 4) < 0.01


def test_bands_times_rows_must_equal_num_perm():
    with pytest.raises(ValueError, match='bands \\* rows'):
        MinHasher(128, 30, 4, 1)
