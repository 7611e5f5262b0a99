//! Loading a dataset: the embedded asset, files, parsing and validation.
