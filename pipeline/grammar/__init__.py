"""The grammars of the language: each built from its file in patterns/ and callable on a
string, without spaCy (symbols and their lookup, dates and periods, numbers, money, bodies,
places, citations, projects, effects). The components of extract/ run them over a Doc.

Nothing here imports structure/, extract/ or any stage above them.
"""
