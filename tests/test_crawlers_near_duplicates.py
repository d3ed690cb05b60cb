"""Near-duplicate detection: syndicated copies match, different stories do not."""

from __future__ import annotations

from crawlers.near_duplicates import DuplicateIndex, minhash

STORY = ("Ayvens has ordered 5,000 electric vans from Renault for its leasing customers in "
         "France, Germany and Spain, the company said on Tuesday. Deliveries start in the "
         "spring and run until the end of next year, and the vans will be offered on "
         "three- and four-year contracts with maintenance included. The order is the "
         "largest Ayvens has placed for light commercial vehicles since the merger with "
         "LeasePlan, and it follows a smaller order of electric cars earlier this year.")
COPY = ("Partner Wire republishes this story with permission. " + STORY +
        " This story first appeared on Fleet News.")
OTHER = ("Hertz is selling a third of its electric rental fleet in the United States and "
         "will buy petrol cars instead, because repair costs and depreciation of the "
         "electric cars were higher than it expected, the rental company said in a filing. "
         "The sale covers about 20,000 cars, most of them Teslas, and will be completed "
         "over the next year through the company's own used-car outlets.")


def test_a_syndicated_copy_points_at_the_original() -> None:
    index = DuplicateIndex(threshold=0.7)
    index.add("original", "fleet-news", STORY)
    index.add("other", "fleet-news", OTHER)
    assert index.original_of("copy", minhash(COPY)) == "original"


def test_different_stories_and_the_article_itself_are_not_duplicates() -> None:
    index = DuplicateIndex(threshold=0.7)
    index.add("original", "fleet-news", STORY)
    assert index.original_of("other", minhash(OTHER)) is None
    assert index.original_of("original", minhash(STORY)) is None  # re-crawl of itself
