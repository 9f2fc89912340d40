import CLibXML2

/// Streams an XML document to a file through libxml2's `xmlTextWriter`, which does all escaping.
///
/// Owns its writer and frees it on deinit. Text that XML 1.0 cannot carry (control characters)
/// is replaced by U+FFFD, so hostile device strings never make the document ill-formed.
public final class XMLStreamWriter {
  private var writer: xmlTextWriterPtr?
  private let path: String

  /// Opens `path` for writing, indented by two spaces.
  public init(path: String) throws(XMLError) {
    xmlInitParser()
    guard let writer = xmlNewTextWriterFilename(path, 0) else { throw .cannotOpen(path: path) }
    self.writer = writer
    self.path = path
    xmlTextWriterSetIndent(writer, 1)
    _ = "  ".withCString { xmlTextWriterSetIndentString(writer, Self.xml($0)) }
  }

  deinit {
    if let writer { xmlFreeTextWriter(writer) }
  }

  /// Writes the XML declaration.
  public func startDocument() throws(XMLError) {
    let writer = try open("start the document")
    try check(xmlTextWriterStartDocument(writer, "1.0", "UTF-8", nil), "start the document")
  }

  /// Opens an element.
  public func startElement(_ name: String) throws(XMLError) {
    let writer = try open("start element \(name)")
    let result = name.withCString { xmlTextWriterStartElement(writer, Self.xml($0)) }
    try check(result, "start element \(name)")
  }

  /// Writes an attribute of the open element.
  public func attribute(_ name: String, _ value: String) throws(XMLError) {
    let writer = try open("write attribute \(name)")
    let clean = Self.sanitised(value)
    let result = name.withCString { namePointer in
      clean.withCString { xmlTextWriterWriteAttribute(writer, Self.xml(namePointer), Self.xml($0)) }
    }
    try check(result, "write attribute \(name)")
  }

  /// Writes text content.
  public func text(_ value: String) throws(XMLError) {
    let writer = try open("write text")
    let clean = Self.sanitised(value)
    try check(clean.withCString { xmlTextWriterWriteString(writer, Self.xml($0)) }, "write text")
  }

  /// Writes bytes as they are: well-formed XML made by another writer (a fragment).
  public func raw(_ bytes: UnsafeRawBufferPointer) throws(XMLError) {
    let writer = try open("write raw XML")
    guard let base = bytes.baseAddress, bytes.count > 0 else { return }
    let result = xmlTextWriterWriteRawLen(
      writer, base.assumingMemoryBound(to: xmlChar.self), Int32(clamping: bytes.count))
    try check(result, "write raw XML")
  }

  /// Closes the innermost open element.
  public func endElement() throws(XMLError) {
    try check(xmlTextWriterEndElement(try open("end an element")), "end an element")
  }

  /// Writes `<name attr="…"/>` in one call.
  public func emptyElement(_ name: String, _ attributes: KeyValuePairs<String, String>)
    throws(XMLError)
  {
    try startElement(name)
    for (key, value) in attributes { try attribute(key, value) }
    try endElement()
  }

  /// Closes every open element, then the file; the writer cannot be used afterwards.
  public func endDocument() throws(XMLError) {
    guard let writer else { return }
    let ended = xmlTextWriterEndDocument(writer)
    // Freeing the writer closes its output buffer, which writes the last bytes to disk.
    xmlFreeTextWriter(writer)
    self.writer = nil
    try check(ended, "end the document")
  }

  private func open(_ operation: String) throws(XMLError) -> xmlTextWriterPtr {
    guard let writer else { throw .writeFailed(operation: operation + " after the end", path: path) }
    return writer
  }

  private func check(_ result: Int32, _ operation: String) throws(XMLError) {
    if result < 0 { throw .writeFailed(operation: operation, path: path) }
  }

  private static func xml(_ pointer: UnsafePointer<CChar>) -> UnsafePointer<xmlChar> {
    UnsafeRawPointer(pointer).assumingMemoryBound(to: xmlChar.self)
  }

  /// The string with every character XML 1.0 forbids replaced by U+FFFD.
  public static func sanitised(_ value: String) -> String {
    guard value.unicodeScalars.contains(where: { !isAllowed($0) }) else { return value }
    var clean = String.UnicodeScalarView()
    for scalar in value.unicodeScalars {
      clean.append(isAllowed(scalar) ? scalar : "\u{FFFD}")
    }
    return String(clean)
  }

  private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
    default: false
    }
  }
}
