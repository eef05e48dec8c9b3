"""English for every message of the tool, keyed by its Danish text.

tests/test_i18n.py fails when a message has no English here, or when the two
differ in their {placeholders}.
"""

from __future__ import annotations

ENGLISH: dict[str, str] = {
    # The card file and its validation
    "Kortfilen": "The card file",
    "Svarfilen": "The answers file",
    "(hele filen)": "(the whole file)",
    "en liste": "a list",
    "et afsnit": "a section",
    "tekst": "text",
    "tom": "empty",
    "en enkelt værdi": "a single value",
    "mangler.": "is missing.",
    "er ikke et kendt felt (stavefejl?).": "is not a known field (a typo?).",
    "har en ugyldig form.": "has an invalid form.",
    "må ikke være tom og må ikke indeholde usynlige styretegn.": (
        "must not be empty and must not contain invisible control characters."
    ),
    "skal være et id med små bogstaver a-z, tal og _ (fx akut_fare).": (
        "must be an id of lower-case letters a-z, digits and _ (e.g. akut_fare)."
    ),
    'skal være et telefonnummer med cifre og mellemrum, fx "8794 7626".': (
        'must be a phone number of digits and spaces, e.g. "8794 7626".'
    ),
    'skal være en dato skrevet ÅÅÅÅ-MM-DD, fx "2026-11-26".': (
        'must be a date written YYYY-MM-DD, e.g. "2026-11-26".'
    ),
    "YAML-aliaser (*navn) er ikke tilladt her; skriv teksten ud.": (
        "YAML aliases (*name) are not allowed here; write the text out."
    ),
    "YAML-mærker (tags, fx !!python/...) er ikke tilladt her.": (
        "YAML tags (e.g. !!python/...) are not allowed here."
    ),
    'spørgsmålet "{question}" ({text}): valget "{id}" har teksten "{label}", '
    'som siger det modsatte. Teksten for "yes" skal betyde ja, for "no" nej '
    'og for "unknown" ved ikke.': (
        'the question "{question}" ({text}): the choice "{id}" has the text "{label}", '
        'which says the opposite. The text for "yes" must mean yes, for "no" no, '
        'and for "unknown" don\'t know.'
    ),
    "datoen {value} findes ikke i kalenderen. Skriv en rigtig dato som ÅÅÅÅ-MM-DD, "
    "fx 2026-02-28.": (
        "the date {value} is not in the calendar. Write a real date as YYYY-MM-DD, e.g. 2026-02-28."
    ),
    "tallet {value} kan ikke læses (det er for langt). Sæt det i anførselstegn, "
    "hvis det er tekst.": (
        "the number {value} cannot be read (it is too long). Put it in quotes if it is text."
    ),
    "værdien {value} kan ikke læses. Sæt den i anførselstegn, hvis det er tekst.": (
        "the value {value} cannot be read. Put it in quotes if it is text."
    ),
    "{source}, linje {line}: ": "{source}, line {line}: ",
    "linje {line}, ": "line {line}, ",
    ", kolonne {column}": ", column {column}",
    "felt {field}: {message}": "field {field}: {message}",
    "skal være tekst i anførselstegn; uden dem læses ord som yes/no/on/off som sand/falsk.": (
        "must be text in quotes; without them, words like yes/no/on/off are read as true/false."
    ),
    "skal være en liste (linjer, der starter med -).": "must be a list (lines starting with -).",
    "skal være et afsnit med felter (nøgle: værdi).": "must be a section of fields (key: value).",
    "er ugyldigt ({what}).": "is invalid ({what}).",
    "skal være {expected}, ikke {got}.": "must be {expected}, not {got}.",
    'skal være tekst i anførselstegn, fx "{value}", ikke et tal.': (
        'must be text in quotes, e.g. "{value}", not a number.'
    ),
    'skal være tekst i anførselstegn, fx "{value}".': 'must be text in quotes, e.g. "{value}".',
    "den sidste vurderingsregel skal gælde altid (uden when), så ingen svar står uden vurdering.": (
        "the last assessment rule must always apply (no when), so that no answers are left "
        "without an assessment."
    ),
    "Kortfilen kan ikke bruges: {source}": "The card file cannot be used: {source}",
    "{what} er for stor (over {kib} KiB): {path}": "{what} is too large (over {kib} KiB): {path}",
    "{what} er tom: {path}": "{what} is empty: {path}",
    "{what} findes ikke: {path}": "{what} does not exist: {path}",
    "{what} er en mappe, ikke en fil: {path}": "{what} is a folder, not a file: {path}",
    "{what} kan ikke læses: {path} ({reason})": "{what} cannot be read: {path} ({reason})",
    "{what} er ikke gemt som UTF-8 (byte {byte}): {path}. Gem den igen med tegnsættet UTF-8.": (
        "{what} is not saved as UTF-8 (byte {byte}): {path}. Save it again with the UTF-8 encoding."
    ),
    "skal indeholde både navnet og telefonnummeret, som på kortet.": (
        "must hold both the name and the phone number, as on the card."
    ),
    "filen er indlejret for dybt (mere end {depth} niveauer).": (
        "the file is nested too deeply (more than {depth} levels)."
    ),
    "{source}: filen er ikke gyldig YAML ({kind}).": "{source}: the file is not valid YAML ({kind}).",
    ": filen er ikke gyldig YAML. Tjek indrykning, kolon og anførselstegn omkring linjen. "
    "(Teknisk: {problem})": (
        ": the file is not valid YAML. Check the indentation, colons and quotes around the line. "
        "(Technical: {problem})"
    ),
    "nøglen {key} skal være tekst (skriv den i anførselstegn, hvis det er et tal eller ja/nej).": (
        "the key {key} must be text (write it in quotes if it is a number or yes/no)."
    ),
    'nøglen "{key}" står to gange i samme afsnit.': 'the key "{key}" appears twice in one section.',
    'vurderingen "{id}" findes ikke under screening.assessments.': (
        'the assessment "{id}" does not exist under screening.assessments.'
    ),
    'id "{id}" bruges to gange.': 'the id "{id}" is used twice.',
    'trinnet "{id}" findes ikke; brug en af: {ids}.': 'the step "{id}" does not exist; use one of: {ids}.',
    'tillægget "{id}" findes ikke under supplements.': (
        'the supplement "{id}" does not exist under supplements.'
    ),
    '"{key}" kan kun være: {values}.': '"{key}" can only be: {values}.',
    # The command line
    "Vis hele handlekortet (eller ét afsnit af det).": "Show the whole action card (or one section).",
    "Hvem skal jeg ringe til? Kortets kontakter, og numre, som ikke står på kortet.": (
        "Who do I call? The card's contacts, and numbers that are not on the card."
    ),
    "Skabelon til borgerens log over kontaktforsøg: dato, tid, form, hændelse, vidner, bilag.": (
        "A template for the citizen's log of contact attempts: date, time, form, event, "
        "witnesses, appendix."
    ),
    "Tjek, at en kortfil er gyldig, og sig hvad der er galt, hvis den ikke er.": (
        "Check that a card file is valid, and say what is wrong if it is not."
    ),
    "Guidet screening: er det stalking, hvem skal du kontakte, og hvad skal du gøre nu?": (
        "Guided screening: is it stalking, who should you contact, and what should you do now?"
    ),
    "STI": "PATH",
    "AFSNIT": "SECTION",
    "SØG": "SEARCH",
    "FIL": "FILE",
    (
        "Brug en anden kortfil (YAML) eller et indbygget kort (fx vejle). Også muligt "
        "med miljøvariablen STALKCARD_CARD."
    ): (
        "Use another card file (YAML) or a bundled card (e.g. vejle). Also possible with "
        "the environment variable STALKCARD_CARD."
    ),
    "Sprog: da (standard) eller en. Også muligt med STALKCARD_LANG.": (
        "Language: da (default) or en. Also possible with STALKCARD_LANG."
    ),
    "Vis versionen og afslut.": "Show the version and exit.",
    "text, markdown eller json.": "text, markdown or json.",
    "Vis også tillæg, som ikke står på kortet.": "Also show supplements that are not on the card.",
    "Skriv kontakterne som JSON.": "Write the contacts as JSON.",
    "Gem kontakterne som vCard (til telefon og Outlook).": (
        "Save the contacts as vCard (for a phone and Outlook)."
    ),
    "Erstat en eksisterende fil.": "Replace an existing file.",
    "markdown eller csv (til Excel).": "markdown or csv (for Excel).",
    "Gem skabelonen i en fil.": "Save the template in a file.",
    "Kortfilen, der skal tjekkes (standard: den indbyggede).": (
        "The card file to check (default: the built-in one)."
    ),
    "Læs svarene fra en YAML- eller JSON-fil i stedet.": "Read the answers from a YAML or JSON file.",
    "text eller json.": "text or json.",
    "Erstat en eksisterende notatfil.": "Replace an existing note file.",
    "Intet notat er gemt.": "No note was saved.",
    "Skabelonen er gemt: {path}": "The template is saved: {path}",
    "Kortet er gyldigt: {path}\n  {title}, version {version}\n  {counts}.\n  Kontaktlisten er sidst opdateret {verified}.": (
        "The card is valid: {path}\n  {title}, version {version}\n  {counts}.\n  The contact list was last updated {verified}."
    ),
    "Afbrudt. Intet er gemt.": "Cancelled. Nothing was saved.",
    "Bemærk: kontaktlisten i kortfilen er sidst opdateret {verified}, for over 12 måneder "
    "siden. Tjek numrene på intranettet, før du ringer.": (
        "Note: the contact list in the card file was last updated {verified}, more than 12 months ago. "
        "Check the numbers on the intranet before you call."
    ),
    'Ukendt sprog "{lang}". Brug da eller en.': 'Unknown language "{lang}". Use da or en.',
    'Afsnittet "{section}" findes ikke. Afsnit: {ids}.': (
        'The section "{section}" does not exist. Sections: {ids}.'
    ),
    "Notatet er gemt: {path} (kun du kan læse det).": (
        "The note is saved: {path} (only you can read it)."
    ),
    "Kortet siger: {text}": "The card says: {text}",
    "AKUT FARE": "ACUTE DANGER",
    "MULIG AKUT FARE": "POSSIBLE ACUTE DANGER",
    # The card's keeper
    "Bemærk: kontaktlisten er sidst opdateret {verified}, for over 12 måneder siden. Kontrollér numrene, og ret datoen (meta.contacts_verified).": (
        "Note: the contact list was last updated {verified}, more than 12 months ago. Check the numbers, and change the date (meta.contacts_verified)."
    ),
    "Bemærk: den engelske udgave passer ikke længere til kortet ({twin}). Ret den, så id'er, telefonnumre og regler er de samme:": (
        "Note: the English version no longer matches the card ({twin}). Correct it, so that ids, phone numbers and rules are the same:"
    ),
    "{field} står kun i den ene fil.": "{field} is in only one of the files.",
    "{field}: {da} i den danske, {en} i den engelske.": "{field}: {da} in the Danish, {en} in the English.",
    "{field}: {da} punkter i den danske, {en} i den engelske.": "{field}: {da} items in the Danish, {en} in the English.",
    "Kopiér det indbyggede kort (dansk og engelsk) til en mappe, så kommunens koordinator "
    "kan rette det. Et andet indbygget kort: --card NAVN før copy-card.": (
        "Copy the bundled card (Danish and English) to a folder, so the municipality's "
        "coordinator can edit it. Another bundled card: --card NAME before copy-card."
    ),
    'enheden "{id}" har ingen kontakter i kortets afsnit, så forslaget ville ikke foreslå nogen.': (
        'the unit "{id}" has no contacts in the card\'s sections, so the suggestion would '
        "suggest no one."
    ),
    'enheden "{id}" har samme navn som "{other}": {name}.': (
        'the unit "{id}" has the same name as "{other}": {name}.'
    ),
    "copy-card kopierer et indbygget kort: --card skal være et af dem: {names}.": (
        "copy-card copies a bundled card: --card must be one of them: {names}."
    ),
    "MAPPE": "FOLDER",
    "Mappen, kortfilerne skal ligge i.": "The folder for the card files.",
    "Erstat kortfiler, der allerede ligger der.": "Replace card files that are already there.",
    "copy-card: der er ikke angivet nogen mappe.": "copy-card: no folder was given.",
    "Kortfilen er kopieret: {path}": "The card file is copied: {path}",
    "Ret filerne, og tjek dem med: stalkcard validate {path}\nBrug dem med: STALKCARD_CARD={path} (eller --card {path}).": (
        "Edit the files, and check them with: stalkcard validate {path}\nUse them with: STALKCARD_CARD={path} (or --card {path})."
    ),
    # The documentation log
    "Log over kontaktforsøg": "Log of contact attempts",
    'Handlekortet siger: "{text}"': 'The action card says: "{text}"',
    "Skriv den nyeste hændelse øverst.": "Write the newest event at the top.",
    'Skriv datoen som en dato (fx 2026-11-26), ikke "i går" eller "i mandags", og skriv '
    "klokkeslættet.": (
        'Write the date as a date (e.g. 2026-11-26), not "yesterday" or "last Monday", and '
        "write the time."
    ),
    "Gem skærmbilleder, beskeder, breve og billeder som bilag med et nummer (Bilag 1, Bilag 2 "
    "...), og skriv nummeret i kolonnen Bilag nr.": (
        "Keep screenshots, messages, letters and pictures as numbered appendices (Appendix 1, "
        "Appendix 2 ...), and write the number in the column Appendix no."
    ),
    "Skriv kun fakta: hvad skete der, hvor, og hvem så eller hørte det. Loggen kan blive læst af "
    "andre, fx af politiet i en straffesag.": (
        "Write down facts only: what happened, where, and who saw or heard it. The log may be "
        "read by others, e.g. by the police in a criminal case."
    ),
    "Kontaktform: skriv en af kortets former: {forms}.": (
        "Form of contact: write one of the card's forms: {forms}."
    ),
    "Dato (ÅÅÅÅ-MM-DD)": "Date (YYYY-MM-DD)",
    "Klokkeslæt (TT:MM)": "Time (HH:MM)",
    "Kontaktform": "Form of contact",
    "Hvad skete der?": "What happened?",
    "Vidner": "Witnesses",
    "Bilag nr.": "Appendix no.",
    # Files
    "Filen findes allerede: {path}. Vælg et andet navn, eller brug --force for at erstatte den.": (
        "The file exists already: {path}. Choose another name, or use --force to replace it."
    ),
    "Der er en mappe med det navn: {path}. Vælg et filnavn.": (
        "There is a folder with that name: {path}. Choose a file name."
    ),
    "Mappen findes ikke: {folder}": "The folder does not exist: {folder}",
    "Kan ikke skrive i mappen {folder}: {reason}": "Cannot write in the folder {folder}: {reason}",
    "Kan ikke skrive filen {path}: {reason}": "Cannot write the file {path}: {reason}",
    # The prompts
    "Screeningen blev afbrudt. Intet er gemt.": "The screening was cancelled. Nothing was saved.",
    "Tilbage til forrige spørgsmål": "Back to the previous question",
    "Ja": "Yes",
    "Nej": "No",
    "Ved ikke": "Don't know",
    "Vil du gemme et notat om screeningen? (uden navn og CPR-nummer)": (
        "Do you want to save a note of the screening? (without name and CPR number)"
    ),
    "Nej, gem ikke": "No, don't save",
    "Ja, gem et notat": "Yes, save a note",
    "Filnavn til notatet:": "File name for the note:",
    "Skriv et andet filnavn (eller tryk Enter for ikke at gemme):": (
        "Type another file name (or press Enter not to save):"
    ),
    "Se resultatet": "See the result",
    "Er svarene rigtige?": "Are the answers right?",
    "Ret: {answer}": "Change: {answer}",
    "Screening ved mistanke om stalking": "Screening for suspected stalking",
    "Hvem skal jeg ringe til?": "Who do I call?",
    "Vis hele handlekortet": "Show the whole action card",
    "Afslut": "Quit",
    "Hvad vil du?": "What do you want to do?",
    # The renderings
    "Tillæg – ikke en del af handlekortet": "Supplement – not part of the action card",
    "Kilde: {source}": "Source: {source}",
    "{municipality} · version {version} · kontaktlisten opdateret {verified}": (
        "{municipality} · version {version} · contact list updated {verified}"
    ),
    "Navn": "Name",
    "Telefon": "Phone",
    "Tlf. ": "Phone ",
    "Ingen": "None",
    "Ikke spurgt": "Not asked",
    "Til stede: {names}.": "Present: {names}.",
    "Uklart: {names}.": "Not clear: {names}.",
    "Ikke til stede efter dine svar: {names}.": "Not present, going by your answers: {names}.",
    "Kortets kontakter fra {when}:": "The card's contacts from {when}:",
    # "Ring nu" (views.ring_nu) and who answers now (callplan)
    "Ring nu (kontortiden er et skøn, ikke kortets; tjek kommunens tider):": (
        "Call now (the office hours are an estimate, not the card's; check the "
        "municipality's hours):"
    ),
    "Indtil kortets kontakter kan træffes, kan du eller borgeren ringe til:": (
        "Until the card's contacts can be reached, you or the citizen can call:"
    ),
    "Kan kortets kontakter ikke træffes, kan du eller borgeren ringe til:": (
        "If the card's contacts cannot be reached, you or the citizen can call:"
    ),
    "Uden for kontortid nu ({when}; kontortiden er et skøn, ikke kortets).": (
        "Outside office hours now ({when}; the office hours are an estimate, not the card's)."
    ),
    "Kortets kontakter, når de åbner igen:": "The card's contacts, when they open again:",
    "Kortet oplyser ingen åbningstider, så det vides ikke, om kontakterne kan træffes nu ({when}).": (
        "The card gives no opening hours, so it is not known whether the contacts can be "
        "reached now ({when})."
    ),
    "Det vides ikke, om kortets kontakter kan træffes nu ({when}).": (
        "It is not known whether the card's contacts can be reached now ({when})."
    ),
    "(tillæg)": "(supplement)",
    "(åbningstid ikke kendt)": "(opening hours not known)",
    "åbningstid ikke kendt": "opening hours not known",
    "(forslag): værktøjets forslag, ikke en del af handlekortet.": (
        "(suggested): the tool's suggestion, not part of the action card."
    ),
    "lukkedag": "closed day",
    "nytårsdag": "New Year's Day",
    "skærtorsdag": "Maundy Thursday",
    "langfredag": "Good Friday",
    "påskedag": "Easter Sunday",
    "2. påskedag": "Easter Monday",
    "store bededag": "Great Prayer Day",
    "Kristi himmelfartsdag": "Ascension Day",
    "pinsedag": "Whit Sunday",
    "2. pinsedag": "Whit Monday",
    "1. juledag": "Christmas Day",
    "2. juledag": "Boxing Day",
    (
        "{phone} svarer døgnet rundt: skriv always_open: true (og for 112 "
        "urgent_only: true) i stedet for åbningstider."
    ): (
        "{phone} answers day and night: write always_open: true (and for 112 "
        "urgent_only: true) instead of opening hours."
    ),
    "en linje kun til akut fare skal svare døgnet rundt (always_open: true).": (
        "a line only for acute danger must answer day and night (always_open: true)."
    ),
    "en linje, der svarer døgnet rundt (always_open), har ingen åbningstider.": (
        "a line that answers day and night (always_open) has no opening hours."
    ),
    (
        "der er for mange kombinationer af svar til at prøve, hvem der kan "
        "træffes, i dem alle: tilføj en linje, der svarer døgnet rundt for alle "
        "(always_open: true, uden for og urgent_only), fx 114."
    ): (
        "there are too many combinations of answers to try who can be reached in each: "
        "add a line that answers day and night for everyone (always_open: true, without "
        "for and urgent_only), e.g. 114."
    ),
    (
        "svarene {answers} giver ingen at ringe til under «Ring nu» (ud over "
        "linjer kun til akut fare): kortet siger, at en mistanke altid skal "
        "handles på."
    ): (
        "the answers {answers} give no one to call under «Call now» (besides lines only "
        "for acute danger): the card says a suspicion must always be acted on."
    ),
    (
        "svarene {answers}: {when} kan ingen under «Ring nu» træffes, og der er "
        "ingen linje, der svarer døgnet rundt for borgeren eller dig. Tilføj en "
        "(always_open: true), fx 114 som tillæg med kilde, eller ret "
        "åbningstiderne."
    ): (
        "the answers {answers}: at {when} no one under «Call now» can be reached, and "
        "there is no line that answers day and night for the citizen or you. Add one "
        "(always_open: true), e.g. 114 as a supplement with a source, or correct the "
        "opening hours."
    ),
    (
        "Bemærk: kortet oplyser ingen åbningstider (meta.office_hours eller hours på "
        "kontakterne). Resultatet siger derfor, at det ikke vides, om kontakterne kan "
        "træffes, og viser linjer, der svarer døgnet rundt."
    ): (
        "Note: the card gives no opening hours (meta.office_hours or hours on the "
        "contacts). The result therefore says it is not known whether the contacts can be "
        "reached, and shows lines that answer day and night."
    ),
    "Formål og kilder: stalkcard contacts --sources (eller et nummer, fx 114)": (
        "Purposes and sources: stalkcard contacts --sources (or a number, e.g. 114)"
    ),
    "Vis formål og kilder for numrene, som ikke står på kortet.": (
        "Show the purposes and sources of the numbers that are not on the card."
    ),
    (
        "Søg i navn, enhed, telefonnummer og søgeord, fx politi, børn og unge eller "
        "8794 7983 (uden anførselstegn)."
    ): (
        "Search names, units, phone numbers and keywords, e.g. politi, børn og unge or "
        "8794 7983 (no quotes needed)."
    ),
    "Kontortiden er et skøn, ikke kortets; tjek kommunens tider.": (
        "The office hours are an estimate, not the card's; check the municipality's hours."
    ),
    "(lukket nu)": "(closed now)",
    "Uden for kontortid nu ({when}).": "Outside office hours now ({when}).",
    "hverdage": "weekdays",
    "alle dage": "every day",
    "{days} kl. {opens}-{closes}": "{days} {opens}-{closes}",
    "e-mail {email}": "e-mail {email}",
    "E-mail: {email}": "E-mail: {email}",
    "Indbyggede kort: {names}.": "Bundled cards: {names}.",
    (
        "en regel for hast må kun spørge om {key} (akut fare), ikke om {others}: "
        "hast betyder akut fare, og resultatet viser da 112."
    ): (
        "a rule for urgency may only ask about {key} (acute danger), not about {others}: "
        "urgent means acute danger, and the result then shows 112."
    ),
    "ingenting (altid)": "nothing (always)",
    ('{key}: "{value}" gør resultatet akut, men intet tillæg med urgent: true vises (fx 112).'): (
        '{key}: "{value}" makes the result urgent, but no supplement with urgent: true '
        "is shown (e.g. 112)."
    ),
    (
        "hvert svar skal være et af spørgsmålets valg i anførselstegn, "
        'fx "yes", eller en liste af dem, fx ["yes", "unknown"].'
    ): (
        "each answer must be one of the question's choices in quotes, "
        'e.g. "yes", or a list of them, e.g. ["yes", "unknown"].'
    ),
    "{value} er ikke en slags afsnit; brug en af: {kinds}.": (
        "{value} is not a kind of section; use one of: {kinds}."
    ),
    "true eller false": "true or false",
    "et tal": "a number",
    (
        '"ved ikke" skal være sit eget valg (id "unknown", eller et andet id '
        'end "yes" og "no"): et svar, der ikke er givet, må aldrig læses som ja '
        "eller nej."
    ): (
        '"don\'t know" must be a choice of its own (id "unknown", or an id other '
        'than "yes" and "no"): an answer not given must never be read as yes or no.'
    ),
    ('kontakten "{id}" står allerede i afsnittet "{section}"; en kontakt står i ét afsnit.'): (
        'the contact "{id}" is already in the section "{section}"; a contact is in one section.'
    ),
    (
        "Ret disse fejl, og kør validate igen: kortets øvrige tjek (id'er, regler og "
        "sikkerhedens gulv) kører, når filen kan læses."
    ): (
        "Correct these and run validate again: the card's other checks (ids, rules and "
        "the safety floor) run once the file can be read."
    ),
    "{value} er ikke en ugedag; brug mon, tue, wed, thu, fri, sat eller sun.": (
        "{value} is not a day of the week; use mon, tue, wed, thu, fri, sat or sun."
    ),
    'skal være et klokkeslæt i anførselstegn, fx "{clock}".': 'must be a time in quotes, e.g. "{clock}".',
    "tidspunktet, hvor kontakterne lukker, skal ligge efter det, hvor de åbner (samme dag).": (
        "the time the contacts close must be after the time they open (on the same day)."
    ),
    "mandag": "Monday",
    "tirsdag": "Tuesday",
    "onsdag": "Wednesday",
    "torsdag": "Thursday",
    "fredag": "Friday",
    "lørdag": "Saturday",
    "søndag": "Sunday",
    "{day} kl. {time}": "{day} at {time}",
    "Resultat af screeningen": "Result of the screening",
    "Det skal du gøre nu": "What to do now",
    "Dine svar": "Your answers",
    "Notat: screening for stalking": "Note: screening for stalking",
    "Dato: {date}": "Date: {date}",
    "Handlekort: {title}, version {version}": "Action card: {title}, version {version}",
    "Skriv ikke borgerens navn, CPR-nummer eller andre personoplysninger i dette notat.": (
        "Do not write the citizen's name, CPR number or other personal data in this note."
    ),
    "Notatet hører til i sagen i det system, der er godkendt til det.": (
        "The note belongs in the case, in the system approved for it."
    ),
    "**{heading}** – se tillæg nedenfor.": "**{heading}** – see the supplement below.",
    "Svar": "Answers",
    "Vurdering": "Assessment",
    # Answers
    "ingen værdi": "no value",
    "(eller ja, nej, ved ikke)": "(or ja, nej, ved ikke)",
    "(eller ja, nej)": "(or ja, nej)",
    'Svaret "{key}" er ugyldigt: {value}. Tilladte værdier: {allowed}.': (
        'The answer "{key}" is invalid: {value}. Allowed values: {allowed}.'
    ),
    "Ukendt svar: {key}. Mulige svar: {keys}.": "Unknown answer: {key}. Possible answers: {keys}.",
    'Svaret "{key}" mangler. Påkrævede svar: {keys}.': (
        'The answer "{key}" is missing. Required answers: {keys}.'
    ),
    'Svaret "{key}" er givet to gange.': 'The answer "{key}" is given twice.',
    # Reading files; the operating system's reasons
    "{what}: der er ikke angivet noget filnavn.": "{what}: no file name was given.",
    "{what} er ikke en almindelig fil: {path}": "{what} is not a regular file: {path}",
    "systemfejl {code}": "system error {code}",
    "findes ikke": "does not exist",
    "adgang nægtet": "permission denied",
    "handlingen er ikke tilladt": "operation not permitted",
    "navnet er for langt": "the name is too long",
    "der er ikke mere plads på drevet": "no space left on the drive",
    'skal være et klokkeslæt fra "00:00" til "24:00" i anførselstegn, fx "15:00".': (
        'must be a time from "00:00" to "24:00" in quotes, e.g. "15:00".'
    ),
    "{folder} er en fil, ikke en mappe. Angiv en mappe til kortfilerne "
    "(en mappe, der ikke findes, oprettes).": (
        "{folder} is a file, not a folder. Give a folder for the card files "
        "(a folder that does not exist is created)."
    ),
    "Kan ikke oprette mappen {folder}: {reason}": "Cannot create the folder {folder}: {reason}",
    "Filnavnet indeholder et nul-tegn (NUL), som intet filnavn kan have. Skriv navnet igen.": (
        "The file name contains a null character (NUL), which no file name can have. "
        "Type the name again."
    ),
    "Filnavnet indeholder tegn, som ikke kan bruges i et filnavn. Skriv navnet igen.": (
        "The file name contains characters that cannot be used in a file name. Type the name again."
    ),
    "filen er større, end systemet tillader": "the file is larger than the system allows",
    "din diskkvote er brugt op": "your disk quota is used up",
    "drevet er skrivebeskyttet": "the drive is read-only",
    "det er en mappe": "it is a folder",
    "en del af stien er ikke en mappe": "part of the path is not a folder",
    "findes allerede": "already exists",
    "for mange genveje (symlinks) i stien": "too many symbolic links in the path",
    "fejl ved læsning eller skrivning på drevet": "input/output error on the drive",
    "kan ikke flyttes mellem to drev": "cannot be moved between two drives",
    "ugyldigt navn": "invalid name",
    "modtageren er lukket": "the receiving end is closed",
    "udgangen er lukket": "the output is closed",
    "Enhed": "Unit",
    "Formål (værktøjets resumé)": "Purpose (the tool's summary)",
    # The closing summary, the suggestion and the unit
    "Ikke angivet": "Not given",
    "Kort sagt": "In short",
    "Vurdering: {text}": "Assessment: {text}",
    "Ring nu:": "Call now:",
    "(forslag)": "(suggested)",
    "Forslag – ikke en del af handlekortet. Alle kontakter: stalkcard contacts.": (
        "Suggestion – not part of the action card. All contacts: stalkcard contacts."
    ),
    'Svaret "{key}" passer ikke på én enhed: {value}. Enheder: {units}; eller other.': (
        'The answer "{key}" does not match one unit: {value}. Units: {units}; or other.'
    ),
    # Writing files
    "Der er ikke angivet noget filnavn.": "No file name was given.",
    '"-" er ikke et filnavn her. Udelad -o/--note for at skrive til skærmen.': (
        '"-" is not a file name here. Leave out -o/--note to write to the screen.'
    ),
    "Navnet ender med en skråstreg, så det er en mappe: {path}. Skriv et filnavn.": (
        "The name ends with a slash, so it is a folder: {path}. Give a file name."
    ),
    "{path} er ikke en almindelig fil (fx en genvej eller en enhed) og erstattes ikke. Vælg et andet navn.": (
        "{path} is not a regular file (e.g. a link or a device) and is not replaced. Choose another name."
    ),
    # The interactive flow
    "ingen markeret": "none marked",
    "Spørgsmål {number} af {total}": "Question {number} of {total}",
    "piletasterne flytter, Enter vælger": "arrow keys move, Enter chooses",
    "mellemrum markerer, Enter går videre; ingen markeret er også et svar": (
        "space marks, Enter goes on; none marked is an answer too"
    ),
    "Anden enhed, eller spring over": "Another unit, or skip",
    "stalking-notat-{when}": "stalking-note-{when}",
    "stalking-notat": "stalking-note",
    "stalking-notat-{when}.txt": "stalking-note-{when}.txt",
    "Dato: ukendt (computerens ur kan ikke læses)": "Date: unknown (the computer's clock cannot be read)",
    "Bemærk: computerens ur kan ikke læses (det står måske efter år 2262). Tjek dato og "
    "klokkeslæt på computeren. Værktøjet kan ikke sige, hvem der har åbent lige nu.": (
        "Note: the computer's clock cannot be read (it may be set after the year 2262). Check "
        "the date and time on the computer. The tool cannot say who is open right now."
    ),
    "Bemærk: computeren kender ikke dansk tid (tidszonen {zone} mangler; på Windows "
    "installeres den med pakken tzdata). Værktøjet siger derfor ikke, hvem der har "
    "åbent lige nu: tjek selv kontakternes åbningstider.": (
        "Note: the computer does not know Danish time (the time zone {zone} is missing; on "
        "Windows it comes with the tzdata package). So the tool does not say who is open "
        "right now: check the contacts' opening hours yourself."
    ),
    "Bemærk: kontaktlisten er opdateret {verified}, efter dagens dato ({today}). "
    "Computerens ur går sikkert forkert: tjek dato og klokkeslæt. Indtil da kan "
    "det, værktøjet siger om åbningstider, være forkert.": (
        "Note: the contact list was updated {verified}, after today's date ({today}). The "
        "computer's clock is probably wrong: check the date and time. Until then, what the "
        "tool says about opening hours may be wrong."
    ),
    "(Enter gemmer; ~ er din hjemmemappe)": "(Enter saves; ~ is your home folder)",
    "Filen findes allerede: {path}. Hvad vil du?": "The file already exists: {path}. What do you want to do?",
    "Vælg et andet navn": "Choose another name",
    "Erstat filen": "Replace the file",
    "Gem ikke": "Do not save",
    "Spørgsmålet om din enhed stilles i stedet.": "You will be asked for your unit instead.",
    # contacts
    "Tillæg – ikke en del af handlekortet: numre, som ikke står på kortet": (
        "Supplement – not part of the action card: numbers that are not on the card"
    ),
    "Kilde ({phone}): {source}": "Source ({phone}): {source}",
    "Brug enten --json eller --vcard, ikke begge.": "Use either --json or --vcard, not both.",
    " Mente du: {names}?": " Did you mean: {names}?",
    'Ingen kontakter passer på "{query}".': 'No contacts match "{query}".',
    "Prøv uden søgning: stalkcard contacts": "Try without a search: stalkcard contacts",
    'Intet passer præcist på "{query}". Det nærmeste:': 'Nothing matches "{query}" exactly. The nearest:',
    # The command line's frame (stalkcard/clitext.py)
    "Vis denne hjælp og afslut.": "Show this message and exit.",
    "[standard: ": "[default: ",
    "; standard: ": "; default: ",
    "[skal angives]": "[required]",
    "; skal angives]": "; required]",
    "Brug: ": "Usage: ",
    "Tilvalg": "Options",
    "Argumenter": "Arguments",
    "Kommandoer": "Commands",
    "[TILVALG]": "[OPTIONS]",
    "KOMMANDO [ARGUMENTER]...": "COMMAND [ARGS]...",
    "Ukendt tilvalg: {option}.": "No such option: {option}.",
    "Mente du: {options}?": "Did you mean: {options}?",
    "Der mangler en værdi: {name}.": "A value is missing: {name}.",
    'Ugyldig værdi for {name}: "{value}". Vælg en af: {allowed}.': (
        'Invalid value for {name}: "{value}". Choose one of: {allowed}.'
    ),
    "Ugyldig værdi for {name}.": "Invalid value for {name}.",
    "{option} skal have en værdi efter sig.": "{option} needs a value after it.",
    "{option} tager ingen værdi.": "{option} takes no value.",
    "{option} er brugt forkert.": "{option} is used wrongly.",
    'Kommandoen "{name}" findes ikke.': 'There is no command "{name}".',
    'Mente du "{command}"?': 'Did you mean "{command}"?',
    "For mange argumenter: {extra}.": "Too many arguments: {extra}.",
    "Der mangler en kommando.": "A command is missing.",
    "Kommandolinjen kan ikke forstås.": "The command line cannot be understood.",
    "Se '{command} --help' for hjælp.": "See '{command} --help' for help.",
    "Fejl: {message}": "Error: {message}",
    # Hardening, round three (issue 18)
    "telefonnummeret {phone} skal stå som et helt nummer i linjen, uden cifre lige før eller efter: det, der vises, er det, der ringes til.": (
        "the phone number {phone} must stand in the line as a whole number, with no digit just before or after it: what is shown is what is dialled."
    ),
    '"{id}" er et reserveret ord (svaret "ingen enhed"); brug et andet id.': (
        '"{id}" is a reserved word (the answer "no unit"); use another id.'
    ),
    "Bemærk: kontaktlisten er opdateret {verified}, efter dagens dato ({today}). Tjek computerens ur og datoen i kortfilen.": (
        "Note: the contact list was updated on {verified}, after today's date ({today}). Check the computer's clock and the date in the card file."
    ),
    "{date} ligger mere end et år i fremtiden (i dag er {today}). Skriv datoen, hvor kontaktlisten sidst blev opdateret.": (
        "{date} is more than a year in the future (today is {today}). Write the date on which the contact list was last updated."
    ),
    "{path} er skrivebeskyttet og erstattes ikke. Gør den skrivbar, og prøv igen.": (
        "{path} is read-only and is not replaced. Make it writable and try again."
    ),
    "Der er ingen kortfiler (*.yaml) i {folder}. Intet er skrevet.": (
        "There are no card files (*.yaml) in {folder}. Nothing is written."
    ),
    "Skrevet: {path}": ("Written: {path}"),
    "Kan ikke finde hjemmemappen i {path}. Skriv hele stien.": (
        "Cannot find the home folder in {path}. Type the whole path."
    ),
    "Søgningen er for lang ({count} tegn; højst {most}). Søg på et navn, en enhed eller et telefonnummer.": (
        "The search is too long ({count} characters; at most {most}). Search for a name, a unit or a phone number."
    ),
    # The last line of defence (stalkcard/cli.py main)
    "Kan ikke skrive output: {reason}": "Cannot write the output: {reason}",
    "Afbrudt af et signal. Intet er gemt.": "Stopped by a signal. Nothing was saved.",
    "validate: der er ikke angivet noget filnavn.": "validate: no file name was given.",
    "Kortfilen: der er ikke angivet noget filnavn.": "The card file: no file name was given.",
    "Kortfilen er en mappe, ikke en fil: {path}": "The card file is a folder, not a file: {path}",
    "indeholder et usynligt tegn eller et linjeskift (U+{code:04X}), som kan skjule eller bytte om på teksten. Slet det, og skriv teksten på én linje.": (
        "holds an invisible character or a line break (U+{code:04X}), which can hide or reorder the text. Delete it, and write the text on one line."
    ),
    "{date} er for tidligt: kortet kan tidligst være fra {earliest}.": (
        "{date} is too early: the card cannot be from before {earliest}."
    ),
    # stalkcard html
    "Skriv handlekortet, kontakterne og screeningen som én HTML-side, der virker uden net: til intranettet, et fællesdrev eller din egen browser.": (
        "Write the action card, the contacts and the screening as one HTML page that works offline: for the intranet, a shared drive or your own browser."
    ),
    "Gem siden i en fil.": "Save the page in a file.",
    "Siden er gemt: {path}": "The page is saved: {path}",
    "Gem svaret": "Save the answer",
    "Ret": "Change",
    "Svarene er ryddet.": "The answers are cleared.",
    "Tilbage": "Back",
    "Videre": "Next",
    "Handlekortet": "The action card",
    "Akut fare? Ring 112": "Danger now? Call 112",
    "Genveje": "Shortcuts",
    "Gå til screeningen": "Skip to the screening",
    "Start screeningen": "Start the screening",
    "{total} spørgsmål, ét ad gangen. Svarene bliver i din browser: intet gemmes eller sendes.": (
        "{total} questions, one at a time. The answers stay in your browser: nothing is saved or sent."
    ),
    "Screeningen kan ikke køre i denne browser eller med dens indstillinger. Kortet og kontakterne nedenfor virker stadig. Screeningen virker i en nyere Edge eller Chrome.": (
        "The screening cannot run in this browser or with its settings. The card and the contacts below still work. The screening works in a newer Edge or Chrome."
    ),
    "Ring til {name}, {phone}": "Call {name}, {phone}",
    "Teksten under hver ekstern kontakt er et resumé af kortet, ikke kortets egne ord.": (
        "The text under each external contact is a summary of the card, not the card's own words."
    ),
    "Numre, som ikke står på kortet": "Numbers that are not on the card",
    "Råd, som ikke står på kortet": "Advice that is not on the card",
    "Kilder": "Sources",
    "Siden henter intet fra nettet og gemmer intet. Version {version}.": (
        "The page fetches nothing from the network and stores nothing. Version {version}."
    ),
    "Tjek svarene, før du ser resultatet.": "Check the answers before you see the result.",
    "Ring nu": "Call now",
    "Forslag – ikke en del af handlekortet.": "Suggestion – not part of the action card.",
    "Vurdering:": "Assessment:",
    "Numrene står under «Ring nu» øverst i resultatet.": (
        "The numbers are under “Call now” at the top of the result."
    ),
    "Kortets tekst om vurderingen": "The card's text on the assessment",
    "Notat til sagen": "Note for the case file",
    "Notatet har ingen navne eller CPR-numre. Siden gemmer intet: kopiér notatet, eller gem det, og læg det i sagen.": (
        "The note has no names or CPR numbers. The page stores nothing: copy the note, or save it, and put it in the case file."
    ),
    "Kopiér notat": "Copy note",
    "Gem notat": "Save note",
    "Notatet er kopieret. Sæt det ind i sagen.": "The note is copied. Paste it into the case file.",
    "Notatet kunne ikke kopieres. Brug «Gem notat» i stedet.": (
        "The note could not be copied. Use “Save note” instead."
    ),
    "Notatet er gemt i din mappe til overførsler.": "The note is saved in your downloads folder.",
    "Udskriv resultatet": "Print the result",
    "Der er et problem": "There is a problem",
    "Vælg et svar for at gå videre.": "Choose an answer to continue.",
    "Fejl:": "Error:",
    "Advarsel:": "Warning:",
    "Start forfra": "Start again",
    "Fortryd": "Undo",
    # The self-describing card (issue 15)
    '"{id}" er hverken units eller et afsnit med kind: forms.': (
        '"{id}" is neither units nor a section with kind: forms.'
    ),
    '"{id}" er ikke et af spørgsmålets valg: {ids}.': (
        '"{id}" is not one of the question\'s choices: {ids}.'
    ),
    '"{id}" er ikke et afsnit med kind: forms.': '"{id}" is not a section with kind: forms.',
    '"{id}" er ikke et tekstafsnit (kind: text) under sections.': (
        '"{id}" is not a text section (kind: text) under sections.'
    ),
    '"{key}" er ikke et spørgsmål med ét svar; brug en af: {keys}.': (
        '"{key}" is not a question with one answer; use one of: {keys}.'
    ),
    "(ingen enheder)": "(no units)",
    "(ingen)": "(none)",
    "--answer skal skrives SPØRGSMÅL=SVAR, fx --answer {example} (fik {value}).": (
        "--answer is written QUESTION=ANSWER, e.g. --answer {example} (got {value})."
    ),
    "Der er ingen terminal at stille spørgsmålene i. Giv svarene med --answers FIL eller --answer SPØRGSMÅL=SVAR (se stalkcard check --help).": (
        "There is no terminal to ask the questions in. Give the answers with --answers FILE or --answer QUESTION=ANSWER (see stalkcard check --help)."
    ),
    "Giv ét svar som SPØRGSMÅL=SVAR, flere valg adskilt af komma (kan gentages). Spørgsmålene og valgene står i stalkcard show --format json.": (
        "Give one answer as QUESTION=ANSWER, several choices separated by commas (can be repeated). The questions and their choices are in stalkcard show --format json."
    ),
    "Kommunens handlekort som guidet værktøj: screening, kontakter og hele kortet. Uden kommando i en terminal: en lille menu.": (
        "The municipality's action card as a guided tool: screening, contacts and the whole card. Without a command in a terminal: a small menu."
    ),
    "SPØRGSMÅL=SVAR": "QUESTION=ANSWER",
    "Svarene skal være et sæt af nøgler og værdier, fx {example}.": (
        "The answers must be a set of keys and values, e.g. {example}."
    ),
    'Svaret "{key}" har et ukendt valg: {value}. Tilladte værdier: {allowed}.': (
        'The answer "{key}" has an unknown choice: {value}. Allowed values: {allowed}.'
    ),
    'Svaret "{key}" passer på flere enheder: {value} ({matches}). Skriv mere af enhedens navn, eller dens id. Enheder: {units}; eller other.': (
        'The answer "{key}" fits more than one unit: {value} ({matches}). Type more of the unit\'s name, or its id. Units: {units}; or other.'
    ),
    'Svaret "{key}" skal være en liste af valg (eller tom). Tilladte værdier: {allowed}.': (
        'The answer "{key}" must be a list of choices (or empty). Allowed values: {allowed}.'
    ),
    "Sæt et mærke ved hvert valg; intet mærke er også et svar.": (
        "Tick each choice that fits; no tick is an answer too."
    ),
    "Vis kun ét afsnit, ved dets id (afsnittenes id'er står i stalkcard show --format json).": (
        "Show one section only, by its id (the section ids are in stalkcard show --format json)."
    ),
    "brug enten choices eller choices_from, ikke begge.": (
        "use either choices or choices_from, not both."
    ),
    "en regel uden betingelser skal vise et afsnit med kontakter: der er for mange kombinationer af svar til at prøve dem alle, og kortet siger, at en mistanke altid skal handles på.": (
        "a rule without conditions must show a section with contacts: there are too many combinations of answers to try them all, and the card says that a suspicion must always be acted on."
    ),
    'enheden "{id}" findes ikke under units; brug en af: {ids}.': (
        'the unit "{id}" does not exist under units; use one of: {ids}.'
    ),
    "et kendetegn besvares ja, nej eller ved ikke: udelad choices.": (
        "a sign is answered yes, no or don't know: leave out choices."
    ),
    "et spørgsmål med flere svar kan ikke være fare, kendetegn eller have unknown.": (
        "a question with several answers cannot be the danger question or a sign, or have unknown."
    ),
    "et spørgsmål med flere svar skal have choices.": (
        "a question with several answers must have choices."
    ),
    'kendetegnet "{id}" findes ikke i et afsnit med kind: definition.': (
        'the sign "{id}" does not exist in a section with kind: definition.'
    ),
    'kontakten "{id}" findes ikke under contacts; brug en af: {ids}.': (
        'the contact "{id}" does not exist under contacts; use one of: {ids}.'
    ),
    'kontakten "{id}" står ikke i noget afsnit med kind: contacts, så den vises aldrig.': (
        'the contact "{id}" is in no section with kind: contacts, so it is never shown.'
    ),
    'kontakten eller enheden "{id}" findes ikke; brug en af: {ids}.': (
        'the contact or unit "{id}" does not exist; use one of: {ids}.'
    ),
    "kortet har ingen units at vælge imellem.": "the card has no units to choose from.",
    "kun ét spørgsmål kan have choices_from: units.": (
        "only one question can have choices_from: units."
    ),
    "kun ét spørgsmål kan være spørgsmålet om akut fare.": (
        "only one question can be the question about acute danger."
    ),
    'spørgsmålet om akut fare skal have valgene "yes" og "unknown".': (
        'the question about acute danger must have the choices "yes" and "unknown".'
    ),
    "spørgsmålet om enheden har ét svar og er hverken fare eller kendetegn.": (
        "the question about the unit has one answer and is neither the danger question nor a sign."
    ),
    'spørgsmålet skal have et valg for "ved ikke" (unknown): et svar må aldrig antages.': (
        'the question must have a choice for "don\'t know" (unknown): an answer must never be assumed.'
    ),
    "svarene {answers} fører ikke til et trin med nogen at kontakte (et afsnit med kind: contacts): kortet siger, at en mistanke altid skal handles på.": (
        "the answers {answers} lead to no step with anyone to contact (a section with kind: contacts): the card says that a suspicion must always be acted on."
    ),
    '{key}: "{value}" skal gøre resultatet akut (en regel med kun {key}).': (
        '{key}: "{value}" must make the result urgent (a rule on {key} alone).'
    ),
    '{key}: "{value}" skal vise et tillæg med urgent: true med det samme (fx 112), i en regel med kun {key}.': (
        '{key}: "{value}" must show a supplement with urgent: true at once (e.g. 112), in a rule on {key} alone.'
    ),
    "{path}: svarfilen skal være et sæt af spørgsmål og svar, fx {example}. Spørgsmålene står i stalkcard show --format json.": (
        "{path}: the answers file must be a set of questions and answers, e.g. {example}. The questions are in stalkcard show --format json."
    ),
    "{source}: kortfilen skal være et sæt af afsnit (meta:, contacts:, sections:, ...), ikke {kind}.": (
        "{source}: the card file must be a set of sections (meta:, contacts:, sections:, ...), not {kind}."
    ),
    "ét spørgsmål skal være spørgsmålet om akut fare (danger: true): ingen svar om fare må antages.": (
        "one question must be the question about acute danger (danger: true): no answer about danger may be assumed."
    ),
    # The case note as plain text (issue 23)
    "NOTAT: SCREENING FOR STALKING": "NOTE: SCREENING FOR STALKING",
    "Dato: {when} (dansk tid)": "Date: {when} (Danish time)",
    "{date} kl. {time}": "{date} at {time}",
    "Handlekort: {title}, {municipality}, version {version}": "Action card: {title}, {municipality}, version {version}",
    "Svar givet af sagsbehandleren i screeningen.": "Answers given by the caseworker.",
    "Ingen navne, CPR-numre eller andre personoplysninger i notatet.": "No names, CPR numbers or other personal data in the note.",
    "SVAR": "ANSWERS",
    "VURDERING": "ASSESSMENT",
    "RING NU": "CALL NOW",
    "KORTETS TRIN": "THE CARD'S STEPS",
    "TILLÆG (ikke en del af handlekortet; kilder nederst)": "SUPPLEMENTS (not part of the card; sources at the end)",
    "GJORT": "DONE",
    "Sparring søgt hos (enhed), dato:": "Consultation sought with (unit), date:",
    "Underretning sendt, dato (eller: ikke relevant):": "Notification sent, date (or: not relevant):",
    "Borgeren henvist til:": "Citizen referred to:",
    "Næste skridt:": "Next steps:",
    "KILDER TIL TILLÆGGENE: {sites}.": "SOURCES OF THE SUPPLEMENTS: {sites}.",
    "Gem et notat til sagen uden at spørge.": "Save a note for the case file without asking.",
    "Notatets form: text (ren tekst, til journalen) eller markdown.": "The note's form: text (plain text, for the case file) or markdown.",
}

# Messages with a count: (Danish singular, Danish plural) -> (English singular,
# English plural), as msgid and msgid_plural in a gettext catalog (i18n.ngettext).
PLURALS: dict[tuple[str, str], tuple[str, str]] = {
    ("{count} kontakt er gemt som vCard: {path}", "{count} kontakter er gemt som vCard: {path}"): (
        "{count} contact is saved as vCard: {path}",
        "{count} contacts are saved as vCard: {path}",
    ),
    ("{count} afsnit", "{count} afsnit"): ("{count} section", "{count} sections"),
    ("{count} spørgsmål", "{count} spørgsmål"): ("{count} question", "{count} questions"),
    ("{count} kontakt", "{count} kontakter"): ("{count} contact", "{count} contacts"),
    ("{count} trin", "{count} trin"): ("{count} step", "{count} steps"),
    ("skal have mindst {count} punkt.", "skal have mindst {count} punkter."): (
        "must have at least {count} item.",
        "must have at least {count} items.",
    ),
    ("må højst have {count} punkt.", "må højst have {count} punkter."): (
        "may have at most {count} item.",
        "may have at most {count} items.",
    ),
    ("... og {count} fejl mere.", "... og {count} fejl mere."): (
        "... and {count} more error.",
        "... and {count} more errors.",
    ),
    ("{count} markeret", "{count} markeret"): ("{count} marked", "{count} marked"),
    ("... og {count} forskel mere.", "... og {count} forskelle mere."): (
        "... and {count} more difference.",
        "... and {count} more differences.",
    ),
}
