"""TFDS dataset builders that prepare Keras Clinic's datasets from local copies.

Importing a module here imports TensorFlow Datasets; import them only where data is
prepared or read (``autograder.datasets.preparation`` and ``loading``).
"""
