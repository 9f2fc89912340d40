import Foundation

/// The encodings a MIME message needs: quoted-printable, base64 lines and RFC 2047 words.
public enum MIMEEncoding {
  /// UTF-8 text as quoted-printable (RFC 2045): lines of at most 76 characters, CRLF line ends.
  public static func quotedPrintable(_ text: String) -> String {
    var out = ""
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      var current = ""
      let bytes = Array(line.utf8)
      for (position, byte) in bytes.enumerated() {
        let isLast = position == bytes.count - 1
        let encoded: String
        if (byte == 0x20 || byte == 0x09) && isLast {
          encoded = hex(byte)
        } else if (byte >= 33 && byte <= 126 && byte != 61) || byte == 0x20 || byte == 0x09 {
          encoded = String(UnicodeScalar(byte))
        } else {
          encoded = hex(byte)
        }
        if current.count + encoded.count > 75 {
          out += current + "=\r\n"
          current = ""
        }
        current += encoded
      }
      out += current
      if index < lines.count - 1 { out += "\r\n" }
    }
    return out
  }

  /// Bytes as base64 in lines of 76 characters, CRLF line ends.
  public static func base64Lines(_ data: Data) -> String {
    let encoded = data.base64EncodedString()
    var lines: [Substring] = []
    var start = encoded.startIndex
    while start < encoded.endIndex {
      let end = encoded.index(start, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
      lines.append(encoded[start..<end])
      start = end
    }
    return lines.joined(separator: "\r\n")
  }

  /// A header value: as it is when printable ASCII, otherwise as RFC 2047 `=?UTF-8?B?…?=` words
  /// of at most 75 characters, folded onto continuation lines.
  public static func headerValue(_ text: String) -> String {
    if text.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value < 0x7F }) { return text }
    var words: [String] = []
    var chunk = ""
    for character in text {
      let candidate = chunk + String(character)
      // 12 characters of "=?UTF-8?B?" and "?=" leave 63 for base64, 45 bytes of text.
      if candidate.utf8.count > 45 {
        words.append(word(chunk))
        chunk = String(character)
      } else {
        chunk = candidate
      }
    }
    if !chunk.isEmpty { words.append(word(chunk)) }
    return words.joined(separator: "\r\n ")
  }

  private static func word(_ text: String) -> String {
    "=?UTF-8?B?" + Data(text.utf8).base64EncodedString() + "?="
  }

  private static func hex(_ byte: UInt8) -> String {
    let digits = String(byte, radix: 16, uppercase: true)
    return "=" + (digits.count == 1 ? "0" : "") + digits
  }
}
