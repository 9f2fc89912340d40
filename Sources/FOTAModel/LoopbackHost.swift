/// This machine's own addresses, the one place credentials may travel without TLS.
public enum LoopbackHost {
  /// True for `localhost`, 127.0.0.0/8 written as four numbers, and `::1` (bracketed or not).
  public static func contains(_ host: String) -> Bool {
    var bare = Substring(host.lowercased())
    if bare.hasPrefix("["), bare.hasSuffix("]") { bare = bare.dropFirst().dropLast() }
    if bare == "localhost" || bare == "::1" { return true }
    let octets = bare.split(separator: ".", omittingEmptySubsequences: false)
    return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
  }
}
