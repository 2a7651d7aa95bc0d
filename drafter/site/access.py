"""Who may do what, checked on the server for every request.

Modeled on the way ODK Central grants rights: a role is a set of verbs, and a verb is granted
on an actee — here the whole site for the superior, one office for an office's account. Every
object a request names (a round, a submission, a file, a report) is fetched by its opaque id
and then checked against the account: an office reading another office's submission gets the
same 404 as for an id that does not exist (nothing tells it the other exists).
"""

from __future__ import annotations

from drafter.site.db import OFFICE, SUPERIOR, Office, Round, Submission, User

VERBS: dict[str, frozenset[str]] = {
    # the bureau (市局): opens rounds, sees every office's submissions, reviews, rolls up
    SUPERIOR: frozenset({"round.open", "round.read", "round.board", "submission.read",
                         "submission.review", "report.make", "report.read", "history.read",
                         "audit.read", "workbook.download", "folder.manage"}),
    # an office (区县): sees the rounds, downloads its workbook, uploads and reads its own
    OFFICE: frozenset({"round.read", "workbook.download", "submission.create",
                       "submission.read", "history.read"}),
}


class Denied(Exception):
    """Not allowed: the page answers 404 for an object, 403 for a verb."""

    def __init__(self, status: int = 403):
        super().__init__(status)
        self.status = status


def can(user: User, verb: str) -> bool:
    return user.active and verb in VERBS.get(user.role, frozenset())


def require(user: User, verb: str) -> None:
    if not can(user, verb):
        raise Denied(403)


def office_scope(user: User) -> int | None:
    """The one office an account may see, or None for the superior (every office)."""
    return None if user.role == SUPERIOR else user.office_id


def require_office(user: User, office: Office | None) -> Office:
    if office is None or (user.role != SUPERIOR and office.id != user.office_id):
        raise Denied(404)
    return office


def require_submission(user: User, submission: Submission | None, verb: str) -> Submission:
    require(user, verb)
    if submission is None or (user.role != SUPERIOR and submission.office_id != user.office_id):
        raise Denied(404)
    return submission


def require_round(user: User, round_: Round | None, verb: str) -> Round:
    require(user, verb)
    if round_ is None:
        raise Denied(404)
    return round_
