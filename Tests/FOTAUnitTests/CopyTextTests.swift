import Testing

@testable import FOTAHistory

/// The text rows the PostgreSQL history sends by `COPY`: what PostgreSQL reads back must be the
/// value sent, whatever a device string holds.
@Suite("COPY text rows")
struct CopyTextTests {
  static func row(_ values: [HistoryValue]) -> String {
    var text: [UInt8] = []
    CopyText.append(values, to: &text)
    return String(decoding: text, as: UTF8.self)
  }

  @Test("columns by tabs, a row by a newline, NULL as \\N")
  func layout() {
    #expect(Self.row([.text("a"), .integer(-42), .null, .real(0.5)]) == "a\t-42\t\\N\t0.5\n")
  }

  @Test("a backslash, tab, newline or carriage return in a value is escaped; the rest is as it is")
  func escaping() {
    #expect(
      Self.row([.text("C:\\fw\tv1\nline\r=1+2 \"q\" 'x' Füh")])
        == "C:\\\\fw\\tv1\\nline\\r=1+2 \"q\" 'x' Füh\n")
    #expect(Self.row([.text("\\N")]) == "\\\\N\n", "a value spelled \\N is not NULL")
  }

  @Test("bytes as bytea's hex input; real numbers PostgreSQL can read")
  func bytesAndReals() {
    #expect(Self.row([.blob([0x00, 0xAB, 0x7F])]) == "\\\\x00ab7f\n")
    #expect(Self.row([.real(.infinity), .real(-.infinity), .real(.nan)]) == "Infinity\t-Infinity\tNaN\n")
  }
}
