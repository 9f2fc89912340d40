"""Reads YAML files with PyYAML, an independent reader, and prints their documents as JSON.

Usage: python3 read_yaml.py FILE...

Prints one JSON array: every document of every file, in order.
"""
import json
import sys

import yaml


def main(paths):
    documents = []
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            documents.extend(document for document in yaml.safe_load_all(handle) if document is not None)
    json.dump(documents, sys.stdout)


if __name__ == "__main__":
    main(sys.argv[1:])
