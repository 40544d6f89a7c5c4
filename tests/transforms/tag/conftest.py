"""Fixtures of the tagging tests."""
import pytest

from transforms.tag import Tagger, TagSettings


@pytest.fixture(scope='session')
def tagger():
    """The tagger of the shipped configs, built once for the session (its automaton and lists
    take seconds to build); tests that need another build their own."""
    return Tagger.from_settings(TagSettings())
