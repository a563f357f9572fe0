"""Assisted comparison: a new municipality's clauses proposed for every topic and role.

    text.py              Swedish tokens: Snowball stems, compound parts, termbase synonyms
    rank.py              BM25 (bm25s) ranking of clauses against topics described by what is known
    propose.py           the proposals' JSON (python -m policykit propose-comparison)
    responsibilities.py  bodies named and the roles their clauses license (the checker's rules)
    accept.py            accepted proposals written into docs/data/*.yml, checked, or nothing written

Measured by python -m policykit bench-compare (policykit/bench/compare.py).
"""
