import FOTARender
import Testing

@Suite("plain-text tables")
struct TextTableTests {
  @Test("columns line up by display width: a wide CJK character takes two columns")
  func displayWidth() {
    #expect(DisplayWidth.of("東京") == 4)
    #expect(DisplayWidth.of("Fühler") == 6)
    #expect(DisplayWidth.of("e\u{301}") == 1)
    #expect(DisplayWidth.of("ＡＢ") == 4)
    let lines = TextTable.lines(
      header: ["Model", "Devices", "Capable %"],
      rows: [["Fühler 3000 — 東京", "1,204", "71.2"], ["Model-A", "7", "100.0"], ["ＡＢＣ", "12", "-"]],
      rightAlignNumbers: true)
    #expect(
      lines == [
        "Model               Devices  Capable %",
        "Fühler 3000 — 東京    1,204       71.2",
        "Model-A                   7      100.0",
        "ＡＢＣ                   12  -",
      ])
  }

  @Test("numbers are right-aligned, text left-aligned")
  func alignment() {
    let lines = TextTable.lines(
      header: ["Name", "Change"], rows: [["a", "+1.3"], ["b", "1,204 (12.3%)"], ["c", "v1.2"]],
      rightAlignNumbers: true)
    #expect(lines == ["Name  Change", "a              +1.3", "b     1,204 (12.3%)", "c     v1.2"])
  }
}
