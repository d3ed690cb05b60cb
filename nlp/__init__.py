"""Companies, deals, fleet figures and people in automotive and fleet news.

Pure: text in, Analysis out. Nothing here imports the rest of the project.
"""

from nlp.analysis import Analysis, analyze, analyze_many
from nlp.pipeline import load_pipeline
from nlp.relevance import relevance_many

# Bump when rules, data or the model change: stored articles are analysed again.
PIPELINE_VERSION = "0.39.1"

__all__ = ["PIPELINE_VERSION", "Analysis", "analyze", "analyze_many", "load_pipeline",
           "relevance_many"]
