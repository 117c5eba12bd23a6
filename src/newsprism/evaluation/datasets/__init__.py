"""The shared labelled data sets as story-label CSVs, JSON lines and gold files.

One module per data set: :mod:`.ecbplus`, :mod:`.newswcl50`, :mod:`.sochi` (a golden-format
gold file), :mod:`.aeb` (the Article Extraction Benchmark as plain-text scrapes) and
:mod:`.mixed` (all of them in one folder). ``newsprism eval convert ...`` runs them.
"""
