import FOTARender
import Testing

@Suite("CSV cells")
struct CSVRowTests {
  @Test(
    "cells are RFC 4180 and never start a formula",
    arguments: [
      ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
      ("two\nlines", "\"two\nlines\""), ("=1+1", "'=1+1"), ("+1", "'+1"), ("-rc2", "'-rc2"),
      ("@latest", "'@latest"), ("\tTab", "'\tTab"), ("\r\nCR", "\"'\r\nCR\""),
      ("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\""), ("Ünïcødé", "Ünïcødé"), ("", ""),
      (" =1+1", "' =1+1"), ("  @SUM(A1)", "'  @SUM(A1)"), ("\n=cmd", "\"'\n=cmd\""), ("＝1+1", "'＝1+1"),
      ("＋1", "'＋1"), ("－1", "'－1"), ("＠x", "'＠x"), (" ＝x", "' ＝x"), ("-3", "-3"), ("-3.5", "-3.5"),
      ("- 3", "'- 3"), ("-", "'-"), ("--3", "'--3"), ("-3.", "'-3."), ("-3.5.1", "'-3.5.1"), ("a=b", "a=b"),
    ])
  func cells(raw: String, encoded: String) {
    #expect(CSVRow.encodeCell(raw) == encoded)
  }
}
