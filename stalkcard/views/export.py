"""Files to hand on: contacts as vCards, and the citizen's documentation log."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from stalkcard.card.model import Card, Contact
from stalkcard.i18n import N_, _

LOG_ROWS = 12


def dial_number(phone: str) -> str:
    """A phone number as a dialable tel value: +45 before a Danish 8-digit number."""
    digits = re.sub(r"\D", "", phone)
    if phone.strip().startswith("+"):
        return f"+{digits}"
    if len(digits) == 8:
        return f"+45{digits}"
    return digits


def vcards(card: Card, contacts: Sequence[Contact]) -> str:
    """vCard 3.0, one card per contact (vobject does the escaping and folding)."""
    import vobject

    out = []
    for contact in contacts:
        vcard = vobject.vCard()
        vcard.add("fn").value = contact.name
        if contact.kind == "person":
            given, _, family = contact.name.partition(" ")
            vcard.add("n").value = vobject.vcard.Name(family=family, given=given)
            vcard.add("org").value = [card.meta.municipality, contact.unit or ""]
        else:
            vcard.add("n").value = vobject.vcard.Name(family="", given="")
            vcard.add("org").value = [contact.name]
        if contact.phone:  # a way to act that is not a call has no number
            tel = vcard.add("tel")
            tel.value = dial_number(contact.phone)
            tel.type_param = ["WORK", "VOICE"]
        if contact.email:
            mail = vcard.add("email")
            mail.value = contact.email
            mail.type_param = ["INTERNET", "WORK"]
        vcard.add("note").value = contact.purpose
        out.append(vcard.serialize())
    return "".join(out)


def _log_guide(card: Card) -> list[str]:
    """The card's own words for the log: the step it quotes and its forms as the
    kinds of contact. Advice on how to keep a log is not the card's: it is in the
    card file's supplements (`log.supplements`), shown apart with their sources."""
    from stalkcard.card.model import FormsSection

    guide = card.log
    step = next(
        (s for g in card.step_sections for s in g.steps if guide and s.id == guide.quote), None
    )
    says = _('Handlekortet siger: "{text}"')
    quote = [says.format(text=p) for p in step.paragraphs] if step else []
    forms = card.section(guide.forms) if guide and guide.forms else None
    kinds = (
        [
            _("Kortets former (til kolonnen Kontaktform): {forms}.").format(
                forms=", ".join(f.title for f in forms.forms)
            )
        ]
        if isinstance(forms, FormsSection)
        else []
    )
    return [*quote, *kinds]


LOG_COLUMNS = (
    N_("Dato (DD.MM.ÅÅÅÅ)"),
    N_("Klokkeslæt (TT:MM)"),
    N_("Kontaktform"),
    N_("Hvad skete der?"),
    N_("Vidner"),
    N_("Bilag nr."),
)
LOG_TITLE = N_("Log over kontaktforsøg")
LOG_FORM_HEADING = N_("Skemaet")


def log_markdown(card: Card) -> str:
    from stalkcard.views.markdown import md, supplements_markdown

    lines = [f"# {_(LOG_TITLE)}", ""]
    lines += [f"- {md(line)}" for line in _log_guide(card)]  # quotes the card's words
    # The advice on keeping a log is the card file's supplements, marked and
    # sourced, read before the form itself.
    wanted = card.log.supplements if card.log else []
    extra = [s for ident in wanted for s in card.supplements if s.id == ident]
    if extra:
        lines += ["", *supplements_markdown(extra)]
    lines += [*([""] if lines[-1] else []), f"## {_(LOG_FORM_HEADING)}", ""]
    lines += ["| " + " | ".join(map(_, LOG_COLUMNS)) + " |"]
    lines.append("|" + "---|" * len(LOG_COLUMNS))
    lines += ["|" + "   |" * len(LOG_COLUMNS)] * LOG_ROWS
    return "\n".join(lines).rstrip() + "\n"


def log_csv(card: Card) -> str:
    """Semicolon-separated, as Danish Excel expects. Row 1 is the header, so that
    Excel's filter and sort and any import find it; the guide is in the Markdown log."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_(column) for column in LOG_COLUMNS])
    return buffer.getvalue()
