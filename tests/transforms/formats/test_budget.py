import threading
import time

import pytest

from transforms.formats.budget import BudgetExceeded, Watchdog


@pytest.fixture
def watchdog():
    dog = Watchdog(resolution=0.01)
    yield dog
    dog.close()


def _spin():
    while True:   # a pure-Python loop that never ends on its own
        pass


def test_a_runaway_block_is_stopped(watchdog):
    with pytest.raises(BudgetExceeded):
        with watchdog.guard(0.1):
            _spin()


def test_a_parser_catching_exception_cannot_swallow_it(watchdog):
    def stubborn():
        while True:
            try:
                _spin()
            except Exception:   # what third-party parsers do
                pass
    with pytest.raises(BudgetExceeded):
        with watchdog.guard(0.1):
            stubborn()


def test_in_a_worker_thread_too(watchdog):
    outcome = []

    def work():
        try:
            with watchdog.guard(0.1):
                _spin()
        except BudgetExceeded:
            outcome.append('stopped')
    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    assert outcome == ['stopped']


def test_quick_blocks_never_get_a_late_exception(watchdog):
    """Many blocks that end right around their deadline: the exception is raised inside the
    block or at its end, never afterwards in unrelated code."""
    stopped = finished = 0
    for _ in range(300):
        try:
            with watchdog.guard(0.002):
                end = time.monotonic() + 0.002
                while time.monotonic() < end:
                    pass
            finished += 1
        except BudgetExceeded:
            stopped += 1
        # unrelated code after the block: a stray exception would escape the test here
        sum(range(2000))
    assert stopped + finished == 300
