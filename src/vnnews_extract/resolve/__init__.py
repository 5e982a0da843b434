"""Value parsers shared by the extractors: Vietnamese numbers, Roman numerals, date values."""
