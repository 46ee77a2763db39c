"""Quotations: a "we", "our" or "I" inside quotation marks is said by the quotation's speaker, the subject of
the speech verb that closes or opens it in the same sentence ("“We will not accept it,” the Chinese foreign
ministry said"; "Putin told reporters: “I have ordered the army ...”"); a quotation of several sentences
takes the verb of the sentence it ends or begins in. "I" is the speaker; "we" and "our" stand for the
speaker's organisation or government (the speaker's country and sectors, no name). A quotation no speech verb
attributes, or whose speaker has no country, gives nothing."""

from __future__ import annotations

from functools import cached_property

from spacy.tokens import Token

from dyads.actors.coref.common import SUBJECTS, ResolverState, copied
from dyads.actors.lexicon import load_speech_verbs
from dyads.actors.mention import Mention
from dyads.model import Actor

SPEAKER_SELF = {"i", "me", "my", "myself"}
SPEAKER_SIDE = {"we", "us", "our", "ourselves"}
OPENING, CLOSING, STRAIGHT = "“", "”", '"'


class QuotationRules(ResolverState):
    """First-person pronouns of quoted speech and who says them."""

    def _resolve_quoted_first_persons(self, kept: list[Mention]) -> list[Mention]:
        """Mentions for the first-person pronouns of every attributed quotation, whose speaker is one of the
        `kept` mentions."""
        found = []
        for start, end in self._quotations:
            speaker = self._speaker_mention(start, end, kept)
            if speaker is None:
                continue
            for token in self.doc[start + 1 : end]:
                word = token.lower_
                if self.covered[token.i] or word not in SPEAKER_SELF | SPEAKER_SIDE:
                    continue
                if word in SPEAKER_SELF and speaker.is_group:
                    continue
                actors = [_side_of(actor) if word in SPEAKER_SIDE else actor for actor in speaker.actors]
                found.append(self._pronoun_mention(token, actors, speaker, f"coref:quotation:{word}",
                                                   word in SPEAKER_SIDE))
        return found

    def _quoted_by(self, speaker: Token) -> list[tuple[int, int]]:
        """The quotations whose speech verb has `speaker` for its subject."""
        if speaker.dep_ not in SUBJECTS or speaker.head.lemma_.lower() not in load_speech_verbs():
            return []
        return [quotation for quotation, said_by in self._speakers.items() if said_by == speaker]

    @cached_property
    def _quotations(self) -> list[tuple[int, int]]:
        """(opening mark, closing mark) token indices of each quotation closed in its own paragraph."""
        quotations = []
        opened = None
        for token in self.doc:
            if "\n" in token.text_with_ws:
                opened = None
            text = token.text
            if text == OPENING or (text == STRAIGHT and opened is None):
                opened = token.i
            elif text in (CLOSING, STRAIGHT) and opened is not None:
                quotations.append((opened, token.i))
                opened = None
        return quotations

    @cached_property
    def _speakers(self) -> dict[tuple[int, int], Token | None]:
        """The speaker of each quotation (`_speaker`), found once: every pronoun subject of a speech verb asks."""
        return {(start, end): self._speaker(start, end) for start, end in self._quotations}

    def _speaker_mention(self, start: int, end: int, kept: list[Mention]) -> Mention | None:
        """The mention of who says the quotation from `start` to `end`, where every actor it names has a
        country (or is an international body)."""
        subject = self._speakers[start, end]
        if subject is None:
            return None
        mention = next((m for m in kept if m.start <= subject.i < m.end), None)
        if mention is None or not all(actor.country or actor.international for actor in mention.actors):
            return None
        return mention

    def _speaker(self, start: int, end: int) -> Token | None:
        """The subject of the speech verb nearest after the quotation in the sentence it ends in, else nearest
        before it in the sentence it begins in; never a verb inside this or another quotation."""
        doc = self.doc
        after = doc[end].sent
        before = doc[start].sent
        candidates = _until_quote(list(doc[end + 1 : after.end])) + _until_quote(list(reversed(doc[before.start : start])))
        verbs = load_speech_verbs()
        for token in candidates:
            if token.pos_ in ("VERB", "AUX") and token.lemma_.lower() in verbs:
                # not a word of the quotation the parser hung on the verb
                outside = (c for c in token.children if c.dep_ == "nsubj" and not start < c.i < end)
                subject = next(outside, None)
                if subject is not None and subject.lower_ not in SPEAKER_SELF | SPEAKER_SIDE:
                    return subject
        return None


def _quoted_mark(token: Token) -> bool:
    return token.text in (OPENING, CLOSING, STRAIGHT)


def _until_quote(tokens: list[Token]) -> list[Token]:
    """The tokens up to the first quotation mark: a verb beyond it is another quotation's or inside one."""
    for index, token in enumerate(tokens):
        if _quoted_mark(token):
            return tokens[:index]
    return tokens


def _side_of(speaker: Actor) -> Actor:
    """'We' of a speaker: the organisation or government they speak for, named by no one."""
    side = copied(speaker, speaker)
    side.name = None
    side.title = None
    return side
