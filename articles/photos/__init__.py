"""The private side of photos: where originals are kept, what is taken out of an upload before
it is stored, and when an original's file goes.

Readers only ever get renditions (``articles.images``); originals live in their own storage with
no public address (``storage``) and carry nothing but their pixels, orientation and colour
profile (``metadata``).
"""
