import CLibXML2

/// Validates XML files against an XSD with libxml2, collecting every error message.
///
/// Owns the parsed schema and frees it on deinit.
public final class XMLSchemaValidator {
  private let schema: xmlSchemaPtr
  private let schemaPath: String

  /// Loads and compiles the schema at `path`.
  public init(schemaPath path: String) throws(XMLError) {
    xmlInitParser()
    fota_silenceGenericErrors()
    guard let parserContext = xmlSchemaNewParserCtxt(path) else {
      throw .invalidSchema(path: path, message: "cannot read it")
    }
    defer { xmlSchemaFreeParserCtxt(parserContext) }
    let collector = ErrorCollector()
    let box = Unmanaged.passUnretained(collector).toOpaque()
    xmlSchemaSetParserStructuredErrors(parserContext, collectError, box)
    guard let schema = xmlSchemaParse(parserContext) else {
      throw .invalidSchema(path: path, message: collector.messages.first ?? "cannot parse it")
    }
    self.schema = schema
    self.schemaPath = path
  }

  deinit {
    xmlSchemaFree(schema)
  }

  /// The validation errors of the file at `path`; empty when it conforms.
  public func errors(inFileAt path: String) -> [String] {
    guard let context = xmlSchemaNewValidCtxt(schema) else { return ["cannot create a validator"] }
    defer { xmlSchemaFreeValidCtxt(context) }
    let collector = ErrorCollector()
    xmlSchemaSetValidStructuredErrors(
      context, collectError, Unmanaged.passUnretained(collector).toOpaque())
    let result = xmlSchemaValidateFile(context, path, 0)
    if result != 0 && collector.messages.isEmpty {
      return ["libxml2 could not validate the file (code \(result))"]
    }
    return collector.messages
  }

  /// Throws unless the file at `path` conforms.
  public func validate(fileAt path: String) throws(XMLError) {
    let errors = errors(inFileAt: path)
    if !errors.isEmpty { throw .invalidDocument(path: path, errors: errors) }
  }
}

/// Receives libxml2's structured errors.
private final class ErrorCollector {
  var messages: [String] = []
}

private func collectError(_ context: UnsafeMutableRawPointer?, _ error: xmlErrorPtr?) {
  guard let context, let error else { return }
  let collector = Unmanaged<ErrorCollector>.fromOpaque(context).takeUnretainedValue()
  var message = error.pointee.message.map { String(cString: $0) } ?? "unknown error"
  while message.last?.isNewline == true { message.removeLast() }
  collector.messages.append("line \(error.pointee.line): \(message)")
}
