"""From what a visitor typed to a query the search backend can run safely.

Visitors type anything: operators of SQL, tsquery or FTS5, quotes, control characters, a page of
text. The backend only gets words (letters, digits, inner hyphens and apostrophes), at most
MAX_TERMS of them, every one matched as a plain word: nothing typed can become an operator.

PostgreSQL's Snowball stemmer for Dutch does not undo the consonant doubling and vowel
shortening of Dutch plurals ("gemeenschappen" stems to "gemeenschapp", "gemeenschap" to
"gemeenschap"; "straten" to "strat", "straat" to "straat"). So each Dutch term also matches its
regular singular and plural forms; the stemmer then does the rest. SQLite does not stem at all,
so there the same forms give it plurals and singulars.
"""

import re
import unicodedata

from wagtail.search.query import And, Or, PlainText

MAX_QUERY_LENGTH = 200
MAX_TERMS = 10
MAX_TERM_LENGTH = 50

VOWELS = "aeiouy"
# Words: letters and digits, with hyphens or apostrophes inside ("zorg-thuis", "cliënt's").
WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def clean_query(raw):
    """What is kept of the typed text: printable, single-spaced, at most MAX_QUERY_LENGTH."""
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in raw[:1000])
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        # Cut between words, so that no half word is searched for.
        cut = text.rfind(" ", 0, MAX_QUERY_LENGTH + 1)
        text = text[: cut if cut > MAX_QUERY_LENGTH // 2 else MAX_QUERY_LENGTH]
    return text.strip()


def terms_of(query):
    """The words of a cleaned query, lower case, without duplicates, at most MAX_TERMS."""
    terms = []
    for match in WORD.finditer(unicodedata.normalize("NFC", query.lower())):
        term = match.group().replace("’", "'")[:MAX_TERM_LENGTH]
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def _is_consonant(char):
    return char.isalpha() and char not in VOWELS


def dutch_forms(term):
    """The term with its regular Dutch singular and plural forms (a small, safe set)."""
    forms = [term]
    if len(term) < 4 or not term.isalpha():
        return forms
    if term.endswith("en") and len(term) > 5:
        stem = term[:-2]
        forms.append(stem)
        if stem[-1] == stem[-2] and _is_consonant(stem[-1]):
            forms.append(stem[:-1])  # gemeenschappen -> gemeenschap
        elif (
            _is_consonant(stem[-1])
            and stem[-2] in "aeou"
            and _is_consonant(stem[-3])
            and stem[-3:-1] != "ij"
        ):
            forms.append(stem[:-1] + stem[-2] + stem[-1])  # straten -> straat
    elif term.endswith("s") and len(term) > 4 and term[-2] in "elmnoru":
        forms.append(term[:-1])  # regels -> regel, werkers -> werker
    else:
        last, before = term[-1], term[-2]
        if _is_consonant(last) and before in VOWELS and not (len(term) > 2 and term[-3] in VOWELS):
            forms.append(term + last + "en")  # gemeenschap -> gemeenschappen
        elif _is_consonant(last) and before in "aeou" and term[-3] == before:
            forms.append(term[:-2] + last + "en")  # straat -> straten
        else:
            forms.append(term + "en")
        forms.append(term + "s")
    return list(dict.fromkeys(forms))


def english_forms(term):
    forms = [term]
    if len(term) < 4 or not term.isalpha():
        return forms
    if term.endswith("ies"):
        forms.append(term[:-3] + "y")
    elif term.endswith("s") and not term.endswith("ss"):
        forms.append(term[:-1])
    elif term.endswith("y") and term[-2] not in VOWELS:
        forms.append(term[:-1] + "ies")
    else:
        forms.append(term + "s")
    return forms


FORMS = {"nl": dutch_forms, "en": english_forms}


def backend_query(query, language_code, distinct=None):
    """The query for Wagtail's search backend: every term (in one of its forms) must match.

    ``distinct`` may drop forms that the backend would search for alike (stemming) and terms it
    ignores (stop words), all in one go. None when nothing searchable is left."""
    forms_of = FORMS.get(language_code, lambda term: [term])
    terms = terms_of(query)
    all_forms = [forms_of(term) for term in terms]
    if distinct is not None and any(len(forms) > 1 for forms in all_forms):
        all_forms = distinct(all_forms)
    parts = []
    for forms in all_forms:
        parts.append(
            PlainText(forms[0], operator="and")
            if len(forms) == 1
            else Or([PlainText(form, operator="and") for form in forms])
        )
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else And(parts)
