import FOTACollect
import FOTAJob
import FOTAModel
import FOTARender
import FOTATestSupport
import FOTAXML
import Foundation
import Testing

@Suite("XML output")
struct XMLOutputTests {
  static var schema: String { RepositoryPaths.templates.appendingPathComponent("report.xsd").path }

  @Test("report.xml conforms to the shipped XSD, with and without devices", arguments: [false, true])
  func conforms(devices: Bool) async throws {
    let fixture = try JobFixture()
    defer { fixture.remove() }
    var configuration = fixture.configuration(.demo(seed: 42, devices: 2_000))
    configuration.formats = [.xml, .csv]
    configuration.xmlDevices = devices
    let outcome = try await fixture.run(configuration)
    let path = fixture.output.appendingPathComponent("report.xml").path
    #expect(try XMLSchemaValidator(schemaPath: Self.schema).errors(inFileAt: path) == [])

    let xml = try fixture.text("report.xml")
    #expect(xml.contains("<device ") == devices)
    #expect(
      xml.components(separatedBy: "<device ").count - 1 == (devices ? outcome.summary.totals.devices : 0))
    #expect(xml.contains("make=\"ACME &lt;Labs&gt; &amp; &quot;Sons&quot;\""))
    // A control character in a firmware name is replaced, never written raw.
    #expect(!xml.contains("\u{07}"))
    #expect(xml.contains("bell\u{FFFD}ctrl&lt;/script&gt;"))
    // Phone numbers never reach the XML.
    let mdns = try CSVFile.read(fixture.text("devices.csv")).rows.map { $0[1] }
      .filter { !$0.isEmpty }
    #expect(!mdns.isEmpty)
    #expect(Set(mdns).isDisjoint(with: CSVFile.digitRuns(in: xml)))
  }

  @Test("the validator rejects a document that breaks the schema")
  func rejectsInvalid() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("bad.xml").path
    try Data(
      "<fotaReport xmlns=\"urn:fota-report:report:1\" formatVersion=\"1\"><totals devices=\"-1\"/></fotaReport>"
        .utf8
    ).write(to: URL(fileURLWithPath: path))
    let errors = try XMLSchemaValidator(schemaPath: Self.schema).errors(inFileAt: path)
    #expect(!errors.isEmpty)
    #expect(throws: XMLError.self) { try XMLSchemaValidator(schemaPath: Self.schema).validate(fileAt: path) }
  }

  @Test("the writer escapes and sanitises what it is given")
  func writer() throws {
    let directory = try TemporaryDirectory()
    defer { directory.remove() }
    let path = directory.path("w.xml").path
    let writer = try XMLStreamWriter(path: path)
    try writer.startDocument()
    try writer.startElement("root")
    try writer.attribute("a", "x\"<&>\u{01}\ny")
    try writer.text("t<&>\u{1F}")
    try writer.endDocument()
    let text = try String(contentsOfFile: path, encoding: .utf8)
    #expect(text.contains("a=\"x&quot;&lt;&amp;&gt;\u{FFFD}&#10;y\""))
    #expect(text.contains("t&lt;&amp;&gt;\u{FFFD}"))
  }
}
