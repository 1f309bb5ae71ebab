"""The ground every concept stands on: errors, the message catalogue, settings, paths, YAML, time."""
