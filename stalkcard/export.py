"""Files to hand on: contacts as vCards, and the citizen's documentation log."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence

from stalkcard.i18n import _
from stalkcard.model import Card, Contact

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
    from stalkcard.model import FormsSection

    guide = card.log
    step = next(
        (s for g in card.step_sections for s in g.steps if guide and s.id == guide.quote), None
    )
    says = _('Handlekortet siger: "{text}"')
    quote = [says.format(text=p) for p in step.paragraphs] if step else []
    forms = card.section(guide.forms) if guide and guide.forms else None
    kinds = (
        [
            _("Kontaktform: skriv en af kortets former: {forms}.").format(
                forms=", ".join(f.title for f in forms.forms)
            )
        ]
        if isinstance(forms, FormsSection)
        else []
    )
    return [
        *quote,
        _("Skriv den nyeste hændelse øverst."),
        _(
            'Skriv datoen som en dato (fx 2026-11-26), ikke "i går" eller "i mandags", '
            "og skriv klokkeslættet."
        ),
        _(
            "Gem skærmbilleder, beskeder, breve og billeder som bilag med et nummer "
            "(Bilag 1, Bilag 2 ...), og skriv nummeret i kolonnen Bilag nr."
        ),
        _(
            "Skriv kun fakta: hvad skete der, hvor, og hvem så eller hørte det. "
            "Loggen kan blive læst af andre, fx af politiet i en straffesag."
        ),
        *kinds,
    ]


LOG_COLUMNS = (
    "Dato (ÅÅÅÅ-MM-DD)",
    "Klokkeslæt (TT:MM)",
    "Kontaktform",
    "Hvad skete der?",
    "Vidner",
    "Bilag nr.",
)
LOG_TITLE = "Log over kontaktforsøg"


def log_markdown(card: Card) -> str:
    from stalkcard.markdown import md, supplements_markdown

    lines = [f"# {_(LOG_TITLE)}", ""]
    lines += [f"- {md(line)}" for line in _log_guide(card)]  # quotes the card's words
    lines += ["", "| " + " | ".join(map(_, LOG_COLUMNS)) + " |"]
    lines.append("|" + "---|" * len(LOG_COLUMNS))
    lines += ["|" + "   |" * len(LOG_COLUMNS)] * LOG_ROWS
    wanted = card.log.supplements if card.log else []
    extra = [s for ident in wanted for s in card.supplements if s.id == ident]
    if extra:
        lines += ["", *supplements_markdown(extra)]
    return "\n".join(lines).rstrip() + "\n"


def log_csv(card: Card) -> str:
    """Semicolon-separated, as Danish Excel expects. Row 1 is the header, so that
    Excel's filter and sort and any import find it; the guide is in the Markdown log."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_(column) for column in LOG_COLUMNS])
    return buffer.getvalue()
