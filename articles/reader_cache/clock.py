"""The one rule for time: nothing the reader cache keeps outlives the next scheduled change.

Some changes to reader pages happen with nobody saving anything: a story scheduled for 09:00
goes live at 09:00, an Editor's Pick starts or ends at its time. Whatever can bring such a
moment registers a *boundary*: a function of ``now`` returning the next such moment (an aware
datetime) or None. Every page, fragment and rail the cache keeps is kept no longer than the
earliest of them, so the scheduled story is on every page on time, with no job to run.
"""

import math

_boundaries = []


def register_boundary(next_moment):
    """``next_moment(now)``: the next time something scheduled changes reader pages, or None."""
    if next_moment not in _boundaries:
        _boundaries.append(next_moment)


def upcoming(now):
    """The earliest registered boundary after ``now`` (a datetime), or None."""
    moments = (boundary(now) for boundary in _boundaries)
    return min((moment for moment in moments if moment is not None), default=None)


def lifetime(timeout, upcoming_at, now):
    """Whole seconds to keep something: ``timeout``, or fewer if a boundary (a timestamp, or
    0 for none) comes sooner; 0 means do not keep it."""
    if not upcoming_at:
        return math.floor(timeout)
    return max(0, math.floor(min(timeout, upcoming_at - now)))
