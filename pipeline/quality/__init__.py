"""Quality: extraction scored against gold annotations (evaluate), header accuracy against a
portal's metadata (header_bench) and relation accuracy on legal-basis lines
(citation_bench). It reads the pipeline from above; nothing in the pipeline but the
command line imports it."""
