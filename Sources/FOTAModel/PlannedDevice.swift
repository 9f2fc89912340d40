/// A device and its plan, as the per-device outputs read them: each device is planned once, while
/// it is collected, and its plan travels with it.
public struct PlannedDevice: Sendable {
  public var device: Device
  /// `nil` when planning was off or its data missing.
  public var plan: DevicePlan?

  public init(device: Device, plan: DevicePlan?) {
    self.device = device
    self.plan = plan
  }
}
