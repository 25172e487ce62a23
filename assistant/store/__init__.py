"""The clause store: where clauses, their vectors and their BM25 terms live (types.py has
the ClauseStore Protocol; embedded.py and milvus.py the two stores; open.py picks one)."""
