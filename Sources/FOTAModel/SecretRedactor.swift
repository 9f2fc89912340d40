import Synchronization

/// Every secret the job holds, those it was given and those it obtained, and the one place text
/// is scrubbed of them: messages, log lines and error descriptions all pass through ``redact(_:)``.
///
/// Each secret is also known in the forms it travels in (JSON-escaped, percent-encoded); a caller
/// that sends a secret in another form (Base64 in a `Basic` header) adds that form too. Secrets
/// shorter than ``minimumLength`` characters are not scrubbed: they would garble every message.
public final class SecretRedactor: Sendable {
  /// What a secret is replaced with.
  public static let mask = "[redacted]"
  /// The shortest secret scrubbed.
  public static let minimumLength = 4

  private let secrets = Mutex<[String]>([])

  /// Creates a redactor knowing `secrets`.
  public init(_ secrets: [String] = []) {
    for secret in secrets { add(secret) }
  }

  /// Adds a secret, in every form it may travel in.
  public func add(_ secret: String) {
    guard secret.count >= Self.minimumLength else { return }
    let forms = [
      secret, Self.jsonEscaped(secret, slash: false), Self.jsonEscaped(secret, slash: true),
      Self.percentEncoded(secret),
    ]
    secrets.withLock { known in
      for form in forms where !known.contains(form) { known.append(form) }
      // Longer forms first, so a secret inside another is never half-replaced.
      known.sort { $0.count > $1.count }
    }
  }

  /// The text with every known secret replaced by ``mask``.
  public func redact(_ text: String) -> String {
    secrets.withLock { known in
      known.reduce(text) { $0.replacing($1, with: Self.mask) }
    }
  }

  /// True when the text holds no known secret.
  public func isClean(_ text: String) -> Bool {
    secrets.withLock { known in !known.contains { text.contains($0) } }
  }

  private static func jsonEscaped(_ text: String, slash: Bool) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "/" where slash: out += "\\/"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  private static func percentEncoded(_ text: String) -> String {
    var out = ""
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
        UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
        UInt8(ascii: "~"):
        out.unicodeScalars.append(Unicode.Scalar(byte))
      default:
        let hex = String(byte, radix: 16, uppercase: true)
        out += "%" + (hex.count == 1 ? "0" : "") + hex
      }
    }
    return out
  }
}
