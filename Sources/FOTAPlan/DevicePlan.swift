/// One device's plan: its status and, when a path exists, the path.
public struct DevicePlan: Sendable, Hashable {
  public var status: PlanStatus
  public var path: FirmwarePath?

  public init(status: PlanStatus, path: FirmwarePath?) {
    self.status = status
    self.path = path
  }
}
