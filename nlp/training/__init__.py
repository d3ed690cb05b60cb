"""Building the trained parts of the pipeline from the labelled corpus (development only).

Nothing here runs in production: the pipeline loads the weights these tools write into
nlp/models/. The labelled corpus stays outside the project (`../shared/eval/news`); only the
story-level train/test id lists (nlp/corpus/) are kept here.
"""
