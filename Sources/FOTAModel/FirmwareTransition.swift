/// Devices of one model that moved from one firmware to another between two runs.
public struct FirmwareTransition: Sendable, Hashable, Comparable {
  public var model: ModelKey
  public var from: String
  public var to: String

  /// Creates a transition.
  public init(model: ModelKey, from: String, to: String) {
    self.model = model
    self.from = from
    self.to = to
  }

  public static func < (lhs: Self, rhs: Self) -> Bool {
    (lhs.model, lhs.from, lhs.to) < (rhs.model, rhs.from, rhs.to)
  }
}
