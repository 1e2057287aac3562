"""Language-free text mechanics: folding and the keys two spellings of one thing share.

Nothing here imports the rest of the pipeline; every other layer may import it.
"""
