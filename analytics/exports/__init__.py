"""Files users download: tables (XLSX/CSV), and documents (PDF, PPTX, XLSX) laid out from analytics.document."""

from analytics.exports.tables import neutralise_csv_cell, table_csv, table_xlsx

__all__ = ["neutralise_csv_cell", "table_csv", "table_xlsx"]
