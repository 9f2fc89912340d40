/// The one definition of a duration as a plain number.
extension Duration {
  /// Whole milliseconds, truncated.
  public var milliseconds: Int64 {
    let (seconds, attoseconds) = components
    return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
  }

  /// Seconds as a floating-point number.
  public var seconds: Double {
    let (seconds, attoseconds) = components
    return Double(seconds) + Double(attoseconds) / 1e18
  }

  /// The duration as a person reads it in a message: whole seconds (`"4 s"`), else tenths
  /// (`"0.5 s"`), minutes past two minutes (`"90 min"`), hours past two hours (`"6 h"`).
  public var spoken: String {
    let milliseconds = self.milliseconds
    if milliseconds >= 7_200_000, milliseconds % 3_600_000 == 0 { return "\(milliseconds / 3_600_000) h" }
    if milliseconds >= 120_000, milliseconds % 60_000 == 0 { return "\(milliseconds / 60_000) min" }
    if milliseconds % 1_000 == 0 { return "\(milliseconds / 1_000) s" }
    let tenths = (milliseconds + 50) / 100
    return "\(tenths / 10).\(tenths % 10) s"
  }
}
