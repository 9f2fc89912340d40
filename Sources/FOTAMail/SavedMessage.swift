import Foundation

/// A `summary.eml` read back from a report folder, with its envelope, for `email --resend`.
public struct SavedMessage: Sendable {
  public var text: String
  public var from: MailAddress
  public var to: [MailAddress]

  /// Reads `summary.eml` in `folder` and its `From` and `To` headers.
  public init(folder: URL) throws(MailError) {
    let url = folder.appendingPathComponent(SummaryMailComposer.fileName)
    guard let data = try? Data(contentsOf: url) else { throw .noMessage(path: folder.path) }
    text = String(decoding: data, as: UTF8.self)
    var headers: [String: String] = [:]
    var current: String?
    for line in text.components(separatedBy: "\r\n") {
      if line.isEmpty { break }
      if line.first == " " || line.first == "\t", let name = current {
        headers[name, default: ""] += line.trimmingCharacters(in: .whitespaces)
      } else if let colon = line.firstIndex(of: ":") {
        let name = line[..<colon].lowercased()
        headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        current = name
      }
    }
    guard let fromHeader = headers["from"], let toHeader = headers["to"] else {
      throw .noMessage(path: url.path)
    }
    from = try MailAddress(fromHeader)
    var recipients: [MailAddress] = []
    for address in toHeader.split(separator: ",") { recipients.append(try MailAddress(String(address))) }
    to = recipients
  }
}
