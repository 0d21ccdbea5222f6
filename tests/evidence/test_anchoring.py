"""Anchoring an evidence item in its source text: each status, and no guessing."""

from __future__ import annotations

import re

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accord.core.provenance import Evidence, Source
from accord.evidence import (
    MAX_QUOTE_WORDS,
    anchor,
    check_source,
    content_hash,
    quote_occurrences,
)

# A short report written for these tests; blocks are numbered in the comments.
REPORT = (
    "HARBOUR NEWS\n"  # block 1
    "\n"
    "Port talks stall over the northern pier\n"  # block 2
    "\n"
    "The fishing cooperative said on Tuesday that it would not give up the\n"  # block 3
    "northern pier under any plan put to it this year.\n"
    "\n"
    "The city council answered that a shared berth could open next spring.\n"  # block 4
    "\n"
    "A ferry operator said only that its timetable would stay as it is.\n"  # block 5
)
QUOTE = "it would not give up the"
START = REPORT.index(QUOTE)
SPAN = (START, START + len(QUOTE))


def _item(**changes: object) -> Evidence:
    fields: dict[str, object] = {
        "about": "Cooperative.preferences[0]",
        "source": "harbour",
        "paragraph": 3,
        "span": SPAN,
        "quote": QUOTE,
        "claim": "red_line",
    }
    fields.update(changes)
    return Evidence(**fields)  # type: ignore[arg-type]


def _codes(result: object) -> list[str]:
    return [f.code for f in result.findings]  # type: ignore[attr-defined]


# -- the scenarios ---------------------------------------------------------------------------


def test_unchanged_text_is_anchored() -> None:
    result = anchor(_item(), REPORT)
    assert "anchored" == result.status
    assert SPAN == result.span
    assert 3 == result.block
    assert [] == _codes(result)
    assert not result.reflowed


def test_text_edited_before_the_quote_moves_it() -> None:
    edited = REPORT.replace("Port talks stall", "Port talks stall again, for a third week,")
    result = anchor(_item(), edited)
    assert "moved" == result.status
    start = edited.index(QUOTE)
    assert start > SPAN[0]
    assert (start, start + len(QUOTE)) == result.span
    assert QUOTE == edited[slice(*result.span)]  # type: ignore[misc]
    assert 3 == result.block
    assert [] == _codes(result)
    assert str(start) in result.detail


def test_quote_without_a_recorded_span_is_located() -> None:
    result = anchor(_item(span=None), REPORT)
    assert "moved" == result.status
    assert SPAN == result.span
    assert "no span was recorded" in result.detail


def test_quote_reflowed_across_a_line_break_is_found_with_its_new_span() -> None:
    quote = "would not give up the northern pier"
    reflowed = "would not give up the\nnorthern pier"
    assert quote not in REPORT  # the report breaks the line inside the quote
    result = anchor(_item(quote=quote, span=None), REPORT)
    assert "moved" == result.status
    assert result.reflowed
    start = REPORT.index(reflowed)
    assert (start, start + len(reflowed)) == result.span
    assert "whitespace" in result.detail
    spaced = REPORT.replace("give up the\nnorthern", "give  up the northern")
    result = anchor(_item(quote=quote, span=None), spaced)
    start = spaced.index("would not give  up")
    assert ("moved", (start, start + len(quote) + 1)) == (result.status, result.span)


def test_deleted_quote_is_orphaned() -> None:
    edited = REPORT.replace("that it would not give up the\nnorthern pier under any plan", "")
    assert QUOTE not in edited
    result = anchor(_item(), edited)
    assert ("orphaned", "missing") == (result.status, result.reason)
    assert result.span is None
    assert result.block is None


def test_duplicated_quote_is_orphaned_as_ambiguous_never_guessed() -> None:
    repeat = "Its chair said again that it would not give up the pier.\n\n"
    at = REPORT.index("Port talks")
    edited = REPORT[:at] + repeat + REPORT[at:]  # the second copy moves the original
    result = anchor(_item(), edited)
    assert ("orphaned", "ambiguous") == (result.status, result.reason)
    assert 2 == result.occurrences
    assert result.span is None
    assert result.block is None
    assert "2 times" in result.detail
    assert "blocks 2, 4" in result.detail  # where the copies are, for the reader to choose
    # No span recorded: the same answer, whichever copy comes first.
    assert "orphaned" == anchor(_item(span=None), edited).status


def test_recorded_span_still_holding_the_quote_wins_over_a_later_copy() -> None:
    edited = REPORT + "\nLater it would not give up the fight.\n"
    result = anchor(_item(), edited)
    assert ("anchored", SPAN) == (result.status, result.span)
    assert 2 == result.occurrences


def test_renumbered_block_is_reported_as_a_paragraph_disagreement() -> None:
    edited = REPORT.replace("Port talks", "By our harbour reporter\n\nPort talks")
    result = anchor(_item(), edited)
    assert "moved" == result.status
    assert 4 == result.block
    assert ["paragraph_mismatch"] == _codes(result)
    assert "paragraph 3 is recorded, but the quote is in block 4" == result.findings[0].message
    # A wrong block number recorded against an unchanged text is reported too.
    result = anchor(_item(paragraph=2), REPORT)
    assert ("anchored", ["paragraph_mismatch"]) == (result.status, _codes(result))


def test_windows_line_endings_anchor_like_unix_ones() -> None:
    assert anchor(_item(), REPORT) == anchor(_item(), REPORT.replace("\n", "\r\n"))


def test_paraphrase_cites_a_block_that_must_exist() -> None:
    item = _item(quote="", span=None, paragraph=4, note="the council offers a shared berth")
    result = anchor(item, REPORT)
    assert ("paragraph", 4) == (result.status, result.block)
    result = anchor(_item(quote="", span=None, paragraph=6), REPORT)
    assert ("orphaned", "no_block") == (result.status, result.reason)
    assert "the text has 5 blocks" in result.detail
    result = anchor(_item(quote="", span=None, paragraph=None), REPORT)
    assert ("paragraph", None, ["no_place"]) == (result.status, result.block, _codes(result))


def test_span_without_a_quote_is_flagged() -> None:
    result = anchor(_item(quote="", paragraph=3), REPORT)
    assert "paragraph" == result.status
    assert ["span_without_quote"] == _codes(result)


def test_judgement_and_unchecked() -> None:
    assert "judgement" == anchor(_item(source="", note="inferred"), REPORT).status
    assert "judgement" == anchor(_item(source=""), None).status
    result = anchor(_item(), None)
    assert "unchecked" == result.status
    assert "harbour" in result.detail


def test_quote_of_more_than_a_dozen_words_is_a_warning() -> None:
    words = REPORT.split("\n\n")[2].split()[: MAX_QUOTE_WORDS + 1]  # block 3 opens with them
    assert len(words) == MAX_QUOTE_WORDS + 1
    long = " ".join(words)
    result = anchor(_item(quote=long, span=None), REPORT)
    assert "moved" == result.status  # the status stands; the length is a finding
    assert ["long_quote"] == _codes(result)
    assert "13 words" in result.findings[0].message
    assert "warning" == result.findings[0].severity
    short = " ".join(words[1:])
    assert [] == _codes(anchor(_item(quote=short, span=None), REPORT))
    assert ["long_quote"] == _codes(anchor(_item(quote=long), None))  # even unchecked


def test_overlapping_occurrences_all_count() -> None:
    assert ((0, 3), (2, 5)) == quote_occurrences("a a", "a a a")
    assert () == quote_occurrences("  ", "a a a")


# -- the source's hash ----------------------------------------------------------------------


def test_source_hash_unchanged_changed_missing_unchecked() -> None:
    recorded = Source("harbour", sha256=content_hash(REPORT))
    assert "unchanged" == check_source(recorded, REPORT).status
    assert (
        "unchanged"
        == check_source(Source("h", sha256=f" {recorded.sha256.upper()} "), REPORT).status
    )
    changed = check_source(recorded, REPORT.replace("Tuesday", "Wednesday"))
    assert "changed" == changed.status
    assert "changed since the model was written" == changed.words
    assert content_hash(REPORT.replace("Tuesday", "Wednesday")) == changed.actual
    assert ("no_hash", "no hash recorded") == (
        check_source(Source("h"), REPORT).status,
        check_source(Source("h"), REPORT).words,
    )
    assert ("unchecked", None) == (
        check_source(recorded, None).status,
        check_source(recorded, None).blocks,
    )
    assert 5 == check_source(recorded, REPORT).blocks


# -- properties -----------------------------------------------------------------------------

VOCAB = [
    "talks",
    "pier",
    "council",
    "ferry",
    "berth",
    "spring",
    "harbour",
    "vote",
    "north",
    "south",
    "river",
    "plan",
    "offer",
    "chair",
    "deal",
    "boats",
    "nets",
    "quay",
    "tide",
    "storm",
    "fleet",
    "crew",
    "dock",
    "fish",
]
#: Inserted text: letters of the vocabulary, spaces and line breaks.
INSERTS = st.text(alphabet="abcdefhiklnoprstuvw \n", max_size=60)


def _count(quote: str, text: str) -> int:
    """How often ``quote`` occurs in ``text``, whitespace runs equal (written independently)."""
    flat, needle = re.sub(r"\s+", " ", text), " ".join(quote.split())
    count, at = 0, flat.find(needle)
    while at >= 0:
        count += 1
        at = flat.find(needle, at + 1)
    return count


@st.composite
def quoted_texts(draw: st.DrawFn) -> tuple[str, tuple[int, int]]:
    """A text of a few blocks and the span of a run of 3 to 12 words inside one block."""
    paragraphs = draw(
        st.lists(st.lists(st.sampled_from(VOCAB), min_size=3, max_size=16), min_size=1, max_size=5)
    )
    k = draw(st.integers(0, len(paragraphs) - 1))
    i = draw(st.integers(0, len(paragraphs[k]) - 3))
    j = draw(st.integers(i + 3, min(len(paragraphs[k]), i + MAX_QUOTE_WORDS)))
    text, span = "", (0, 0)
    for n, words in enumerate(paragraphs):
        if n:
            text += draw(st.sampled_from(["\n\n", "\n\n\n", "\n  \n"]))
        for m, word in enumerate(words):
            if m:
                text += draw(st.sampled_from([" ", " ", " ", "\n"]))
            if (n, m) == (k, i):
                span = (len(text), span[1])
            text += word
            if (n, m) == (k, j - 1):
                span = (span[0], len(text))
    return text, span


@settings(max_examples=200)
@given(data=quoted_texts(), insert=INSERTS, where=st.data())
def test_inserting_text_away_from_the_quote_keeps_it_found(
    data: tuple[str, tuple[int, int]], insert: str, where: st.DataObject
) -> None:
    text, (start, end) = data
    quote = text[start:end]
    pos = where.draw(st.integers(0, start) | st.integers(end, len(text)), label="pos")
    edited = text[:pos] + insert + text[pos:]
    assume(_count(quote, edited) == 1)  # nowhere else, not even with other whitespace
    shift = len(insert) if pos <= start else 0
    expected = (start + shift, end + shift)
    assert quote == edited[expected[0] : expected[1]]
    result = anchor(_item(span=(start, end), quote=quote, paragraph=None), edited)
    assert expected == result.span
    assert ("moved" if shift else "anchored") == result.status
    assert not result.reflowed


def _same_words(a: str, b: str) -> bool:
    return a.split() == b.split()


@settings(max_examples=200)
@given(data=quoted_texts(), insert=INSERTS, where=st.data())
def test_deleting_the_quote_orphans_it(
    data: tuple[str, tuple[int, int]], insert: str, where: st.DataObject
) -> None:
    text, (start, end) = data
    quote = text[start:end]
    pos = where.draw(st.integers(0, start) | st.integers(end, len(text)), label="pos")
    edited = text[:pos] + insert + text[pos:]
    s = start + (len(insert) if pos <= start else 0)
    cut = edited[:s] + edited[s + len(quote) :]
    result = anchor(_item(span=(start, end), quote=quote, paragraph=None), cut)
    count = _count(quote, cut)
    if cut[start:end] == quote:  # by chance the recorded span holds it again
        assert "anchored" == result.status
    elif count == 0:  # the usual case: the quote is gone
        assert ("orphaned", "missing", None) == (result.status, result.reason, result.span)
    elif count == 1:  # the deletion joined two pieces into the quote
        assert "moved" == result.status
        assert result.span is not None
        assert _same_words(quote, cut[result.span[0] : result.span[1]])
    else:
        assert ("orphaned", "ambiguous", count) == (
            result.status,
            result.reason,
            result.occurrences,
        )
