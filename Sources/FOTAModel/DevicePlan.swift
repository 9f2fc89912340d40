/// One device's plan: its status and, when a path exists, the path.
public struct DevicePlan: Sendable, Hashable {
  public var status: PlanStatus
  public var path: FirmwarePath?
  /// Where `path` stands in the planner's table of paths, which the spool stores instead of it.
  public var pathIndex: Int?

  public init(status: PlanStatus, path: FirmwarePath?, pathIndex: Int? = nil) {
    self.status = status
    self.path = path
    self.pathIndex = pathIndex
  }
}
