"""The disclosure checker: what every surface publishes, and whether a participant who
knows their own answers can work out anybody else's from it.

- ``cases``: generated workshops (every mix of functions, partial questionnaires).
- ``facts``: reads the results JSON and the chart rows as facts with an exact meaning.
- ``prover``: linear algebra over every answer plus the rules for individual values.
- ``surfaces``: the surfaces (JSON, text, every PDF, charts, screens, the deck when it
  exists), each a plug-in returning its text, and the check that every number printed is
  one the JSON also publishes.
"""
