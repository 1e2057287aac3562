"""Language-free text mechanics: folding and keys (fold), sentences and the sentence
around an offset (sentences), regex building blocks (regex_parts) and the one prefilter
that finds where a pattern can start before the pattern is tried (prefilter).

Nothing here imports the rest of the pipeline; every other layer may import it.
"""
