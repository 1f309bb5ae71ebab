"""The Open Group ArchiMate 3.1 Model Exchange File Format: write (write.py), lay out views (layout.py),
validate against the bundled XSDs offline (validate.py). The mapping is data: metamodel/archimate.py."""
