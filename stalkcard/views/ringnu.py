"""'Ring nu' as the views show it: the engine's timed call plan
(stalkcard.engine.callplan.plan_at) as blocks of lines, each call with its
marks (forslag, tillæg, lukket), and as data for scripts. The terminal, the
JSON, the note and the page's script all show these same blocks."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stalkcard.clock import moment_text
from stalkcard.i18n import _

if TYPE_CHECKING:
    from stalkcard.card.model import Contact
    from stalkcard.engine.callplan import CallAt, CallPlan


# "Ring nu" as blocks: a line of text (or None) and the calls under it. Every
# surface shows these blocks: the terminal's summary, the JSON (a script can
# print the same lines from it), and the page, whose script builds the same
# blocks from the same words (tests/engine/test_callplan.py and tests/views/test_page_engine.py).
Block = tuple[str | None, list["CallAt"], bool]  # text, calls, whether they are for later


def ring_nu(plan: CallPlan) -> list[Block]:
    """The blocks of "Ring nu" for a plan (stalkcard.engine.callplan.plan_at)."""
    from stalkcard.engine.result import URGENT

    urgent = [c for c in plan.calls if c.call.why == URGENT]
    rest = [c for c in plan.calls if c.call.why != URGENT]
    lines_block: list[Block] = []
    if plan.round_the_clock:
        from stalkcard.engine.callplan import CallAt
        from stalkcard.engine.result import Call

        lines = [CallAt(Call(c, "always", "always"), True) for c in plan.round_the_clock]
        lines_block = [(_("Indtil kortets kontakter kan træffes, kan du eller borgeren ringe til:")
                        if plan.after_hours else
                        _("Kan kortets kontakter ikke træffes, kan du eller borgeren ringe til:"),
                        lines, False)]  # fmt: skip
    if plan.time_unknown:  # the clock could not be read: no one is said to be open or closed
        out: list[Block] = [(_("Ring nu:"), urgent, False)] if urgent else []
        status = _("Det vides ikke, hvem der kan træffes nu: computerens ur eller tidszone kan "
                   "ikke læses.")  # fmt: skip
        return [*out, (status, rest, False), *lines_block]
    if plan.now is None or not (plan.after_hours or plan.hours_unknown):
        heading = _("Ring nu:")
        if plan.now is not None and plan.assumed:
            heading = _("Ring nu (kontortiden er et skøn, ikke kortets; tjek kommunens tider):")
        return [(heading, urgent + rest, False), *lines_block]
    when = moment_text(plan.now, plan.holiday)
    out = [(_("Ring nu:"), urgent, False)] if urgent else []
    if plan.after_hours:
        status = _("Uden for kontortid nu ({when}).")
        if plan.assumed:
            status = _("Uden for kontortid nu ({when}; kontortiden er et skøn, ikke kortets).")
        out.append((status.format(when=when), [], False))
        out += lines_block
        if plan.reopens is not None:
            later = _("Kortets kontakter fra {when}:").format(when=moment_text(plan.reopens))
        else:
            later = _("Kortets kontakter, når de åbner igen:")
        out.append((later, rest, True))
        return out
    if plan.no_hours:
        status = _("Kortet oplyser ingen åbningstider, så det vides ikke, om kontakterne kan "
                   "træffes nu ({when}).")  # fmt: skip
    else:
        status = _("Det vides ikke, om kortets kontakter kan træffes nu ({when}).")
    out.append((status.format(when=when), rest, False))
    return out + lines_block


def reason_marks(contact: Contact, why: str) -> list[str]:
    """Why a line of "Ring nu" is there, where it is not the card's: (forslag)
    for the tool's suggestion, (tillæg) for a number not on the card. The
    terminal, the JSON, the page and the note mark it alike."""
    from stalkcard.engine.result import SUGGEST

    marks = [_("(forslag)")] if why == SUGGEST else []
    if not contact.part_of_card:
        marks.append(_("(tillæg)"))
    return marks


def call_marks(at: CallAt, later: bool, timed: bool) -> list[str]:
    """What follows a line of "Ring nu": reason_marks, then (lukket nu) or
    (åbningstid ikke kendt) at a known time."""
    marks = reason_marks(at.call.contact, at.call.why)
    if timed and not later:
        if at.open_now is False:
            marks.append(_("(lukket nu)"))
        elif at.open_now is None:
            marks.append(_("(åbningstid ikke kendt)"))
    return marks


def call_who(at: CallAt, later: bool, timed: bool) -> str:
    """A line's words after its number: name, unit and marks."""
    contact = at.call.contact
    name = contact.name
    if contact.phone and name.endswith(f" ({contact.phone})"):  # "Alarmcentralen (112)"
        name = name[: -len(contact.phone) - 3]  # the number stands before it already
    who = f"{name}, {contact.unit}" if contact.unit else name
    return " ".join([who, *call_marks(at, later, timed)])


def plan_dict(plan: CallPlan) -> dict[str, Any]:
    """ "Ring nu" for scripts: the same blocks the terminal prints, each call
    with whether it answers now, when it opens next, why it is there and
    whose rule put it there."""
    timed = plan.now is not None

    def call(at: CallAt, later: bool) -> dict[str, Any]:
        c = at.call.contact
        return {
            "id": c.id,
            "name": c.name,
            "unit": c.unit,
            "phone": c.phone,
            "why": at.call.why,
            "rule": at.call.rule,
            "part_of_card": c.part_of_card,
            "open_now": at.open_now,
            "opens_next": at.opens_next.isoformat(timespec="minutes") if at.opens_next else None,
            "text": f"{c.phone}  {call_who(at, later, timed)}",
        }

    return {
        "now": plan.now.isoformat(timespec="minutes") if plan.now else None,
        "after_hours": plan.after_hours,
        "hours_unknown": plan.hours_unknown,
        "hours_assumed": plan.assumed,
        "no_hours": plan.no_hours,
        "time_unknown": plan.time_unknown,
        "holiday": plan.holiday,
        "reopens": plan.reopens.isoformat(timespec="minutes") if plan.reopens else None,
        "blocks": [
            {"text": text, "for_later": later, "calls": [call(at, later) for at in calls]}
            for text, calls, later in ring_nu(plan)
        ],
    }


def call_mark(contact: Contact, why: str) -> str:
    """What follows a line of "Ring nu" in the notes (plain and Markdown): reason_marks."""
    return "".join(" " + mark for mark in reason_marks(contact, why))
