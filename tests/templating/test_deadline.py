"""The deadline that bounds a render's time: it interrupts any Python loop in its block, and
never anything outside it."""

from __future__ import annotations

import threading
import time

import pytest

from drafter.templating.deadline import Deadline, TimeLimitExceeded


def test_a_loop_without_calls_is_interrupted() -> None:
    start = time.monotonic()
    with pytest.raises(TimeLimitExceeded), Deadline(0.2):
        while True:
            pass
    assert time.monotonic() - start < 2


def test_nothing_lands_after_the_block() -> None:
    finished = 0
    for _ in range(20):
        with Deadline(0.05):
            sum(range(1000))
        finished += 1
    end = time.monotonic() + 0.3  # every deadline passes meanwhile: none may fire now
    while time.monotonic() < end:
        pass
    assert finished == 20


def test_a_deadline_reached_at_the_block_end_is_withdrawn() -> None:
    """Whether it fired in the block or not, after the block the thread runs on undisturbed."""
    for seconds in (0.001, 0.005, 0.01):
        try:
            with Deadline(seconds):
                time.sleep(0.01)
                for _ in range(10000):
                    pass
        except TimeLimitExceeded:
            pass
        time.sleep(0.05)


def test_deadlines_of_several_threads_are_kept_apart() -> None:
    outcome: dict[str, str] = {}

    def run(name: str, seconds: float, work: float) -> None:
        try:
            with Deadline(seconds):
                end = time.monotonic() + work
                while time.monotonic() < end:
                    pass
            outcome[name] = "done"
        except TimeLimitExceeded:
            outcome[name] = "stopped"

    threads = [threading.Thread(target=run, args=("slow", 0.2, 5.0)),
               threading.Thread(target=run, args=("quick", 5.0, 0.3))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert outcome == {"slow": "stopped", "quick": "done"}


def test_again_interrupts_code_that_catches_the_first_interruption() -> None:
    caught = 0
    with pytest.raises(TimeLimitExceeded), Deadline(0.05, again=0.05, times=3):
        while True:
            try:
                while True:
                    pass
            except TimeLimitExceeded:
                caught += 1
                if caught == 3:
                    raise
    assert caught == 3


def test_again_fires_a_bounded_number_of_times_and_close_withdraws_it() -> None:
    deadline = Deadline(0.02, again=0.02, times=2)
    fired = 0
    with deadline:
        end = time.monotonic() + 0.5
        while time.monotonic() < end:
            try:
                while time.monotonic() < end:
                    pass
            except TimeLimitExceeded:
                fired += 1
    deadline.close()
    deadline.close()  # any number of times
    assert fired == 2
