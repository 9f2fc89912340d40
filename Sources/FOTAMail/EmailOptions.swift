/// Who the summary is from and for, and what it may carry.
public struct EmailOptions: Sendable, Equatable {
  public var from: MailAddress
  public var to: [MailAddress]
  /// Attach device-level files (with IMEIs); off unless asked for.
  public var attachDevices: Bool

  public init(from: MailAddress, to: [MailAddress], attachDevices: Bool = false) {
    self.from = from
    self.to = to
    self.attachDevices = attachDevices
  }
}
