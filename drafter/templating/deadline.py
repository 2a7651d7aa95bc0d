"""A time limit for a block of Python code, enforced from outside it.

A template can loop without calling anything the sandbox could watch (`{% for a in s %}` over a
string), so the limit cannot be checked from inside. `with Deadline(seconds):` has a watchdog
thread raise TimeLimitExceeded in the block's thread once the time is up, wherever it is in
Python code (CPython's PyThreadState_SetAsyncExc, on every platform). TimeLimitExceeded is a
BaseException, so that no `except Exception` on the way can swallow it.
"""

from __future__ import annotations

import ctypes
import threading
import time

TIME_LIMIT = 10.0  # seconds for one render, compiling included


class TimeLimitExceeded(BaseException):
    """A block went over its Deadline: raised in its thread by the watchdog."""


class Deadline:
    """`with Deadline(seconds):` interrupts the block's thread with TimeLimitExceeded once the
    time is up, wherever it is in Python code. One watchdog thread per process sleeps until
    the earliest deadline: entering and leaving a block costs a lock, no thread start and no
    check per operation. An interruption fires at most once, and one not yet delivered when
    the block ends is withdrawn, so that it never lands outside the block. With `again`, it
    fires up to `times` times, every `again` seconds, until the block ends: code that catches
    the first interruption (a render turns it into a TemplateError) and goes on is stopped
    all the same. (`times` bounds it: an interruption landing in `__exit__` itself, before the
    deadline is withdrawn, must not go on firing into a thread that has left the block;
    `close()` withdraws it again, and may be called any number of times.)"""

    def __init__(self, seconds: float | None = None, *, again: float | None = None,
                 times: int = 30):
        self.seconds = TIME_LIMIT if seconds is None else seconds
        self.again = again  # fire again after this many seconds while the block still runs
        self.left = times if again else 1  # interruptions still to fire
        self.fired = False

    def __enter__(self) -> Deadline:
        self.thread_id = threading.get_ident()
        self.due = time.monotonic() + self.seconds
        _watchdog.add(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _watchdog.remove(self)

    def close(self) -> None:
        """Withdraw the deadline (again): nothing more fires."""
        _watchdog.remove(self)


class _Watchdog:
    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._active: list[Deadline] = []
        self._wake_at = float("inf")
        self._thread: threading.Thread | None = None

    def add(self, deadline: Deadline) -> None:
        with self._cond:
            self._active.append(deadline)
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="drafter-deadline",
                                                daemon=True)
                self._thread.start()
            elif deadline.due < self._wake_at:
                self._cond.notify()

    def remove(self, deadline: Deadline) -> None:
        with self._cond:
            if deadline not in self._active:
                return
            self._active.remove(deadline)
            if deadline.fired:  # fired but perhaps not delivered yet: withdraw it
                _async_raise(deadline.thread_id, None)

    def _run(self) -> None:
        with self._cond:
            while True:
                now = time.monotonic()
                for d in self._active:
                    if d.due <= now and d.left > 0:
                        d.fired = True
                        d.left -= 1
                        _async_raise(d.thread_id, TimeLimitExceeded)
                        if d.again:  # caught on the way (and turned into a message)?
                            d.due = now + d.again
                pending = [d.due for d in self._active if d.left > 0]
                self._wake_at = min(pending, default=float("inf"))
                self._cond.wait(None if not pending else max(self._wake_at - now, 0.001))


_watchdog = _Watchdog()


def _async_raise(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id),
                                               ctypes.py_object(exc) if exc else None)
