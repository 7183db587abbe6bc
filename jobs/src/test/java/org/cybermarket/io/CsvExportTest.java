package org.cybermarket.io;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** CSV exports never hand a spreadsheet a formula (OWASP CSV injection). */
class CsvExportTest {
    @Test
    void cellsThatLookLikeFormulasAreNeutralised() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", CsvExport.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'+1+1\"", CsvExport.cell("+1+1"));
        assertEquals("\"'-2+3\"", CsvExport.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", CsvExport.cell("@SUM(A1)"));
        assertEquals("\"'\tx\"", CsvExport.cell("\tx"));
        assertEquals("Cybersecurity", CsvExport.cell("Cybersecurity"));
        assertEquals("\"Acme, Inc.\"", CsvExport.cell("Acme, Inc."));
    }
}
