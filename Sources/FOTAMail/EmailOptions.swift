/// Who the summary is from and for, and what it may carry.
public struct EmailOptions: Sendable, Equatable {
  public var from: MailAddress
  public var to: [MailAddress]
  /// Attach device-level files (with IMEIs); off unless asked for.
  public var attachDevices: Bool
  /// Where readers open the published report (`--report-url`); `nil`: the summary says where it
  /// is on the host.
  public var reportURL: String?
  /// Percentage points the FOTA-capable share may fall since the last night before the summary
  /// opens with an alert (`--alert-drop`).
  public var alertDropPoints: Double

  public init(
    from: MailAddress, to: [MailAddress], attachDevices: Bool = false, reportURL: String? = nil,
    alertDropPoints: Double = 2
  ) {
    self.from = from
    self.to = to
    self.attachDevices = attachDevices
    self.reportURL = reportURL
    self.alertDropPoints = alertDropPoints
  }
}
