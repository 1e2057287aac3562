"""Store stage: extraction results into SQLite (sqlite-utils), ready for Datasette.

    db = open_db("output/vanban.db")
    if not is_unchanged(db, path, sha256, EXTRACTOR_VERSION):
        write_result(db, result, path)      # = write_rows(db, prepare(result, path))
    link_citations(db)
"""
from __future__ import annotations

from .fulltext import FTS_EXACT, FTS_FOLDED
from .schema import ensure_schema, mention_tables, stored_table, table_columns, views
from .reads import (
    REFS_SQL, SQL_FUNCTIONS, WHO_CITES_SQL, citing_documents, document_references, documents_named, fts_query,
    fts_words, FTS_MAX_WORDS,
    key_matches, key_number, number_lookup_key, register_functions, resolve_document,
)
from .rows import document_id, identity_key, prepare
from .writer import (
    clear_error, is_unchanged, link_citations, open_db, preferred, record_error, remove_source,
    source_row, StoredState, stored_paths, stored_state, touch_source, write_result, write_rows,
)

__all__ = [
    "open_db", "is_unchanged", "source_row", "StoredState", "stored_paths", "stored_state", "touch_source",
    "write_result",
    "prepare", "write_rows", "identity_key", "preferred", "remove_source", "record_error",
    "clear_error", "link_citations", "citing_documents", "document_references", "documents_named",
    "resolve_document", "document_id", "number_lookup_key", "key_matches", "key_number", "fts_query", "fts_words", "FTS_MAX_WORDS",
    "register_functions", "SQL_FUNCTIONS", "WHO_CITES_SQL", "REFS_SQL", "ensure_schema",
    "mention_tables", "stored_table", "table_columns", "views", "FTS_EXACT", "FTS_FOLDED",
]
