"""The reports stage: company-profile PDFs from the store.

profile.py builds a Profile (model.py) from the store, every fact with its footnote;
editions.py reduces it to the sample edition; summary.py, charts.py and changes.py write
the summary, the SVG charts and "what changed"; render.py turns a Profile into HTML
(Jinja2, reports/templates/) and PDF (WeasyPrint, through fetcher.py's deny-by-default URL
fetcher); batch.py renders many in worker processes, skipping unchanged data.
"""
