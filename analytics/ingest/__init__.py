"""Reading task registers: files to sheets, sheets to a table layout, rows to validated records."""
