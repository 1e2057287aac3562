"""Regex building blocks the grammars share."""

# Words of a name may be split by a line break: headers and web copies wrap lines.
SPACE = r"(?:[ \t]*\n[ \t]*|[ \t]+)"
WORD_START = r"(?<![\p{L}\p{M}\d])"
WORD_END = r"(?![\p{L}\p{M}\d])"
