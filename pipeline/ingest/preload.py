"""Imported once by the fork server the ingest workers are forked from (multiprocessing's
forkserver preload): the NLP pipeline and its grammars, built here, are inherited by every
worker, which then starts at once instead of compiling the grammars again, and shares their
pages with the other workers until it writes to them."""
from .work import warm_up

warm_up()
