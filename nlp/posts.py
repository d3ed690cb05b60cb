"""The words of a post ("chief executive", "CFO", "head of fleet"): one vocabulary for every
reader of names and roles (the people found beside a post, a post the model took into a
person's or a company's name, the capitalised words that are no company's)."""

from __future__ import annotations

# A post, or a word of one that may stand for it ("the chief", "the board"); plurals are read
# through their lemma ("co-founders Jo Roe and ...").
POST_WORDS = frozenset({
    "ceo", "cfo", "coo", "cto", "cio", "cmo", "chief", "executive", "president", "chairman",
    "chairwoman", "chair", "director", "head", "manager", "founder", "co-founder", "boss",
    "spokesman", "spokeswoman", "spokesperson", "officer", "vice", "partner", "leader",
    "secretary", "treasurer", "owner", "analyst", "minister", "mayor", "governor",
    "senator", "chancellor", "commissioner", "general", "principal", "md", "vp", "svp", "evp",
    "board", "member", "engineer", "strategist", "economist", "professor", "reporter"})
# Words that only ever open a post ("Managing Director", "Senior Vice President", "Country
# Manager"): part of a title, but no post beside a name on their own ("Kappa Beta, the
# country's largest lessor" names no person).
POST_OPENERS = frozenset({"managing", "senior", "country"})
# Every word of a post's title: never a word of the holder's name nor of the company's.
TITLE_WORDS = POST_WORDS | POST_OPENERS
POST_ACRONYMS = frozenset({"CEO", "CFO", "COO", "CTO", "CIO", "CMO", "MD", "VP", "SVP", "EVP"})
