"""Search: one box in the header finds, by the words of their texts, the documents, focus areas,
measures, promises and citizen dialogues the user may read (see query.py)."""
